// The stochastic winner-take-all circuit of Nessler et al. (2013): firing frequencies against the
// softmax, the rectangular PSP, and reproducibility from the seed.
#include "models/neurons/SwtaPopulation.h"
#include "sim/DenseProjection.h"
#include "sim/Network.h"
#include "tests/plasticity/ScriptedPopulation.h"

#include <QtTest>

#include <cmath>
#include <vector>

using namespace ss;
using models::SwtaParams;
using models::SwtaPopulation;

class TestSwta : public QObject {
    Q_OBJECT

private slots:
    void softmaxFrequencies();
    void rectangularPsp();
    void sameSeedSameSpikes();
    void refusesRateAboveOnePerStep();
};

namespace {

constexpr double kDt = 1e-3;

std::vector<sim::Index> spikeTrain(std::uint64_t seed, sim::Step steps)
{
    sim::Network net(kDt, seed);
    auto& z = net.addPopulation<SwtaPopulation>("z", sim::Shape::flat(5), SwtaParams{});
    net.prepare();
    z.bias() << 0.0, -1.0, 0.5, -2.0, 1.0;
    std::vector<sim::Index> out;
    for (sim::Step t = 0; t < steps; ++t) {
        net.step();
        out.push_back(z.spikes().empty() ? -1 : z.spikes().front());
    }
    return out;
}

} // namespace

// With fixed potentials u_k (here the excitabilities alone), neuron k fires in a step with probability
// p_k = R dt exp(u_k) / sum_j exp(u_j), and never more than one neuron per step. Over N steps its count
// is binomial(N, p_k): every count, and the total (binomial(N, R dt)), must lie within 3 standard
// deviations of the mean (a 0.27 % chance per count to fail by accident; the seed is fixed).
void TestSwta::softmaxFrequencies()
{
    const sim::Step n = 200'000;
    SwtaParams p;
    p.rate = 200.0;
    sim::Network net(kDt, 7);
    auto& z = net.addPopulation<SwtaPopulation>("z", sim::Shape::flat(4), p);
    net.prepare();
    QCOMPARE(z.bias()[0], -std::log(4.0)); // a uniform prior to begin with
    z.bias() << 0.0, 1.0, -1.0, 2.0;
    std::vector<double> counts(4, 0.0);
    double total = 0.0;
    for (sim::Step t = 0; t < n; ++t) {
        net.step();
        QVERIFY(z.spikes().size() <= 1);
        for (sim::Index k : z.spikes()) counts[static_cast<std::size_t>(k)] += 1.0, total += 1.0;
    }
    const Eigen::ArrayXd q = z.firingShares();
    const double norm = std::exp(0.0) + std::exp(1.0) + std::exp(-1.0) + std::exp(2.0);
    const double u[4] = {0.0, 1.0, -1.0, 2.0};
    for (int k = 0; k < 4; ++k) {
        QVERIFY(std::abs(q[k] - std::exp(u[k]) / norm) < 1e-12);
        const double pk = p.rate * kDt * std::exp(u[k]) / norm;
        const double mean = n * pk, sd = std::sqrt(n * pk * (1.0 - pk));
        QVERIFY2(std::abs(counts[static_cast<std::size_t>(k)] - mean) < 3.0 * sd,
                 qPrintable(QStringLiteral("neuron %1: %2 spikes, expected %3 +- %4").arg(k).arg(counts[k]).arg(mean).arg(sd)));
    }
    const double pAll = p.rate * kDt, mean = n * pAll, sd = std::sqrt(n * pAll * (1.0 - pAll));
    QVERIFY2(std::abs(total - mean) < 3.0 * sd, qPrintable(QStringLiteral("%1 spikes, expected %2").arg(total).arg(mean)));
}

// u_k = w_k0 + sum_i w_ki y_i: a spike of input i at step s (delay 1) adds w_ki to u_k from step s + 1
// for exactly S = sigma / dt steps (10), and two inputs add. Exact: 1e-12.
void TestSwta::rectangularPsp()
{
    sim::Network net(kDt, 1);
    auto& in = net.addPopulation<test::ScriptedPopulation>("in", sim::Shape::flat(2), 1.0);
    auto& z = net.addPopulation<SwtaPopulation>("z", sim::Shape::flat(2), SwtaParams{});
    sim::WeightInit init;
    init.a = 0.0;
    auto& proj = net.addProjection<sim::DenseProjection>("w", in, z, sim::Channel::Excitatory, 1, init, net.nextStream());
    in.fireAt(3, {0});
    in.fireAt(7, {1});
    net.prepare();
    proj.weights() << -0.5, -2.0, -1.5, -0.25; // (post, pre)
    QCOMPARE(z.pspSteps(), 10);
    const double b = -std::log(2.0);
    for (sim::Step t = 0; t < 30; ++t) {
        net.step();
        const bool y0 = t >= 4 && t < 14, y1 = t >= 8 && t < 18;
        const double u0 = b + (y0 ? -0.5 : 0.0) + (y1 ? -2.0 : 0.0);
        const double u1 = b + (y0 ? -1.5 : 0.0) + (y1 ? -0.25 : 0.0);
        QVERIFY2(std::abs(z.u()[0] - u0) < 1e-12 && std::abs(z.u()[1] - u1) < 1e-12,
                 qPrintable(QStringLiteral("step %1: u = %2, %3; expected %4, %5").arg(t).arg(z.u()[0]).arg(z.u()[1]).arg(u0).arg(u1)));
    }
}

void TestSwta::sameSeedSameSpikes()
{
    const auto a = spikeTrain(3, 5000), b = spikeTrain(3, 5000), c = spikeTrain(4, 5000);
    QVERIFY(a == b);
    QVERIFY(a != c);
}

void TestSwta::refusesRateAboveOnePerStep()
{
    SwtaParams p;
    p.rate = 2000.0;
    sim::Network net(kDt, 1);
    net.addPopulation<SwtaPopulation>("z", sim::Shape::flat(3), p);
    QVERIFY_THROWS_EXCEPTION(sim::ModelError, net.prepare());
}

QTEST_APPLESS_MAIN(TestSwta)
#include "test_swta.moc"
