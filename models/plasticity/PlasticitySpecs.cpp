#include "models/plasticity/PlasticitySpecs.h"

#include "models/BuildContext.h"
#include "models/plasticity/DiehlCookRule.h"
#include "models/plasticity/KheradpishehRule.h"
#include "models/plasticity/NesslerRule.h"
#include "models/neurons/SwtaPopulation.h"
#include "models/plasticity/PairStdpRule.h"
#include "sim/LateralInhibitionProjection.h"
#include "sim/OneToOneProjection.h"
#include "sim/PoolProjection.h"

#include <cmath>
#include <limits>

namespace ss::models {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

std::vector<PortSpec> rulePorts()
{
    return {{"rule", Direction::Out, PortKind::Rule, false, false,
             "Wire into the 'rule' input of the synapse node whose weights this rule learns."}};
}

std::string synapsesKind(const sim::Projection& p)
{
    if (dynamic_cast<const sim::DenseProjection*>(&p)) return "dense";
    if (dynamic_cast<const sim::SparseProjection*>(&p)) return "sparse";
    if (dynamic_cast<const sim::ConvProjection*>(&p)) return "convolution";
    if (dynamic_cast<const sim::PoolProjection*>(&p)) return "pooling";
    if (dynamic_cast<const sim::OneToOneProjection*>(&p)) return "one-to-one";
    if (dynamic_cast<const sim::LateralInhibitionProjection*>(&p)) return "lateral inhibition";
    return "these";
}

// The node that made a projection (its id), or the projection's own name when none is recorded.
std::string nodeOf(BuildContext& ctx, const sim::Projection& p)
{
    for (const auto& [id, proj] : ctx.result().projections)
        if (proj == &p) return id;
    return p.name();
}

sim::Projection& wiredProjection(BuildContext& ctx)
{
    sim::Projection* p = ctx.outputProjection("rule");
    if (!p) ctx.fail("rule", "rule '" + ctx.node().id + "' is not wired to synapses: connect its 'rule' output to "
                             "the 'rule' input of a synapse node");
    return *p;
}

[[noreturn]] void refuse(BuildContext& ctx, const sim::Projection& p, const std::string& supported)
{
    ctx.fail("rule", "rule " + ctx.spec().id + " cannot learn on " + synapsesKind(p) + " synapses of node '" +
                         nodeOf(ctx, p) + "' (it learns on " + supported + " synapses)");
}

void buildStdp(BuildContext& ctx)
{
    sim::Projection& p = wiredProjection(ctx);
    StdpParams params;
    const std::string& dependence = ctx.text("dependence");
    params.dependence = dependence == "multiplicative" ? StdpParams::Dependence::Multiplicative
                        : dependence == "soft_bound"   ? StdpParams::Dependence::SoftBound
                                                       : StdpParams::Dependence::Additive;
    const std::string& pairing = ctx.text("pairing");
    params.pairing = pairing == "nearest"           ? StdpParams::Pairing::Nearest
                     : pairing == "reduced_nearest" ? StdpParams::Pairing::ReducedNearest
                                                    : StdpParams::Pairing::AllToAll;
    params.tauPlus = ctx.si("tau_plus");
    params.tauMinus = ctx.si("tau_minus");
    // Document weights are in the synapses' unit; the engine holds SI values.
    const double unit = p.post().synapticUnit();
    params.wMin = ctx.real("w_min") * unit;
    params.wMax = ctx.real("w_max") * unit;
    if (params.wMin > params.wMax) ctx.fail("w_max", "w_max must not be below w_min");
    // An amplitude carries the weight unit only when it multiplies no weight.
    const bool soft = params.dependence == StdpParams::Dependence::SoftBound;
    const bool additive = params.dependence == StdpParams::Dependence::Additive;
    params.aPlus = ctx.real("a_plus") * (soft ? 1.0 : unit);
    params.aMinus = ctx.real("a_minus") * (additive ? unit : 1.0);
    const std::string name = ctx.node().id;
    if (auto* dense = dynamic_cast<sim::DenseProjection*>(&p))
        ctx.network().addRule<PairStdpRule>(name, *dense, params);
    else if (auto* sparse = dynamic_cast<sim::SparseProjection*>(&p))
        ctx.network().addRule<PairStdpRule>(name, *sparse, params);
    else refuse(ctx, p, "dense or sparse");
}

void buildDiehlCook(BuildContext& ctx)
{
    sim::Projection& p = wiredProjection(ctx);
    auto* dense = dynamic_cast<sim::DenseProjection*>(&p);
    if (!dense) refuse(ctx, p, "dense");
    const double unit = p.post().synapticUnit();
    DiehlCookParams params;
    params.tauPre = ctx.si("tau_pre");
    params.tauPost1 = ctx.si("tau_post1");
    params.tauPost2 = ctx.si("tau_post2");
    params.nuPre = ctx.real("nu_pre") * unit;
    params.nuPost = ctx.real("nu_post") * unit;
    params.wMax = ctx.real("w_max") * unit;
    params.normSum = ctx.real("norm_sum") * unit;
    ctx.network().addRule<DiehlCookRule>(ctx.node().id, *dense, params);
}

void buildKheradpisheh(BuildContext& ctx)
{
    sim::Projection& p = wiredProjection(ctx);
    KheradpishehParams params;
    params.aPlus = ctx.real("a_plus");
    params.aMinus = ctx.real("a_minus");
    params.learnFrom = ctx.integer("learn_from");
    params.learnUntil = ctx.integer("learn_until");
    if (params.learnUntil > 0 && params.learnUntil <= params.learnFrom)
        ctx.fail("learn_until", "learn_until must be 0 (no end) or larger than learn_from");
    params.doubleEvery = ctx.integer("double_every");
    params.aPlusMax = ctx.real("a_plus_max");
    if (params.aPlusMax < params.aPlus) ctx.fail("a_plus_max", "a_plus_max must not be smaller than a_plus");
    params.weightUnit = p.post().synapticUnit();
    if (auto* dense = dynamic_cast<sim::DenseProjection*>(&p))
        ctx.network().addRule<KheradpishehRule>(ctx.node().id, *dense, params);
    else if (auto* conv = dynamic_cast<sim::ConvProjection*>(&p))
        ctx.network().addRule<KheradpishehRule>(ctx.node().id, *conv, params);
    else refuse(ctx, p, "dense or convolution");
}

void buildNessler(BuildContext& ctx)
{
    sim::Projection& p = wiredProjection(ctx);
    auto* dense = dynamic_cast<sim::DenseProjection*>(&p);
    if (!dense) refuse(ctx, p, "dense");
    NesslerParams params;
    params.eta = ctx.real("eta");
    params.c = ctx.real("c");
    params.sigma = ctx.si("sigma");
    params.wMin = ctx.real("w_min");
    params.etaBias = ctx.real("eta_bias");
    params.cBias = ctx.real("c_bias");
    // Only a stochastic WTA layer has excitabilities w_k0; on other layers the rule learns the weights alone.
    auto* swta = dynamic_cast<SwtaPopulation*>(&p.post());
    if (!(params.wMin < std::log(params.c)) || !(params.wMin < std::log(params.cBias)))
        ctx.fail("w_min", "w_min must be below ln c and ln c_bias (the largest weight and excitability)");
    ctx.network().addRule<NesslerRule>(ctx.node().id, *dense, params, swta);
}

} // namespace

NodeSpec stdpSpec()
{
    NodeSpec s;
    s.id = "rule.stdp";
    s.category = Category::LearningRule;
    s.name = "STDP (pair-based)";
    s.help = "Spike-timing-dependent plasticity (Bi & Poo 1998; Song, Miller & Abbott 2000): a synapse grows by "
             "A+ exp(-dt/tau+) when the post-synaptic neuron fires dt after the pre-synaptic one and shrinks by "
             "A- exp(dt/tau-) when it fires before, summed over all spike pairs or over nearest pairs only. Weight "
             "dependence is additive, multiplicative (depression proportional to w) or soft-bounded, and w always "
             "stays within [w_min, w_max]. Weights and additive amplitudes are in the weight unit of the synapses.";
    s.ports = rulePorts();
    s.params = {
        realParam("a_plus", "", 0.005, 0.0, kInf,
                  "Potentiation amplitude A+: in weight units (additive, multiplicative), a fraction of w_max - w "
                  "(soft_bound)."),
        realParam("a_minus", "", 0.00525, 0.0, kInf,
                  "Depression amplitude A-: in weight units (additive), a fraction of w (multiplicative) or of "
                  "w - w_min (soft_bound)."),
        timeConstantParam("tau_plus", 20.0, "Decay of the pre-synaptic trace: width of the potentiation window."),
        timeConstantParam("tau_minus", 20.0, "Decay of the post-synaptic trace: width of the depression window."),
        realParam("w_min", "", 0.0, -kInf, kInf, "Lower bound of the weights, in weight units."),
        realParam("w_max", "", 1.0, -kInf, kInf, "Upper bound of the weights, in weight units."),
        choiceParam("pairing", {"all_to_all", "nearest", "reduced_nearest"}, "all_to_all",
                    "all_to_all: every earlier spike of the other side counts; nearest: only the latest one; "
                    "reduced_nearest: only the latest one, and only for the first spike after it (Masquelier 2008)."),
        choiceParam("dependence", {"additive", "multiplicative", "soft_bound"}, "additive",
                    "How the change depends on the weight: additive (hard bounds only), multiplicative (van Rossum et "
                    "al. 2000) or soft_bound (Guetig et al. 2003, mu = 1)."),
    };
    s.build = buildStdp;
    return s;
}

NodeSpec diehlCookSpec()
{
    NodeSpec s;
    s.id = "rule.diehl_cook";
    s.category = Category::LearningRule;
    s.name = "Diehl & Cook STDP";
    s.help = "The triplet-trace STDP of Diehl & Cook 2015 (unsupervised digit recognition): a pre-synaptic spike "
             "depresses by nu_pre times the post trace; a post-synaptic spike potentiates by nu_post times the pre "
             "trace times the slower post trace from before that spike. Weights stay in [0, w_max], and before every "
             "sample each neuron's incoming weights are scaled to sum to norm_sum (78 for 784 inputs). Dense "
             "synapses only.";
    s.ports = rulePorts();
    s.params = {
        timeConstantParam("tau_pre", 20.0, "Decay of the pre-synaptic trace."),
        timeConstantParam("tau_post1", 20.0, "Decay of the post-synaptic trace used for depression."),
        timeConstantParam("tau_post2", 40.0, "Decay of the post-synaptic trace used for potentiation."),
        realParam("nu_pre", "", 1e-4, 0.0, kInf, "Depression rate on a pre-synaptic spike, in weight units."),
        realParam("nu_post", "", 1e-2, 0.0, kInf, "Potentiation rate on a post-synaptic spike, in weight units."),
        positiveParam("w_max", "", 1.0, "Largest weight, in weight units."),
        realParam("norm_sum", "", 78.0, 0.0, kInf,
                  "Sum of each neuron's incoming weights after normalisation at the start of every sample (0: off)."),
    };
    s.build = buildDiehlCook;
    return s;
}

NodeSpec kheradpishehSpec()
{
    NodeSpec s;
    s.id = "rule.kheradpisheh";
    s.category = Category::LearningRule;
    s.name = "First-spike STDP (Kheradpisheh)";
    s.help = "The STDP of Kheradpisheh et al. 2018 for spiking convolutional networks: in every sample each feature "
             "map learns once, at its first neuron to fire. Synapses from inputs that fired before or with it grow "
             "by a+ w (1 - w), all others shrink by a- w (1 - w), so weights settle near 0 or 1. On convolution "
             "synapses the shared kernel of the map learns over the winner's input window; on dense synapses each "
             "neuron is its own map.";
    s.ports = rulePorts();
    s.params = {
        realParam("a_plus", "", 0.004, 0.0, 1.0, "Learning rate for inputs that fired before or with the winner."),
        realParam("a_minus", "", 0.003, 0.0, 1.0, "Learning rate for inputs that fired later or not at all."),
        intParam("learn_from", 0, 0, 1'000'000'000,
                 "First sample (counted from 0 over the training) in which the rule learns: layer-wise training."),
        intParam("learn_until", 0, 0, 1'000'000'000, "Sample from which the rule stops learning; 0: never."),
        intParam("double_every", 0, 0, 1'000'000'000,
                 "Double a_plus and a_minus every this many samples of learning, up to a_plus_max (SpykeTorch's "
                 "reproduction of the paper: 500); 0: constant rates."),
        realParam("a_plus_max", "", 0.15, 0.0, 1.0, "Largest a_plus the doubling reaches (a_minus keeps its ratio)."),
    };
    s.build = buildKheradpisheh;
    return s;
}

NodeSpec nesslerSpec()
{
    NodeSpec s;
    s.id = "rule.nessler";
    s.category = Category::LearningRule;
    s.name = "Nessler STDP (spike-based EM)";
    s.help = "The STDP rule of Nessler et al. 2013 (Eq. 2 of the review of Tavanaei et al. 2019) for a stochastic "
             "winner-take-all layer: at a spike of neuron k, each weight w_ki changes by eta (c e^-w_ki - 1) if input "
             "i fired within sigma before, and by -eta otherwise, so that e^w_ki tends to c times the probability that "
             "input i is active when k fires: log-domain weights of a mixture component. The excitabilities w_k0 of a "
             "layer.swta learn the mixture weights likewise (eta_bias (c_bias e^-w_k0 - 1) for the neuron that fired, "
             "-eta_bias for the others; other layers have none). Weights stay within [w_min, ln c]. Dense synapses only.";
    s.ports = rulePorts();
    s.params = {
        realParam("eta", "", 5e-3, 0.0, kInf, "Learning rate of the weights."),
        positiveParam("c", "", 1.0, "Offset of the weights: e^w tends to c p (c = 1: weights are log probabilities)."),
        timeConstantParam("sigma", 10.0, "An input counts as active when it fired within sigma before the post spike "
                                         "(the PSP length of the layer)."),
        realParam("w_min", "", -5.0, -kInf, kInf,
                  "Floor of the weights and excitabilities (their ceiling is ln c, ln c_bias). Near the floor one "
                  "LTP step is eta c e^-w_min: keep it near 1 or below."),
        realParam("eta_bias", "", 1e-2, 0.0, kInf, "Learning rate of the excitabilities w_k0 (0: fixed)."),
        positiveParam("c_bias", "", 1.0, "Offset of the excitabilities: e^w_k0 tends to c_bias P(k fires)."),
    };
    s.build = buildNessler;
    return s;
}

} // namespace ss::models
