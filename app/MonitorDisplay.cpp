#include "app/MonitorDisplay.h"

#include "models/Catalogue.h"
#include "models/ParamReader.h"

#include <algorithm>

namespace ss::app {

const models::Node* watchedLayer(const models::Graph& graph, const std::string& monitor)
{
    const models::Node* node = graph.find(monitor);
    const models::NodeSpec* spec = node ? models::findSpec(node->type) : nullptr;
    if (!spec || spec->ports.empty()) return nullptr;
    const std::string& input = spec->ports.front().name; // a monitor's only port: its input
    for (const auto& w : graph.wires)
        if (w.to.node == monitor && w.to.port == input) return graph.find(w.from.node);
    return nullptr;
}

std::optional<double> fixedThreshold(const models::Node& layer, const sim::Population& population)
{
    const models::NodeSpec* spec = models::findSpec(layer.type);
    if (!spec || population.stateVariable("theta")) return std::nullopt;
    const bool declared = std::any_of(spec->params.begin(), spec->params.end(), [](const models::ParamSpec& p) {
        return p.key == "v_th" && p.unit == "mV";
    });
    if (!declared) return std::nullopt;
    return models::ParamReader(layer, *spec).si("v_th");
}

StateAxis stateAxis(const std::string& variable)
{
    if (variable == "v") return {QStringLiteral("membrane potential (mV)"), 1e3};
    if (variable == "theta") return {QStringLiteral("theta (mV)"), 1e3};
    return {QString::fromStdString(variable), 1.0};
}

StateAxis stateAxisOf(const models::Graph& graph, const std::string& monitor, const std::string& variable)
{
    const models::Node* layer = watchedLayer(graph, monitor);
    const models::NodeSpec* spec = layer ? models::findSpec(layer->type) : nullptr;
    if (!spec || variable == "v") return stateAxis(variable);
    const bool millivolts = std::any_of(spec->params.begin(), spec->params.end(), [&](const models::ParamSpec& p) {
        return p.unit == "mV" && (p.key == variable || p.key.rfind(variable + "_", 0) == 0);
    });
    if (millivolts) return {QStringLiteral("%1 (mV)").arg(QString::fromStdString(variable)), 1e3};
    return stateAxis(variable);
}

} // namespace ss::app
