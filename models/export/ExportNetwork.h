#pragma once
// What the script writers see of a document: its populations, synapses, learning rules, current
// stimuli and monitors, with parameters in the document's display units (ms, mV, nA, Hz), and every
// synapse that SpikeStudio drew from the document's seed. The document is compiled to get them, so an
// exported script simulates the very synapses and weights that SpikeStudio simulates.
//
// Timing: SpikeStudio delivers a spike d >= 1 steps after it fires (a delay of one step acts at the
// next integration). Brian2 applies on_pre in the step of the spike, before the next integration, so
// its delay is (d - 1) dt; NEST and PyNN count the minimal delay of one step like SpikeStudio, d dt.
#include "models/BuildContext.h"
#include "models/Graph.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ss::models::exporting {

struct ExportPopulation {
    const Node* node = nullptr;
    sim::Index size = 0;
    double synapticUnit = 1e-3; // SI value of one document weight unit (mV or relative conductance)
};

struct ExportProjection {
    const Node* node = nullptr;
    std::string pre, post; // population node ids
    bool inhibitory = false;
    int delaySteps = 1;
    std::vector<std::int32_t> i, j; // pre and post neuron of every synapse
    std::vector<double> w;          // weights in the document's unit
};

struct ExportRule {
    const Node* node = nullptr;
    std::string projection; // synapse node id
};

struct ExportStimulus {
    const Node* node = nullptr;
    std::vector<std::string> targets; // population node ids
};

struct ExportMonitor {
    const Node* node = nullptr;
    std::string target; // population node id (spikes, state) or synapse node id (weights)
};

struct ExportNetwork {
    std::string title;
    double dtMs = 0.1;
    double durationMs = 1000.0;
    std::uint64_t seed = 1;
    std::vector<ExportPopulation> populations;
    std::vector<ExportProjection> projections;
    std::vector<ExportRule> rules;
    std::vector<ExportStimulus> stimuli;
    std::vector<ExportMonitor> monitors;

    const std::vector<NodeSpec>* specs = nullptr;

    // A node's parameters, falling back to the declared defaults.
    ParamReader params(const Node& node) const;
    const ExportPopulation& population(const std::string& id) const;
    const ExportProjection& projection(const std::string& id) const;
    // Stimuli that inject current into population `id`.
    std::vector<const ExportStimulus*> stimuliInto(const std::string& id) const;
    // The rule learning on synapse node `id`, nullptr when the synapses are static.
    const ExportRule* ruleOf(const std::string& id) const;
};

// Compiles `graph` with the document's seed and collects what the writers need. Throws BuildError
// (node, field, message) when the document does not compile, or names a node that no script can
// express: data-set sources, training protocols, winners-take-all layers. `target` ("Brian2", "PyNN")
// appears in the messages.
ExportNetwork collect(const Graph& graph, const std::vector<NodeSpec>& specs, const std::string& title,
                      const std::string& target);

// Refusal of a node the target cannot express, naming the node, its type and the reason.
[[noreturn]] void refuse(const Node& node, const std::string& field, const std::string& target, const std::string& why);

} // namespace ss::models::exporting
