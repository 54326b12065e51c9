#include "models/synapses/SynapseSpecs.h"

#include "models/synapses/SynapseCommon.h"
#include "sim/ConvProjection.h"
#include "sim/DenseProjection.h"
#include "sim/LateralInhibitionProjection.h"
#include "sim/OneToOneProjection.h"
#include "sim/PoolProjection.h"
#include "sim/SparseProjection.h"

namespace ss::models {

using namespace synapses;

namespace {

double sizeOf(const std::optional<sim::Shape>& s) { return s ? static_cast<double>(s->size()) : 0.0; }

NodeSpec synapseBase(std::string id, std::string name, std::string help, double defaultWeight)
{
    NodeSpec s;
    s.id = std::move(id);
    s.category = Category::Synapses;
    s.name = std::move(name);
    s.help = std::move(help);
    s.ports = ports();
    s.params = commonParams(defaultWeight);
    return s;
}

} // namespace

NodeSpec denseSynapsesSpec()
{
    NodeSpec s = synapseBase("synapses.dense", "Dense synapses",
                             "All-to-all synapses with their own weight each (an Eigen matrix of post x pre). Use for "
                             "fully connected layers that learn, such as the input to the Diehl & Cook network.",
                             0.5);
    s.params.push_back(boolParam("autapses", false, "Connect a neuron to itself when pre and post are the same layer."));
    s.params.push_back(boolParam("exclude_same_index", false,
                                 "No synapse from pre neuron i to post neuron i, between two layers: the all-but-self "
                                 "inhibition of Diehl & Cook (2015), where an inhibitory neuron inhibits every "
                                 "excitatory neuron except the one that drives it."));
    s.memoryBytes = [](const ShapeQuery& q) { return sizeOf(q.input("pre")) * sizeOf(q.target("post")) * sizeof(float); };
    s.build = [](BuildContext& ctx) {
        auto [pre, post] = endpoints(ctx);
        auto& proj = ctx.network().addProjection<sim::DenseProjection>(
            ctx.node().id, *pre, *post, channel(ctx), ctx.delaySteps("delay"), weightInit(ctx, *post),
            ctx.network().nextStream(), ctx.flag("autapses"));
        if (ctx.flag("exclude_same_index")) proj.weights().diagonal().setZero();
        ctx.provide(proj);
    };
    return s;
}

NodeSpec sparseSynapsesSpec()
{
    NodeSpec s = synapseBase("synapses.sparse", "Sparse random synapses",
                             "Random connectivity stored in compressed rows (8 bytes per synapse, 4 while all weights are "
                             "equal): each pair connected "
                             "with probability p, or a fixed number of random inputs per target neuron. The "
                             "connectivity of balanced networks such as CUBA (Vogels & Abbott 2005).",
                             1.62);
    s.params.push_back(choiceParam("connectivity", {"probability", "in_degree"}, "probability",
                                   "Draw each pair with probability p, or exactly in_degree inputs per neuron."));
    s.params.push_back(realParam("p", "", 0.02, 0.0, 1.0, "Connection probability."));
    s.params.push_back(intParam("in_degree", 100, 0, 100'000'000, "Inputs per target neuron (in_degree connectivity)."));
    s.params.push_back(boolParam("autapses", false, "Connect a neuron to itself when pre and post are the same layer."));
    s.memoryBytes = [](const ShapeQuery& q) {
        const double pre = sizeOf(q.input("pre")), post = sizeOf(q.target("post"));
        const double synapses = q.text("connectivity") == "in_degree" ? static_cast<double>(q.integer("in_degree")) * post
                                                                       : q.real("p") * pre * post;
        // A 2-byte target index onto at most 65,536 neurons (4 onto more); constant weights are kept once
        // until a rule writes them (then 4 bytes more per synapse).
        const double index = static_cast<double>(sim::TargetIndex::bytesPerIndex(post));
        const double perSynapse = index + (q.text("weight_init") == "constant" ? 0.0 : 4.0);
        return synapses * perSynapse + pre * 8.0;
    };
    s.build = [](BuildContext& ctx) {
        auto [pre, post] = endpoints(ctx);
        const bool fixed = ctx.text("connectivity") == "in_degree";
        auto& proj = ctx.network().addProjection<sim::SparseProjection>(
            ctx.node().id, *pre, *post, channel(ctx), ctx.delaySteps("delay"),
            fixed ? sim::SparseProjection::Rule::FixedInDegree : sim::SparseProjection::Rule::Probability,
            fixed ? static_cast<double>(ctx.integer("in_degree")) : ctx.real("p"), weightInit(ctx, *post),
            ctx.network().nextStream(), ctx.flag("autapses"));
        ctx.provide(proj);
    };
    return s;
}

NodeSpec oneToOneSynapsesSpec()
{
    NodeSpec s = synapseBase("synapses.one_to_one", "One-to-one synapses",
                             "Neuron i drives neuron i of a layer of the same size, as the excitatory-to-inhibitory "
                             "synapses of Diehl & Cook (2015).",
                             10.4);
    s.outputShape = [](const ShapeQuery& q) { return q.input("pre"); };
    s.build = [](BuildContext& ctx) {
        auto [pre, post] = endpoints(ctx);
        auto& proj = ctx.network().addProjection<sim::OneToOneProjection>(
            ctx.node().id, *pre, *post, channel(ctx), ctx.delaySteps("delay"), weightInit(ctx, *post),
            ctx.network().nextStream());
        ctx.provide(proj);
    };
    return s;
}

namespace {

sim::ConvGeometry geometryOf(const ParamReader& q)
{
    return {static_cast<sim::Index>(q.integer("kernel")), static_cast<sim::Index>(q.integer("stride")),
            static_cast<sim::Index>(q.integer("padding")), static_cast<sim::Index>(q.integer("features"))};
}

} // namespace

NodeSpec convSynapsesSpec()
{
    NodeSpec s = synapseBase("synapses.conv", "Convolution synapses",
                             "2D convolution with shared kernels: each feature map of the target sees every input "
                             "channel through a kernel x kernel window (Kheradpisheh et al. 2018 use 30 maps of 5x5 "
                             "on DoG on/off inputs). The target layer takes the output shape (features x H' x W').",
                             0.8);
    s.params[3].defaultValue = std::string("normal");
    s.params[5].defaultValue = 0.05;
    s.params.push_back(intParam("features", 30, 1, 100'000, "Number of feature maps (kernels)."));
    s.params.push_back(intParam("kernel", 5, 1, 1000, "Kernel width and height."));
    s.params.push_back(intParam("stride", 1, 1, 1000, "Step between windows."));
    s.params.push_back(intParam("padding", 0, 0, 1000, "Zeros added around the input."));
    s.outputShape = [](const ShapeQuery& q) -> std::optional<sim::Shape> {
        auto in = q.input("pre");
        if (!in) return std::nullopt;
        return geometryOf(q).output(*in, "node '" + q.node().id + "'");
    };
    s.build = [](BuildContext& ctx) {
        auto [pre, post] = endpoints(ctx);
        auto& proj = ctx.network().addProjection<sim::ConvProjection>(
            ctx.node().id, *pre, *post, channel(ctx), ctx.delaySteps("delay"), geometryOf(ctx), weightInit(ctx, *post),
            ctx.network().nextStream());
        ctx.provide(proj);
    };
    return s;
}

NodeSpec poolSynapsesSpec()
{
    NodeSpec s = synapseBase("synapses.pool", "Pooling synapses",
                             "Spatial pooling per channel: max (a window relays at most one spike per step), first "
                             "spike (only the first spike of a window per sample passes, as in Kheradpisheh et al. "
                             "2018) or average (each spike adds weight / window^2).",
                             100.0);
    s.params.push_back(intParam("window", 2, 1, 1000, "Pooling window width and height."));
    s.params.push_back(intParam("stride", 2, 1, 1000, "Step between windows."));
    s.params.push_back(choiceParam("mode", {"max", "first_spike", "average"}, "max", "What a window relays."));
    s.outputShape = [](const ShapeQuery& q) -> std::optional<sim::Shape> {
        auto in = q.input("pre");
        if (!in) return std::nullopt;
        return sim::PoolProjection::output(*in, static_cast<sim::Index>(q.integer("window")),
                                           static_cast<sim::Index>(q.integer("stride")), "node '" + q.node().id + "'");
    };
    s.build = [](BuildContext& ctx) {
        auto [pre, post] = endpoints(ctx);
        const std::string& mode = ctx.text("mode");
        const auto m = mode == "average"       ? sim::PoolProjection::Mode::Average
                       : mode == "first_spike" ? sim::PoolProjection::Mode::FirstSpike
                                               : sim::PoolProjection::Mode::Max;
        auto& proj = ctx.network().addProjection<sim::PoolProjection>(
            ctx.node().id, *pre, *post, channel(ctx), ctx.delaySteps("delay"), static_cast<sim::Index>(ctx.integer("window")),
            static_cast<sim::Index>(ctx.integer("stride")), m, static_cast<float>(ctx.real("weight") * post->synapticUnit()));
        ctx.provide(proj);
    };
    return s;
}

NodeSpec lateralInhibitionSpec()
{
    NodeSpec s = synapseBase("synapses.lateral", "Lateral inhibition",
                             "Each spike inhibits every other neuron of the same layer (all_others), or the neurons at the "
                             "same position in the other feature maps (same_position). Wire the layer's 'out' into "
                             "'pre' and 'post' back into the same layer's 'in'. No weight matrix is stored.",
                             17.0);
    s.params[0].defaultValue = std::string("inhibitory");
    s.params.push_back(choiceParam("scope", {"all_others", "same_position"}, "all_others", "Which neurons are inhibited."));
    s.build = [](BuildContext& ctx) {
        auto [pre, post] = endpoints(ctx);
        if (pre != post) ctx.fail("post", "lateral inhibition must feed back into the layer it comes from ('" + pre->name() + "')");
        if (ctx.text("weight_init") != "constant") ctx.fail("weight_init", "lateral inhibition has one constant weight");
        auto& proj = ctx.network().addProjection<sim::LateralInhibitionProjection>(
            ctx.node().id, *pre, ctx.delaySteps("delay"), static_cast<float>(ctx.real("weight") * pre->synapticUnit()),
            ctx.text("scope") == "same_position" ? sim::LateralInhibitionProjection::Scope::SamePosition
                                                 : sim::LateralInhibitionProjection::Scope::AllOthers);
        ctx.provide(proj);
    };
    return s;
}

} // namespace ss::models
