// Declarations of the encoder nodes. Every encoder takes its shape from the samples wired into
// "samples" (the source's image or vector shape) or, with nothing wired, from its `size` parameter.
// When a source is wired, the build presents the source's default sample (IdxSource::defaultIndex,
// else sample 0) and registers the encoder with the source, so that a protocol can present others.
#include "models/encoders/EncoderSpecs.h"

#include "models/BuildContext.h"
#include "models/encoders/DogEncoder.h"
#include "models/encoders/IdxSource.h"
#include "models/encoders/LatencyEncoder.h"
#include "models/encoders/PoissonEncoder.h"
#include "models/encoders/PopulationCodingEncoder.h"
#include "models/encoders/RankOrderEncoder.h"
#include "models/encoders/RegularEncoder.h"

#include <limits>

namespace ss::models {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

NodeSpec encoderBase(std::string id, std::string name, std::string help)
{
    NodeSpec s;
    s.id = std::move(id);
    s.category = Category::Encoder;
    s.name = std::move(name);
    s.help = std::move(help);
    s.ports = {
        {"samples", Direction::In, PortKind::Samples, false, false,
         "Images or vectors with values in [0, 1]; without it the encoder uses its own parameters."},
        {"out", Direction::Out, PortKind::Spikes, false, false, "The encoded spikes."},
    };
    return s;
}

ParamSpec sizeParam(const std::string& what)
{
    return intParam("size", 100, 1, 100'000'000, "Number of " + what + " when nothing is wired into 'samples'.");
}

ParamSpec valueParam()
{
    return realParam("value", "", 1.0, 0.0, 1.0, "The value of every input when nothing is wired into 'samples'.");
}

std::optional<sim::Shape> samplesOrSize(const ShapeQuery& q)
{
    if (auto in = q.input("samples")) return in;
    return sim::Shape::flat(static_cast<sim::Index>(q.integer("size")));
}

// Presents the wired source's default sample, or the constant `value` parameter when nothing is wired
// and the encoder declares one. Returns whether a source is wired.
bool attachSamples(BuildContext& ctx, SpikeEncoder& encoder)
{
    DataSource* src = ctx.inputSource("samples");
    if (!src) {
        if (ctx.spec().param("value")) encoder.present(Eigen::ArrayXd::Constant(encoder.inputs(), ctx.real("value")));
        return false;
    }
    if (src->shape().size() != encoder.inputs())
        ctx.fail("samples", "the samples have " + std::to_string(src->shape().size()) +
                                " values but the encoder expects " + std::to_string(encoder.inputs()));
    if (src->count() > 0) {
        Eigen::ArrayXd values;
        src->sample(defaultSampleIndex(*src), values);
        encoder.present(values);
    }
    ctx.addEncoder(encoder, src);
    return true;
}

} // namespace

NodeSpec poissonSpec()
{
    NodeSpec s = encoderBase(
        "encoder.poisson", "Poisson encoder",
        "Rate coding: every input value v in [0, 1] drives one neuron that fires Poisson spikes at max_rate * v "
        "(in each step with probability rate * dt). Diehl & Cook (2015) present MNIST at pixel / 4 Hz, 63.75 Hz for "
        "a white pixel. With nothing wired in, every neuron fires at 'rate', like Brian2's PoissonGroup.");
    s.help += " With coding on_off (Nessler et al. 2013) each value drives an 'on' neuron that fires at max_rate "
              "while the value is at or above 'threshold' and an 'off' neuron that fires at max_rate while it is "
              "below: a binarised image as 2 x H x W neurons, on channel first.";
    s.params = {positiveParam("max_rate", "Hz", 63.75, "Rate of an input of value 1."),
                realParam("rate", "Hz", 10.0, 0.0, kInf, "Rate of every neuron when nothing is wired into 'samples'."),
                sizeParam("neurons"),
                choiceParam("coding", {"rate", "on_off"}, "rate",
                            "rate: rate proportional to the value; on_off: binarised, two neurons per value."),
                realParam("threshold", "", 0.5, 0.0, 1.0, "on_off: values at or above it are 'on', below it 'off'.")};
    s.outputShape = [](const ShapeQuery& q) -> std::optional<sim::Shape> {
        std::optional<sim::Shape> shape = samplesOrSize(q);
        if (shape && q.text("coding") == "on_off") shape->channels *= 2;
        return shape;
    };
    s.build = [](BuildContext& ctx) {
        const bool onOff = ctx.text("coding") == "on_off";
        const sim::Shape shape = ctx.outputShape();
        auto& enc = ctx.network().addPopulation<PoissonEncoder>(ctx.node().id, shape, ctx.si("max_rate"),
                                                                onOff ? shape.size() / 2 : 0);
        if (onOff) enc.setOnOff(ctx.real("threshold"));
        if (!attachSamples(ctx, enc)) enc.setRate(ctx.si("rate"));
        ctx.provide(enc);
    };
    return s;
}

NodeSpec regularSpec()
{
    NodeSpec s = encoderBase(
        "encoder.regular", "Regular encoder",
        "Rate coding with clock-like spike trains: the neuron of an input of value v fires every 1 / (max_rate * v) "
        "seconds, its first spike one period after the sample is shown (earlier by 'phase' periods). Removes the "
        "Poisson variability, to separate the effect of the rate from that of the noise.");
    s.params = {positiveParam("max_rate", "Hz", 63.75, "Rate of an input of value 1."),
                realParam("rate", "Hz", 10.0, 0.0, kInf, "Rate of every neuron when nothing is wired into 'samples'."),
                realParam("phase", "", 0.0, 0.0, 1.0, "Fraction of a period by which every spike comes earlier."),
                sizeParam("neurons")};
    s.outputShape = samplesOrSize;
    s.build = [](BuildContext& ctx) {
        auto& enc = ctx.network().addPopulation<RegularEncoder>(ctx.node().id, ctx.outputShape(), ctx.si("max_rate"),
                                                                ctx.real("phase"));
        if (!attachSamples(ctx, enc)) enc.setRate(ctx.si("rate"));
        ctx.provide(enc);
    };
    return s;
}

NodeSpec latencySpec()
{
    NodeSpec s = encoderBase(
        "encoder.latency", "Latency encoder",
        "Time-to-first-spike coding: every input fires once per sample, stronger inputs earlier. Linear: t = t_max "
        "(1 - v). Log: t = tau ln(v / (v - threshold)), the time an RC membrane driven by v needs to reach the "
        "threshold. Inputs at or below the threshold never fire. Times are rounded to whole steps.");
    s.params = {choiceParam("mode", {"linear", "log"}, "linear", "Mapping from value to spike time."),
                realParam("t_max", "ms", 50.0, 0.0, kInf, "Linear mode: spike time of a value near 0."),
                positiveParam("tau", "ms", 5.0, "Log mode: membrane time constant."),
                realParam("threshold", "", 0.01, 0.0, 0.999, "Values at or below it never fire."), valueParam(),
                sizeParam("neurons")};
    s.outputShape = samplesOrSize;
    s.build = [](BuildContext& ctx) {
        const auto mode = ctx.text("mode") == "log" ? LatencyEncoder::Mode::Log : LatencyEncoder::Mode::Linear;
        auto& enc = ctx.network().addPopulation<LatencyEncoder>(ctx.node().id, ctx.outputShape(), mode,
                                                                ctx.si("t_max"), ctx.si("tau"), ctx.real("threshold"));
        attachSamples(ctx, enc);
        ctx.provide(enc);
    };
    return s;
}

NodeSpec populationCodingSpec()
{
    NodeSpec s = encoderBase(
        "encoder.population", "Population coding",
        "Every input value x in [0, 1] drives a group of neurons with Gaussian tuning curves centred evenly on [0, 1] "
        "(Bohte et al. 2002): neuron j fires Poisson spikes at max_rate exp(-(x - c_j)^2 / (2 sigma^2)), so the group "
        "that fires most marks the value. Output: neurons_per_value neurons per input.");
    s.params = {intParam("neurons_per_value", 10, 1, 10'000, "Neurons per input value (m)."),
                realParam("sigma", "", 0.0, 0.0, kInf,
                          "Tuning width; 0 takes the spacing of the centres, 1 / (m - 1)."),
                positiveParam("max_rate", "Hz", 100.0, "Rate at the preferred value."),
                realParam("value", "", 0.5, 0.0, 1.0, "The value of every input when nothing is wired into 'samples'."),
                sizeParam("input values")};
    s.outputShape = [](const ShapeQuery& q) -> std::optional<sim::Shape> {
        const auto in = samplesOrSize(q);
        return sim::Shape::flat(in->size() * static_cast<sim::Index>(q.integer("neurons_per_value")));
    };
    s.build = [](BuildContext& ctx) {
        const auto m = static_cast<sim::Index>(ctx.integer("neurons_per_value"));
        auto& enc = ctx.network().addPopulation<PopulationCodingEncoder>(ctx.node().id, ctx.outputShape().size() / m, m,
                                                                         ctx.real("sigma"), ctx.si("max_rate"));
        attachSamples(ctx, enc);
        ctx.provide(enc);
    };
    return s;
}

NodeSpec rankOrderSpec()
{
    NodeSpec s = encoderBase(
        "encoder.rank_order", "Rank-order encoder",
        "Rank-order coding (Thorpe & Gautrais 1998): the inputs above the threshold fire once each, in order of "
        "decreasing value, 'per_step' of them per step; only the order carries the information.");
    s.params = {intParam("per_step", 1, 1, 100'000'000, "Spikes per step."),
                realParam("threshold", "", 0.0, 0.0, 1.0, "Values at or below it never fire."), valueParam(),
                sizeParam("neurons")};
    s.outputShape = samplesOrSize;
    s.build = [](BuildContext& ctx) {
        auto& enc = ctx.network().addPopulation<RankOrderEncoder>(
            ctx.node().id, ctx.outputShape(), static_cast<sim::Index>(ctx.integer("per_step")), ctx.real("threshold"));
        attachSamples(ctx, enc);
        ctx.provide(enc);
    };
    return s;
}

NodeSpec dogSpec()
{
    NodeSpec s = encoderBase(
        "encoder.dog", "DoG on/off encoder",
        "Retina-like difference-of-Gaussians filtering (Kheradpisheh et al. 2018): on-centre (channel 0) and "
        "off-centre (channel 1) responses of a grey image, then latency coding: larger responses fire earlier "
        "within 'steps' steps, responses at or below the threshold never. Needs a 1 x H x W image source.");
    s.params = {positiveParam("sigma_centre", "px", 1.0, "Width of the centre Gaussian."),
                positiveParam("sigma_surround", "px", 2.0, "Width of the surround Gaussian."),
                intParam("window", 7, 1, 101, "Kernel width in pixels (odd)."),
                intParam("steps", 30, 1, 100'000, "Steps over which the spikes of one image spread."),
                realParam("threshold", "", 0.05, 0.0, kInf, "Responses at or below it never fire."),
                choiceParam("order", {"value", "rank"}, "value",
                            "value: spike step linear in the response; rank: equal numbers of spikes per step.")};
    s.outputShape = [](const ShapeQuery& q) -> std::optional<sim::Shape> {
        const auto in = q.input("samples");
        if (!in || in->channels != 1) return std::nullopt;
        return sim::Shape{2, in->height, in->width};
    };
    s.build = [](BuildContext& ctx) {
        if (!ctx.inputSource("samples")) ctx.fail("samples", "the DoG encoder needs a grey image source (1 x H x W)");
        const sim::Shape shape = ctx.outputShape();
        if (ctx.integer("window") % 2 == 0) ctx.fail("window", "the window must be odd");
        const auto order = ctx.text("order") == "rank" ? DogEncoder::Order::Rank : DogEncoder::Order::Value;
        auto& enc = ctx.network().addPopulation<DogEncoder>(
            ctx.node().id, shape.height, shape.width, ctx.real("sigma_centre"), ctx.real("sigma_surround"),
            static_cast<int>(ctx.integer("window")), static_cast<int>(ctx.integer("steps")), ctx.real("threshold"),
            order);
        attachSamples(ctx, enc);
        ctx.provide(enc);
    };
    return s;
}

std::vector<NodeSpec> encoderFamilySpecs()
{
    return {
        idxSourceSpec(),
        poissonSpec(),
        regularSpec(),
        latencySpec(),
        populationCodingSpec(),
        rankOrderSpec(),
        dogSpec(),
        spikeTimesSpec(),
        stepCurrentSpec(),
        rampCurrentSpec(),
        ladderCurrentSpec(),
        sineCurrentSpec(),
        noiseCurrentSpec(),
        poissonInputSpec(),
    };
}

} // namespace ss::models
