// The training protocol of a loaded document, run in the controller's worker thread
// (SimulationController::load with a protocol). The runner calls betweenSamples() after every sample:
// there the worker applies the queued commands, so that Pause holds the protocol between two samples,
// Step lets exactly one sample through and Stop / Reset end it after the current sample.
#include "app/SimulationWorker.h"

#include <QMetaObject>
#include <QString>

#include <algorithm>
#include <cmath>

namespace ss::app {

using namespace worker;

void SimulationController::Worker::clearProtocol()
{
    {
        std::lock_guard lock(published);
        status = {};
        curve.clear();
        result.reset();
        trainedState.reset();
        testConfusion.resize(0, 0);
    }
    ++curveVersion;
    ++confusionVersion;
}

void SimulationController::Worker::runProtocol(bool stepOnly, bool testState)
{
    clearProtocol();
    const models::ExperimentProtocol& p = *protocol;
    models::ProtocolRunner r(compiled, p.readoutLayer, p.settings, p.testSource, p.trainSource);
    fromState = testState;
    if (testState) {
        std::optional<models::TrainingState> loaded;
        std::uint64_t hash = 0;
        {
            std::lock_guard lock(mutex);
            loaded.swap(stateToTest);
            hash = stateHash;
        }
        if (!loaded) return;
        // From the initial state, as a freshly compiled network: the state's streams replace the
        // draws of the reset.
        if (compiled.network->currentStep() != 0) resetNetwork();
        try {
            models::applyState(*loaded, hash, compiled, r);
        } catch (const models::StateError& e) {
            fromState = false;
            settle(State::Ready);
            SimulationController* o = owner;
            const QString message = QString::fromUtf8(e.what());
            QMetaObject::invokeMethod(o, [o, message] { emit o->stateRefused(message); }, Qt::QueuedConnection);
            return;
        }
        snapshotWeights(); // the learned fields, before the first test sample
    }
    // The runner's own default (a tenth of the training), kept here to publish the same points.
    window = std::max<std::size_t>(1, r.trainCount() * static_cast<std::size_t>(p.settings.epochs) / 10);
    r.setWindow(window);
    r.setProgress([this](const models::ProtocolProgress& progress) { onProtocolProgress(progress); });
    r.setBetweenSamples([this] { betweenSamples(); });
    r.setAfterLabel([this, &r] {
        try {
            models::TrainingState captured = models::captureState(compiled, r, 0);
            std::lock_guard lock(published);
            trainedState = std::move(captured);
        } catch (const models::StateError&) {
            // A projection kind whose weights cannot be saved: the run goes on without a state.
        }
    });
    if (inputTap)
        r.setPresentation([this](const models::Presentation& s) {
            inputTap->begin({s.phase, s.index, s.label, s.intensity, s.first, s.steps}, s.values);
        });
    runner = &r;
    stepping = stepOnly;
    lastProtocolProgress = {};
    if (!stepOnly) {
        restartClock();
        lastProgress = {};
        setState(State::Running);
    }
    models::ProtocolResult res;
    try {
        res = testState ? r.runTest() : r.run();
    } catch (const std::exception&) {
        // A sample that cannot be read (a data file changed on disk): the run ends as if stopped.
        res.stopped = true;
    }
    runner = nullptr;
    totalSpikes = compiled.network->totalSpikes();
    step = compiled.network->currentStep();
    snapshotWeights();
    if (res.stopped) {
        // Stop, Reset or Quit is queued again for the main loop; an error leaves the run paused.
        bool queued = false;
        {
            std::lock_guard lock(mutex);
            queued = !commands.empty();
        }
        if (!queued) setState(State::Paused);
        return;
    }
    ProtocolStatus last;
    {
        std::lock_guard lock(published);
        curve = res.curve;
        last = status;
        result = std::move(res);
    }
    ++curveVersion;
    setState(State::Finished);
    publish(true);
    SimulationController* o = owner;
    const QString phase = QString::fromStdString(last.phase);
    QMetaObject::invokeMethod(
        o, [o, phase, last] { emit o->protocolProgress(phase, last.sample, last.total, last.accuracy); },
        Qt::QueuedConnection);
}

void SimulationController::Worker::onProtocolProgress(const models::ProtocolProgress& p)
{
    totalSpikes = compiled.network->totalSpikes();
    step = compiled.network->currentStep();
    // The same points as ProtocolResult::curve (Protocol.cpp): the training accuracy of each window,
    // and the running test accuracy every twentieth of the test.
    bool point = false;
    if (p.phase == "train")
        point = (p.sample % window == 0 || p.sample == p.total) && !std::isnan(p.accuracy);
    else if (p.phase == "test")
        point = p.sample % std::max<std::size_t>(1, p.total / 20) == 0 || p.sample == p.total;
    // The test sample just classified (its class and the readout's answer), for the live confusion matrix.
    const bool tested = p.phase == "test" && runner && p.sample > 0;
    {
        std::lock_guard lock(published);
        status = {p.phase, p.sample, p.total, p.accuracy};
        if (point) curve.push_back({p.phase, p.sample, p.accuracy});
        if (tested) {
            const int n = runner->classes();
            if (p.sample == 1 || testConfusion.rows() != n) testConfusion.setZero(n, n);
            if (p.label >= 0 && p.label < n && p.guess >= 0 && p.guess < n) ++testConfusion(p.label, p.guess);
        }
    }
    if (point) ++curveVersion;
    if (tested) ++confusionVersion;
    const auto now = Clock::now();
    const bool last = p.sample == p.total;
    if (!last && seconds(now - lastProtocolProgress) < kProgressInterval) return;
    lastProtocolProgress = now;
    publish(true);
    SimulationController* o = owner;
    const QString phase = QString::fromStdString(p.phase);
    const auto sample = static_cast<qulonglong>(p.sample), total = static_cast<qulonglong>(p.total);
    const double accuracy = p.accuracy;
    QMetaObject::invokeMethod(
        o, [o, phase, sample, total, accuracy] { emit o->protocolProgress(phase, sample, total, accuracy); },
        Qt::QueuedConnection);
}

void SimulationController::Worker::betweenSamples()
{
    if (stepping) {
        stepping = false;
        settle(State::Paused);
    }
    for (;;) {
        std::deque<Command> pending;
        {
            std::unique_lock lock(mutex);
            if (owner->m_state.load() == State::Paused) wake.wait(lock, [&] { return !commands.empty(); });
            pending.swap(commands);
        }
        bool resume = false;
        while (!pending.empty()) {
            const Command c = pending.front();
            pending.pop_front();
            const State s = owner->m_state.load();
            switch (c) {
            case Command::Run:
                if (s == State::Paused) {
                    restartClock();
                    setState(State::Running);
                }
                break;
            case Command::Pause:
                if (s == State::Running) {
                    settle(State::Paused);
                }
                break;
            case Command::Step:
                if (s == State::Paused) stepping = resume = true;
                break;
            case Command::Adopt:
                adoptParameters();
                break;
            case Command::TestState: // only between runs
                break;
            case Command::Stop:
            case Command::Reset:
            case Command::Quit: {
                // The main loop resets (or quits) once the runner has returned.
                pending.push_front(c);
                std::lock_guard lock(mutex);
                commands.insert(commands.begin(), pending.begin(), pending.end());
                runner->requestStop();
                return;
            }
            }
        }
        if (resume || owner->m_state.load() == State::Running) return;
    }
}

ProtocolStatus SimulationController::protocolStatus() const
{
    if (!m_worker) return {};
    std::lock_guard lock(m_worker->published);
    return m_worker->status;
}

std::vector<models::AccuracyPoint> SimulationController::accuracyCurve() const
{
    if (!m_worker) return {};
    std::lock_guard lock(m_worker->published);
    return m_worker->curve;
}

std::optional<models::TrainingState> SimulationController::trainingState() const
{
    if (!m_worker) return std::nullopt;
    std::lock_guard lock(m_worker->published);
    return m_worker->trainedState;
}

bool SimulationController::testWithState(models::TrainingState state, std::uint64_t documentHash, bool stepOnly)
{
    const State s = m_state.load();
    if (!m_worker || !hasProtocol() || (s != State::Ready && s != State::Finished)) return false;
    // The worker waits for a command: reading the network's maps and sizes here is safe.
    models::checkState(state, documentHash, m_worker->compiled);
    {
        std::lock_guard lock(m_worker->mutex);
        m_worker->stateToTest = std::move(state);
        m_worker->stateHash = documentHash;
        m_worker->stateStepOnly = stepOnly;
        m_worker->commands.push_back(Command::TestState);
    }
    m_worker->fromState = true; // from now on, for the views

    m_worker->wake.notify_all();
    return true;
}

bool SimulationController::testedFromState() const
{
    return m_worker && m_worker->fromState.load();
}

std::uint64_t SimulationController::accuracyVersion() const
{
    return m_worker ? m_worker->curveVersion.load() : 0;
}

Eigen::ArrayXXi SimulationController::testConfusion() const
{
    if (!m_worker) return {};
    std::lock_guard lock(m_worker->published);
    return m_worker->testConfusion;
}

std::uint64_t SimulationController::confusionVersion() const
{
    return m_worker ? m_worker->confusionVersion.load() : 0;
}

std::optional<models::ProtocolResult> SimulationController::protocolResult() const
{
    if (!m_worker) return std::nullopt;
    std::lock_guard lock(m_worker->published);
    return m_worker->result;
}

} // namespace ss::app
