#include "models/Protocol.h"

#include "models/encoders/PoissonEncoder.h"
#include "models/readouts/AssignmentReadout.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

namespace ss::models {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The layer the readout node reads, or the protocol's readout layer without a readout node.
const sim::Population& chooseReadoutPopulation(const CompiledNetwork& compiled, const std::string& id)
{
    if (compiled.readouts.size() > 1)
        throw ProtocolError("a protocol reads one readout node; this network has " + std::to_string(compiled.readouts.size()) +
                            " ('" + compiled.readouts[0].node + "', '" + compiled.readouts[1].node + "', ...)");
    if (!compiled.readouts.empty()) return *compiled.readouts.front().population;
    const auto it = compiled.populations.find(id);
    if (it == compiled.populations.end() || !it->second)
        throw ProtocolError("the readout layer '" + id + "' is not a population of this network");
    return *it->second;
}

double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

ProtocolRunner::ProtocolRunner(CompiledNetwork& compiled, const std::string& readoutLayer,
                               const ProtocolSettings& settings, const std::string& testSource,
                               const std::string& trainSource)
    : m_compiled(compiled), m_net(*compiled.network), m_s(settings),
      m_readoutPop(&chooseReadoutPopulation(compiled, readoutLayer)), m_readout(m_readoutPop->size())
{
    if (!(m_s.present > 0.0)) throw ProtocolError("the presentation time must be positive");
    if (!(m_s.rest >= 0.0)) throw ProtocolError("the rest time must not be negative");
    if (m_s.epochs < 1) throw ProtocolError("the protocol needs at least one epoch");
    if (!(m_s.intensityStep >= 0.0) || m_s.maxRepeats < 0) throw ProtocolError("intensity steps must not be negative");
    for (const auto& [encoder, source] : compiled.encoders) {
        if (!source) continue;
        if (m_encoder) throw ProtocolError("a protocol needs exactly one encoder fed by a data source; this network has several");
        m_encoder = encoder;
        m_train = source;
    }
    if (!m_encoder) throw ProtocolError("a protocol needs an encoder fed by a data source");
    m_poisson = dynamic_cast<PoissonEncoder*>(m_encoder);
    auto findSource = [&](const std::string& id) -> const DataSource* {
        const auto it = compiled.sources.find(id);
        if (it == compiled.sources.end() || !it->second) throw ProtocolError("'" + id + "' is not a data source of this network");
        return it->second.get();
    };
    if (!trainSource.empty() && findSource(trainSource) != m_train)
        throw ProtocolError("the training source '" + trainSource + "' does not feed the network's encoder");
    m_test = testSource.empty() ? m_train : findSource(testSource);
    if (m_test->shape().size() != m_train->shape().size())
        throw ProtocolError("the test samples have " + std::to_string(m_test->shape().size()) + " values, the training samples " +
                            std::to_string(m_train->shape().size()));

    m_trainCount = m_s.trainCount == 0 ? m_train->count() : std::min(m_s.trainCount, m_train->count());
    if (m_trainCount == 0) throw ProtocolError("the training source has no samples");
    // The classes are those of the whole sources, not of the samples used, so that a short run keeps
    // every class in its confusion matrix and its saved state fits a longer one.
    int most = -1;
    for (std::size_t k = 0; k < std::max(m_trainCount, labelCount()); ++k) most = std::max(most, m_train->label(k));
    if (most < 0) throw ProtocolError("the training samples have no labels: the class assignment needs them");
    for (const DataSource* source : {m_train, m_test})
        for (std::size_t k = 0; k < source->count(); ++k) most = std::max(most, source->label(k));
    m_classes = std::max(2, most + 1);
    m_readout = VoteReadout(m_readoutPop->size(), m_classes);
    for (const auto& [id, pop] : compiled.populations)
        if (pop == m_readoutPop) m_readoutLayer = id;
    try {
        if (compiled.readouts.empty()) {
            m_classifier = std::make_unique<AssignmentReadout>(m_readoutPop->size(), m_classes);
        } else {
            const ReadoutBinding& binding = compiled.readouts.front();
            m_readoutNode = binding.node;
            m_pooling = binding.pooling;
            const sim::Shape& shape = m_readoutPop->shape();
            m_poolGrid = static_cast<sim::Index>(binding.poolGrid);
            if (m_pooling == ReadoutPooling::MapMax && (m_poolGrid < 1 || m_poolGrid > std::min(shape.height, shape.width)))
                throw ProtocolError("readout '" + m_readoutNode + "': pool_grid " + std::to_string(m_poolGrid) +
                                    " must lie between 1 and the height and width of the " + shape.toString() + " maps of '" + m_readoutLayer + "'");
            const Eigen::Index features =
                m_pooling == ReadoutPooling::MapMax ? shape.channels * m_poolGrid * m_poolGrid : m_readoutPop->size();
            m_classifier = binding.make(features, m_classes);
        }
    } catch (const std::invalid_argument& e) {
        throw ProtocolError("readout '" + m_readoutNode + "': " + e.what());
    }

    const double dt = m_net.dt();
    m_presentSteps = std::max<sim::Step>(1, std::llround(m_s.present / dt));
    m_restSteps = std::llround(m_s.rest / dt);
    m_sample.setZero(m_train->shape().size());
    m_blank.setZero(m_train->shape().size());
    m_counts.setZero(m_readoutPop->size());
    m_features.setZero(m_classifier->neurons());
    m_perNeuron.setZero(m_readoutPop->size());
    m_potential.setZero(m_readoutPop->size());
    m_first.assign(static_cast<std::size_t>(m_readoutPop->size()), -1);
    if (m_classifier->feature() == ReadoutFeature::Potential) {
        m_v = m_readoutPop->stateVariable("v");
        if (!m_v)
            throw ProtocolError("readout '" + m_readoutNode + "': feature 'potential' needs a layer with a membrane potential v; '" +
                                m_readoutLayer + "' has none");
    }
}

std::size_t ProtocolRunner::labelCount() const
{
    return m_s.labelCount == 0 ? m_trainCount : std::min(m_s.labelCount, m_train->count());
}

std::size_t ProtocolRunner::testCount() const
{
    const std::size_t offset = testOffset();
    const std::size_t available = m_test->count() > offset ? m_test->count() - offset : 0;
    return m_s.testCount == 0 ? available : std::min(m_s.testCount, available);
}

void ProtocolRunner::present(const Eigen::ArrayXd& values, double intensity)
{
    if (m_poisson) {
        m_poisson->setIntensity(intensity);
        m_encoder->present(values);
    } else {
        m_encoder->present(intensity == 1.0 ? values : Eigen::ArrayXd(values * intensity));
    }
}

const Eigen::ArrayXd& ProtocolRunner::show(const DataSource& source, std::size_t k, bool repeatWhenSilent,
                                           int* presentations)
{
    source.sample(k, m_sample);
    int shown = 0;
    for (int repeat = 0;; ++repeat) {
        m_net.beginSample(m_s.resetBetween);
        const double intensity = 1.0 + repeat * m_s.intensityStep;
        present(m_sample, intensity);
        if (m_presentation)
            m_presentation({m_phase, k, source.label(k), intensity, m_sample, m_net.currentStep(), m_presentSteps});
        m_counts.setZero();
        std::fill(m_first.begin(), m_first.end(), -1);
        for (sim::Step s = 0; s < m_presentSteps; ++s) {
            m_net.step();
            for (sim::Index i : m_readoutPop->spikes()) {
                if (m_counts[i] == 0.0) m_first[static_cast<std::size_t>(i)] = s;
                m_counts[i] += 1.0;
            }
        }
        ++shown;
        m_shownSpikes += m_counts.sum();
        if (m_v) m_potential = *m_v * 1e3; // volts to mV, before the rest
        present(m_blank, 1.0);
        m_net.run(m_restSteps);
        if (!repeatWhenSilent || repeat >= m_s.maxRepeats || m_counts.sum() >= m_s.minSpikes) break;
    }
    if (m_poisson) m_poisson->setIntensity(1.0);
    if (presentations) *presentations = shown;
    return m_counts;
}

const Eigen::ArrayXd& ProtocolRunner::features()
{
    const Eigen::ArrayXd* perNeuron = &m_counts;
    if (m_classifier->feature() == ReadoutFeature::Potential) {
        perNeuron = &m_potential;
    } else if (m_classifier->feature() == ReadoutFeature::FirstSpike) {
        // f = 1 - t_first / T (Readout.h), t_first counted from the onset: the spike in step s is at (s + 1) dt.
        for (std::size_t j = 0; j < m_first.size(); ++j)
            m_perNeuron[static_cast<Eigen::Index>(j)] =
                m_first[j] < 0 ? 0.0 : 1.0 - static_cast<double>(m_first[j] + 1) / static_cast<double>(m_presentSteps);
        perNeuron = &m_perNeuron;
    }
    if (m_pooling == ReadoutPooling::None) return *perNeuron;
    // Max pooling per feature map over g x g regions (g = 1: global); region (gy, gx) of a map covers
    // rows [gy H / g, (gy + 1) H / g) and columns [gx W / g, (gx + 1) W / g).
    const sim::Shape& shape = m_readoutPop->shape();
    const sim::Index g = m_poolGrid;
    Eigen::Index out = 0;
    for (sim::Index c = 0; c < shape.channels; ++c)
        for (sim::Index gy = 0; gy < g; ++gy)
            for (sim::Index gx = 0; gx < g; ++gx) {
                double best = -std::numeric_limits<double>::infinity();
                for (sim::Index y = gy * shape.height / g; y < (gy + 1) * shape.height / g; ++y)
                    for (sim::Index x = gx * shape.width / g; x < (gx + 1) * shape.width / g; ++x)
                        best = std::max(best, (*perNeuron)[shape.index(c, y, x)]);
                m_features[out++] = best;
            }
    return m_features;
}

void ProtocolRunner::report(const std::string& phase, int epoch, std::size_t sample, std::size_t total, double accuracy, int label,
                            int guess)
{
    if (m_progress) m_progress({phase, epoch, sample, total, accuracy, label, guess});
    if (m_betweenSamples) m_betweenSamples();
}

void ProtocolRunner::train(ProtocolResult& result)
{
    const auto start = std::chrono::steady_clock::now();
    m_phase = "train";
    m_net.setLearning(true);
    const std::size_t total = m_trainCount * static_cast<std::size_t>(m_s.epochs);
    const std::size_t window = m_window > 0 ? m_window : std::max<std::size_t>(1, total / 10);
    // Running accuracy: assignments from the previous window classify the current one.
    VoteReadout windowReadout(m_readoutPop->size(), m_classes);
    bool assigned = false;
    std::size_t seen = 0, predicted = 0, correct = 0;
    const double spikesBefore = m_shownSpikes;
    for (int epoch = 0; epoch < m_s.epochs && !m_stop; ++epoch) {
        for (std::size_t k = 0; k < m_trainCount && !m_stop; ++k) {
            int shown = 0;
            const Eigen::ArrayXd& counts = show(*m_train, k, m_s.minSpikes > 0, &shown);
            result.trainPresentations += static_cast<std::size_t>(shown);
            const int label = m_train->label(k);
            if (assigned) {
                ++predicted;
                if (windowReadout.predict(counts) == label) ++correct;
            }
            windowReadout.accumulate(label, counts);
            ++seen;
            const double running = predicted ? static_cast<double>(correct) / static_cast<double>(predicted) : kNaN;
            if (seen % window == 0 || seen == total) {
                if (predicted) result.curve.push_back({"train", seen, running});
                windowReadout.assign();
                windowReadout.clear();
                assigned = true;
                predicted = correct = 0;
            }
            report("train", epoch, seen, total, running);
        }
    }
    result.trainSamples = seen;
    result.trainSpikes += static_cast<std::size_t>(m_shownSpikes - spikesBefore);
    result.trainSeconds += secondsSince(start);
}

void ProtocolRunner::label(ProtocolResult& result)
{
    const auto start = std::chrono::steady_clock::now();
    m_phase = "label";
    m_net.setLearning(false);
    m_readout.clear();
    const std::size_t total = labelCount();
    Eigen::ArrayXXd features(static_cast<Eigen::Index>(total), m_classifier->neurons());
    std::vector<int> labels;
    for (std::size_t k = 0; k < total && !m_stop; ++k) {
        const int label = m_train->label(k);
        m_readout.accumulate(label, show(*m_train, k, m_s.minSpikes > 0));
        features.row(static_cast<Eigen::Index>(k)) = this->features().transpose();
        labels.push_back(label);
        report("label", 0, k + 1, total, kNaN);
    }
    result.assignments = m_readout.assign();
    if (!m_stop) {
        try {
            m_classifier->fit(features, labels);
        } catch (const std::exception& e) {
            throw ProtocolError("readout " + (m_readoutNode.empty() ? std::string("vote") : "'" + m_readoutNode + "'") +
                                ": " + e.what());
        }
    }
    result.labelSeconds += secondsSince(start);
}

void ProtocolRunner::test(ProtocolResult& result)
{
    const auto start = std::chrono::steady_clock::now();
    m_phase = "test";
    m_net.setLearning(false);
    const std::size_t total = testCount(), offset = testOffset();
    const std::size_t every = std::max<std::size_t>(1, total / 20);
    result.confusion.setZero(m_classes, m_classes);
    result.tested = result.correct = result.unanswered = 0;
    result.readout = m_classifier->type();
    if (!m_classifier->fitted()) throw ProtocolError("the readout has not been fitted: run the label phase or load a training state");
    for (std::size_t k = 0; k < total && !m_stop; ++k) {
        const int label = m_test->label(offset + k);
        show(*m_test, offset + k, m_s.minSpikes > 0);
        const int guess = m_classifier->predict(features());
        ++result.tested;
        if (guess < 0) ++result.unanswered;
        if (guess == label) ++result.correct;
        if (label >= 0 && label < m_classes && guess >= 0) ++result.confusion(label, guess);
        result.accuracy = static_cast<double>(result.correct) / static_cast<double>(result.tested);
        if ((k + 1) % every == 0 || k + 1 == total) result.curve.push_back({"test", k + 1, result.accuracy});
        report("test", 0, k + 1, total, result.accuracy, label, guess);
    }
    result.testSeconds += secondsSince(start);
}

ProtocolResult ProtocolRunner::run()
{
    ProtocolResult result;
    result.confusion.setZero(m_classes, m_classes);
    train(result);
    if (!m_stop) label(result);
    if (!m_stop && m_afterLabel) m_afterLabel();
    if (!m_stop) test(result);
    result.stopped = m_stop;
    return result;
}

ProtocolResult ProtocolRunner::runTest()
{
    ProtocolResult result;
    result.confusion.setZero(m_classes, m_classes);
    if (const auto* vote = dynamic_cast<const AssignmentReadout*>(m_classifier.get())) result.assignments = vote->vote().assignments();
    test(result);
    result.stopped = m_stop;
    return result;
}

} // namespace ss::models
