#pragma once
// Runs a compiled network in one worker thread and hands its data to the GUI without ever waiting
// for it. Commands (run, pause, step, stop, reset, speed, parameter changes) are queued to the
// worker; data comes out through single-producer / single-consumer rings (spikes, traces) and
// versioned snapshots (weights, the input) that the GUI drains on a timer, plus counters that are
// never dropped. When a ring is full the worker counts what it skipped.
#include "models/BuildContext.h"
#include "models/Protocol.h"
#include "models/TrainingState.h"
#include "sim/LiveInputTap.h"
#include "sim/LiveTap.h"
#include "sim/LiveWeightTap.h"
#include "sim/SpscRing.h"

#include <QObject>

#include <atomic>
#include <memory>
#include <optional>
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
    std::unique_ptr<sim::SpscRing<sim::Index>> traceRequests; // state monitors: neurons to add, from the GUI
    // Weight monitors: the latest snapshot of the projection's weights, replaced every interval and
    // when a run pauses or finishes; read it under its mutex when its version changed.
    std::shared_ptr<sim::WeightSnapshot> weights;
    std::string projection; // weight monitors: the watched projection's name
    std::atomic<std::uint64_t> produced{0}; // spikes (or samples) the engine produced for this channel
    std::atomic<std::uint64_t> skipped{0};  // of those, dropped because the ring was full
};

// Where a protocol run stands (see SimulationController::protocolStatus).
struct ProtocolStatus {
    std::string phase;      // "train", "label", "test"; empty before the first sample
    std::size_t sample = 0; // samples done in the phase
    std::size_t total = 0;  // samples in the phase
    double accuracy = 0.0;  // running accuracy (fraction); NaN while there is none
};

// The sizes of a loaded protocol, known at load().
struct ProtocolInfo {
    int classes = 0;
    std::size_t train = 0, label = 0, test = 0; // samples per phase (train: times the epochs)
    std::string readoutLayer; // the population whose neurons the class vote assigns (its node id)
};

// Parameters edited during a run: pairs of a running population and the population built for the
// same node from the edited document, which offers its parameters (sim::Population::acceptsParameters,
// checked by the caller). `edited` keeps the latter alive until the worker has adopted them.
struct ParameterChange {
    std::shared_ptr<const models::CompiledNetwork> edited;
    std::vector<std::pair<sim::Population*, const sim::Population*>> populations;
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
    // With a training protocol (models/Protocol.h), Run executes it in the worker instead of stepping
    // for `duration`: train, label, test, then Finished with protocolResult(). Pause waits between two
    // samples; Step (while paused or ready) = one sample of the protocol; Stop and Reset end the
    // protocol after the current sample and reset the state (the weights learned so far are kept);
    // the speed setting does not apply (a protocol runs as fast as it can). Throws
    // models::ProtocolError when the protocol does not fit the network (nothing is loaded then).
    void load(models::CompiledNetwork network, double duration, std::optional<models::ExperimentProtocol> protocol);
    void unload();

    // Commands: return at once; the worker applies them between steps.
    void run();
    void pause();
    void step();  // one time step while paused or ready
    void stop();  // pause and reset to t = 0
    void reset(); // state and clock to zero, weights kept
    // Simulated seconds per wall-clock second; 0 = as fast as possible.
    void setSpeed(double realTimeFactor);

    // Adopts edited parameters between two steps (between two samples of a protocol run), in whatever
    // state the run is; returns at once. parameterChanges() counts the changes adopted so far.
    void changeParameters(ParameterChange change);
    std::uint64_t parameterChanges() const;

    State state() const { return m_state.load(); }
    double simulatedTime() const;   // seconds
    double duration() const { return m_duration; }
    double realTimeFactor() const;  // measured over the last second of running
    std::uint64_t totalSpikes() const; // engine counter, never dropped

    // Live channels, one per monitor node, stable while a network is loaded.
    std::vector<LiveChannel*> channels() const;
    double dt() const;

    // The input of the loaded network, when an encoder is fed by a data source (the first such encoder):
    // the sample on show and the encoder's spikes for it (sim/LiveInputTap.h): in a protocol run the
    // sample being presented, in a plain run the source's sample 'index'. nullptr otherwise. Stable
    // while a network is loaded; inputEncoder() names the encoder node.
    sim::InputSnapshot* input() const;
    std::string inputEncoder() const;

    // Ring capacities for the channels of the next load() (spikes per spike monitor, samples per
    // state monitor). Defaults 2^20 and 2^16.
    void setRingCapacity(std::size_t spikeEvents, std::size_t traceSamples);
    // The loaded network, for reading results while the worker is idle (Ready, Paused, Finished);
    // nullptr when empty. Never touch it while Running, except for its maps of populations and
    // projections (fixed at load) and Population::acceptsParameters (app/LiveEdit.h).
    const models::CompiledNetwork* compiled() const;

    // Protocol runs (all empty without a protocol). Safe from the GUI thread at any time.
    bool hasProtocol() const { return m_protocolInfo.classes > 0; }
    const ProtocolInfo& protocolInfo() const { return m_protocolInfo; }
    ProtocolStatus protocolStatus() const;
    // The accuracy curve so far (points as in ProtocolResult::curve: the training accuracy of each
    // window, the running test accuracy); the version grows whenever it changes.
    std::vector<models::AccuracyPoint> accuracyCurve() const;
    std::uint64_t accuracyVersion() const;
    // The confusion matrix of the test so far (classes x classes, rows true class), counted sample by
    // sample as the test phase runs, as ProtocolResult::confusion counts them (a sample without an
    // answer is left out); empty before the test. The version grows with every test sample.
    Eigen::ArrayXXi testConfusion() const;
    std::uint64_t confusionVersion() const;
    // The result of the last protocol run that reached its end; nullopt before.
    std::optional<models::ProtocolResult> protocolResult() const;
    // What the last protocol run learnt (models/TrainingState.h), captured when its label phase ended;
    // its documentHash is 0: the caller knows which document it compiled.
    std::optional<models::TrainingState> trainingState() const;

    // Runs only the test phase of the protocol with a saved training state, as `spikestudio run
    // --test-only` does: the worker resets the network, puts the state's weights, thresholds, random
    // streams and readout into it (models::applyState; the weight monitors get the learned weights at
    // once), then tests, live, to Finished with protocolResult(). `documentHash`: models::graphHash of
    // the document the loaded network was compiled from. Only with a protocol, while Ready or Finished
    // (false otherwise). Throws models::StateError, before anything changes, when the state does not
    // fit the loaded network (models::checkState); should applying it fail all the same (a readout that
    // does not decode), the network stays as it was and stateRefused() says why. `stepOnly`: pause after
    // the first test sample, as Step does.
    bool testWithState(models::TrainingState state, std::uint64_t documentHash, bool stepOnly = false);
    // True while (and after) the protocol run on show is a test of a saved state.
    bool testedFromState() const;

signals:
    void stateChanged(State state);
    // Emitted by the worker at most ~10 times a second while running (queued to the GUI thread).
    void progress(double simulatedSeconds, double durationSeconds, double realTimeFactor);
    void finished();
    // Protocol runs: after each sample, at most ~10 times a second and at the end of each phase
    // (queued to the GUI thread). accuracy: fraction, NaN while there is none.
    void protocolProgress(const QString& phase, qulonglong sample, qulonglong total, double accuracy);
    // A state given to testWithState() could not be applied (queued to the GUI thread).
    void stateRefused(const QString& message);

private:
    struct Worker;
    void shutdown(); // stops and joins the worker, drops the network

    std::unique_ptr<Worker> m_worker;
    QThread* m_thread = nullptr;
    std::atomic<State> m_state{State::Empty};
    double m_duration = 0.0;
    ProtocolInfo m_protocolInfo;
    double m_dt = 0.0;
    std::atomic<double> m_speed{0.0};
    std::size_t m_spikeCapacity = std::size_t{1} << 20;
    std::size_t m_traceCapacity = std::size_t{1} << 16;
};

} // namespace ss::app
