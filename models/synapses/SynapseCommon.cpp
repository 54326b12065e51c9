#include "models/synapses/SynapseCommon.h"

namespace ss::models::synapses {

std::vector<PortSpec> ports()
{
    return {
        {"pre", Direction::In, PortKind::Spikes, true, false, "Spikes of the pre-synaptic population."},
        {"rule", Direction::In, PortKind::Rule, false, true, "Learning rules that change these weights."},
        {"post", Direction::Out, PortKind::Spikes, false, false, "Wire into the 'in' port of the target layer."},
    };
}

std::vector<ParamSpec> commonParams(double defaultWeight)
{
    const double inf = std::numeric_limits<double>::infinity();
    return {
        choiceParam("target", {"excitatory", "inhibitory"}, "excitatory",
                    "Input channel of the target: excitatory or inhibitory conductance/current."),
        positiveParam("delay", "ms", 0.1, "Synaptic delay, rounded to whole steps (at least one step)."),
        realParam("weight", "", defaultWeight, -inf, inf,
                  "Weight: in mV for neurons with voltage input, relative conductance for conductance-based neurons. "
                  "For uniform initialisation, the upper bound; for normal, the mean."),
        choiceParam("weight_init", {"constant", "uniform", "normal"}, "constant", "How initial weights are drawn."),
        realParam("weight_low", "", 0.0, -inf, inf, "Lower bound of uniform initial weights."),
        realParam("weight_sd", "", 0.0, 0.0, inf, "Standard deviation of normal initial weights."),
    };
}

std::pair<sim::Population*, sim::Population*> endpoints(BuildContext& ctx)
{
    sim::Population* pre = ctx.inputPopulation("pre");
    if (!pre) ctx.fail("pre", "input 'pre' is not connected to a population");
    sim::Population* post = ctx.outputPopulation("post");
    if (!post) ctx.fail("post", "output 'post' is not connected to a population");
    return {pre, post};
}

sim::Channel channel(const BuildContext& ctx)
{
    return ctx.text("target") == "inhibitory" ? sim::Channel::Inhibitory : sim::Channel::Excitatory;
}

sim::WeightInit weightInit(const BuildContext& ctx, const sim::Population& post)
{
    const double unit = post.synapticUnit();
    sim::WeightInit init;
    const std::string& kind = ctx.text("weight_init");
    if (kind == "uniform") {
        init.kind = sim::WeightInit::Kind::Uniform;
        init.a = ctx.real("weight_low") * unit;
        init.b = ctx.real("weight") * unit;
    } else if (kind == "normal") {
        init.kind = sim::WeightInit::Kind::Normal;
        init.a = ctx.real("weight") * unit;
        init.b = ctx.real("weight_sd") * unit;
    } else {
        init.a = ctx.real("weight") * unit;
    }
    return init;
}

} // namespace ss::models::synapses
