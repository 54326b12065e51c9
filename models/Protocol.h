#pragma once
// Training protocol of unsupervised learning (Diehl & Cook 2015): three phases over the samples of
// data sources bound to a compiled network.
//   train  learning on. For each training sample (epochs passes, file order): beginSample (state back
//          to initial when resetBetween, and the rules re-arm: Diehl & Cook's weight normalisation), the
//          encoder shows the sample for `present`, the spikes of each readout neuron are counted, then
//          the encoder shows a blank (all zeros) for `rest`. When the readout fired fewer than minSpikes,
//          the sample is shown again with the input intensity raised by one step (rates times
//          1 + n intensityStep after n repeats, at most maxRepeats repeats), as in the authors' code;
//          their loop does the same in every phase, and so does this one (learning stays off outside
//          training, so the repeats only find a response).
//   label  learning off (plasticity and adaptive thresholds frozen: Network::setLearning(false)).
//          labelCount training samples are shown; each neuron's mean count per class gives its class
//          (VoteReadout::assign), and the readout is fitted on the features of these samples.
//   test   learning off. testCount samples of the test source are shown and classified by the readout;
//          accuracy and confusion matrix (rows: true class, columns: predicted).
//          When the test source is the training source, the test samples are the ones after the
//          training samples, so that no training sample is tested.
// The readout: the readout node of the network when it has one (models/readouts: vote, ridge, SVM,
// spiking output), which also chooses the layer that is read; otherwise the class vote of Diehl & Cook
// on the protocol's readout layer.
// The intensity raises a PoissonEncoder's rates directly (PoissonEncoder::setIntensity: present()
// clamps values to [0, 1], so scaling the sample would saturate); other encoders receive the sample
// times the intensity, which they clamp to [0, 1].
// During training a running accuracy follows the authors' scheme: the responses of each window of
// `window` samples assign the neurons that classify the next window.
#include "models/BuildContext.h"
#include "models/ProtocolSettings.h"
#include "models/VoteReadout.h"
#include "models/readouts/Readout.h"

#include <atomic>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace ss::models {

class PoissonEncoder;

class ProtocolError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct ProtocolProgress {
    std::string phase;      // "train", "label" or "test"
    int epoch = 0;          // from 0, in the train phase
    std::size_t sample = 0; // samples done in this phase
    std::size_t total = 0;  // samples in this phase
    double accuracy = 0.0;  // running accuracy; NaN while there is none
    int label = -1;         // test phase: the sample's class, and the readout's answer (-1: none)
    int guess = -1;
};

// One presentation of a sample (each repeat at raised intensity is one), as it starts.
struct Presentation {
    const std::string& phase;
    std::size_t index; // in its source
    int label;
    double intensity;
    const Eigen::ArrayXd& values;  // the sample as read from the source
    sim::Step first, steps;        // its first step and its length in steps (the rest follows)
};

struct AccuracyPoint {
    std::string phase;
    std::size_t seen = 0; // samples done in the phase
    double accuracy = 0.0;
};

struct ProtocolResult {
    double accuracy = 0.0; // on the test samples
    std::size_t tested = 0, correct = 0, unanswered = 0; // unanswered: no assigned neuron fired
    Eigen::ArrayXXi confusion;                            // classes x classes, rows true class
    std::vector<int> assignments; // of the class vote, filled by the label phase
    std::string readout;          // type of the readout that classified the test ("readout.vote")
    std::vector<AccuracyPoint> curve;
    std::size_t trainPresentations = 0; // including repeats at raised intensity
    std::size_t trainSamples = 0;
    std::size_t trainSpikes = 0; // of the readout layer in the training presentations, repeats included
    double trainSeconds = 0.0, labelSeconds = 0.0, testSeconds = 0.0; // wall time
    bool stopped = false;
};

class ProtocolRunner {
public:
    // compiled: exactly one encoder bound to a source (the training source; trainSource, when given,
    // must name it). testSource: a source node id of compiled.sources (empty: the training source).
    // readoutLayer: the population node id whose spikes are counted, unless the network has a readout
    // node (then it may be empty).
    ProtocolRunner(CompiledNetwork& compiled, const std::string& readoutLayer, const ProtocolSettings& settings,
                   const std::string& testSource = {}, const std::string& trainSource = {});

    void setProgress(std::function<void(const ProtocolProgress&)> callback) { m_progress = std::move(callback); }
    // Training samples per window of the running training accuracy (default: a tenth of the training).
    void setWindow(std::size_t samples) { m_window = samples; }
    // Called after each sample of every phase (after the progress report), on the thread that runs the
    // protocol: a host may block in it to pause between samples, or call requestStop() from it.
    void setBetweenSamples(std::function<void()> hook) { m_betweenSamples = std::move(hook); }
    // Called as each presentation starts (after the encoder was given the sample), on the thread that
    // runs the protocol: a live view of the input.
    void setPresentation(std::function<void(const Presentation&)> hook) { m_presentation = std::move(hook); }
    // Thread-safe; the protocol stops after the current sample.
    void requestStop() { m_stop = true; }

    // Called by run() once the label phase has fitted the readout, before the test: the moment to
    // capture the training state (TrainingState.h).
    void setAfterLabel(std::function<void()> hook) { m_afterLabel = std::move(hook); }

    // The three phases in order.
    ProtocolResult run();
    // The test phase alone, for a network whose training state was loaded (applyState).
    ProtocolResult runTest();
    void train(ProtocolResult& result);
    void label(ProtocolResult& result);
    void test(ProtocolResult& result);

    // One sample of `source`, with repeats at raised intensity when allowed; returns the spike counts of
    // the readout neurons during the (last) presentation and the number of presentations.
    const Eigen::ArrayXd& show(const DataSource& source, std::size_t k, bool repeatWhenSilent, int* presentations = nullptr);
    // The readout's features of the sample last shown (Readout.h): its counts, first-spike values or
    // final potentials, per neuron or pooled per feature map.
    const Eigen::ArrayXd& features();

    const DataSource& trainSource() const { return *m_train; }
    const DataSource& testSource() const { return *m_test; }
    const VoteReadout& readout() const { return m_readout; }
    VoteReadout& readout() { return m_readout; }
    // The readout that classifies the test samples, and its node (empty: the default class vote).
    const Readout& classifier() const { return *m_classifier; }
    Readout& classifier() { return *m_classifier; }
    const std::string& readoutNode() const { return m_readoutNode; }
    // The node id of the layer that is read (the readout node's layer, or the protocol's readout layer).
    const std::string& readoutLayer() const { return m_readoutLayer; }
    const sim::Population& readoutPopulation() const { return *m_readoutPop; }
    int classes() const { return m_classes; }
    std::size_t trainCount() const { return m_trainCount; }
    std::size_t labelCount() const;
    std::size_t testCount() const;
    std::size_t testOffset() const { return m_test == m_train ? m_trainCount : 0; }

private:
    void present(const Eigen::ArrayXd& values, double intensity);
    void report(const std::string& phase, int epoch, std::size_t sample, std::size_t total, double accuracy, int label = -1,
                int guess = -1);

    CompiledNetwork& m_compiled;
    sim::Network& m_net;
    ProtocolSettings m_s;
    SampleEncoder* m_encoder = nullptr;
    PoissonEncoder* m_poisson = nullptr;
    const DataSource* m_train = nullptr;
    const DataSource* m_test = nullptr;
    const sim::Population* m_readoutPop = nullptr;
    int m_classes = 10;
    std::size_t m_trainCount = 0;
    std::size_t m_window = 0;
    sim::Step m_presentSteps = 0, m_restSteps = 0;
    VoteReadout m_readout;
    std::unique_ptr<Readout> m_classifier;
    std::string m_readoutNode, m_readoutLayer;
    ReadoutPooling m_pooling = ReadoutPooling::None;
    sim::Index m_poolGrid = 1; // map_max: g x g regions per map
    const Eigen::ArrayXd* m_v = nullptr; // the readout layer's potential, for feature 'potential'
    // Per readout neuron: counts, first-spike values, potentials at the end of the presentation (mV);
    // m_features: what the classifier reads (pooled per map or not).
    Eigen::ArrayXd m_sample, m_blank, m_counts, m_perNeuron, m_potential, m_features;
    double m_shownSpikes = 0.0;     // readout spikes in every presentation so far (show())
    std::vector<sim::Step> m_first; // step of each readout neuron's first spike in the presentation, -1: none
    std::function<void(const ProtocolProgress&)> m_progress;
    std::function<void()> m_betweenSamples;
    std::function<void()> m_afterLabel;
    std::function<void(const Presentation&)> m_presentation;
    std::string m_phase; // the phase that show() serves
    std::atomic<bool> m_stop{false};
};

} // namespace ss::models
