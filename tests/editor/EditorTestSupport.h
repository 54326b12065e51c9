#pragma once
// Small builders for editor tests: nodes, wires and a reference network
// (encoder -> dense synapses -> LIF layer -> spike monitor) with one note.
#include "app/GraphDocument.h"

#include <string>

namespace ss::editortest {

inline models::Node node(const std::string& id, const std::string& type, double x = 0.0, double y = 0.0,
                         std::map<std::string, models::ParamValue> params = {})
{
    return models::Node{id, type, std::move(params), x, y};
}

// "a.out" -> {"a", "out"}
inline models::PortRef ref(const std::string& s)
{
    const auto dot = s.find('.');
    return {s.substr(0, dot), s.substr(dot + 1)};
}

inline models::Wire wire(const std::string& from, const std::string& to) { return {ref(from), ref(to)}; }

inline app::Document referenceNetwork()
{
    app::Document doc;
    doc.name = QStringLiteral("reference");
    doc.graph.nodes = {node("input", "encoder.poisson", 0, 0, {{"size", std::int64_t{50}}}),
                       node("syn", "synapses.dense", 150, 0),
                       node("exc", "layer.lif", 300, 0, {{"size", std::int64_t{20}}}),
                       node("mon", "monitor.spikes", 450, 0)};
    doc.graph.wires = {wire("input.out", "syn.pre"), wire("syn.post", "exc.in"), wire("exc.out", "mon.spikes")};
    doc.notes = {{QStringLiteral("note_1"), QStringLiteral("Poisson input drives a LIF layer."), QPointF(10, -80)}};
    return doc;
}

} // namespace ss::editortest
