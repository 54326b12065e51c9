// The spike-time source (as NEST's spike_generator): spikes at exactly the rounded steps, the regular
// train with per-neuron offsets, replay after reset, and errors that name the node and the field.
#include "models/GraphCompiler.h"
#include "models/encoders/EncoderSpecs.h"
#include "models/encoders/SpikeTimesSource.h"
#include "sim/Network.h"

#include <QtTest>

using namespace ss;
using namespace ss::models;

namespace {

using Trains = std::vector<std::vector<sim::Step>>;

// Steps at which each neuron of `pop` fired during the first `steps` steps.
Trains record(sim::Network& net, const sim::Population& pop, sim::Step steps)
{
    Trains trains(static_cast<std::size_t>(pop.size()));
    for (sim::Step k = 0; k < steps; ++k) {
        net.step();
        for (sim::Index i : pop.spikes()) trains[static_cast<std::size_t>(i)].push_back(k);
    }
    return trains;
}

Graph sourceGraph(std::map<std::string, ParamValue> params)
{
    Graph g;
    g.experiment.dt = 1e-4;
    g.nodes = {Node{"src", "source.spike_times", std::move(params)}};
    return g;
}

// The BuildError of compiling a lone source with `params` (empty node when it compiles).
BuildError compileError(std::map<std::string, ParamValue> params)
{
    try {
        GraphCompiler(sourceGraph(std::move(params)), encoderFamilySpecs()).compile();
    } catch (const BuildError& e) {
        return e;
    }
    return BuildError("", "", "");
}

} // namespace

class TestSpikeTimes : public QObject {
    Q_OBJECT
private slots:
    void firesAtTheRoundedSteps();
    void replaysAfterReset();
    void regularTrainWithOffsets();
    void errorsNameNodeAndField_data();
    void errorsNameNodeAndField();
};

// dt = 0.1 ms: t -> round(t / dt). 2.04 ms -> step 20, 2.06 ms -> 21, 0 -> 0.
void TestSpikeTimes::firesAtTheRoundedSteps()
{
    sim::Network net(1e-4, 1);
    auto& src = net.addPopulation<SpikeTimesSource>("src", sim::Shape::flat(3),
                                                    SpikeTimes{{2.06e-3, 1e-3, 2.04e-3}, {}, {0.0, 5e-3}});
    net.prepare();
    const Trains t = record(net, src, 60);
    QCOMPARE(t[0], (std::vector<sim::Step>{10, 20, 21}));
    QVERIFY(t[1].empty());
    QCOMPARE(t[2], (std::vector<sim::Step>{0, 50}));
}

void TestSpikeTimes::replaysAfterReset()
{
    sim::Network net(1e-4, 1);
    auto& src = net.addPopulation<SpikeTimesSource>("src", sim::Shape::flat(2), SpikeTimes{{1e-3, 3e-3}, {2e-3}});
    net.prepare();
    const Trains first = record(net, src, 40);
    net.reset();
    QCOMPARE(record(net, src, 40), first);
    QCOMPARE(first[1], (std::vector<sim::Step>{20}));
}

// Listed times and a regular train of 3 spikes every 10 ms from 5 ms, shifted by 0, 1 and 2.5 ms.
void TestSpikeTimes::regularTrainWithOffsets()
{
    auto net = GraphCompiler(sourceGraph({{"size", std::int64_t(3)},
                                          {"times", std::string("2: 0.3; 0: 1, 2")},
                                          {"count", std::int64_t(3)},
                                          {"period", 10.0},
                                          {"start", 5.0},
                                          {"offsets", std::string("0, 1, 2.5")}}),
                             encoderFamilySpecs())
                   .compile();
    const Trains t = record(*net.network, *net.populations.at("src"), 400);
    QCOMPARE(t[0], (std::vector<sim::Step>{10, 20, 50, 150, 250}));
    QCOMPARE(t[1], (std::vector<sim::Step>{60, 160, 260}));
    QCOMPARE(t[2], (std::vector<sim::Step>{3, 75, 175, 275}));
}

void TestSpikeTimes::errorsNameNodeAndField_data()
{
    QTest::addColumn<QString>("times");
    QTest::addColumn<QString>("offsets");
    QTest::addColumn<double>("period");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("says");
    QTest::newRow("no colon") << "0 10" << "" << 10.0 << "times" << "no ':'";
    QTest::newRow("not a number") << "0: 10, x" << "" << 10.0 << "times" << "not a number";
    QTest::newRow("empty time") << "0: 10,, 20" << "" << 10.0 << "times" << "empty time";
    QTest::newRow("negative") << "1: -5" << "" << 10.0 << "times" << "negative";
    QTest::newRow("index out of range") << "2: 5" << "" << 10.0 << "times" << "out of range";
    QTest::newRow("bad index") << "a: 5" << "" << 10.0 << "times" << "not a neuron index";
    // 10 and 10.04 ms round to step 100.
    QTest::newRow("same step") << "0: 10, 10.04" << "" << 10.0 << "times" << "two spikes in step 100";
    QTest::newRow("period below a step") << "" << "" << 0.04 << "period" << "at least one step";
    QTest::newRow("listed and train meet") << "1: 20" << "" << 10.0 << "times" << "regular train";
    QTest::newRow("offsets count") << "" << "1, 2, 3" << 10.0 << "offsets" << "3 offsets for 2 neurons";
    QTest::newRow("offset before 0") << "" << "0, -20" << 10.0 << "offsets" << "before 0";
    QTest::newRow("offset not a number") << "" << "0, 1ms" << 10.0 << "offsets" << "not a number";
}

void TestSpikeTimes::errorsNameNodeAndField()
{
    QFETCH(QString, times);
    QFETCH(QString, offsets);
    QFETCH(double, period);
    QFETCH(QString, field);
    QFETCH(QString, says);
    // Two neurons with a regular train at 0, 10, 20 ms (plus offsets).
    const BuildError e = compileError({{"size", std::int64_t(2)},
                                       {"times", times.toStdString()},
                                       {"count", std::int64_t(3)},
                                       {"period", period},
                                       {"offsets", offsets.toStdString()}});
    QCOMPARE(QString::fromStdString(e.node()), QStringLiteral("src"));
    QCOMPARE(QString::fromStdString(e.field()), field);
    QVERIFY2(QString::fromUtf8(e.what()).contains(says), e.what());
}

QTEST_GUILESS_MAIN(TestSpikeTimes)
#include "test_spike_times.moc"
