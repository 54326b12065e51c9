#include "app/SimulationController.h"
#include "app/SimulationWorker.h"

#include <QMetaObject>
#include <QThread>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <mutex>

namespace ss::app {

using namespace worker;

void SimulationController::Worker::setState(State s)
{
    if (owner->m_state.exchange(s) == s) return;
    SimulationController* o = owner;
    QMetaObject::invokeMethod(o, [o, s] { emit o->stateChanged(s); }, Qt::QueuedConnection);
    if (s == State::Finished) QMetaObject::invokeMethod(o, [o] { emit o->finished(); }, Qt::QueuedConnection);
}

void SimulationController::Worker::publish(bool force)
{
    const auto now = Clock::now();
    if (!force && seconds(now - lastProgress) < kProgressInterval) return;
    lastProgress = now;
    const sim::Step s = step.load();
    history.emplace_back(now, s);
    while (history.size() > 2 && seconds(now - history[1].first) >= 1.0) history.pop_front();
    const double wall = seconds(now - history.front().first);
    if (wall > 0.05) realTimeFactor = static_cast<double>(s - history.front().second) * compiled.network->dt() / wall;
    SimulationController* o = owner;
    const double t = static_cast<double>(s) * compiled.network->dt(), d = o->m_duration, f = realTimeFactor.load();
    QMetaObject::invokeMethod(o, [o, t, d, f] { emit o->progress(t, d, f); }, Qt::QueuedConnection);
}

void SimulationController::Worker::advance(sim::Step n)
{
    sim::Network& net = *compiled.network;
    const auto start = Clock::now();
    for (sim::Step k = 0; k < n; ++k) net.step();
    const double perStep = seconds(Clock::now() - start) / static_cast<double>(n);
    secondsPerStep = secondsPerStep > 0.0 ? 0.7 * secondsPerStep + 0.3 * perStep : perStep;
    totalSpikes = net.totalSpikes();
    step = net.currentStep();
}

void SimulationController::Worker::restartClock()
{
    anchorWall = Clock::now();
    anchorStep = step.load();
    anchorSpeed = owner->m_speed.load();
    history.clear();
}

void SimulationController::Worker::resetNetwork()
{
    compiled.network->reset();
    compiled.network->clearCounters();
    totalSpikes = 0;
    step = 0;
    realTimeFactor = 0.0;
    history.clear();
    showPlainInput();
}

void SimulationController::Worker::settle(State s)
{
    snapshotWeights();
    if (inputTap) inputTap->publishNow();
    setState(s);
    publish(true);
}

void SimulationController::Worker::snapshotWeights()
{
    for (sim::LiveWeightTap* tap : weightTaps) tap->snapshotNow(step.load());
}

sim::Step SimulationController::Worker::chunkSize() const
{
    if (secondsPerStep <= 0.0) return 1;
    const double n = std::clamp(kChunkSeconds / secondsPerStep, 1.0, std::max(1.0, kMaxChunkSeconds / secondsPerStep));
    return static_cast<sim::Step>(n);
}

void SimulationController::Worker::loop()
{
    const double dt = compiled.network->dt();
    for (;;) {
        // Commands first, then at most one chunk, so that every command waits for one chunk at most.
        std::deque<Command> pending;
        Clock::duration wait = Clock::duration::zero();
        {
            std::unique_lock lock(mutex);
            const bool running = owner->m_state.load() == State::Running;
            if (!running && commands.empty()) wake.wait(lock, [&] { return !commands.empty(); });
            pending.swap(commands);
        }
        while (!pending.empty()) {
            const Command c = pending.front();
            pending.pop_front();
            const State s = owner->m_state.load();
            const bool testState = c == Command::TestState && (s == State::Ready || s == State::Finished);
            if (protocol && (((c == Command::Run || c == Command::Step) && s == State::Ready) || testState)) {
                // The protocol takes the commands that came after this one between its samples.
                bool stepOnly = c == Command::Step;
                {
                    std::lock_guard lock(mutex);
                    commands.insert(commands.begin(), pending.begin(), pending.end());
                    if (testState) stepOnly = stateStepOnly;
                }
                pending.clear();
                runProtocol(stepOnly, testState);
                continue;
            }
            // Outside a protocol run only Stop, Reset and Quit apply to a protocol (Ready or Finished).
            if (protocol && (c == Command::Run || c == Command::Step || c == Command::Pause)) continue;
            switch (c) {
            case Command::Quit:
                return;
            case Command::Run:
                if (s == State::Ready || s == State::Paused) {
                    restartClock();
                    lastProgress = {};
                    setState(State::Running);
                }
                break;
            case Command::Pause:
                if (s == State::Running) {
                    settle(State::Paused);
                }
                break;
            case Command::Step:
                if (s == State::Ready || s == State::Paused) {
                    advance(1);
                    settle(step.load() >= totalSteps ? State::Finished : State::Paused);
                }
                break;
            case Command::Adopt:
                adoptParameters();
                break;
            case Command::TestState: // a protocol that is running, or none
                break;
            case Command::Stop:
            case Command::Reset:
                resetNetwork();
                clearProtocol();
                settle(State::Ready);
                break;
            }
        }
        if (owner->m_state.load() != State::Running || protocol) continue;

        const sim::Step now = step.load();
        sim::Step n = std::min(chunkSize(), totalSteps - now);
        const double sp = owner->m_speed.load();
        if (sp != anchorSpeed) restartClock();
        if (sp > 0.0) {
            // Simulated time may run ahead of the anchor by speed * wall time, to the step.
            const double elapsed = seconds(Clock::now() - anchorWall);
            const auto allowed = anchorStep + static_cast<sim::Step>(std::floor(sp * elapsed / dt)) - now;
            if (allowed <= 0) {
                const double untilNext = (static_cast<double>(now + 1 - anchorStep) * dt / sp) - elapsed;
                wait = std::chrono::duration_cast<Clock::duration>(
                    std::chrono::duration<double>(std::clamp(untilNext, 1e-4, kMaxChunkSeconds)));
                n = 0;
            } else {
                n = std::min(n, allowed);
            }
        }
        if (n > 0) advance(n);
        if (step.load() >= totalSteps) {
            settle(State::Finished);
            continue;
        }
        publish(false);
        if (wait > Clock::duration::zero()) {
            std::unique_lock lock(mutex);
            wake.wait_for(lock, wait, [&] { return !commands.empty(); });
        }
    }
}

SimulationController::SimulationController(QObject* parent) : QObject(parent) {}

SimulationController::~SimulationController() { shutdown(); }

void SimulationController::setRingCapacity(std::size_t spikeEvents, std::size_t traceSamples)
{
    m_spikeCapacity = std::max<std::size_t>(1, spikeEvents);
    m_traceCapacity = std::max<std::size_t>(1, traceSamples);
}

void SimulationController::load(models::CompiledNetwork network, double duration)
{
    load(std::move(network), duration, std::nullopt);
}

void SimulationController::load(models::CompiledNetwork network, double duration,
                                std::optional<models::ExperimentProtocol> protocol)
{
    shutdown();
    auto w = std::make_unique<Worker>();
    w->owner = this;
    w->compiled = std::move(network);
    if (protocol) {
        // Checked here, where the caller can report it; the worker builds its own runner for each run.
        const models::ProtocolRunner check(w->compiled, protocol->readoutLayer, protocol->settings,
                                           protocol->testSource, protocol->trainSource);
        m_protocolInfo = {check.classes(), check.trainCount() * static_cast<std::size_t>(protocol->settings.epochs),
                          check.labelCount(), check.testCount(), check.readoutLayer()};
        w->protocol = std::move(protocol);
    } else {
        m_protocolInfo = {};
    }
    sim::Network& net = *w->compiled.network;
    for (const auto& m : w->compiled.monitors) {
        auto ch = std::make_unique<LiveChannel>();
        ch->node = m.node;
        if (m.spikes) {
            const sim::Population& pop = m.spikes->population();
            ch->population = pop.name();
            ch->size = pop.size();
            ch->spikes = std::make_unique<sim::SpscRing<SpikeEvent>>(m_spikeCapacity);
            net.addRecorder<sim::LiveSpikeTap>(pop, *ch->spikes, ch->produced, ch->skipped);
        } else if (m.state) {
            const sim::Population& pop = m.state->population();
            ch->population = pop.name();
            ch->size = pop.size();
            ch->variable = m.state->variable();
            ch->trace = std::make_unique<sim::SpscRing<TraceSample>>(m_traceCapacity);
            ch->traceRequests = std::make_unique<sim::SpscRing<sim::Index>>(TraceSample::kMaxTraceNeurons);
            auto& tap = net.addRecorder<sim::LiveStateTap>(pop, m.state->variable(), m.state->neurons(),
                                                           m.state->interval(), *ch->trace, ch->produced, ch->skipped,
                                                           ch->traceRequests.get());
            ch->neurons = tap.neurons();
        } else if (const sim::WeightRecorder* rec = m.weights) {
            const sim::Projection& proj = rec->projection();
            ch->population = proj.post().name();
            ch->projection = proj.name();
            ch->size = proj.post().size();
            ch->weights = std::make_shared<sim::WeightSnapshot>();
            ch->weights->row = proj.weightRowShape();
            ch->weights->exponential = rec->exponential();
            w->weightTaps.push_back(&net.addRecorder<sim::LiveWeightTap>(proj, rec->interval(), *ch->weights));
        }
        w->channels.push_back(std::move(ch));
    }
    w->attachInput(std::max<sim::Index>(1, static_cast<sim::Index>(std::llround(kInputInterval / net.dt()))));
    // Adding the taps un-prepared the network; preparing again puts every population back in its
    // initial state (same seeds, same draws), which is only right before the first step.
    net.prepare();
    if (net.currentStep() != 0) net.reset();
    net.clearCounters();
    // The first snapshot (the initial weights) before the worker starts, so that a view has them at once.
    for (sim::LiveWeightTap* tap : w->weightTaps) tap->snapshotNow(0);
    for (auto& ch : w->channels)
        if (ch->weights) {
            const sim::Index row = std::max<sim::Index>(1, ch->weights->row.size());
            ch->weights->count = static_cast<sim::Index>(ch->weights->data.size()) / row;
        }
    m_dt = net.dt();
    m_duration = duration;
    w->totalSteps = std::max<sim::Step>(1, static_cast<sim::Step>(std::llround(duration / m_dt)));
    w->plainInput.steps = w->totalSteps;
    w->showPlainInput();
    m_worker = std::move(w);
    m_state = State::Ready;
    Worker* worker = m_worker.get();
    m_thread = QThread::create([worker] { worker->loop(); });
    m_thread->setObjectName(QStringLiteral("simulation"));
    m_thread->start();
    QMetaObject::invokeMethod(this, [this] { emit stateChanged(State::Ready); }, Qt::QueuedConnection);
}

void SimulationController::shutdown()
{
    if (!m_worker) return;
    {
        std::lock_guard lock(m_worker->mutex);
        m_worker->commands.push_front(Command::Quit);
    }
    m_worker->wake.notify_all();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_worker.reset();
    m_duration = 0.0;
    m_protocolInfo = {};
    m_dt = 0.0;
    m_state = State::Empty;
}

void SimulationController::unload()
{
    if (!m_worker) return;
    shutdown();
    QMetaObject::invokeMethod(this, [this] { emit stateChanged(State::Empty); }, Qt::QueuedConnection);
}

namespace {

template <class W> void post(W& worker, Command c)
{
    {
        std::lock_guard lock(worker.mutex);
        worker.commands.push_back(c);
    }
    worker.wake.notify_all();
}

} // namespace

void SimulationController::run()
{
    if (m_worker) post(*m_worker, Command::Run);
}

void SimulationController::pause()
{
    if (m_worker) post(*m_worker, Command::Pause);
}

void SimulationController::step()
{
    if (m_worker) post(*m_worker, Command::Step);
}

void SimulationController::stop()
{
    if (m_worker) post(*m_worker, Command::Stop);
}

void SimulationController::reset()
{
    if (m_worker) post(*m_worker, Command::Reset);
}

void SimulationController::setSpeed(double realTimeFactor)
{
    const double s = std::isfinite(realTimeFactor) && realTimeFactor > 0.0 ? realTimeFactor : 0.0;
    m_speed = s;
    if (m_worker) m_worker->wake.notify_all();
}

double SimulationController::simulatedTime() const
{
    return m_worker ? static_cast<double>(m_worker->step.load()) * m_dt : 0.0;
}

double SimulationController::realTimeFactor() const { return m_worker ? m_worker->realTimeFactor.load() : 0.0; }

std::uint64_t SimulationController::totalSpikes() const { return m_worker ? m_worker->totalSpikes.load() : 0; }

std::vector<LiveChannel*> SimulationController::channels() const
{
    std::vector<LiveChannel*> out;
    if (m_worker)
        for (const auto& c : m_worker->channels) out.push_back(c.get());
    return out;
}

double SimulationController::dt() const { return m_dt; }

const models::CompiledNetwork* SimulationController::compiled() const
{
    return m_worker ? &m_worker->compiled : nullptr;
}

} // namespace ss::app
