// Leaky integrate-and-fire neurons against closed-form results.
#include "models/neurons/LifPopulation.h"
#include "models/neurons/RefractoryList.h"
#include "tests/neurons/NeuronTestSupport.h"

#include <QtTest>

#include <algorithm>

using namespace ss;
using models::LifParams;
using models::LifPopulation;

class TestLif : public QObject {
    Q_OBJECT

private slots:
    void firingRate_data();
    void firingRate();
    void exactPsp_data();
    void exactPsp();
    void conductanceSteadyState_data();
    void conductanceSteadyState();
    void refractoryHoldsAtReset();
    void refractoryFlagsFollowTheirPeriods();
    void thetaGrowsWhileLearning();
    void alifAdaptsAlways();
    void fewFiringNeuronsInManyBlocks();
};

namespace {

// A neuron that starts, resets and rests at vRest, with the given synapse, threshold and refractory period.
LifParams restingAt(LifParams::Synapse synapse, double vRest, double vTh, double tRef)
{
    LifParams p;
    p.synapse = synapse;
    p.eL = p.vReset = p.vInitMin = p.vInitMax = vRest;
    p.vTh = vTh;
    p.tRef = tRef;
    return p;
}

} // namespace

// Constant current I: after the reset the membrane needs T = tau_m ln((R I + E_L - v_reset) /
// (R I + E_L - v_th)) to reach threshold, so the rate is 1 / (t_ref + T) above the rheobase
// R I > v_th - E_L and zero below (Gerstner & Kistler 2002, Eq. 4.11; Dayan & Abbott 2001, Eq. 5.11).
void TestLif::firingRate_data()
{
    QTest::addColumn<double>("eL");
    QTest::addColumn<double>("vReset");
    QTest::addColumn<double>("current");
    // Rheobase here: (v_th - E_L) / R_m = 15 mV / 100 MOhm = 150 pA.
    for (double pA : {100.0, 149.0, 155.0, 170.0, 200.0, 300.0, 500.0, 1000.0})
        QTest::addRow("E_L=v_reset, %g pA", pA) << -65e-3 << -65e-3 << pA * 1e-12;
    for (double pA : {149.0, 160.0, 250.0, 400.0, 800.0, 2000.0})
        QTest::addRow("v_reset=-70mV, %g pA", pA) << -65e-3 << -70e-3 << pA * 1e-12;
}

void TestLif::firingRate()
{
    QFETCH(double, eL);
    QFETCH(double, vReset);
    QFETCH(double, current);
    LifParams p;
    p.synapse = LifParams::Synapse::Delta;
    p.tauM = 20e-3;
    p.eL = eL;
    p.vReset = vReset;
    p.vTh = -50e-3;
    p.tRef = 2e-3;
    p.rM = 100e6;
    p.vInitMin = p.vInitMax = vReset;
    const double dt = 1e-5; // 0.01 ms: the threshold crossing is late by less than dt, well under 1 %
    sim::Network net(dt, 7);
    auto& pop = net.addPopulation<LifPopulation>("lif", sim::Shape::flat(1), p);
    net.addStimulus<test::StepCurrent>(pop, Eigen::ArrayXd::Constant(1, current));
    auto& rec = net.addRecorder<sim::SpikeRecorder>(pop);
    net.runFor(2.0);

    const double ri = p.rM * current;
    const auto times = test::spikeTimes(rec, 0, dt);
    if (ri <= p.vTh - eL) {
        QCOMPARE(static_cast<int>(times.size()), 0);
        return;
    }
    const double t = p.tauM * std::log((ri + eL - vReset) / (ri + eL - p.vTh));
    const double expected = 1.0 / (p.tRef + t);
    QVERIFY2(times.size() >= 5, "too few spikes to measure a rate");
    const double measured = test::isiRate(times);
    QVERIFY2(std::abs(measured / expected - 1.0) < 0.01,
             qPrintable(QString("rate %1 Hz, expected %2 Hz").arg(measured).arg(expected)));
}

// One input of weight w into the exponential-current synapse gives the PSP
// v - E_L = w tau_s / (tau_s - tau_m) (exp(-t/tau_s) - exp(-t/tau_m))   (tau_s != tau_m)
//         = w t/tau_m exp(-t/tau_m)                                       (tau_s == tau_m)
// (the solution of tau_m dv/dt = E_L - v + ge, ge = w exp(-t/tau_s); Rotter & Diesmann 1999). The
// integration is exact, so the trace must match to round-off (1e-9 V).
void TestLif::exactPsp_data()
{
    QTest::addColumn<double>("tauSyn");
    QTest::addColumn<int>("channel");
    QTest::addColumn<double>("weight");
    QTest::addRow("exc tau_s 5 ms") << 5e-3 << 0 << 2e-3;
    QTest::addRow("exc tau_s = tau_m") << 20e-3 << 0 << 2e-3;
    QTest::addRow("inh tau_s 10 ms") << 10e-3 << 1 << -3e-3;
    QTest::addRow("exc tau_s 0.5 ms") << 0.5e-3 << 0 << 1e-3;
}

void TestLif::exactPsp()
{
    QFETCH(double, tauSyn);
    QFETCH(int, channel);
    QFETCH(double, weight);
    LifParams p;
    p.synapse = LifParams::Synapse::ExpCurrent;
    p.tauM = 20e-3;
    p.eL = -65e-3;
    p.vReset = -70e-3;
    p.vTh = -50e-3;
    p.tauSynE = tauSyn;
    p.tauSynI = tauSyn;
    p.vInitMin = p.vInitMax = p.eL;
    const double dt = 1e-4;
    const sim::Step arrival = 10;
    sim::Network net(dt, 3);
    auto& pop = net.addPopulation<LifPopulation>("lif", sim::Shape::flat(1), p);
    net.addStimulus<test::InputPulse>(pop, static_cast<sim::Channel>(channel), 0, arrival, weight);
    auto& rec = net.addRecorder<sim::StateRecorder>(pop, "v", std::vector<sim::Index>{0});
    net.runFor(0.15);

    double worst = 0.0;
    for (std::size_t k = 0; k < rec.steps().size(); ++k) {
        const sim::Step step = rec.steps()[k];
        // The input acts from the start of its step; the recorder reads at the end of a step.
        const double t = static_cast<double>(step - arrival + 1) * dt;
        double psp = 0.0;
        if (t > 0.0) {
            psp = tauSyn == p.tauM
                      ? weight * t / p.tauM * std::exp(-t / p.tauM)
                      : weight * tauSyn / (tauSyn - p.tauM) * (std::exp(-t / tauSyn) - std::exp(-t / p.tauM));
        }
        worst = std::max(worst, std::abs(rec.value(k, 0) - (p.eL + psp)));
    }
    QVERIFY2(worst < 1e-9, qPrintable(QString("largest deviation %1 V").arg(worst)));
}

// With conductances held constant the membrane settles at v_inf = (E_L + ge E_exc + gi E_inh) /
// (1 + ge + gi) (the zero of Diehl & Cook's tau_m dv/dt with ge, gi relative to the leak).
void TestLif::conductanceSteadyState_data()
{
    QTest::addColumn<double>("ge");
    QTest::addColumn<double>("gi");
    QTest::addRow("ge 0.5") << 0.5 << 0.0;
    QTest::addRow("gi 2") << 0.0 << 2.0;
    QTest::addRow("ge 1, gi 1") << 1.0 << 1.0;
    QTest::addRow("ge 10") << 10.0 << 0.0;
}

void TestLif::conductanceSteadyState()
{
    QFETCH(double, ge);
    QFETCH(double, gi);
    LifParams p;
    p.synapse = LifParams::Synapse::Conductance;
    p.tauM = 20e-3;
    p.eL = -65e-3;
    p.vReset = -70e-3;
    p.vTh = 0.05; // out of reach: only the subthreshold dynamics are tested
    p.eExc = 0.0;
    p.eInh = -80e-3;
    p.tauSynE = p.tauSynI = 1e9; // the conductance stays put (decays by 1e-9 over the run)
    p.vInitMin = p.vInitMax = p.eL;
    sim::Network net(1e-4, 5);
    auto& pop = net.addPopulation<LifPopulation>("lif", sim::Shape::flat(1), p);
    net.addStimulus<test::InputPulse>(pop, sim::Channel::Excitatory, 0, 0, ge);
    net.addStimulus<test::InputPulse>(pop, sim::Channel::Inhibitory, 0, 0, gi);
    net.runFor(1.0);
    const double vInf = (p.eL + ge * p.eExc + gi * p.eInh) / (1.0 + ge + gi);
    QVERIFY2(std::abs(pop.v()[0] - vInf) < 1e-6,
             qPrintable(QString("v %1 V, expected %2 V").arg(pop.v()[0]).arg(vInf)));
}

// During t_ref after a spike, v stays at v_reset and delta inputs are dropped (Brian2's "unless
// refractory"; NEST iaf_psc_delta): a 5 mV input 1 ms after the spike leaves no trace.
void TestLif::refractoryHoldsAtReset()
{
    const LifParams p = restingAt(LifParams::Synapse::Delta, -65e-3, -50e-3, 5e-3);
    const double dt = 1e-4;
    sim::Network net(dt, 1);
    auto& pop = net.addPopulation<LifPopulation>("lif", sim::Shape::flat(1), p);
    net.addStimulus<test::InputPulse>(pop, sim::Channel::Excitatory, 0, 0, 20e-3); // spikes at step 0
    net.addStimulus<test::InputPulse>(pop, sim::Channel::Excitatory, 0, 10, 5e-3);
    auto& spikes = net.addRecorder<sim::SpikeRecorder>(pop);
    auto& v = net.addRecorder<sim::StateRecorder>(pop, "v", std::vector<sim::Index>{0});
    net.run(100);
    QCOMPARE(static_cast<int>(spikes.steps().size()), 1);
    QCOMPARE(spikes.steps()[0], sim::Step{0});
    for (std::size_t k = 0; k < v.steps().size(); ++k) QCOMPARE(v.value(k, 0), p.vReset); // 50 steps held, then rest
}

// The refractory flags that the update reads against the definition: a neuron that fired at step s with
// t_ref of r steps is flagged at steps s + 1 .. s + r. 200 neurons fire at random (never while flagged)
// for 3,000 steps; r changes every 50 steps between 0 and 40, so that a shortened period ends later
// runs before earlier ones; from step 1,000 to 2,000 two members keep a share each (share() at 128,
// merge() at the end), as a team running whole steps does. Checked at every step: every flag, and the
// number of neurons the lists hold.
void TestLif::refractoryFlagsFollowTheirPeriods()
{
    constexpr int n = 200;
    constexpr sim::Index border = 128;
    sim::Rng rng(5, 0);
    models::RefractoryList whole;
    models::RefractoryList parts[2];
    std::vector<std::uint8_t> flags(n, 0);
    std::vector<sim::Step> until(n, -1); // last flagged step, by definition
    sim::Step r = 5;
    for (sim::Step now = 1; now <= 3000; ++now) {
        if (now % 50 == 0) r = static_cast<sim::Step>(rng.below(41));
        const bool shared = now > 1000 && now <= 2000;
        if (now == 1001) {
            parts[0].share(whole, 0, border);
            parts[1].share(whole, border, n);
        }
        if (now == 2001) whole.merge({&parts[0], &parts[1]});
        if (shared) {
            parts[0].expire(now, flags.data());
            parts[1].expire(now, flags.data());
        } else
            whole.expire(now, flags.data());
        std::size_t held = 0;
        for (int i = 0; i < n; ++i) {
            const auto k = static_cast<std::size_t>(i);
            held += until[k] >= now;
            QVERIFY2(flags[k] == (until[k] >= now ? 1 : 0),
                     qPrintable(QString("neuron %1 at step %2: flag %3, held until %4").arg(i).arg(now).arg(flags[k]).arg(until[k])));
        }
        QCOMPARE(shared ? parts[0].heldCount() + parts[1].heldCount() : whole.heldCount(), held);
        std::vector<sim::Index> fired[2];
        for (sim::Index i = 0; i < n; ++i)
            if (!flags[static_cast<std::size_t>(i)] && rng.uniform() < 0.05) {
                fired[i < border ? 0 : 1].push_back(i);
                until[static_cast<std::size_t>(i)] = now + r;
            }
        if (shared) {
            parts[0].hold(now, fired[0], now + r, flags.data());
            parts[1].hold(now, fired[1], now + r, flags.data());
        } else {
            fired[0].insert(fired[0].end(), fired[1].begin(), fired[1].end());
            whole.hold(now, fired[0], now + r, flags.data());
        }
    }
}

// Diehl & Cook 2015: theta += theta_plus at each spike, tau_theta dtheta/dt = -theta, only while
// learning; frozen at test time. Expected theta = theta_plus sum_k exp(-(t_end - t_k)/tau_theta).
void TestLif::thetaGrowsWhileLearning()
{
    LifParams p = restingAt(LifParams::Synapse::Conductance, -65e-3, -52e-3, 5e-3);
    p.adaptation = LifParams::Adaptation::Theta;
    p.tauM = 100e-3;
    p.thetaPlus = 0.05e-3;
    p.tauTheta = 1e4;
    const double dt = 5e-4;
    sim::Network net(dt, 2);
    auto& pop = net.addPopulation<LifPopulation>("dc", sim::Shape::flat(1), p);
    net.addStimulus<test::StepCurrent>(pop, Eigen::ArrayXd::Constant(1, 500e-12));
    auto& rec = net.addRecorder<sim::SpikeRecorder>(pop);
    net.setLearning(true);
    net.run(2000);
    const auto n = rec.steps().size();
    QVERIFY(n >= 20);
    double expected = 0.0;
    for (sim::Step s : rec.steps())
        expected += p.thetaPlus * std::exp(-static_cast<double>(net.currentStep() - 1 - s) * dt / p.tauTheta);
    QVERIFY2(std::abs(pop.theta()[0] - expected) < 1e-12,
             qPrintable(QString("theta %1 V, expected %2 V after %3 spikes").arg(pop.theta()[0]).arg(expected).arg(n)));

    // Test phase: the neuron keeps firing, theta does not move; the state reset keeps it.
    const double learnt = pop.theta()[0];
    net.setLearning(false);
    net.run(2000);
    QVERIFY(rec.steps().size() > n + 10);
    QCOMPARE(pop.theta()[0], learnt);
    net.beginSample(true);
    QCOMPARE(pop.theta()[0], learnt);
}

// ALIF (Bellec et al. 2020, e-prop form): a(t+dt) = rho a + z, threshold v_th + beta a, in every phase.
// After n spikes at steps s_k and decay to step S: theta = beta sum_k rho^(S - s_k).
void TestLif::alifAdaptsAlways()
{
    LifParams p = restingAt(LifParams::Synapse::Delta, -70e-3, -60e-3, 2e-3);
    p.adaptation = LifParams::Adaptation::Alif;
    p.thetaPlus = 2.6e-3;
    p.tauTheta = 200e-3;
    const double dt = 1e-3;
    sim::Network net(dt, 2);
    auto& pop = net.addPopulation<LifPopulation>("alif", sim::Shape::flat(1), p);
    net.addStimulus<test::StepCurrent>(pop, Eigen::ArrayXd::Constant(1, 400e-12), 0.0, 0.3);
    auto& rec = net.addRecorder<sim::SpikeRecorder>(pop);
    net.setLearning(false);
    net.run(500);
    QVERIFY(rec.steps().size() >= 5);
    // Without adaptation the rate at 400 pA would be 1/(2 ms + 20 ms ln(40/30)) = 131 Hz.
    const double plainRate = 1.0 / (2e-3 + 20e-3 * std::log(40.0 / 30.0));
    QVERIFY(static_cast<double>(rec.steps().size()) / 0.3 < 0.8 * plainRate);
    double expected = 0.0;
    for (sim::Step s : rec.steps())
        expected += p.thetaPlus * std::exp(-static_cast<double>(net.currentStep() - 1 - s) * dt / p.tauTheta);
    QVERIFY2(std::abs(pop.theta()[0] - expected) < 1e-12,
             qPrintable(QString("theta %1 V, expected %2 V").arg(pop.theta()[0]).arg(expected)));
    net.reset();
    QCOMPARE(pop.theta()[0], 0.0);
}

// The threshold test skips the blocks of 512 neurons whose update left no neuron near threshold. 2,000
// neurons (three whole blocks and a part), of which only those on the blocks' edges and a few inside
// them are driven above the rheobase, each at its own current: each fires at the rate of firingRate's
// formula (within 1 %, the crossing being late by less than dt), and every other neuron stays silent.
void TestLif::fewFiringNeuronsInManyBlocks()
{
    const LifParams p = restingAt(LifParams::Synapse::ExpCurrent, -65e-3, -50e-3, 2e-3);
    const double dt = 1e-5;
    const sim::Index n = 2000;
    const std::vector<sim::Index> driven{0, 1, 300, 511, 512, 1023, 1024, 1535, 1536, 1800, 1999};
    Eigen::ArrayXd amps = Eigen::ArrayXd::Constant(n, 100e-12); // below the rheobase of 150 pA
    for (std::size_t k = 0; k < driven.size(); ++k) amps[driven[k]] = (160.0 + 40.0 * static_cast<double>(k)) * 1e-12;
    sim::Network net(dt, 3);
    auto& pop = net.addPopulation<LifPopulation>("lif", sim::Shape::flat(n), p);
    net.addStimulus<test::StepCurrent>(pop, amps);
    auto& rec = net.addRecorder<sim::SpikeRecorder>(pop);
    net.runFor(0.5);

    std::vector<int> counts(static_cast<std::size_t>(n), 0);
    for (sim::Index i : rec.neurons()) ++counts[static_cast<std::size_t>(i)];
    for (sim::Index i = 0; i < n; ++i) {
        const bool isDriven = std::find(driven.begin(), driven.end(), i) != driven.end();
        if (!isDriven) {
            QVERIFY2(counts[static_cast<std::size_t>(i)] == 0, qPrintable(QString("neuron %1 fired").arg(i)));
            continue;
        }
        const double ri = p.rM * amps[i];
        const double expected = 1.0 / (p.tRef + p.tauM * std::log((ri + p.eL - p.vReset) / (ri + p.eL - p.vTh)));
        const double measured = test::isiRate(test::spikeTimes(rec, i, dt));
        QVERIFY2(std::abs(measured / expected - 1.0) < 0.01,
                 qPrintable(QString("neuron %1: rate %2 Hz, expected %3 Hz").arg(i).arg(measured).arg(expected)));
    }
}

QTEST_APPLESS_MAIN(TestLif)
#include "test_lif.moc"
