// Independent Poisson synaptic input (Brian2's PoissonInput): the count per neuron and step is
// binomial(count, rate dt), independent across neurons and steps, and lands on the chosen channel.
#include "models/encoders/PoissonInputStimulus.h"
#include "sim/Network.h"

#include <QtTest>

#include <cmath>

using namespace ss;
using namespace ss::models;

namespace {

// A population that keeps, for every step, the input that arrived on each channel (then cleared by the ring).
class ProbePopulation : public sim::Population {
public:
    using sim::Population::Population;
    void integrate() override
    {
        excitatory.push_back(input(sim::Channel::Excitatory).current());
        inhibitory.push_back(input(sim::Channel::Inhibitory).current());
    }
    void thresholdAndReset() override { m_spikes.clear(); }
    std::vector<Eigen::ArrayXd> excitatory, inhibitory;

protected:
    void resetModel() override {}
};

} // namespace

class TestPoissonInput : public QObject {
    Q_OBJECT
private slots:
    void binomialCounts();
    void independentAcrossNeurons();
    void inhibitoryChannelAndLimits();
};

// Brunel's external drive at dt 0.1 ms: 1000 inputs at 20 Hz, p = 0.002. Per neuron and step the count
// has mean n p = 2, variance n p (1 - p) = 1.996 and P(0) = (1 - p)^n = 0.13506. Over 2,000 neurons x 500
// steps (1e6 draws) the standard errors are 0.0014 (mean), about 0.004 (variance) and 0.00034 (P(0));
// the tolerances are five of them.
void TestPoissonInput::binomialCounts()
{
    sim::Network net(1e-4, 7);
    auto& pop = net.addPopulation<ProbePopulation>("probe", sim::Shape::flat(2000));
    const double w = 0.1e-3;
    net.addStimulus<PoissonInputStimulus>(pop, sim::Channel::Excitatory, 1000, 20.0, w);
    net.run(500);
    double sum = 0.0, sumSq = 0.0, zeros = 0.0, draws = 0.0;
    for (const auto& column : pop.excitatory) {
        const Eigen::ArrayXd k = column / w;
        QVERIFY(((k - k.round()).abs() < 1e-9).all()); // whole spikes only
        sum += k.sum();
        sumSq += k.square().sum();
        zeros += (k.round() == 0.0).count();
        draws += static_cast<double>(k.size());
    }
    const double mean = sum / draws, var = sumSq / draws - mean * mean, p0 = zeros / draws;
    qInfo("per neuron and step: mean %.4f (2), variance %.4f (1.996), P(0) %.5f (0.13506)", mean, var, p0);
    QVERIFY2(std::abs(mean - 2.0) < 0.007, qPrintable(QString::number(mean)));
    QVERIFY2(std::abs(var - 1.996) < 0.02, qPrintable(QString::number(var)));
    QVERIFY2(std::abs(p0 - std::pow(1.0 - 0.002, 1000)) < 0.0017, qPrintable(QString::number(p0)));
    for (const auto& column : pop.inhibitory) QVERIFY((column == 0.0).all());
}

// No shared inputs: the count summed over the population varies as the sum of independent counts,
// N n p (1 - p). A pool of inputs shared between neurons (each neuron sampling n of M sources) would
// multiply it by about 1 + (N - 1) n / M. Over 4,000 steps the variance ratio has a standard error of
// sqrt(2 / 4000) = 0.022; tolerance 0.12 (a pool with M = 10 N n would already give 1.1).
void TestPoissonInput::independentAcrossNeurons()
{
    sim::Network net(1e-4, 3);
    auto& pop = net.addPopulation<ProbePopulation>("probe", sim::Shape::flat(500));
    net.addStimulus<PoissonInputStimulus>(pop, sim::Channel::Excitatory, 1000, 20.0, 1.0);
    net.run(4000);
    double sum = 0.0, sumSq = 0.0;
    for (const auto& column : pop.excitatory) {
        const double total = column.sum();
        sum += total;
        sumSq += total * total;
    }
    const double steps = static_cast<double>(pop.excitatory.size());
    const double mean = sum / steps, var = sumSq / steps - mean * mean;
    const double expected = 500 * 1000 * 0.002 * (1.0 - 0.002);
    qInfo("population count per step: mean %.1f (1000), variance ratio %.3f (1)", mean, var / expected);
    QVERIFY2(std::abs(var / expected - 1.0) < 0.12, qPrintable(QString::number(var / expected)));
}

void TestPoissonInput::inhibitoryChannelAndLimits()
{
    {
        // Every input fires in every step (rate dt = 1): exactly count spikes, on the inhibitory channel.
        sim::Network net(1e-3, 1);
        auto& pop = net.addPopulation<ProbePopulation>("probe", sim::Shape::flat(4));
        net.addStimulus<PoissonInputStimulus>(pop, sim::Channel::Inhibitory, 25, 1000.0, -0.5e-3);
        net.run(3);
        for (const auto& column : pop.inhibitory) QVERIFY(((column - (-12.5e-3)).abs() < 1e-15).all());
        for (const auto& column : pop.excitatory) QVERIFY((column == 0.0).all());
    }
    {
        // 20 kHz at dt 0.1 ms is two spikes per input and step: refused.
        sim::Network net(1e-4, 1);
        auto& pop = net.addPopulation<ProbePopulation>("probe", sim::Shape::flat(4));
        net.addStimulus<PoissonInputStimulus>(pop, sim::Channel::Excitatory, 1, 20000.0, 1e-3);
        QVERIFY_THROWS_EXCEPTION(sim::ModelError, net.run(1));
    }
    QVERIFY_THROWS_EXCEPTION(sim::ModelError, [] {
        sim::Network net(1e-4, 1);
        auto& pop = net.addPopulation<ProbePopulation>("probe", sim::Shape::flat(4));
        net.addStimulus<PoissonInputStimulus>(pop, sim::Channel::Excitatory, 0, 10.0, 1e-3);
    }());
}

QTEST_APPLESS_MAIN(TestPoissonInput)
#include "test_poisson_input.moc"
