// Rate codes: Poisson, regular and Gaussian population coding, checked against the statistics of
// the Bernoulli process each of them is.
#include "models/encoders/PoissonEncoder.h"
#include "models/encoders/PopulationCodingEncoder.h"
#include "models/encoders/RegularEncoder.h"
#include "sim/Network.h"

#include <QtTest>

#include <cmath>

using namespace ss;
using namespace ss::models;

namespace {

// Runs `steps` steps and returns the spike steps of every neuron.
std::vector<std::vector<sim::Step>> spikeTrains(sim::Network& net, const sim::Population& pop, sim::Step steps)
{
    std::vector<std::vector<sim::Step>> trains(static_cast<std::size_t>(pop.size()));
    for (sim::Step s = 0; s < steps; ++s) {
        const sim::Step now = net.currentStep();
        net.step();
        for (sim::Index i : pop.spikes()) trains[static_cast<std::size_t>(i)].push_back(now);
    }
    return trains;
}

std::size_t totalSpikes(const std::vector<std::vector<sim::Step>>& trains)
{
    std::size_t n = 0;
    for (const auto& t : trains) n += t.size();
    return n;
}

} // namespace

class TestRateEncoders : public QObject {
    Q_OBJECT
private slots:
    void poissonMeanRate_data();
    void poissonMeanRate();
    void poissonIsiIsExponential();
    void poissonUniformRateAndReproducibility();
    void regularExactPeriod_data();
    void regularExactPeriod();
    void regularNonIntegerPeriodDoesNotDrift();
    void populationCoding_data();
    void populationCoding();
};

void TestRateEncoders::poissonMeanRate_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<double>("dt");
    // Diehl & Cook (2015): a white pixel (value 1) at 63.75 Hz = 255 / 4.
    QTest::newRow("white pixel, dt 0.1 ms") << 1.0 << 1e-4;
    QTest::newRow("grey pixel, dt 0.1 ms") << 0.5 << 1e-4;
    QTest::newRow("dim pixel, dt 0.5 ms") << 0.2 << 5e-4;
    QTest::newRow("black pixel") << 0.0 << 1e-4;
}

void TestRateEncoders::poissonMeanRate()
{
    QFETCH(double, value);
    QFETCH(double, dt);
    const sim::Index n = 100;
    const sim::Step steps = static_cast<sim::Step>(std::llround(10.0 / dt)); // 10 s
    sim::Network net(dt, 7);
    auto& enc = net.addPopulation<PoissonEncoder>("poisson", sim::Shape::flat(n), 63.75);
    enc.present(Eigen::ArrayXd::Constant(n, value));
    net.prepare();
    const auto trains = spikeTrains(net, enc, steps);

    // Each neuron-step is a Bernoulli trial with p = rate dt, so the total count over N neurons and T
    // steps is binomial: mean N T p, standard error SE = sqrt(N T p (1 - p)).
    const double rate = 63.75 * value;
    const double p = rate * dt;
    const double trials = static_cast<double>(n) * static_cast<double>(steps);
    const double expected = trials * p;
    const double se = std::sqrt(trials * p * (1.0 - p));
    const auto count = static_cast<double>(totalSpikes(trains));
    if (value == 0.0) {
        QCOMPARE(count, 0.0);
        return;
    }
    const double measuredRate = count / (static_cast<double>(n) * 10.0);
    qInfo("rate %.3f Hz measured, %.3f Hz expected, |diff| = %.2f SE", measuredRate, rate,
          std::abs(count - expected) / se);
    QVERIFY2(std::abs(count - expected) < 3.0 * se, "mean rate outside three standard errors");
}

void TestRateEncoders::poissonIsiIsExponential()
{
    // 100 neurons at 63.75 Hz for 10 s: about 63,700 intervals. ISIs of the Bernoulli process are
    // geometric with CV sqrt(1 - p) = 0.9968 for p = 0.006375; the standard error of a sample CV of
    // near-exponential intervals is about 1 / sqrt(n) (delta method: Var(s/m) = 1/n for the
    // exponential), here 0.004, so the tolerance 0.05 is more than 10 SE.
    const sim::Index n = 100;
    const double dt = 1e-4;
    sim::Network net(dt, 11);
    auto& enc = net.addPopulation<PoissonEncoder>("poisson", sim::Shape::flat(n), 63.75);
    enc.present(Eigen::ArrayXd::Ones(n));
    net.prepare();
    const auto trains = spikeTrains(net, enc, 100'000);
    double sum = 0.0, sum2 = 0.0;
    std::size_t count = 0;
    for (const auto& t : trains)
        for (std::size_t k = 1; k < t.size(); ++k) {
            const auto isi = static_cast<double>(t[k] - t[k - 1]);
            sum += isi;
            sum2 += isi * isi;
            ++count;
        }
    QVERIFY(count > 50'000);
    const double mean = sum / static_cast<double>(count);
    const double sd = std::sqrt(sum2 / static_cast<double>(count) - mean * mean);
    const double cv = sd / mean;
    const double p = 63.75 * dt;
    qInfo("ISI CV %.4f from %zu intervals (theory sqrt(1 - p) = %.4f), mean ISI %.2f steps (theory %.2f)", cv, count,
          std::sqrt(1.0 - p), mean, 1.0 / p);
    QVERIFY(std::abs(cv - 1.0) < 0.05);
    QVERIFY(std::abs(cv - std::sqrt(1.0 - p)) < 3.0 / std::sqrt(static_cast<double>(count)));
}

void TestRateEncoders::poissonUniformRateAndReproducibility()
{
    // Without samples every neuron fires at `rate` (as Brian2's PoissonGroup); the same seed gives the
    // same spikes (design: randomness only from seeded streams).
    auto run = [](std::uint64_t seed) {
        sim::Network net(1e-3, seed);
        auto& enc = net.addPopulation<PoissonEncoder>("poisson", sim::Shape::flat(50), 63.75);
        enc.setRate(20.0);
        net.prepare();
        return spikeTrains(net, enc, 10'000);
    };
    const auto a = run(3), b = run(3), c = run(4);
    QVERIFY(a == b);
    QVERIFY(a != c);
    // 50 neurons x 10 s at 20 Hz, p = 0.02: mean 10,000 spikes, SE sqrt(500,000 * 0.02 * 0.98) = 99.
    const double se = std::sqrt(500'000 * 0.02 * 0.98);
    QVERIFY(std::abs(static_cast<double>(totalSpikes(a)) - 10'000.0) < 3.0 * se);
}

void TestRateEncoders::regularExactPeriod_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<double>("phase");
    QTest::addColumn<int>("first");
    QTest::addColumn<int>("period");
    // max_rate 100 Hz, dt 0.1 ms: value 1 -> 10 ms = 100 steps, value 0.5 -> 200 steps.
    QTest::newRow("100 Hz") << 1.0 << 0.0 << 100 << 100;
    QTest::newRow("50 Hz") << 0.5 << 0.0 << 200 << 200;
    QTest::newRow("50 Hz, phase 0.25") << 0.5 << 0.25 << 150 << 200;
    QTest::newRow("100 Hz, phase 1") << 1.0 << 1.0 << 0 << 100;
}

void TestRateEncoders::regularExactPeriod()
{
    QFETCH(double, value);
    QFETCH(double, phase);
    QFETCH(int, first);
    QFETCH(int, period);
    sim::Network net(1e-4, 1);
    auto& enc = net.addPopulation<RegularEncoder>("regular", sim::Shape::flat(3), 100.0, phase);
    net.prepare();
    net.run(37); // the presentation, not the start of the run, is time zero
    enc.present(Eigen::ArrayXd::Constant(3, value));
    const auto trains = spikeTrains(net, enc, 5'000);
    for (const auto& t : trains) {
        QVERIFY(t.size() >= 10);
        QCOMPARE(t.front() - 37, sim::Step(first));
        for (std::size_t k = 1; k < t.size(); ++k) QCOMPARE(t[k] - t[k - 1], sim::Step(period));
    }
}

void TestRateEncoders::regularNonIntegerPeriodDoesNotDrift()
{
    // 30 Hz at dt 0.1 ms: T = 333.33 steps. Spike k (from 1) must stay within half a step of k T over
    // 300 spikes (a running sum of rate * dt would drift).
    sim::Network net(1e-4, 1);
    auto& enc = net.addPopulation<RegularEncoder>("regular", sim::Shape::flat(1), 100.0);
    enc.present(Eigen::ArrayXd::Constant(1, 0.3));
    net.prepare();
    const auto trains = spikeTrains(net, enc, 100'001);
    QCOMPARE(trains[0].size(), std::size_t(300));
    const double periodSteps = 1.0 / (30.0 * 1e-4);
    for (std::size_t k = 0; k < trains[0].size(); ++k)
        QVERIFY(std::abs(static_cast<double>(trains[0][k]) - static_cast<double>(k + 1) * periodSteps) <= 0.5 + 1e-9);
}

void TestRateEncoders::populationCoding_data()
{
    QTest::addColumn<double>("x");
    QTest::addColumn<int>("closest");
    // Centres j / 9: 0.37 is closest to 3/9 = 0.333, 0.81 to 7/9 = 0.778.
    QTest::newRow("x = 0.37") << 0.37 << 3;
    QTest::newRow("x = 0.81") << 0.81 << 7;
    QTest::newRow("x = 0") << 0.0 << 0;
    QTest::newRow("x = 1") << 1.0 << 9;
}

void TestRateEncoders::populationCoding()
{
    QFETCH(double, x);
    QFETCH(int, closest);
    const sim::Index m = 10;
    const double dt = 1e-3;
    const sim::Step steps = 20'000; // 20 s
    sim::Network net(dt, 5);
    // Two values: x drives neurons 0..9, 1 - x neurons 10..19.
    auto& enc = net.addPopulation<PopulationCodingEncoder>("pop", 2, m, 0.0, 100.0);
    QCOMPARE(enc.size(), 2 * m);
    QCOMPARE(enc.sigma(), 1.0 / 9.0);
    // Tuning curves (Bohte et al. 2002): the peak at the centre, exp(-1/8) of it half a spacing away.
    QCOMPARE(enc.tuning(4, enc.centre(4)), 100.0);
    QVERIFY(std::abs(enc.tuning(4, enc.centre(4) + 1.0 / 18.0) - 100.0 * std::exp(-0.125)) < 1e-12);
    Eigen::ArrayXd values(2);
    values << x, 1.0 - x;
    enc.present(values);
    net.prepare();
    const auto trains = spikeTrains(net, enc, steps);

    for (int v = 0; v < 2; ++v) {
        const double xv = values[v];
        int best = 0;
        for (int j = 0; j < m; ++j) {
            const std::size_t i = static_cast<std::size_t>(v * m + j);
            if (trains[i].size() > trains[static_cast<std::size_t>(v * m + best)].size()) best = j;
            // Bernoulli counts: mean T p, SE = sqrt(T p (1 - p)), p = rate dt with the Gaussian tuning
            // rate = 100 exp(-(x - c)^2 / (2 sigma^2)). Where T p < 1 the normal approximation fails;
            // there the tolerance is one spike.
            const double p = 100.0 * std::exp(-std::pow(xv - j / 9.0, 2) / (2.0 / 81.0)) * dt;
            QVERIFY(std::abs(enc.rates()[v * m + j] * dt - p) < 1e-12);
            const double mean = static_cast<double>(steps) * p;
            const double se = std::sqrt(static_cast<double>(steps) * p * (1.0 - p));
            const double diff = std::abs(static_cast<double>(trains[i].size()) - mean);
            const QString what = QString("neuron %1: %2 spikes, expected %3 +- %4")
                                     .arg(i)
                                     .arg(trains[i].size())
                                     .arg(mean)
                                     .arg(se);
            QVERIFY2(diff < std::max(3.0 * se, 1.0), qPrintable(what));
        }
        const int expectedBest = v == 0 ? closest : 9 - closest;
        QCOMPARE(best, expectedBest);
    }
}

QTEST_APPLESS_MAIN(TestRateEncoders)
#include "test_rate_encoders.moc"
