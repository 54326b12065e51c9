#include "app/LiveEdit.h"

#include "models/Catalogue.h"
#include "models/GraphCompiler.h"

namespace ss::app {

namespace {

bool sameProtocol(const std::optional<models::ExperimentProtocol>& a, const std::optional<models::ExperimentProtocol>& b)
{
    if (!a || !b) return !a && !b;
    const models::ProtocolSettings &s = a->settings, &t = b->settings;
    return a->trainSource == b->trainSource && a->testSource == b->testSource && a->readoutLayer == b->readoutLayer &&
           s.present == t.present && s.rest == t.rest && s.resetBetween == t.resetBetween && s.epochs == t.epochs &&
           s.trainCount == t.trainCount && s.labelCount == t.labelCount && s.testCount == t.testCount &&
           s.minSpikes == t.minSpikes && s.intensityStep == t.intensityStep && s.maxRepeats == t.maxRepeats;
}

// The keys whose values differ, "a, b" (a key set on one side only counts).
std::string changedKeys(const models::Node& a, const models::Node& b)
{
    std::string out;
    auto add = [&](const std::string& key) { out += (out.empty() ? "" : ", ") + key; };
    for (const auto& [key, value] : a.params) {
        const auto it = b.params.find(key);
        if (it == b.params.end() || !(it->second == value)) add(key);
    }
    for (const auto& [key, value] : b.params)
        if (!a.params.count(key)) add(key);
    return out;
}

} // namespace

LiveEdit classifyEdit(const models::Graph& running, const models::Graph& edited, const models::CompiledNetwork& loaded)
{
    LiveEdit out;
    const models::Experiment &x = running.experiment, &y = edited.experiment;
    if (x.dt != y.dt || x.duration != y.duration || x.seed != y.seed || !sameProtocol(x.protocol, y.protocol)) {
        out.structural = "the experiment settings changed";
        return out;
    }
    bool sameNodes = running.nodes.size() == edited.nodes.size();
    for (std::size_t k = 0; sameNodes && k < running.nodes.size(); ++k)
        sameNodes = running.nodes[k].id == edited.nodes[k].id && running.nodes[k].type == edited.nodes[k].type;
    if (!sameNodes) {
        out.structural = "nodes were added, removed or renamed";
        return out;
    }
    bool sameWires = running.wires.size() == edited.wires.size();
    for (std::size_t k = 0; sameWires && k < running.wires.size(); ++k)
        sameWires = running.wires[k].from == edited.wires[k].from && running.wires[k].to == edited.wires[k].to;
    if (!sameWires) {
        out.structural = "the wiring changed";
        return out;
    }
    std::vector<std::pair<std::string, std::string>> changed; // node, keys
    for (std::size_t k = 0; k < running.nodes.size(); ++k) {
        const models::Node &a = running.nodes[k], &b = edited.nodes[k];
        if (a.params == b.params) continue;
        const auto it = loaded.populations.find(a.id);
        if (it == loaded.populations.end() || !it->second) {
            out.structural = "'" + a.id + "' (" + changedKeys(a, b) + ") is built into the network";
            return out;
        }
        changed.emplace_back(a.id, changedKeys(a, b));
    }
    if (changed.empty()) return out;

    models::GraphCompiler compiler(edited, models::catalogue());
    auto fresh = std::make_shared<models::CompiledNetwork>(compiler.compile());
    for (const auto& [id, keys] : changed) {
        sim::Population* now = loaded.populations.at(id);
        const auto it = fresh->populations.find(id);
        if (it == fresh->populations.end() || !it->second || !now->acceptsParameters(*it->second)) {
            out.structural = "'" + id + "' (" + keys + ") cannot change during a run";
            out.change = {};
            out.adopted.clear();
            return out;
        }
        out.change.populations.emplace_back(now, it->second);
        out.adopted += (out.adopted.empty() ? "'" : ", '") + id + "' (" + keys + ")";
    }
    out.change.edited = std::move(fresh);
    return out;
}

} // namespace ss::app
