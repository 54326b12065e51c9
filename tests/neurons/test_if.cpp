// Non-leaky integrate-and-fire neurons: the rate code of ANN-to-SNN conversion.
#include "models/neurons/IfPopulation.h"
#include "sim/Random.h"
#include "tests/neurons/NeuronTestSupport.h"

#include <QtTest>

#include <algorithm>
#include <vector>

using namespace ss;
using models::IfParams;
using models::IfPopulation;

class TestIf : public QObject {
    Q_OBJECT

private slots:
    void spikeCount_data();
    void spikeCount();
    void deltaInputCounts();
    void winnersPerPosition();
    void winnersPerPositionRanked();
    void firesOnlyWhileLearning();
};

// Constant current I into C with threshold v_th over K steps of dt. Reset by subtraction keeps the
// residue, so the count is floor(K I dt / (C v_th)) exactly (Rueckauer et al. 2017, Eq. 4 with the
// residual term); reset to zero loses it, and a spike comes every ceil(C v_th / (I dt)) steps.
void TestIf::spikeCount_data()
{
    QTest::addColumn<double>("current"); // pA
    QTest::addColumn<QString>("reset");
    for (double pA : {0.07, 0.37, 0.61, 0.93}) {
        QTest::addRow("subtract %g pA", pA) << pA << "subtract";
        QTest::addRow("zero %g pA", pA) << pA << "zero";
    }
}

void TestIf::spikeCount()
{
    QFETCH(double, current);
    QFETCH(QString, reset);
    IfParams p; // v_th 1 mV, v_reset 0, C 1 pF: 1 pA adds 1 mV per ms
    p.reset = reset == "zero" ? IfParams::Reset::Zero : IfParams::Reset::Subtract;
    const double dt = 1e-3;
    const int steps = 999;
    sim::Network net(dt, 1);
    auto& pop = net.addPopulation<IfPopulation>("if", sim::Shape::flat(1), p);
    net.addStimulus<test::StepCurrent>(pop, Eigen::ArrayXd::Constant(1, current * 1e-12));
    net.run(steps);
    const double perStep = current * 1e-12 * dt / (p.capacitance * (p.vTh - p.vReset));
    const auto expected = p.reset == IfParams::Reset::Subtract
                              ? static_cast<std::uint64_t>(std::floor(steps * perStep))
                              : static_cast<std::uint64_t>(steps / static_cast<int>(std::ceil(1.0 / perStep)));
    QCOMPARE(net.spikeCount(0), expected);
}

// Delta inputs sum without leak: ten inputs of 0.25 mV give two spikes and leave 0.5 mV (subtraction).
void TestIf::deltaInputCounts()
{
    IfParams p;
    sim::Network net(1e-3, 1);
    auto& pop = net.addPopulation<IfPopulation>("if", sim::Shape::flat(1), p);
    for (int k = 0; k < 10; ++k) net.addStimulus<test::InputPulse>(pop, sim::Channel::Excitatory, 0, 5 * k, 0.25e-3);
    net.run(100);
    QCOMPARE(net.spikeCount(0), std::uint64_t{2});
    QVERIFY(std::abs(pop.v()[0] - 0.5e-3) < 1e-15);
}

// k-WTA with scope Position (the local inhibition of Kheradpisheh et al. 2018): in a 3-map x 1 x 2 layer
// where every neuron crosses the threshold in the first step, exactly one neuron fires at each of the
// two positions, the one with the highest potential; with scope Layer one fires in the whole layer.
void TestIf::winnersPerPosition()
{
    // Index = map * 2 + position; 1 pA adds 1 mV per step of 1 ms (v_th 1 mV).
    const Eigen::ArrayXd pA = (Eigen::ArrayXd(6) << 1.5, 3.0, 2.0, 1.1, 1.2, 1.4).finished();
    for (auto scope : {sim::Population::WinnersScope::Position, sim::Population::WinnersScope::Layer}) {
        sim::Network net(1e-3, 1);
        auto& pop = net.addPopulation<IfPopulation>("if", sim::Shape{3, 1, 2}, IfParams{});
        pop.setWinnersTakeAll(1, scope);
        net.addStimulus<test::StepCurrent>(pop, pA * 1e-12);
        net.run(1);
        const std::vector<sim::Index> expected =
            scope == sim::Population::WinnersScope::Position ? std::vector<sim::Index>{1, 2} : std::vector<sim::Index>{1};
        QCOMPARE(std::vector<sim::Index>(pop.spikes().begin(), pop.spikes().end()), expected);
    }
}

// k winners per position of a 5-map x 4 x 3 layer driven above threshold in one step, currents drawn
// from 7 levels so that ties are common: at each position the k maps with the highest potential fire,
// ties going to the lower map index, ranked here directly. k = 1 takes a one-pass path, k = 2 a sort.
void TestIf::winnersPerPositionRanked()
{
    const sim::Shape shape{5, 4, 3};
    const sim::Index plane = shape.height * shape.width, n = shape.channels * plane;
    for (int seed = 1; seed <= 20; ++seed) {
        sim::Rng rng(static_cast<std::uint64_t>(seed), 7);
        Eigen::ArrayXd pA(n);
        for (sim::Index i = 0; i < n; ++i) pA[i] = 1.0 + 0.25 * static_cast<double>(rng.below(7));
        for (sim::Index k : {1, 2}) {
            sim::Network net(1e-3, 1);
            auto& pop = net.addPopulation<IfPopulation>("if", shape, IfParams{});
            pop.setWinnersTakeAll(k, sim::Population::WinnersScope::Position);
            net.addStimulus<test::StepCurrent>(pop, pA * 1e-12);
            net.run(1);
            std::vector<sim::Index> expected;
            for (sim::Index pos = 0; pos < plane; ++pos) {
                std::vector<sim::Index> maps;
                for (sim::Index c = 0; c < shape.channels; ++c) maps.push_back(c * plane + pos);
                std::stable_sort(maps.begin(), maps.end(), [&](sim::Index a, sim::Index b) { return pA[a] > pA[b]; });
                expected.insert(expected.end(), maps.begin(), maps.begin() + k);
            }
            std::sort(expected.begin(), expected.end());
            QCOMPARE(std::vector<sim::Index>(pop.spikes().begin(), pop.spikes().end()), expected);
        }
    }
}

// fire = learning (the last layer of Kheradpisheh et al. 2018 at test): ten inputs of 0.25 mV give two
// spikes (0.5 mV left) while learning; with learning off no spike, and v holds their whole sum, 2.5 mV.
void TestIf::firesOnlyWhileLearning()
{
    for (bool learning : {true, false}) {
        IfParams p;
        p.fireOnlyWhileLearning = true;
        sim::Network net(1e-3, 1);
        auto& pop = net.addPopulation<IfPopulation>("if", sim::Shape::flat(1), p);
        for (int k = 0; k < 10; ++k) net.addStimulus<test::InputPulse>(pop, sim::Channel::Excitatory, 0, 5 * k, 0.25e-3);
        net.setLearning(learning);
        net.run(100);
        QCOMPARE(net.spikeCount(0), std::uint64_t{learning ? 2u : 0u});
        QVERIFY(std::abs(pop.v()[0] - (learning ? 0.5e-3 : 2.5e-3)) < 1e-15);
    }
}

QTEST_APPLESS_MAIN(TestIf)
#include "test_if.moc"
