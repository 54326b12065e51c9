#pragma once
// Runs a compiled network in one worker thread and hands its data to the GUI without ever waiting
// for it. Commands (run, pause, step, stop, reset, speed) are queued to the worker; data comes out
// through single-producer / single-consumer rings (spikes, traces) that the GUI drains on a timer,
// plus counters that are never dropped. When a ring is full the worker counts what it skipped.
#include "models/BuildContext.h"
#include "sim/LiveTap.h"
#include "sim/LiveWeightTap.h"
#include "sim/SpscRing.h"

#include <QObject>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

class QThread;

namespace ss::app {

// One spike as handed to a view, and one sample of a state monitor (defined Qt-free in sim/LiveTap.h
// because the engine-side taps fill them).
using SpikeEvent = sim::SpikeEvent;
using TraceSample = sim::TraceSample;

// The live outputs of one monitor node.
struct LiveChannel {
    std::string node;       // monitor node id
    std::string population; // recorded population name
    sim::Index size = 0;    // neurons in that population
    std::vector<sim::Index> neurons; // traces: the recorded neurons
    std::string variable;            // traces: the variable ("v")
    std::unique_ptr<sim::SpscRing<SpikeEvent>> spikes; // spike monitors
    std::unique_ptr<sim::SpscRing<TraceSample>> trace; // state monitors
    // Weight monitors: the latest snapshot of the projection's weights, replaced every interval and
    // when a run pauses or finishes; read it under its mutex when its version changed.
    std::shared_ptr<sim::WeightSnapshot> weights;
    std::string projection; // weight monitors: the watched projection's name
    std::atomic<std::uint64_t> produced{0}; // spikes (or samples) the engine produced for this channel
    std::atomic<std::uint64_t> skipped{0};  // of those, dropped because the ring was full
};

class SimulationController : public QObject {
    Q_OBJECT
public:
    enum class State { Empty, Ready, Running, Paused, Finished };
    Q_ENUM(State)

    explicit SimulationController(QObject* parent = nullptr);
    ~SimulationController() override; // stops the worker cleanly

    // Takes a compiled network (stops and replaces any current one). `duration` in seconds.
    void load(models::CompiledNetwork network, double duration);
    void unload();

    // Commands: return at once; the worker applies them between steps.
    void run();
    void pause();
    void step();  // one time step while paused or ready
    void stop();  // pause and reset to t = 0
    void reset(); // state and clock to zero, weights kept
    // Simulated seconds per wall-clock second; 0 = as fast as possible.
    void setSpeed(double realTimeFactor);

    State state() const { return m_state.load(); }
    double simulatedTime() const;   // seconds
    double duration() const { return m_duration; }
    double realTimeFactor() const;  // measured over the last second of running
    std::uint64_t totalSpikes() const; // engine counter, never dropped

    // Live channels, one per monitor node, stable while a network is loaded.
    std::vector<LiveChannel*> channels() const;
    double dt() const;

    // Ring capacities for the channels of the next load() (spikes per spike monitor, samples per
    // state monitor). Defaults 2^20 and 2^16.
    void setRingCapacity(std::size_t spikeEvents, std::size_t traceSamples);
    // The loaded network, for reading results while the worker is idle (Ready, Paused, Finished);
    // nullptr when empty. Never touch it while Running.
    const models::CompiledNetwork* compiled() const;

signals:
    void stateChanged(State state);
    // Emitted by the worker at most ~10 times a second while running (queued to the GUI thread).
    void progress(double simulatedSeconds, double durationSeconds, double realTimeFactor);
    void finished();

private:
    struct Worker;
    void shutdown(); // stops and joins the worker, drops the network

    std::unique_ptr<Worker> m_worker;
    QThread* m_thread = nullptr;
    std::atomic<State> m_state{State::Empty};
    double m_duration = 0.0;
    double m_dt = 0.0;
    std::atomic<double> m_speed{0.0};
    std::size_t m_spikeCapacity = std::size_t{1} << 20;
    std::size_t m_traceCapacity = std::size_t{1} << 16;
};

} // namespace ss::app
