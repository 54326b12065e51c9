#include "models/readouts/ReadoutSpecs.h"

#include "models/BuildContext.h"
#include "models/readouts/AssignmentReadout.h"
#include "models/readouts/RidgeReadout.h"
#include "models/readouts/SpikingOutputReadout.h"
#include "models/readouts/SvmReadout.h"

#include <algorithm>
#include <memory>

namespace ss::models {

namespace {

using Factory = std::function<std::unique_ptr<Readout>(Eigen::Index neurons, int classes)>;
// Reads the node's parameters and returns how to make its readout.
using Make = std::function<Factory(const BuildContext&)>;

ReadoutFeature feature(const BuildContext& ctx) { return readoutFeature(ctx.text("feature")); }

ParamSpec featureParam()
{
    return choiceParam("feature", {"counts", "first_spike", "potential"}, "counts",
                       "What is read of each neuron per sample: its spike count, how early it fired first "
                       "(1 - t_first / presentation time; 0 when silent), or its membrane potential v at the end "
                       "of the presentation (mV; for a layer that does not fire at test, layer.if fire = learning).");
}

ParamSpec poolingParam()
{
    return choiceParam("pooling", {"none", "map_max"}, "none",
                       "One feature per neuron, or per feature map of a C x H x W layer its largest feature over "
                       "the positions (global max pooling: C features; Kheradpisheh et al. 2018 pool the final "
                       "potentials of their last layer this way).");
}

ParamSpec poolGridParam()
{
    return intParam("pool_grid", 1, 1, 64,
                    "With map_max: split each map's positions into g x g regions and keep the largest feature of each "
                    "(C g^2 features); 1: one maximum per map.");
}

NodeSpec readoutSpec(std::string id, std::string name, std::string help, std::vector<ParamSpec> params, Make make)
{
    NodeSpec s;
    s.id = std::move(id);
    s.category = Category::Readout;
    s.name = std::move(name);
    s.help = std::move(help);
    s.ports = {{"spikes", Direction::In, PortKind::Spikes, true, false, "The layer to read (wire its 'out')."}};
    s.params = std::move(params);
    s.build = [make = std::move(make)](BuildContext& ctx) {
        sim::Population* pop = ctx.inputPopulation("spikes");
        if (!pop) ctx.fail("spikes", "input 'spikes' is not connected to a population");
        ReadoutBinding binding{ctx.node().id, pop, make(ctx)};
        const auto& declared = ctx.spec().params;
        if (std::any_of(declared.begin(), declared.end(), [](const ParamSpec& p) { return p.key == "pooling"; }))
            binding.pooling = readoutPooling(ctx.text("pooling")), binding.poolGrid = ctx.integer("pool_grid");
        ctx.addReadout(std::move(binding));
    };
    return s;
}

} // namespace

NodeSpec voteReadoutSpec()
{
    return readoutSpec(
        "readout.vote", "Class vote readout",
        "Diehl & Cook's readout: after training, each neuron is assigned to the class it answered most during the "
        "label phase, and a test sample is given the class whose assigned neurons fired most on average. Needs no "
        "training beyond the assignment; the protocol's readout when no readout node is wired.",
        {}, [](const BuildContext&) -> Factory {
            return [](Eigen::Index n, int classes) { return std::make_unique<AssignmentReadout>(n, classes); };
        });
}

NodeSpec ridgeReadoutSpec()
{
    return readoutSpec(
        "readout.ridge", "Linear readout (ridge)",
        "A linear classifier on the layer's responses: ridge regression onto one-hot class targets, solved in closed "
        "form on the label phase's samples (features standardised to zero mean and unit variance), then the class of "
        "the largest output. Uses every neuron's response, not only its preferred class.",
        {realParam("lambda", "", 1.0, 0.0, 1e12, "Regularisation: weight of the squared weights in the loss (0: least squares)."),
         featureParam(), poolingParam(), poolGridParam()},
        [](const BuildContext& ctx) -> Factory {
            return [lambda = ctx.real("lambda"), f = feature(ctx)](Eigen::Index n, int classes) {
                return std::make_unique<RidgeReadout>(n, classes, lambda, f);
            };
        });
}

NodeSpec svmReadoutSpec()
{
    return readoutSpec(
        "readout.svm", "Linear SVM readout",
        "A linear support vector machine (OpenCV, one against one) trained on the layer's responses during the label "
        "phase, features standardised to zero mean and unit variance; Kheradpisheh et al. (2018) classify their STDP "
        "features this way (C 2.4).",
        {positiveParam("c", "", 1.0, "Penalty of margin violations: small values regularise more."), featureParam(),
         poolingParam(), poolGridParam()},
        [](const BuildContext& ctx) -> Factory {
            return [c = ctx.real("c"), f = feature(ctx)](Eigen::Index n, int classes) {
                return std::make_unique<SvmReadout>(n, classes, c, f);
            };
        });
}

NodeSpec spikingOutputReadoutSpec()
{
    return readoutSpec(
        "readout.spiking_output", "Spiking output readout",
        "For a supervised output layer with one neuron (or an equal group of neurons) per class: the class whose "
        "neurons fired most wins. Nothing is fitted in the label phase; a silent layer gives no answer.",
        {}, [](const BuildContext&) -> Factory {
            return [](Eigen::Index n, int classes) { return std::make_unique<SpikingOutputReadout>(n, classes); };
        });
}

} // namespace ss::models
