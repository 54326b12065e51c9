// The simulation controller against the engine: its state machine (run, pause, step, stop, reset,
// speed), the hand-off of spikes through bounded rings (received + skipped == produced, exactly), and
// determinism against a plain headless run of the same document and seed.
#include "app/SimulationController.h"
#include "models/Catalogue.h"
#include "models/GraphCompiler.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <cmath>

using namespace ss;
using State = app::SimulationController::State;

namespace {

constexpr double kDt = 1e-4;

// 100 Poisson inputs at 20 Hz -> sparse synapses (p = 0.1, 1.62 mV) -> 200 LIF neurons with the CUBA
// defaults, a spike monitor on the LIF layer and a state monitor on 3 of its neurons.
models::Graph smallGraph(std::uint64_t seed)
{
    models::Graph g;
    g.experiment.dt = kDt;
    g.experiment.seed = seed;
    g.nodes.push_back({"input", "encoder.poisson", {{"size", std::int64_t{100}}, {"rate", 20.0}}});
    g.nodes.push_back({"syn", "synapses.sparse", {{"p", 0.1}}});
    g.nodes.push_back({"lif", "layer.lif", {{"size", std::int64_t{200}}}});
    g.nodes.push_back({"raster", "monitor.spikes", {}});
    g.nodes.push_back({"trace", "monitor.state", {{"variable", std::string("v")}, {"neurons", std::string("0-2")}}});
    g.wires = {{{"input", "out"}, {"syn", "pre"}},
               {{"syn", "post"}, {"lif", "in"}},
               {{"lif", "out"}, {"raster", "spikes"}},
               {{"lif", "out"}, {"trace", "layer"}}};
    return g;
}

models::CompiledNetwork compile(std::uint64_t seed)
{
    const models::Graph g = smallGraph(seed);
    models::GraphCompiler compiler(g, models::catalogue());
    return compiler.compile();
}

sim::Step stepsOf(double seconds) { return static_cast<sim::Step>(std::llround(seconds / kDt)); }

app::LiveChannel* channel(const app::SimulationController& c, const std::string& node)
{
    for (auto* ch : c.channels())
        if (ch->node == node) return ch;
    return nullptr;
}

// Index of the population of node `id` in the network, for Network::spikeCount.
std::size_t populationIndex(const models::CompiledNetwork& net, const std::string& id)
{
    const auto& pops = net.network->populations();
    for (std::size_t i = 0; i < pops.size(); ++i)
        if (pops[i].get() == net.populations.at(id)) return i;
    return pops.size();
}

// Drains `ring` until the controller finishes: at most `perTick` events every `tickMs`, then the rest.
std::vector<app::SpikeEvent> drainUntilFinished(app::SimulationController& c, sim::SpscRing<app::SpikeEvent>& ring,
                                                std::size_t perTick, int tickMs)
{
    std::vector<app::SpikeEvent> got;
    QElapsedTimer timer;
    timer.start();
    while (c.state() != State::Finished && timer.elapsed() < 20000) {
        ring.popInto(got, perTick);
        QTest::qWait(tickMs);
    }
    ring.popInto(got);
    return got;
}

} // namespace

class TestSimulationController : public QObject {
    Q_OBJECT
private slots:
    void loadGivesReadyChannels();
    void runPauseStepStop();
    void resetKeepsWeights();
    void runsToTheEnd();
    void destructorDuringRunReturnsPromptly();
    void slowMotionIsThrottled();
    void handOffCountsEverySpike_data();
    void handOffCountsEverySpike();
    void liveRunEqualsHeadlessRun();
};

void TestSimulationController::loadGivesReadyChannels()
{
    app::SimulationController c;
    QCOMPARE(c.state(), State::Empty);
    c.load(compile(1), 0.1);
    QCOMPARE(c.state(), State::Ready);
    QCOMPARE(c.dt(), kDt);
    QCOMPARE(c.simulatedTime(), 0.0);
    QCOMPARE(c.channels().size(), std::size_t{2});
    auto* raster = channel(c, "raster");
    auto* trace = channel(c, "trace");
    QVERIFY(raster && raster->spikes && !raster->trace);
    QCOMPARE(raster->size, sim::Index{200});
    QVERIFY(trace && trace->trace && !trace->spikes);
    QCOMPARE(trace->neurons, (std::vector<sim::Index>{0, 1, 2}));
    QCOMPARE(trace->variable, std::string("v"));
    c.unload();
    QCOMPARE(c.state(), State::Empty);
    QVERIFY(c.channels().empty());
}

// The issue asks every control to answer within 100 ms; a paused clock must not move; one step is
// exactly one dt; stop returns to t = 0.
void TestSimulationController::runPauseStepStop()
{
    app::SimulationController c;
    QSignalSpy states(&c, &app::SimulationController::stateChanged);
    c.load(compile(1), 100.0);
    c.run();
    QTRY_COMPARE_WITH_TIMEOUT(c.state(), State::Running, 100);
    QTRY_VERIFY_WITH_TIMEOUT(c.simulatedTime() > 0.0, 2000);

    QElapsedTimer answer;
    answer.start();
    c.pause();
    QTRY_COMPARE_WITH_TIMEOUT(c.state(), State::Paused, 100);
    qInfo("pause answered in %lld ms", static_cast<long long>(answer.elapsed()));
    const sim::Step paused = stepsOf(c.simulatedTime());
    QTest::qWait(100);
    QCOMPARE(stepsOf(c.simulatedTime()), paused);

    c.step();
    QTRY_COMPARE_WITH_TIMEOUT(stepsOf(c.simulatedTime()), paused + 1, 100);
    QCOMPARE(c.state(), State::Paused);
    QTest::qWait(50);
    QCOMPARE(stepsOf(c.simulatedTime()), paused + 1);

    c.run();
    QTRY_COMPARE_WITH_TIMEOUT(c.state(), State::Running, 100);
    answer.restart();
    c.stop();
    QTRY_COMPARE_WITH_TIMEOUT(c.state(), State::Ready, 100);
    QCOMPARE(c.simulatedTime(), 0.0);
    QCOMPARE(c.totalSpikes(), std::uint64_t{0});

    // Queued to this thread in order: Ready (load), Running, Paused, Running, Ready.
    QTRY_COMPARE(states.count(), 5);
    const std::vector<State> expected{State::Ready, State::Running, State::Paused, State::Running, State::Ready};
    for (int k = 0; k < 5; ++k) QCOMPARE(states.at(k).at(0).value<State>(), expected[static_cast<std::size_t>(k)]);
}

// Network::reset() returns state and clock to zero and keeps the weights (Network.h).
void TestSimulationController::resetKeepsWeights()
{
    app::SimulationController c;
    c.load(compile(3), 100.0);
    std::vector<float> before, after;
    c.compiled()->projections.at("syn")->copyWeights(before);
    QVERIFY(!before.empty());
    c.run();
    QTRY_VERIFY_WITH_TIMEOUT(c.simulatedTime() >= 0.01, 5000);
    c.pause();
    QTRY_COMPARE_WITH_TIMEOUT(c.state(), State::Paused, 100);
    c.reset();
    QTRY_COMPARE_WITH_TIMEOUT(c.state(), State::Ready, 100);
    QCOMPARE(c.simulatedTime(), 0.0);
    c.compiled()->projections.at("syn")->copyWeights(after);
    QVERIFY(before == after);
}

// A run of duration T ends at step round(T / dt): simulated time equals T within one dt.
void TestSimulationController::runsToTheEnd()
{
    app::SimulationController c;
    QSignalSpy finished(&c, &app::SimulationController::finished);
    QSignalSpy progress(&c, &app::SimulationController::progress);
    const double duration = 0.05;
    c.load(compile(2), duration);
    c.run();
    QTRY_COMPARE_WITH_TIMEOUT(c.state(), State::Finished, 10000);
    QVERIFY(std::fabs(c.simulatedTime() - duration) <= kDt);
    QTRY_COMPARE(finished.count(), 1);
    QTRY_VERIFY(progress.count() >= 1);
    QCOMPARE(progress.last().at(0).toDouble(), c.simulatedTime());
    QCOMPARE(progress.last().at(1).toDouble(), duration);
    // Nothing runs past the end: run and step are refused once finished.
    c.run();
    c.step();
    QTest::qWait(50);
    QCOMPARE(c.state(), State::Finished);
    QCOMPARE(stepsOf(c.simulatedTime()), stepsOf(duration));
    // The engine's count equals the spike monitor's recording of the same run.
    const auto* net = c.compiled();
    QCOMPARE(static_cast<std::size_t>(net->network->spikeCount(populationIndex(*net, "lif"))),
             net->monitors.front().spikes->neurons().size());
}

// Chunks take at most ~20 ms, so the destructor's join waits one chunk: within the 100 ms the issue
// allows every control.
void TestSimulationController::destructorDuringRunReturnsPromptly()
{
    auto c = std::make_unique<app::SimulationController>();
    c->load(compile(1), 1000.0);
    c->run();
    QTRY_VERIFY_WITH_TIMEOUT(c->simulatedTime() > 0.01, 5000);
    QElapsedTimer timer;
    timer.start();
    c.reset();
    qInfo("destructor during a run returned in %lld ms", static_cast<long long>(timer.elapsed()));
    QVERIFY(timer.elapsed() < 100);
}

// At 0.01x real time the simulated clock may not run ahead of 0.01 * wall time (the throttle lets
// through only whole steps already due), plus one dt of rounding.
void TestSimulationController::slowMotionIsThrottled()
{
    app::SimulationController c;
    c.setSpeed(0.01);
    c.load(compile(1), 10.0);
    QElapsedTimer wall;
    wall.start();
    c.run();
    QTest::qWait(300);
    const double t = c.simulatedTime();
    const double bound = 0.01 * static_cast<double>(wall.elapsed()) * 1e-3 + kDt;
    qInfo("0.01x: %.4f s simulated in %lld ms (bound %.4f s), measured factor %.4f", t,
          static_cast<long long>(wall.elapsed()), bound, c.realTimeFactor());
    QVERIFY2(t <= bound, qPrintable(QStringLiteral("%1 > %2").arg(t).arg(bound)));
}

// The hand-off never loses a count: spikes received by the consumer plus spikes skipped because the
// ring was full equal the spikes the engine produced (Network::spikeCount), exactly.
void TestSimulationController::handOffCountsEverySpike_data()
{
    QTest::addColumn<int>("capacity");
    QTest::addColumn<int>("perTick");
    QTest::addColumn<int>("tickMs");
    QTest::addColumn<double>("duration");
    QTest::addColumn<bool>("expectSkips");
    // Long enough (about 100,000 spikes) that the consumer drains many times while the engine runs.
    QTest::newRow("tiny ring, slow consumer") << 64 << 8 << 5 << 20.0 << true;
    QTest::newRow("large ring, fast consumer") << (1 << 20) << (1 << 20) << 1 << 20.0 << false;
}

void TestSimulationController::handOffCountsEverySpike()
{
    QFETCH(int, capacity);
    QFETCH(int, perTick);
    QFETCH(int, tickMs);
    QFETCH(double, duration);
    QFETCH(bool, expectSkips);
    app::SimulationController c;
    c.setRingCapacity(static_cast<std::size_t>(capacity), 16);
    c.load(compile(5), duration);
    auto* raster = channel(c, "raster");
    QVERIFY(raster);
    QCOMPARE(raster->spikes->capacity(), static_cast<std::size_t>(capacity));
    QElapsedTimer timer;
    timer.start();
    c.run();
    const auto got = drainUntilFinished(c, *raster->spikes, static_cast<std::size_t>(perTick), tickMs);
    QCOMPARE(c.state(), State::Finished);
    const auto* net = c.compiled();
    const std::uint64_t engine = net->network->spikeCount(populationIndex(*net, "lif"));
    const std::uint64_t produced = raster->produced.load(), skipped = raster->skipped.load();
    qInfo("capacity %d: engine %llu, produced %llu, received %zu, skipped %llu (%lld ms)", capacity,
          static_cast<unsigned long long>(engine), static_cast<unsigned long long>(produced), got.size(),
          static_cast<unsigned long long>(skipped), static_cast<long long>(timer.elapsed()));
    QVERIFY(engine > 1000);
    QCOMPARE(produced, engine);
    QCOMPARE(got.size() + skipped, engine);
    QCOMPARE(c.totalSpikes(), net->network->totalSpikes());
    if (expectSkips) {
        QVERIFY(skipped > 0);
    } else {
        QCOMPARE(skipped, std::uint64_t{0});
    }
    // What did arrive arrives in the engine's order: steps never decrease.
    for (std::size_t k = 1; k < got.size(); ++k) QVERIFY(got[k - 1].step <= got[k].step);
    // Trace samples are counted the same way: one per step (interval 1).
    auto* trace = channel(c, "trace");
    QCOMPARE(trace->produced.load(), static_cast<std::uint64_t>(stepsOf(duration)));
}

// The live run is the same computation as a headless run: the same spikes, and the same potentials.
void TestSimulationController::liveRunEqualsHeadlessRun()
{
    const double duration = 0.2;
    models::CompiledNetwork headless = compile(11);
    headless.network->runFor(duration);
    const sim::SpikeRecorder* rec = headless.monitors[0].spikes;
    const sim::StateRecorder* state = headless.monitors[1].state;
    QVERIFY(rec && state);

    app::SimulationController c;
    c.load(compile(11), duration);
    auto* raster = channel(c, "raster");
    auto* trace = channel(c, "trace");
    c.run();
    const auto got = drainUntilFinished(c, *raster->spikes, std::size_t(-1), 2);
    std::vector<app::TraceSample> samples;
    trace->trace->popInto(samples);

    QCOMPARE(raster->skipped.load(), std::uint64_t{0});
    QCOMPARE(got.size(), rec->neurons().size());
    QVERIFY(got.size() > 100);
    for (std::size_t k = 0; k < got.size(); ++k) {
        QCOMPARE(got[k].neuron, rec->neurons()[k]);
        QCOMPARE(got[k].step, rec->steps()[k]);
    }
    QCOMPARE(samples.size(), state->steps().size());
    for (std::size_t s = 0; s < samples.size(); ++s) {
        QCOMPARE(samples[s].step, state->steps()[s]);
        QCOMPARE(samples[s].count, 3);
        for (int n = 0; n < 3; ++n) QCOMPARE(samples[s].values[n], state->value(s, static_cast<std::size_t>(n)));
    }
}

QTEST_GUILESS_MAIN(TestSimulationController)
#include "test_simulation_controller.moc"
