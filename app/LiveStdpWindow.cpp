// The STDP window dock (LiveViews.h): a pairing protocol's weight changes against the pre-post interval
// of each synapse, beside the window of the pair rule that changes them.
//
// Synapse (post i, pre k) is paired at dt_k = dt_first + k dt_step. Its pairings so far are the fewer of
// its neurons' spikes, min(spikes of pre k, spikes of post i): a pairing counts once both of its spikes
// have happened, which is also when the pair rule has applied it (potentiation at the post spike when the
// pre spike came first, depression at the pre spike when it came second). The point drawn is
// (w - w(0)) / pairings in the synapses' weight unit; a synapse not yet paired is not drawn.
#include "app/LiveViews.h"

#include "models/Catalogue.h"
#include "models/ParamReader.h"
#include "widgets/StdpWindowView.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ss::app {

namespace {

// The node wired into `port` of node `id`.
const models::Node* wiredInto(const models::Graph& graph, const std::string& id, const std::string& port)
{
    for (const auto& w : graph.wires)
        if (w.to.node == id && w.to.port == port) return graph.find(w.from.node);
    return nullptr;
}

} // namespace

std::map<std::string, LiveViews::StdpWindowSetup> LiveViews::stdpWindows(const models::CompiledNetwork& compiled,
                                                                         const models::Graph& graph)
{
    std::map<std::string, StdpWindowSetup> out;
    for (const models::Node& node : graph.nodes) {
        if (node.type != "monitor.stdp_window") continue;
        const models::NodeSpec* spec = models::findSpec(node.type);
        const models::Node* synapses = wiredInto(graph, node.id, "synapses");
        if (!spec || !synapses) continue;
        const auto projection = compiled.projections.find(synapses->id);
        if (projection == compiled.projections.end()) continue;
        StdpWindowSetup setup;
        const models::ParamReader params(node, *spec);
        setup.firstMs = params.real("dt_first");
        setup.stepMs = params.real("dt_step");
        setup.unit = projection->second->post().synapticUnit();
        setup.unitName = std::abs(setup.unit - 1e-3) < 1e-12 ? QStringLiteral("mV") : QStringLiteral("relative conductance");
        // The additive pair rule's window does not depend on w: its curve is the window itself.
        const models::Node* rule = wiredInto(graph, synapses->id, "rule");
        if (rule && rule->type == "rule.stdp") {
            const models::ParamReader r(*rule, *models::findSpec(rule->type));
            if (r.text("dependence") == "additive") {
                setup.rule = true;
                setup.aPlus = r.real("a_plus");
                setup.aMinus = r.real("a_minus");
                setup.tauPlusMs = r.si("tau_plus") * 1e3;
                setup.tauMinusMs = r.si("tau_minus") * 1e3;
            }
        }
        out[node.id] = setup;
    }
    return out;
}

void LiveViews::showWindow(View& v, sim::Step step)
{
    // The weights at step 0 (published at load, and again after a reset) are where the changes start.
    if (step == 0 || v.initialWeights.size() != m_weightBuffer.size()) v.initialWeights = m_weightBuffer;
    const std::size_t pre = m_preCounts.size(), post = m_postCounts.size();
    if (m_weightBuffer.size() != pre * post) return;
    m_windowIntervals.resize(m_weightBuffer.size());
    m_windowChanges.resize(m_weightBuffer.size());
    const StdpWindowSetup& setup = v.windowSetup;
    for (std::size_t i = 0; i < post; ++i)
        for (std::size_t k = 0; k < pre; ++k) {
            const std::size_t s = i * pre + k;
            const std::uint32_t pairings = std::min(m_preCounts[k], m_postCounts[i]);
            m_windowIntervals[s] = setup.firstMs + static_cast<double>(k) * setup.stepMs;
            m_windowChanges[s] = pairings == 0 ? std::numeric_limits<double>::quiet_NaN()
                                               : (static_cast<double>(m_weightBuffer[s]) - static_cast<double>(v.initialWeights[s])) /
                                                     setup.unit / static_cast<double>(pairings);
        }
    v.window->setPoints(m_windowIntervals, m_windowChanges);
}

widgets::StdpWindowView* LiveViews::stdpWindow(const QString& node) const
{
    const View* v = find(node);
    return v ? v->window : nullptr;
}

} // namespace ss::app
