// Temporal codes: latency (time to first spike) and rank order.
#include "models/encoders/LatencyEncoder.h"
#include "models/encoders/RankOrderEncoder.h"
#include "sim/Network.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <numeric>

using namespace ss;
using namespace ss::models;

namespace {

struct Event {
    sim::Index neuron;
    sim::Step step;
};

// Spikes of `steps` steps, with the step counted from `origin`.
std::vector<Event> run(sim::Network& net, const sim::Population& pop, sim::Step steps, sim::Step origin)
{
    std::vector<Event> events;
    for (sim::Step s = 0; s < steps; ++s) {
        const sim::Step now = net.currentStep();
        net.step();
        for (sim::Index i : pop.spikes()) events.push_back({i, now - origin});
    }
    return events;
}

} // namespace

class TestTemporalEncoders : public QObject {
    Q_OBJECT
private slots:
    void latency_data();
    void latency();
    void latencyRestartsOnPresentAndReset();
    void rankOrder_data();
    void rankOrder();
};

void TestTemporalEncoders::latency_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<double>("value");
    QTest::addColumn<int>("step"); // -1: silent
    // dt 0.1 ms. Linear, t_max 10 ms, threshold 0.01: t = t_max (1 - v).
    QTest::newRow("linear v=1") << "linear" << 1.0 << 0;
    QTest::newRow("linear v=0.75") << "linear" << 0.75 << 25;
    QTest::newRow("linear v=0.5") << "linear" << 0.5 << 50;
    QTest::newRow("linear v=0.123") << "linear" << 0.123 << 88; // 8.77 ms -> 87.7 steps -> 88
    QTest::newRow("linear v=0.011") << "linear" << 0.011 << 99; // 9.89 ms
    QTest::newRow("linear v=0.01 (threshold)") << "linear" << 0.01 << -1;
    QTest::newRow("linear v=0.005") << "linear" << 0.005 << -1;
    QTest::newRow("linear v=0") << "linear" << 0.0 << -1;
    // Log, tau 5 ms, threshold 0.2: t = tau ln(v / (v - 0.2)) (RC charging time to threshold).
    QTest::newRow("log v=1") << "log" << 1.0 << 11;  // 5 ln(1.25) = 1.1157 ms
    QTest::newRow("log v=0.5") << "log" << 0.5 << 26; // 5 ln(5/3) = 2.5541 ms
    QTest::newRow("log v=0.25") << "log" << 0.25 << 80; // 5 ln 5 = 8.0472 ms
    QTest::newRow("log v=0.201") << "log" << 0.201 << 265; // 5 ln 201 = 26.517 ms
    QTest::newRow("log v=0.2 (threshold)") << "log" << 0.2 << -1;
    QTest::newRow("log v=0.1") << "log" << 0.1 << -1;
}

void TestTemporalEncoders::latency()
{
    QFETCH(QString, mode);
    QFETCH(double, value);
    QFETCH(int, step);
    const bool log = mode == "log";
    sim::Network net(1e-4, 1);
    auto& enc = net.addPopulation<LatencyEncoder>("latency", sim::Shape::flat(4),
                                                  log ? LatencyEncoder::Mode::Log : LatencyEncoder::Mode::Linear,
                                                  10e-3, 5e-3, log ? 0.2 : 0.01);
    // Presented before prepare(): the spike steps must follow the network's dt, set later.
    enc.present(Eigen::ArrayXd::Constant(4, value));
    net.prepare();
    const auto events = run(net, enc, 1000, 0);
    if (step < 0) {
        QCOMPARE(events.size(), std::size_t(0));
        return;
    }
    // One spike per neuron and presentation, at round(t / dt), within one step of the exact time.
    QCOMPARE(events.size(), std::size_t(4));
    const double exact = (log ? 5e-3 * std::log(value / (value - 0.2)) : 10e-3 * (1.0 - value)) / 1e-4;
    for (sim::Index i = 0; i < 4; ++i) {
        QCOMPARE(events[static_cast<std::size_t>(i)].neuron, i);
        QCOMPARE(events[static_cast<std::size_t>(i)].step, sim::Step(step));
        QVERIFY(std::abs(static_cast<double>(step) - exact) <= 0.5);
    }
}

void TestTemporalEncoders::latencyRestartsOnPresentAndReset()
{
    sim::Network net(1e-4, 1);
    auto& enc = net.addPopulation<LatencyEncoder>("latency", sim::Shape::flat(3), LatencyEncoder::Mode::Linear, 10e-3,
                                                  5e-3, 0.01);
    net.prepare();
    net.run(123);
    Eigen::ArrayXd v(3);
    v << 0.2, 1.0, 0.6;
    enc.present(v);
    auto events = run(net, enc, 300, 123);
    // Order by latency: neuron 1 (0 steps), 2 (40), 0 (80).
    QCOMPARE(events.size(), std::size_t(3));
    QCOMPARE(events[0].neuron, 1);
    QCOMPARE(events[0].step, sim::Step(0));
    QCOMPARE(events[1].neuron, 2);
    QCOMPARE(events[1].step, sim::Step(40));
    QCOMPARE(events[2].neuron, 0);
    QCOMPARE(events[2].step, sim::Step(80));
    // A new sample (Network::beginSample resets the populations) encodes the same values again.
    net.beginSample(true);
    const sim::Step origin = net.currentStep();
    events = run(net, enc, 300, origin);
    QCOMPARE(events.size(), std::size_t(3));
    QCOMPARE(events[2].step, sim::Step(80));
}

void TestTemporalEncoders::rankOrder_data()
{
    QTest::addColumn<int>("perStep");
    QTest::addColumn<double>("threshold");
    QTest::newRow("one per step") << 1 << 0.0;
    QTest::newRow("three per step") << 3 << 0.0;
    QTest::newRow("threshold 0.5") << 1 << 0.5;
}

void TestTemporalEncoders::rankOrder()
{
    QFETCH(int, perStep);
    QFETCH(double, threshold);
    const sim::Index n = 40;
    sim::Rng rng(99, 0);
    Eigen::ArrayXd v(n);
    for (sim::Index i = 0; i < n; ++i) v[i] = rng.uniform();
    v[5] = 0.0;
    v[17] = v[3]; // a tie: the lower index fires first
    sim::Network net(1e-4, 1);
    auto& enc = net.addPopulation<RankOrderEncoder>("rank", sim::Shape::flat(n), perStep, threshold);
    enc.present(v);
    net.prepare();
    const auto events = run(net, enc, 100, 0);

    // Thorpe & Gautrais (1998): inputs fire in order of decreasing value, once each.
    std::vector<sim::Index> expected(static_cast<std::size_t>(n));
    std::iota(expected.begin(), expected.end(), 0);
    std::stable_sort(expected.begin(), expected.end(), [&](sim::Index a, sim::Index b) { return v[a] > v[b]; });
    expected.erase(std::remove_if(expected.begin(), expected.end(), [&](sim::Index i) { return !(v[i] > threshold); }),
                   expected.end());
    QCOMPARE(events.size(), expected.size());
    for (std::size_t r = 0; r < expected.size(); ++r) {
        // Rank r fires in step floor(r / per_step); within a step the engine lists spikes by index.
        QCOMPARE(events[r].step, sim::Step(r / static_cast<std::size_t>(perStep)));
        const std::size_t begin = r - r % static_cast<std::size_t>(perStep);
        const std::size_t end = std::min(expected.size(), begin + static_cast<std::size_t>(perStep));
        std::vector<sim::Index> group(expected.begin() + static_cast<std::ptrdiff_t>(begin),
                                      expected.begin() + static_cast<std::ptrdiff_t>(end));
        std::sort(group.begin(), group.end());
        QCOMPARE(events[r].neuron, group[r - begin]);
    }
}

QTEST_APPLESS_MAIN(TestTemporalEncoders)
#include "test_temporal_encoders.moc"
