// Current injectors: the exact current at chosen times, and the statistics of the noise.
#include "models/encoders/CurrentStimulus.h"
#include "sim/Network.h"

#include <QtTest>

#include <cmath>
#include <numbers>

using namespace ss;
using namespace ss::models;

namespace {

// A population that only holds the current injected into it.
class ProbePopulation : public sim::Population {
public:
    using sim::Population::Population;
    void integrate() override {}
    void thresholdAndReset() override { m_spikes.clear(); }

protected:
    void resetModel() override {}
};

// The current (A) that neuron 0 received in every step, for `steps` steps.
std::vector<double> currents(sim::Network& net, sim::Population& pop, sim::Step steps)
{
    std::vector<double> out;
    for (sim::Step s = 0; s < steps; ++s) {
        net.step();
        out.push_back(pop.externalCurrent()[0]);
    }
    return out;
}

} // namespace

class TestCurrentStimuli : public QObject {
    Q_OBJECT
private slots:
    void step();
    void ramp();
    void ladder();
    void sine();
    void stimuliAdd();
    void noise();
};

void TestCurrentStimuli::step()
{
    // 2 nA from 10 ms to 30 ms at dt 0.1 ms: steps 100..299 carry exactly 2e-9 A, the others nothing.
    sim::Network net(1e-4, 1);
    auto& pop = net.addPopulation<ProbePopulation>("probe", sim::Shape::flat(3));
    net.addStimulus<StepCurrentStimulus>(pop, 2e-9, 10e-3, 30e-3);
    const auto i = currents(net, pop, 400);
    for (std::size_t s = 0; s < i.size(); ++s) QCOMPARE(i[s], s >= 100 && s < 300 ? 2e-9 : 0.0);
    QVERIFY((pop.externalCurrent() == pop.externalCurrent()[0]).all());
}

void TestCurrentStimuli::ramp()
{
    // From -1 nA at 10 ms to 3 nA at 50 ms (400 steps): I = -1 + 4 (t - 10 ms) / 40 ms nA.
    sim::Network net(1e-4, 1);
    auto& pop = net.addPopulation<ProbePopulation>("probe", sim::Shape::flat(2));
    net.addStimulus<RampCurrentStimulus>(pop, -1e-9, 3e-9, 10e-3, 50e-3);
    const auto i = currents(net, pop, 600);
    QCOMPARE(i[99], 0.0);
    QCOMPARE(i[100], -1e-9);      // t = start
    QVERIFY(std::abs(i[300] - 1e-9) < 1e-24); // midpoint: the mean of from and to
    QVERIFY(std::abs(i[200]) < 1e-24);        // a quarter of the way: 0
    QVERIFY(std::abs(i[499] - (-1e-9 + 4e-9 * 399.0 / 400.0)) < 1e-24);
    QCOMPARE(i[500], 0.0); // t = stop
}

void TestCurrentStimuli::ladder()
{
    // 5 neurons from 0.2 nA to 1 nA between 10 ms and 20 ms: neuron i gets 0.2 + 0.2 i nA in steps
    // 100..199 and nothing outside; a single neuron gets 'from'.
    sim::Network net(1e-4, 1);
    auto& pop = net.addPopulation<ProbePopulation>("probe", sim::Shape::flat(5));
    auto& one = net.addPopulation<ProbePopulation>("one", sim::Shape::flat(1));
    net.addStimulus<LadderCurrentStimulus>(pop, 0.2e-9, 1e-9, 10e-3, 20e-3);
    net.addStimulus<LadderCurrentStimulus>(one, 0.2e-9, 1e-9, 10e-3, 20e-3);
    for (sim::Step s = 0; s < 300; ++s) {
        net.step();
        const bool on = s >= 100 && s < 200;
        for (Eigen::Index i = 0; i < 5; ++i)
            QVERIFY(std::abs(pop.externalCurrent()[i] - (on ? 0.2e-9 * static_cast<double>(i + 1) : 0.0)) < 1e-24);
        QCOMPARE(one.externalCurrent()[0], on ? 0.2e-9 : 0.0);
    }
}

void TestCurrentStimuli::sine()
{
    // 0.5 + 2 sin(2 pi 25 t + 90 deg) nA, dt 1 ms: period 40 steps; t = 0 -> 2.5 nA (cos 0),
    // 10 ms -> 0.5 nA, 20 ms -> -1.5 nA, 30 ms -> 0.5 nA.
    sim::Network net(1e-3, 1);
    auto& pop = net.addPopulation<ProbePopulation>("probe", sim::Shape::flat(1));
    net.addStimulus<SineCurrentStimulus>(pop, 2e-9, 0.5e-9, 25.0, std::numbers::pi / 2);
    const auto i = currents(net, pop, 200);
    const double tol = 1e-9 * 1e-12;
    QVERIFY(std::abs(i[0] - 2.5e-9) < tol);
    QVERIFY(std::abs(i[10] - 0.5e-9) < tol);
    QVERIFY(std::abs(i[20] + 1.5e-9) < tol);
    QVERIFY(std::abs(i[30] - 0.5e-9) < tol);
    QVERIFY(std::abs(i[160] - 2.5e-9) < tol);
    for (std::size_t s = 0; s < i.size(); ++s)
        QVERIFY(std::abs(i[s] - (0.5e-9 + 2e-9 * std::cos(2.0 * std::numbers::pi * 25.0 * 1e-3 * s))) < tol);
}

void TestCurrentStimuli::stimuliAdd()
{
    // Two clamps on one population add (currents are summed at the start of each step).
    sim::Network net(1e-4, 1);
    auto& pop = net.addPopulation<ProbePopulation>("probe", sim::Shape::flat(1));
    net.addStimulus<StepCurrentStimulus>(pop, 1e-9, 0.0, 1.0);
    net.addStimulus<StepCurrentStimulus>(pop, 0.25e-9, 5e-3, 1.0);
    const auto i = currents(net, pop, 100);
    QCOMPARE(i[49], 1e-9);
    QCOMPARE(i[50], 1.25e-9);
}

void TestCurrentStimuli::noise()
{
    // Mean 0.3 nA, std 0.2 nA over 200 neurons x 500 steps = 100,000 draws. Standard errors: of the
    // mean std / sqrt(n) = 0.63 pA, of the standard deviation std / sqrt(2 n) = 0.45 pA; checked to 3 SE.
    // Independence: the correlation of neighbouring neurons and of successive steps, SE 1 / sqrt(n).
    const sim::Index n = 200;
    const int steps = 500;
    sim::Network net(1e-4, 21);
    auto& pop = net.addPopulation<ProbePopulation>("probe", sim::Shape::flat(n));
    net.addStimulus<NoiseCurrentStimulus>(pop, 0.3e-9, 0.2e-9);
    Eigen::ArrayXXd x(n, steps);
    for (int s = 0; s < steps; ++s) {
        net.step();
        x.col(s) = pop.externalCurrent();
    }
    const double count = static_cast<double>(x.size());
    const double mean = x.mean();
    const double sd = std::sqrt((x - mean).square().sum() / (count - 1.0));
    qInfo("noise mean %.4f nA, std %.4f nA", mean * 1e9, sd * 1e9);
    QVERIFY(std::abs(mean - 0.3e-9) < 3.0 * 0.2e-9 / std::sqrt(count));
    QVERIFY(std::abs(sd - 0.2e-9) < 3.0 * 0.2e-9 / std::sqrt(2.0 * count));
    const Eigen::ArrayXXd z = (x - mean) / sd;
    const double acrossNeurons = (z.topRows(n - 1) * z.bottomRows(n - 1)).mean();
    const double acrossSteps = (z.leftCols(steps - 1) * z.rightCols(steps - 1)).mean();
    qInfo("correlation: neighbours %.4f, successive steps %.4f", acrossNeurons, acrossSteps);
    QVERIFY(std::abs(acrossNeurons) < 3.0 / std::sqrt(count));
    QVERIFY(std::abs(acrossSteps) < 3.0 / std::sqrt(count));
}

QTEST_APPLESS_MAIN(TestCurrentStimuli)
#include "test_current_stimuli.moc"
