// The weight channel of the simulation controller: a "monitor.weights" node gives a versioned snapshot
// of its projection's weights, taken every interval by the worker and once more when a run pauses or
// finishes, so that a view shows the current weights.
#include "app/SimulationController.h"
#include "models/Catalogue.h"
#include "models/GraphCompiler.h"

#include <QTest>

using namespace ss;
using State = app::SimulationController::State;

namespace {

constexpr double kDt = 1e-4;
constexpr double kDuration = 0.3;  // s
constexpr double kInterval = 5e-3; // s between snapshots (the monitor's 'interval' of 5 ms)

// 16 Poisson inputs at 100 Hz -> dense synapses (uniform 0..1, pair-based STDP of Song et al. 2000)
// -> 4 adaptive-threshold conductance LIF neurons; a weight monitor on the synapses.
models::CompiledNetwork compile()
{
    models::Graph g;
    g.experiment.dt = kDt;
    g.experiment.seed = 3;
    g.nodes.push_back({"input", "encoder.poisson", {{"size", std::int64_t{16}}, {"rate", 100.0}}});
    g.nodes.push_back({"syn", "synapses.dense", {{"weight_init", std::string("uniform")}, {"weight_low", 0.0}, {"weight", 1.0}}});
    g.nodes.push_back({"stdp", "rule.stdp", {}});
    g.nodes.push_back({"exc", "layer.adaptive_lif", {{"size", std::int64_t{4}}}});
    g.nodes.push_back({"fields", "monitor.weights", {{"interval", kInterval * 1e3}}});
    g.wires = {{{"input", "out"}, {"syn", "pre"}},
               {{"syn", "post"}, {"exc", "in"}},
               {{"stdp", "rule"}, {"syn", "rule"}},
               {{"syn", "post"}, {"fields", "synapses"}}};
    models::GraphCompiler compiler(g, models::catalogue());
    return compiler.compile();
}

app::LiveChannel* weightChannel(const app::SimulationController& c)
{
    for (auto* ch : c.channels())
        if (ch->node == "fields") return ch;
    return nullptr;
}

std::vector<float> snapshot(app::LiveChannel& ch, sim::Step* step = nullptr)
{
    std::lock_guard lock(ch.weights->mutex);
    if (step) *step = ch.weights->step;
    return ch.weights->data;
}

} // namespace

class TestWeightSnapshots : public QObject {
    Q_OBJECT
private slots:
    void channelHasTheProjectionsShape();
    void pausedSnapshotEqualsCopyWeights();
    void finishedRunPublishesEveryInterval();
};

// Dense 16 -> 4: 4 rows (post neurons) of 16 weights in the input's shape (16 x 1 x 1).
void TestWeightSnapshots::channelHasTheProjectionsShape()
{
    app::SimulationController c;
    c.load(compile(), kDuration);
    app::LiveChannel* ch = weightChannel(c);
    QVERIFY(ch && ch->weights);
    QCOMPARE(ch->weights->count, sim::Index{4});
    QCOMPARE(ch->weights->row.size(), sim::Index{16});
    QCOMPARE(ch->weights->data.size(), std::size_t{64});
    QCOMPARE(ch->projection, std::string("syn"));
    // The initial weights are there before the first step (version 1, step 0).
    QCOMPARE(ch->weights->version.load(), std::uint64_t{1});
    std::vector<float> expected;
    c.compiled()->projections.at("syn")->copyWeights(expected);
    QVERIFY(snapshot(*ch) == expected);
}

// After a pause the snapshot is the weights at the paused step, exactly (tolerance 0: the same floats).
void TestWeightSnapshots::pausedSnapshotEqualsCopyWeights()
{
    app::SimulationController c;
    c.load(compile(), kDuration);
    app::LiveChannel* ch = weightChannel(c);
    QVERIFY(ch && ch->weights);
    const std::vector<float> initial = snapshot(*ch);
    c.setSpeed(0.5); // slow enough to pause mid-run
    c.run();
    QTRY_VERIFY_WITH_TIMEOUT(c.simulatedTime() >= 0.1, 5000);
    c.pause();
    QTRY_COMPARE_WITH_TIMEOUT(c.state(), State::Paused, 100);
    const sim::Step paused = static_cast<sim::Step>(std::llround(c.simulatedTime() / kDt));
    QVERIFY(paused < static_cast<sim::Step>(std::llround(kDuration / kDt)));
    std::vector<float> expected;
    c.compiled()->projections.at("syn")->copyWeights(expected);
    sim::Step at = -1;
    const std::vector<float> got = snapshot(*ch, &at);
    QCOMPARE(at, paused);
    QVERIFY(got == expected);
    // STDP moved at least one weight in 0.1 s of 16 inputs at 100 Hz (160 pre spikes, each depressing).
    QVERIFY(got != initial);
}

// With no reader holding the mutex, every scheduled snapshot is published: one at load, one per
// interval (steps 0, 50, ..., below 3000: 60) and one at the end, 62 versions; the last equals the
// projection's weights at the end.
void TestWeightSnapshots::finishedRunPublishesEveryInterval()
{
    app::SimulationController c;
    c.load(compile(), kDuration);
    app::LiveChannel* ch = weightChannel(c);
    QVERIFY(ch && ch->weights);
    c.run();
    QTRY_COMPARE_WITH_TIMEOUT(c.state(), State::Finished, 10000);
    const sim::Step total = static_cast<sim::Step>(std::llround(kDuration / kDt));
    const sim::Step every = static_cast<sim::Step>(std::llround(kInterval / kDt));
    const std::uint64_t scheduled = static_cast<std::uint64_t>((total + every - 1) / every);
    QCOMPARE(ch->weights->version.load(), 1 + scheduled + 1);
    std::vector<float> expected;
    c.compiled()->projections.at("syn")->copyWeights(expected);
    sim::Step at = -1;
    QVERIFY(snapshot(*ch, &at) == expected);
    QCOMPARE(at, total);
}

QTEST_MAIN(TestWeightSnapshots)
#include "test_weight_snapshots.moc"
