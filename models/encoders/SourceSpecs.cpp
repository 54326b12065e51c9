// Declarations of the data sources and the current injectors.
#include "models/BuildContext.h"
#include "models/encoders/CurrentStimulus.h"
#include "models/encoders/EncoderSpecs.h"
#include "models/encoders/IdxSource.h"
#include "models/encoders/PoissonInputStimulus.h"
#include "models/encoders/SampleOptions.h"

#include <limits>
#include <numbers>
#include <tuple>

namespace ss::models {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

NodeSpec currentBase(std::string id, std::string name, std::string help)
{
    NodeSpec s;
    s.id = std::move(id);
    s.category = Category::Source;
    s.phase = 2; // after the populations it feeds
    s.name = std::move(name);
    s.help = std::move(help);
    s.ports = {{"current", Direction::Out, PortKind::Current, false, false,
                "Current injected into every neuron of the layers wired to it."}};
    return s;
}

ParamSpec timeParam(std::string key, double defMs, std::string help)
{
    return realParam(std::move(key), "ms", defMs, 0.0, kInf, std::move(help));
}

// The largest current an injector accepts either way, in nA. An electrode in a neuron passes a few nA
// (tens at most); 100 nA already holds any of the point models here at its highest rate or in
// depolarisation block (10 MOhm of a LIF neuron: 1 V of drive; 100,000 of Izhikevich's units at its 1 pA
// default, and the Hodgkin-Huxley demo's neuron fires twice and stays depolarised). Beyond that a value
// is a slip: at 1e6 nA that neuron's v reached 275 V, far outside the range its gating rates describe.
constexpr int kMaxCurrentNa = 100;
std::string currentLimit()
{
    return std::to_string(kMaxCurrentNa) + " nA";
}

ParamSpec currentParam(std::string key, double defNa, std::string help)
{
    return realParam(std::move(key), "nA", defNa, -kMaxCurrentNa, kMaxCurrentNa, std::move(help) + " Within +-" + currentLimit() + ".");
}

void checkWindow(const BuildContext& ctx)
{
    if (ctx.real("stop") < ctx.real("start")) ctx.fail("stop", "the current must stop at or after it starts");
}

} // namespace

NodeSpec idxSourceSpec()
{
    NodeSpec s;
    s.id = "source.idx";
    s.category = Category::Source;
    s.phase = 0;
    s.name = "IDX images";
    s.help = "Images and labels in the IDX format of MNIST, Fashion-MNIST, EMNIST and KMNIST, raw or gzip-compressed. "
             "Pixel values are divided by 255. Paths starting with ${DATA}/ are read from the folder named by the "
             "environment variable SPIKESTUDIO_DATA (default: 'data' in the working directory). 'split' train or "
             "test takes the standard file names (train-images-idx3-ubyte, t10k-...) in 'folder' instead of the "
             "two files. Samples can be shuffled (seeded), cut to 'count', normalised and scaled. Without a "
             "protocol the run shows sample 'index'.";
    s.ports = {{"samples", Direction::Out, PortKind::Samples, false, false, "The images, values in [0, 1]."}};
    s.params = {textParam("images", "${DATA}/mnist/t10k-images-idx3-ubyte", "Image file (idx3, unsigned bytes)."),
                textParam("labels", "${DATA}/mnist/t10k-labels-idx1-ubyte", "Label file (idx1); empty for none."),
                choiceParam("split", {"files", "train", "test"}, "files",
                            "files: the 'images' and 'labels' files; train / test: that split's files in 'folder'."),
                textParam("folder", "${DATA}/mnist", "Folder of the IDX files of a train or test split.")};
    const auto options = sampleOptionParams();
    s.params.insert(s.params.end(), options.begin(), options.end());
    s.outputShape = [](const ShapeQuery& q) -> std::optional<sim::Shape> {
        try {
            const std::string split = q.text("split");
            const std::string images = split == "files" ? expandDataPath(q.text("images"))
                                                        : idxSplitFiles(expandDataPath(q.text("folder")), split == "train").first;
            const auto dims = readIdxDims(images);
            if (dims.size() != 3) return std::nullopt;
            return sim::Shape{1, static_cast<sim::Index>(dims[1]), static_cast<sim::Index>(dims[2])};
        } catch (const IdxError&) {
            return std::nullopt; // the build reports the error
        }
    };
    s.build = [](BuildContext& ctx) {
        const std::string split = ctx.text("split");
        std::string images, labels;
        if (split == "files") {
            images = expandDataPath(ctx.text("images"));
            labels = ctx.text("labels").empty() ? std::string() : expandDataPath(ctx.text("labels"));
        } else {
            try {
                std::tie(images, labels) = idxSplitFiles(expandDataPath(ctx.text("folder")), split == "train");
            } catch (const IdxError& e) {
                ctx.fail("folder", e.what());
            }
        }
        // In file order only the first 'count' samples need reading; a shuffled order draws from all.
        const bool shuffled = ctx.text("order") == "shuffled";
        IdxDataset data;
        try {
            data = loadIdxDataset(images, labels, shuffled ? 0 : static_cast<std::size_t>(ctx.integer("count")));
        } catch (const IdxError& e) {
            const std::string what = e.what();
            const bool labelFault = !labels.empty() && what.rfind("'" + labels + "'", 0) == 0;
            ctx.fail(split != "files" ? "folder" : labelFault ? "labels" : "images", what);
        }
        provideSamples(ctx, std::move(data), images);
    };
    return s;
}

NodeSpec stepCurrentSpec()
{
    NodeSpec s = currentBase("stimulus.step", "Step current",
                             "A constant current 'amplitude' injected into every neuron from 'start' until 'stop' "
                             "(zero outside), the current-clamp step of an f-I curve or a rheobase measurement.");
    s.params = {currentParam("amplitude", 1.0, "Injected current."), timeParam("start", 100.0, "Switch-on time."),
                timeParam("stop", 900.0, "Switch-off time.")};
    s.build = [](BuildContext& ctx) {
        checkWindow(ctx);
        for (sim::Population* pop : ctx.outputPopulations("current"))
            ctx.network().addStimulus<StepCurrentStimulus>(*pop, ctx.si("amplitude"), ctx.si("start"), ctx.si("stop"));
    };
    return s;
}

NodeSpec rampCurrentSpec()
{
    NodeSpec s = currentBase("stimulus.ramp", "Ramp current",
                             "A current that rises (or falls) linearly from 'from' at 'start' towards 'to' at 'stop', "
                             "zero outside that window: finds the rheobase in one run and shows spike-frequency "
                             "adaptation and bistability.");
    s.params = {currentParam("from", 0.0, "Current at the start."), currentParam("to", 1.0, "Current at the stop."),
                timeParam("start", 100.0, "Start of the ramp."), timeParam("stop", 900.0, "End of the ramp.")};
    s.build = [](BuildContext& ctx) {
        checkWindow(ctx);
        for (sim::Population* pop : ctx.outputPopulations("current"))
            ctx.network().addStimulus<RampCurrentStimulus>(*pop, ctx.si("from"), ctx.si("to"), ctx.si("start"),
                                                           ctx.si("stop"));
    };
    return s;
}

NodeSpec ladderCurrentSpec()
{
    NodeSpec s = currentBase("stimulus.ladder", "Current ladder",
                             "A constant current from 'start' until 'stop' that differs from neuron to neuron: neuron i "
                             "of n gets from + (to - from) i / (n - 1). One run measures a whole f-I curve: the firing "
                             "rate against the neuron index is the rate against the current.");
    s.params = {currentParam("from", 0.0, "Current of the first neuron."),
                currentParam("to", 1.0, "Current of the last neuron."), timeParam("start", 0.0, "Switch-on time."),
                timeParam("stop", 1000.0, "Switch-off time.")};
    s.build = [](BuildContext& ctx) {
        checkWindow(ctx);
        for (sim::Population* pop : ctx.outputPopulations("current"))
            ctx.network().addStimulus<LadderCurrentStimulus>(*pop, ctx.si("from"), ctx.si("to"), ctx.si("start"),
                                                             ctx.si("stop"));
    };
    return s;
}

NodeSpec sineCurrentSpec()
{
    NodeSpec s = currentBase("stimulus.sine", "Sine current",
                             "A sinusoidal current offset + amplitude sin(2 pi f t + phase) injected into every neuron "
                             "at all times (as NEST's ac_generator): resonance and phase locking.");
    s.params = {currentParam("amplitude", 0.5, "Amplitude of the oscillation."),
                currentParam("offset", 0.0, "Constant part of the current."),
                realParam("frequency", "Hz", 10.0, 0.0, kInf, "Frequency f."),
                realParam("phase", "deg", 0.0, -360.0, 360.0, "Phase at t = 0, in degrees.")};
    s.build = [](BuildContext& ctx) {
        const double phase = ctx.real("phase") * std::numbers::pi / 180.0;
        for (sim::Population* pop : ctx.outputPopulations("current"))
            ctx.network().addStimulus<SineCurrentStimulus>(*pop, ctx.si("amplitude"), ctx.si("offset"),
                                                           ctx.si("frequency"), phase);
    };
    return s;
}

NodeSpec noiseCurrentSpec()
{
    NodeSpec s = currentBase("stimulus.noise", "Noise current",
                             "Gaussian current noise, drawn anew for every neuron and every step with the given mean "
                             "and standard deviation (as NEST's noise_generator with its interval equal to dt), "
                             "for irregular firing and stochastic resonance.");
    s.params = {currentParam("mean", 0.0, "Mean current."),
                realParam("std", "nA", 0.1, 0.0, kMaxCurrentNa,
                          "Standard deviation of the current in one step. At most " + currentLimit() + ".")};
    s.build = [](BuildContext& ctx) {
        for (sim::Population* pop : ctx.outputPopulations("current"))
            ctx.network().addStimulus<NoiseCurrentStimulus>(*pop, ctx.si("mean"), ctx.si("std"));
    };
    return s;
}

NodeSpec poissonInputSpec()
{
    NodeSpec s;
    s.id = "stimulus.poisson_input";
    s.category = Category::Source;
    s.phase = 2; // after the populations it feeds
    s.name = "Poisson input";
    s.help = "Independent Poisson synaptic input, as Brian2's PoissonInput: every neuron of the layers wired to it "
             "receives 'count' Poisson spike trains at 'rate' of its own, each spike adding 'weight' to its input "
             "at once (binomial(count, rate dt) spikes per neuron and step). The external drive of Brunel (2000): "
             "C_E inputs at nu_ext, weight J. No encoder population or synapses are built, and no two neurons "
             "share an input.";
    s.ports = {{"current", Direction::Out, PortKind::Current, false, false,
                "Wire to the 'current' port of the layers that receive the input."}};
    s.params = {intParam("count", 1000, 1, 1'000'000'000, "Number of independent inputs per neuron."),
                realParam("rate", "Hz", 10.0, 0.0, kInf, "Rate of each input."),
                realParam("weight", "", 0.1, -kInf, kInf,
                          "Weight of one input spike: in mV for neurons with voltage input, relative conductance for "
                          "conductance-based neurons."),
                choiceParam("target", {"excitatory", "inhibitory"}, "excitatory",
                            "Input channel of the neurons, as for synapses.")};
    s.build = [](BuildContext& ctx) {
        if (ctx.si("rate") * ctx.network().dt() > 1.0)
            ctx.fail("rate", "rate * dt exceeds 1: an input can fire at most once per step");
        const sim::Channel channel =
            ctx.text("target") == "inhibitory" ? sim::Channel::Inhibitory : sim::Channel::Excitatory;
        for (sim::Population* pop : ctx.outputPopulations("current"))
            ctx.network().addStimulus<PoissonInputStimulus>(*pop, channel, ctx.integer("count"), ctx.si("rate"),
                                                            ctx.real("weight") * pop->synapticUnit());
    };
    return s;
}

} // namespace ss::models
