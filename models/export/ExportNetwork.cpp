#include "models/export/ExportNetwork.h"

#include "models/GraphCompiler.h"
#include "sim/DenseProjection.h"
#include "sim/OneToOneProjection.h"
#include "sim/SparseProjection.h"

#include <algorithm>

namespace ss::models::exporting {

namespace {

const NodeSpec& specOf(const ExportNetwork& net, const Node& node)
{
    const NodeSpec* spec = findSpec(*net.specs, node.type);
    if (!spec) throw BuildError(node.id, "type", "node '" + node.id + "' has the unknown type '" + node.type + "'");
    return *spec;
}

std::string populationId(const CompiledNetwork& compiled, const sim::Population& pop)
{
    for (const auto& [id, p] : compiled.populations)
        if (p == &pop) return id;
    return pop.name();
}

// The node on the other side of the first wire at a port, empty when nothing is wired.
std::string wiredNode(const GraphCompiler& compiler, const Node& node, const PortSpec& port)
{
    const auto wires = port.direction == Direction::In ? compiler.wiresInto(node.id, port.name)
                                                       : compiler.wiresFrom(node.id, port.name);
    if (wires.empty()) return {};
    return port.direction == Direction::In ? wires.front()->from.node : wires.front()->to.node;
}

// Every synapse of a projection as (pre, post, weight in document units).
void collectSynapses(const Node& node, bool autapses, const std::string& target, sim::Projection& proj,
                     ExportProjection& out)
{
    const double unit = proj.post().synapticUnit();
    auto add = [&](sim::Index i, sim::Index j, double w) {
        out.i.push_back(static_cast<std::int32_t>(i));
        out.j.push_back(static_cast<std::int32_t>(j));
        out.w.push_back(w / unit);
    };
    if (auto* sparse = dynamic_cast<sim::SparseProjection*>(&proj)) {
        for (sim::Index i = 0; i < proj.pre().size(); ++i)
            for (std::uint64_t s = sparse->rowBegin(i); s < sparse->rowBegin(i + 1); ++s)
                add(i, static_cast<sim::Index>(sparse->targetOf(s)), sparse->weightOf(s));
    } else if (auto* dense = dynamic_cast<sim::DenseProjection*>(&proj)) {
        // Without autapses a layer wired onto itself has no synapse from a neuron to itself.
        const bool noSelf = &proj.pre() == &proj.post() && !autapses;
        for (sim::Index i = 0; i < proj.pre().size(); ++i)
            for (sim::Index j = 0; j < proj.post().size(); ++j)
                if (!(noSelf && i == j)) add(i, j, dense->weights()(j, i));
    } else if (auto* one = dynamic_cast<sim::OneToOneProjection*>(&proj)) {
        for (sim::Index i = 0; i < proj.pre().size(); ++i) add(i, i, one->weights()[static_cast<std::size_t>(i)]);
    } else {
        refuse(node, "type", target,
               "its synapses share kernels or relay whole windows (convolution, pooling, lateral inhibition), which "
               "the exported scripts do not express; use dense, sparse or one-to-one synapses");
    }
}

} // namespace

void refuse(const Node& node, const std::string& field, const std::string& target, const std::string& why)
{
    throw BuildError(node.id, field,
                     "cannot export node '" + node.id + "' (" + node.type + ") to " + target + ": " + why);
}

ParamReader ExportNetwork::params(const Node& node) const { return ParamReader(node, specOf(*this, node)); }

const ExportPopulation& ExportNetwork::population(const std::string& id) const
{
    for (const auto& p : populations)
        if (p.node->id == id) return p;
    throw BuildError(id, "", "no population '" + id + "' in the exported network");
}

const ExportProjection& ExportNetwork::projection(const std::string& id) const
{
    for (const auto& p : projections)
        if (p.node->id == id) return p;
    throw BuildError(id, "", "no synapses '" + id + "' in the exported network");
}

std::vector<const ExportStimulus*> ExportNetwork::stimuliInto(const std::string& id) const
{
    std::vector<const ExportStimulus*> out;
    for (const auto& s : stimuli)
        if (std::find(s.targets.begin(), s.targets.end(), id) != s.targets.end()) out.push_back(&s);
    return out;
}

const ExportRule* ExportNetwork::ruleOf(const std::string& id) const
{
    for (const auto& r : rules)
        if (r.projection == id) return &r;
    return nullptr;
}

ExportNetwork collect(const Graph& graph, const std::vector<NodeSpec>& specs, const std::string& title,
                      const std::string& target)
{
    ExportNetwork net;
    net.specs = &specs;
    net.title = title;
    net.dtMs = graph.experiment.dt * 1e3;
    net.durationMs = graph.experiment.duration * 1e3;
    net.seed = graph.experiment.seed;
    if (graph.experiment.protocol)
        throw BuildError("", "experiment.protocol",
                         "cannot export to " + target + ": the training protocol (presenting data-set samples, " +
                             "labelling, testing) has no counterpart in a plain script; export a document without one");

    GraphCompiler compiler(graph, specs);
    CompiledNetwork compiled = compiler.compile();
    for (const Node& node : graph.nodes) {
        const NodeSpec& spec = specOf(net, node);
        const ParamReader p(node, spec);
        // Every data set (IDX files, image folders, generated images): the samples reach the network through
        // encoders under SpikeStudio's control.
        if (compiled.sources.count(node.id))
            refuse(node, "type", target,
                   "data-set sources feed samples through encoders under SpikeStudio's control, which a standalone "
                   "script does not reproduce");
        if (compiled.populations.count(node.id)) {
            sim::Population& pop = *compiled.populations.at(node.id);
            if (spec.param("k_wta") && p.integer("k_wta") != 0)
                refuse(node, "k_wta", target, "winners-take-all (k_wta > 0) has no counterpart; set k_wta to 0");
            net.populations.push_back({&node, pop.size(), pop.synapticUnit()});
        } else if (compiled.projections.count(node.id)) {
            sim::Projection& proj = *compiled.projections.at(node.id);
            ExportProjection e;
            e.node = &node;
            e.pre = populationId(compiled, proj.pre());
            e.post = populationId(compiled, proj.post());
            e.inhibitory = proj.channel() == sim::Channel::Inhibitory;
            e.delaySteps = proj.delaySteps();
            collectSynapses(node, spec.param("autapses") && p.flag("autapses"), target, proj, e);
            net.projections.push_back(std::move(e));
        } else if (spec.category == Category::LearningRule) {
            const PortSpec& port = *spec.port("rule");
            net.rules.push_back({&node, wiredNode(compiler, node, port)});
        } else if (spec.category == Category::Source && spec.port("current")) {
            ExportStimulus s{&node, {}};
            for (const Wire* w : compiler.wiresFrom(node.id, "current")) s.targets.push_back(w->to.node);
            net.stimuli.push_back(std::move(s));
        } else if (spec.category == Category::Monitor) {
            net.monitors.push_back({&node, wiredNode(compiler, node, spec.ports.front())});
        } else if (spec.category == Category::Readout) {
            refuse(node, "type", target, "readouts vote over samples of a training protocol, which scripts do not run");
        }
    }
    for (const auto& r : net.rules) {
        int multipleRules = 0;
        for (const auto& other : net.rules) multipleRules += other.projection == r.projection ? 1 : 0;
        if (multipleRules > 1)
            refuse(*r.node, "rule", target, "synapses '" + r.projection + "' learn with more than one rule");
    }
    return net;
}

} // namespace ss::models::exporting
