#include "models/synapses/SynapseSpecs.h"

#include "models/BuildContext.h"

#include <sstream>

namespace ss::models {

namespace {

// "0,1,5-9" or "all" into neuron indices below n.
std::vector<sim::Index> parseNeurons(const BuildContext& ctx, const std::string& text, sim::Index n)
{
    std::vector<sim::Index> out;
    if (text == "all") {
        for (sim::Index i = 0; i < n; ++i) out.push_back(i);
        return out;
    }
    std::stringstream ss(text);
    std::string item;
    while (std::getline(ss, item, ',')) {
        try {
            const auto dash = item.find('-', 1);
            std::size_t used = 0;
            const long a = std::stol(item.substr(0, dash), &used);
            const long b = dash == std::string::npos ? a : std::stol(item.substr(dash + 1));
            if (a < 0 || b < a || b >= n) throw std::out_of_range("range");
            for (long i = a; i <= b; ++i) out.push_back(static_cast<sim::Index>(i));
        } catch (const std::exception&) {
            ctx.fail("neurons", "'" + item + "' is not a neuron index or range within 0.." + std::to_string(n - 1));
        }
    }
    if (out.empty()) ctx.fail("neurons", "no neurons chosen");
    return out;
}

} // namespace

NodeSpec spikeMonitorSpec()
{
    NodeSpec s;
    s.id = "monitor.spikes";
    s.category = Category::Monitor;
    s.name = "Spike monitor";
    s.help = "Records every spike of a layer as (neuron, time): the data of a spike raster. The headless runner writes "
             "them to <node>_spikes.csv.";
    s.ports = {{"spikes", Direction::In, PortKind::Spikes, true, false, "The layer to record."}};
    s.params = {intParam("max_events", 10'000'000, 1, 2'000'000'000,
                         "Most spikes kept; later ones are counted as dropped but still counted in rates.")};
    s.build = [](BuildContext& ctx) {
        sim::Population* pop = ctx.inputPopulation("spikes");
        if (!pop) ctx.fail("spikes", "input 'spikes' is not connected to a population");
        auto& rec = ctx.network().addRecorder<sim::SpikeRecorder>(*pop, static_cast<std::size_t>(ctx.integer("max_events")));
        ctx.addMonitor({ctx.node().id, &rec, nullptr, nullptr});
    };
    return s;
}

NodeSpec stateMonitorSpec()
{
    NodeSpec s;
    s.id = "monitor.state";
    s.category = Category::Monitor;
    s.name = "State monitor";
    s.help = "Records a state variable (membrane potential 'v', adaptation, conductances) of chosen neurons: the data "
             "of membrane traces. The headless runner writes them to <node>_<variable>.csv in SI units.";
    s.ports = {{"layer", Direction::In, PortKind::Spikes, true, false, "The layer to record (wire its 'out')."}};
    s.params = {textParam("variable", "v", "Name of the state variable."),
                textParam("neurons", "0", "Neuron indices: '0,3,10-12' or 'all'."),
                intParam("interval", 1, 1, 1'000'000, "Record every this many steps.")};
    s.build = [](BuildContext& ctx) {
        sim::Population* pop = ctx.inputPopulation("layer");
        if (!pop) ctx.fail("layer", "input 'layer' is not connected to a population");
        const std::string& var = ctx.text("variable");
        if (!pop->stateVariable(var) && !pop->stateVariables().empty()) {
            std::string known;
            for (const auto& v : pop->stateVariables()) known += (known.empty() ? "" : ", ") + v;
            ctx.fail("variable", "layer '" + pop->name() + "' has no state variable '" + var + "' (it has: " + known + ")");
        }
        auto& rec = ctx.network().addRecorder<sim::StateRecorder>(
            *pop, var, parseNeurons(ctx, ctx.text("neurons"), pop->size()), static_cast<int>(ctx.integer("interval")));
        ctx.addMonitor({ctx.node().id, nullptr, &rec, nullptr});
    };
    return s;
}

NodeSpec weightMonitorSpec()
{
    NodeSpec s;
    s.id = "monitor.weights";
    s.category = Category::Monitor;
    s.name = "Weight monitor";
    s.help = "Takes snapshots of a synapse node's weights every interval: the data of receptive fields (each post "
             "neuron's incoming weights in the shape of the input, or the kernels of a convolution). Wire a synapse "
             "node's 'post' into it. The headless runner writes the last snapshot to <node>_weights.csv (one row per "
             "post neuron, one column per pre neuron) and the figures to <node>_fields.png.";
    s.ports = {{"synapses", Direction::In, PortKind::Spikes, true, false, "The synapse node to watch (wire its 'post')."}};
    s.params = {positiveParam("interval", "ms", 50.0, "Time between snapshots."),
                intParam("max_snapshots", 100, 1, 1'000'000, "Most snapshots kept; later ones are counted as dropped."),
                choiceParam("values", {"weights", "exp"}, "weights",
                            "exp: show e^w, for log-domain weights (rule.nessler: the probabilities of a mixture "
                            "component); the snapshots and the CSV then hold e^w too.")};
    s.build = [](BuildContext& ctx) {
        sim::Projection* p = ctx.inputProjection("synapses");
        if (!p) ctx.fail("synapses", "input 'synapses' is not connected to a synapse node's 'post'");
        auto& rec = ctx.network().addRecorder<sim::WeightRecorder>(*p, ctx.delaySteps("interval"),
                                                                      static_cast<std::size_t>(ctx.integer("max_snapshots")));
        rec.setExponential(ctx.text("values") == "exp");
        ctx.addMonitor({ctx.node().id, nullptr, nullptr, &rec});
    };
    return s;
}

NodeSpec stdpWindowMonitorSpec()
{
    NodeSpec s;
    s.id = "monitor.stdp_window";
    s.category = Category::Monitor;
    s.name = "STDP window monitor";
    s.help = "The window of a pairing protocol (Bi & Poo 1998): each synapse's weight change per pairing plotted "
             "against its pre-post interval dt = t_post - t_pre, beside the window of the STDP rule wired to the "
             "synapse node. The synapses from pre neuron k are paired at dt_first + k dt_step; their pairings are "
             "counted as the fewer of their pre and post neurons' spikes. Wire a synapse node's 'post' into it. The "
             "headless runner writes the last snapshot to <node>_weights.csv like a weight monitor.";
    s.ports = {{"synapses", Direction::In, PortKind::Spikes, true, false, "The synapse node to watch (wire its 'post')."}};
    s.params = {realParam("dt_first", "ms", -50.0, -1e6, 1e6, "Pre-post interval of the synapses from pre neuron 0."),
                realParam("dt_step", "ms", 2.5, -1e6, 1e6, "Added to the interval per pre neuron."),
                positiveParam("interval", "ms", 10.0, "Time between snapshots of the weights."),
                intParam("max_snapshots", 1000, 1, 1'000'000, "Most snapshots kept; later ones are counted as dropped.")};
    s.build = [](BuildContext& ctx) {
        sim::Projection* p = ctx.inputProjection("synapses");
        if (!p) ctx.fail("synapses", "input 'synapses' is not connected to a synapse node's 'post'");
        if (p->weightRowShape().size() != p->pre().size())
            ctx.fail("synapses", "synapse node '" + p->name() +
                                     "' has no weight per pre/post pair (a convolution or pooling): no interval to plot against");
        auto& rec = ctx.network().addRecorder<sim::WeightRecorder>(*p, ctx.delaySteps("interval"),
                                                                      static_cast<std::size_t>(ctx.integer("max_snapshots")));
        ctx.addMonitor({ctx.node().id, nullptr, nullptr, &rec});
    };
    return s;
}

} // namespace ss::models
