#pragma once
// The worker side of SimulationController, shared by its two sources: SimulationController.cpp (plain
// stepping, commands, channels) and SimulationProtocol.cpp (a training protocol run in the worker).
// Private to the controller: nothing else includes this header.
#include "app/SimulationController.h"
#include "models/Protocol.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>

namespace ss::app {

namespace worker {

using Clock = std::chrono::steady_clock;

inline double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

// A chunk of steps should take about this much wall time: long enough that checking for commands and
// measuring time costs nothing, short enough that a command is answered within one chunk.
inline constexpr double kChunkSeconds = 0.005;
inline constexpr double kMaxChunkSeconds = 0.02;
inline constexpr double kProgressInterval = 0.1; // at most 10 progress signals a second
inline constexpr double kInputInterval = 0.01;   // s of simulated time between two copies of the input counts

enum class Command { Run, Pause, Step, Stop, Reset, Adopt, TestState, Quit };

} // namespace worker

// Everything the worker thread owns. The GUI thread touches only the atomics, the rings' consumer
// side, the command queue (under the mutex) and the protocol's published state (under its mutex).
struct SimulationController::Worker {
    using Clock = worker::Clock;
    using Command = worker::Command;

    SimulationController* owner = nullptr;
    models::CompiledNetwork compiled;
    std::vector<std::unique_ptr<LiveChannel>> channels;
    std::vector<sim::LiveWeightTap*> weightTaps;
    sim::Step totalSteps = 0;

    std::mutex mutex;
    std::condition_variable wake;
    std::deque<Command> commands;
    std::deque<ParameterChange> changes; // one per queued Adopt

    std::atomic<sim::Step> step{0};
    std::atomic<double> realTimeFactor{0.0};
    std::atomic<std::uint64_t> totalSpikes{0};
    std::atomic<std::uint64_t> adopted{0}; // parameter changes adopted

    // The input view's tap (SimulationLive.cpp), when an encoder is fed by a data source.
    std::string inputEncoder;
    std::shared_ptr<sim::InputSnapshot> input;
    sim::LiveInputTap* inputTap = nullptr;
    sim::InputPresentation plainInput; // what a plain run shows, from its first step to its last
    Eigen::ArrayXd plainValues;

    // Worker-side only.
    double secondsPerStep = 0.0; // smoothed wall time of one step
    Clock::time_point anchorWall;
    sim::Step anchorStep = 0;
    double anchorSpeed = 0.0;
    Clock::time_point lastProgress;
    std::deque<std::pair<Clock::time_point, sim::Step>> history; // for the real-time factor

    // The protocol, when the loaded run has one (SimulationProtocol.cpp).
    std::optional<models::ExperimentProtocol> protocol;
    models::ProtocolRunner* runner = nullptr; // while a protocol runs
    bool stepping = false;                    // one sample, then pause
    std::size_t window = 1;                   // training samples per point of the accuracy curve
    Clock::time_point lastProtocolProgress;
    mutable std::mutex published; // guards the members below, read by the GUI thread
    ProtocolStatus status;
    std::vector<models::AccuracyPoint> curve;
    std::optional<models::ProtocolResult> result;
    std::optional<models::TrainingState> trainedState; // captured when the label phase ends (hash 0)
    std::atomic<std::uint64_t> curveVersion{0};
    Eigen::ArrayXXi testConfusion; // of the test so far, one count per sample as it is classified
    std::atomic<std::uint64_t> confusionVersion{0};
    // A saved state to test (Command::TestState; under `mutex`) and whether the run on show tests one.
    std::optional<models::TrainingState> stateToTest;
    std::uint64_t stateHash = 0;
    bool stateStepOnly = false;
    std::atomic<bool> fromState{false};

    void loop();
    void setState(State s);
    void publish(bool force);
    void advance(sim::Step n);
    void restartClock();
    void resetNetwork();
    void snapshotWeights(); // every weight channel, now: after a pause, a step or the end of a run
    // Comes to rest in state s (Paused, Ready, Finished): the views get the current weights and an
    // immediate progress report.
    void settle(State s);
    sim::Step chunkSize() const;
    // The first queued parameter change, applied to the running populations (Command::Adopt).
    void adoptParameters();
    // SimulationLive.cpp: taps the first encoder fed by a data source (before the network is prepared);
    // shows the plain run's sample from step 0 (after a load and after each reset).
    void attachInput(sim::Index tapInterval);
    void showPlainInput();

    // Runs the protocol from its first sample to the end (Finished), or until Stop / Reset (Ready) or
    // Quit (left queued for the main loop). `stepOnly`: pause after the first sample. `testState`: the
    // test phase alone, with stateToTest put into the network first.
    void runProtocol(bool stepOnly, bool testState = false);
    // The runner's betweenSamples hook: applies the queued commands, waits while paused.
    void betweenSamples();
    void onProtocolProgress(const models::ProtocolProgress& p);
    void clearProtocol(); // published state back to "nothing run yet"
};

} // namespace ss::app
