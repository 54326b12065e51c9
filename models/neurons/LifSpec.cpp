// Declarations of the four layers built on LifPopulation: layer.lif, layer.lif_cond,
// layer.adaptive_lif and layer.alif.
#include "models/LayerSpec.h"
#include "models/neurons/LifPopulation.h"
#include "models/neurons/NeuronSpecs.h"

#include <limits>

namespace ss::models {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

struct LifDefaults {
    double tauM, vRest, vReset, vTh, tRef, tauSynE, tauSynI, vInitMin, vInitMax;
};

std::vector<ParamSpec> membraneParams(const LifDefaults& d)
{
    return {
        timeConstantParam("tau_m", d.tauM, "Membrane time constant."),
        realParam("v_rest", "mV", d.vRest, -kInf, kInf, "Leak reversal potential E_L, where the membrane rests."),
        realParam("v_reset", "mV", d.vReset, -kInf, kInf, "Potential after a spike; must lie below v_th."),
        realParam("v_th", "mV", d.vTh, -kInf, kInf, "Firing threshold."),
        realParam("t_ref", "ms", d.tRef, 0.0, kInf, "Absolute refractory period: v is held at v_reset."),
        positiveParam("r_m", "MOhm", 100.0, "Membrane resistance, seen by injected current only."),
        timeConstantParam("tau_syn_e", d.tauSynE, "Decay time constant of the excitatory synaptic variable."),
        timeConstantParam("tau_syn_i", d.tauSynI, "Decay time constant of the inhibitory synaptic variable."),
        realParam("v_init_min", "mV", d.vInitMin, -kInf, kInf, "Initial v is drawn uniformly from [min, max]."),
        realParam("v_init_max", "mV", d.vInitMax, -kInf, kInf, "Initial v is drawn uniformly from [min, max]."),
    };
}

std::vector<ParamSpec> reversalParams(double eInhMv)
{
    return {
        realParam("e_exc", "mV", 0.0, -kInf, kInf, "Reversal potential of excitatory synapses."),
        realParam("e_inh", "mV", eInhMv, -kInf, kInf, "Reversal potential of inhibitory synapses."),
    };
}

std::vector<ParamSpec> concat(std::vector<ParamSpec> a, const std::vector<ParamSpec>& b)
{
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

void readMembrane(BuildContext& ctx, LifParams& p)
{
    p.tauM = ctx.si("tau_m");
    p.eL = ctx.si("v_rest");
    p.vReset = ctx.si("v_reset");
    p.vTh = ctx.si("v_th");
    p.tRef = ctx.si("t_ref");
    p.rM = ctx.si("r_m");
    p.tauSynE = ctx.si("tau_syn_e");
    p.tauSynI = ctx.si("tau_syn_i");
    p.vInitMin = ctx.si("v_init_min");
    p.vInitMax = ctx.si("v_init_max");
    if (!(p.vReset < p.vTh)) ctx.fail("v_reset", "v_reset must lie below v_th");
    if (p.vInitMax < p.vInitMin) ctx.fail("v_init_max", "v_init_max must not lie below v_init_min");
}

void addLif(BuildContext& ctx, const LifParams& p)
{
    auto& pop = ctx.network().addPopulation<LifPopulation>(ctx.node().id, ctx.outputShape(), p);
    finishLayer(ctx, pop);
}

NodeSpec layerBase(std::string id, std::string name, std::string help)
{
    NodeSpec s;
    s.id = std::move(id);
    s.category = Category::Layer;
    s.name = std::move(name);
    s.help = std::move(help);
    s.ports = layerPorts();
    s.outputShape = layerShape;
    return s;
}

} // namespace

NodeSpec lifSpec()
{
    NodeSpec s = layerBase(
        "layer.lif", "LIF neurons",
        "Leaky integrate-and-fire neurons with current-based synapses: tau_m dv/dt = (v_rest - v) + ge + gi + R_m I. "
        "With 'exp_current' each input spike adds its weight (mV) to ge or gi, which decay exponentially (the CUBA "
        "network of Vogels & Abbott 2005, Brian2's CUBA example, whose values are the defaults; inhibitory weights "
        "are negative); with 'delta' it jumps v by its weight at once. After a spike v is held at v_reset for t_ref. "
        "Integrated exactly over each step.");
    s.params = concat(layerSizeParams(), {choiceParam("synapse", {"exp_current", "delta"}, "exp_current",
                                                      "Exponentially decaying current (volts) or an instant "
                                                      "voltage jump per input spike.")});
    s.params = concat(s.params, membraneParams({20.0, -49.0, -60.0, -50.0, 5.0, 5.0, 10.0, -60.0, -50.0}));
    s.build = [](BuildContext& ctx) {
        LifParams p;
        p.synapse = ctx.text("synapse") == "delta" ? LifParams::Synapse::Delta : LifParams::Synapse::ExpCurrent;
        readMembrane(ctx, p);
        addLif(ctx, p);
    };
    return s;
}

NodeSpec lifCondSpec()
{
    NodeSpec s = layerBase(
        "layer.lif_cond", "LIF neurons (conductance)",
        "Leaky integrate-and-fire neurons with conductance-based synapses: tau_m dv/dt = (v_rest - v) + "
        "ge (e_exc - v) + gi (e_inh - v) + R_m I, with ge and gi relative to the leak conductance (an input "
        "weight of 0.6 is 0.6 times g_leak) decaying exponentially. Defaults from the COBA network of "
        "Vogels & Abbott 2005 (Brian2's COBA example: g_leak 10 nS, so its weights 6 nS and 67 nS are 0.6 and "
        "6.7 here).");
    s.params = concat(layerSizeParams(), membraneParams({20.0, -60.0, -60.0, -50.0, 5.0, 5.0, 10.0, -60.0, -50.0}));
    s.params = concat(s.params, reversalParams(-80.0));
    s.build = [](BuildContext& ctx) {
        LifParams p;
        p.synapse = LifParams::Synapse::Conductance;
        readMembrane(ctx, p);
        p.eExc = ctx.si("e_exc");
        p.eInh = ctx.si("e_inh");
        addLif(ctx, p);
    };
    return s;
}

NodeSpec adaptiveLifSpec()
{
    NodeSpec s = layerBase(
        "layer.adaptive_lif", "Adaptive LIF (Diehl & Cook)",
        "The excitatory neuron of Diehl & Cook 2015: a conductance-based LIF whose threshold v_th + theta rises by "
        "theta_plus at each spike and decays with tau_theta, so that neurons that fire much fire less (homeostasis). "
        "theta changes only while learning is on and is frozen at test time; it is kept across the state reset "
        "between samples. Defaults from the authors' code.");
    s.params = concat(layerSizeParams(), membraneParams({100.0, -65.0, -65.0, -52.0, 5.0, 1.0, 2.0, -65.0, -65.0}));
    s.params = concat(s.params, reversalParams(-100.0));
    s.params = concat(s.params, {realParam("theta_plus", "mV", 0.05, 0.0, kInf, "Threshold increase per spike."),
                                 timeConstantParam("tau_theta", 1e7, "Decay time constant of theta.")});
    s.build = [](BuildContext& ctx) {
        LifParams p;
        p.synapse = LifParams::Synapse::Conductance;
        p.adaptation = LifParams::Adaptation::Theta;
        readMembrane(ctx, p);
        p.eExc = ctx.si("e_exc");
        p.eInh = ctx.si("e_inh");
        p.thetaPlus = ctx.si("theta_plus");
        p.tauTheta = ctx.si("tau_theta");
        addLif(ctx, p);
    };
    return s;
}

NodeSpec alifSpec()
{
    NodeSpec s = layerBase(
        "layer.alif", "ALIF neurons (Bellec)",
        "Adaptive leaky integrate-and-fire neurons of the LSNN (Bellec et al. 2018): the threshold v_th + beta a "
        "rises by beta at each spike and relaxes with tau_a, a memory of recent activity over hundreds of "
        "milliseconds. Current-based (delta or exponential synapses, weights in mV). Defaults follow the LSNN "
        "sequential-MNIST code (tau_m 20 ms, threshold 10 mV above rest for their 0.01, tau_a 700 ms, 5 ms "
        "refractory; their beta 1.8 times the jump 1 - exp(-1 ms/700 ms) of b raises the threshold by 0.0026, i.e. "
        "2.6 mV, per spike). The reset is to v_reset, where Bellec et al. subtract the threshold.");
    s.params = concat(layerSizeParams(), {choiceParam("synapse", {"delta", "exp_current"}, "delta",
                                                      "Instant voltage jump or exponentially decaying current "
                                                      "(volts) per input spike.")});
    s.params = concat(s.params, membraneParams({20.0, -70.0, -70.0, -60.0, 5.0, 5.0, 10.0, -70.0, -70.0}));
    s.params = concat(s.params, {realParam("beta", "mV", 2.6, 0.0, kInf, "Threshold increase per spike."),
                                 timeConstantParam("tau_a", 700.0, "Decay time constant of the adaptation.")});
    s.build = [](BuildContext& ctx) {
        LifParams p;
        p.synapse = ctx.text("synapse") == "exp_current" ? LifParams::Synapse::ExpCurrent : LifParams::Synapse::Delta;
        p.adaptation = LifParams::Adaptation::Alif;
        readMembrane(ctx, p);
        p.thetaPlus = ctx.si("beta");
        p.tauTheta = ctx.si("tau_a");
        addLif(ctx, p);
    };
    return s;
}

} // namespace ss::models
