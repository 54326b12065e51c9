// Pair-based STDP against the window of Tavanaei et al. 2019, Eq. 1 (Bi & Poo 1998; Song, Miller &
// Abbott 2000): dw = A+ exp(-dt/tau+) for dt = t_post - t_pre > 0, -A- exp(dt/tau-) for dt < 0, 0 for
// dt = 0, with the weight dependences and pairing schemes documented in PairStdpRule.h.
#include "ScriptedPopulation.h"

#include "models/plasticity/PairStdpRule.h"
#include "sim/Network.h"

#include <QtTest/QtTest>

#include <cmath>
#include <random>

using namespace ss;
using models::StdpParams;

namespace {

constexpr double kDt = 1e-4; // 0.1 ms
// Bi & Poo 1998 fit of the window: tau+ = 16.8 ms, tau- = 33.7 ms; amplitudes as in Song et al. 2000.
constexpr double kTauPlus = 16.8e-3, kTauMinus = 33.7e-3;
constexpr double kAPlus = 0.01, kAMinus = 0.012;

StdpParams defaults()
{
    StdpParams p;
    p.aPlus = kAPlus;
    p.aMinus = kAMinus;
    p.tauPlus = kTauPlus;
    p.tauMinus = kTauMinus;
    p.wMin = 0.0;
    p.wMax = 1.0;
    return p;
}

// One pre and one post neuron joined by a dense or sparse synapse of initial weight w0.
struct Pair {
    sim::Network net{kDt, 1};
    test::ScriptedPopulation* pre = nullptr;
    test::ScriptedPopulation* post = nullptr;
    float* w = nullptr;
    models::PairStdpRule* rule = nullptr;

    Pair(bool sparse, const StdpParams& p, float w0)
    {
        pre = &net.addPopulation<test::ScriptedPopulation>("pre", sim::Shape::flat(1));
        post = &net.addPopulation<test::ScriptedPopulation>("post", sim::Shape::flat(1));
        if (sparse) {
            std::vector<sim::SparseProjection::Synapse> one{{0, 0, w0}};
            auto& proj =
                net.addProjection<sim::SparseProjection>("syn", *pre, *post, sim::Channel::Excitatory, 1, one);
            rule = &net.addRule<models::PairStdpRule>("stdp", proj, p);
            w = &proj.weight(0);
        } else {
            sim::WeightInit init;
            init.a = w0;
            auto& proj = net.addProjection<sim::DenseProjection>("syn", *pre, *post, sim::Channel::Excitatory, 1, init,
                                                                 net.nextStream());
            rule = &net.addRule<models::PairStdpRule>("stdp", proj, p);
            w = &proj.weights()(0, 0);
        }
    }
};

// Weight change of one pre/post pair with t_post - t_pre = n steps.
double pairChange(bool sparse, const StdpParams& p, float w0, int n)
{
    Pair pair(sparse, p, w0);
    const int base = 10;
    pair.pre->fireAt(base + std::max(0, -n), {0});
    pair.post->fireAt(base + std::max(0, n), {0});
    pair.net.run(base + std::abs(n) + 10);
    return static_cast<double>(*pair.w) - static_cast<double>(w0);
}

} // namespace

class TestPairStdp : public QObject {
    Q_OBJECT

private slots:
    void window_data();
    void window();
    void hardBounds_data();
    void hardBounds();
    void weightDependence_data();
    void weightDependence();
    void nearestVersusAllToAll_data();
    void nearestVersusAllToAll();
    void reducedNearest_data();
    void reducedNearest();
    void sparseMatchesDense();
    void learningOff();
};

void TestPairStdp::window_data()
{
    QTest::addColumn<bool>("sparse");
    QTest::addColumn<int>("dtMs");
    for (int sparse = 0; sparse < 2; ++sparse)
        for (int dt = -50; dt <= 50; ++dt)
            QTest::addRow("%s dt=%+d ms", sparse ? "sparse" : "dense", dt) << bool(sparse) << dt;
}

// Eq. 1 of Tavanaei et al. 2019 for a single pair, additive, away from the bounds; tolerance 1e-6
// (the float weight near 0.5 is exact to 3e-8).
void TestPairStdp::window()
{
    QFETCH(bool, sparse);
    QFETCH(int, dtMs);
    const double dt = dtMs * 1e-3;
    const double expected = dtMs > 0 ? kAPlus * std::exp(-dt / kTauPlus)
                            : dtMs < 0 ? -kAMinus * std::exp(dt / kTauMinus)
                                       : 0.0;
    const double dw = pairChange(sparse, defaults(), 0.5f, static_cast<int>(std::lround(dt / kDt)));
    QVERIFY2(std::abs(dw - expected) < 1e-6, qPrintable(QString("dw %1, Eq. 1 gives %2").arg(dw).arg(expected)));
    if (dtMs == 0) QCOMPARE(dw, 0.0);
}

void TestPairStdp::hardBounds_data()
{
    QTest::addColumn<bool>("sparse");
    QTest::addColumn<bool>("potentiate");
    QTest::addRow("dense potentiating") << false << true;
    QTest::addRow("dense depressing") << false << false;
    QTest::addRow("sparse potentiating") << true << true;
    QTest::addRow("sparse depressing") << true << false;
}

// 12 pairs at +-2 ms every 100 ms, each changing w by about 0.045: w must reach the bound exactly and
// never pass it (hard bounds w_min = 0.2, w_max = 0.8).
void TestPairStdp::hardBounds()
{
    QFETCH(bool, sparse);
    QFETCH(bool, potentiate);
    StdpParams p = defaults();
    p.aPlus = p.aMinus = 0.05;
    p.wMin = 0.2;
    p.wMax = 0.8;
    Pair pair(sparse, p, potentiate ? 0.7f : 0.3f);
    for (int k = 0; k < 12; ++k) {
        const int first = 10 + 1000 * k, second = first + 20;
        pair.pre->fireAt(potentiate ? first : second, {0});
        pair.post->fireAt(potentiate ? second : first, {0});
    }
    pair.net.prepare();
    float lowest = *pair.w, highest = *pair.w;
    for (int s = 0; s < 12100; ++s) {
        pair.net.step();
        lowest = std::min(lowest, *pair.w);
        highest = std::max(highest, *pair.w);
    }
    QVERIFY(lowest >= 0.2f);
    QVERIFY(highest <= 0.8f);
    QCOMPARE(*pair.w, potentiate ? 0.8f : 0.2f);
}

void TestPairStdp::weightDependence_data()
{
    QTest::addColumn<bool>("sparse");
    QTest::addColumn<int>("dependence");
    QTest::addColumn<int>("dtMs");
    for (int sparse = 0; sparse < 2; ++sparse)
        for (int dep = 1; dep <= 2; ++dep)
            for (int dt : {-10, 10})
                QTest::addRow("%s %s dt=%+d ms", sparse ? "sparse" : "dense",
                              dep == 1 ? "multiplicative" : "soft_bound", dt)
                    << bool(sparse) << dep << dt;
}

// Multiplicative (van Rossum et al. 2000): dw+ = A+ x, dw- = -A- y w. Soft bounds (Guetig et al.
// 2003, mu = 1): dw+ = A+ x (w_max - w), dw- = -A- y (w - w_min). x, y = exp(-|dt|/tau). From
// w0 = 0.3 in [0.1, 0.9]; tolerance 1e-6.
void TestPairStdp::weightDependence()
{
    QFETCH(bool, sparse);
    QFETCH(int, dependence);
    QFETCH(int, dtMs);
    StdpParams p = defaults();
    p.wMin = 0.1;
    p.wMax = 0.9;
    p.dependence = dependence == 1 ? StdpParams::Dependence::Multiplicative : StdpParams::Dependence::SoftBound;
    const double w0 = static_cast<double>(0.3f);
    const double dt = dtMs * 1e-3;
    double expected;
    if (dtMs > 0)
        expected = kAPlus * std::exp(-dt / kTauPlus) * (dependence == 1 ? 1.0 : p.wMax - w0);
    else
        expected = -kAMinus * std::exp(dt / kTauMinus) * (dependence == 1 ? w0 : w0 - p.wMin);
    const double dw = pairChange(sparse, p, 0.3f, dtMs * 10);
    QVERIFY2(std::abs(dw - expected) < 1e-6, qPrintable(QString("dw %1, formula %2").arg(dw).arg(expected)));
}

void TestPairStdp::nearestVersusAllToAll_data()
{
    QTest::addColumn<bool>("sparse");
    QTest::addColumn<bool>("nearest");
    QTest::addRow("dense all_to_all") << false << false;
    QTest::addRow("dense nearest") << false << true;
    QTest::addRow("sparse all_to_all") << true << false;
    QTest::addRow("sparse nearest") << true << true;
}

// Triplet pre (0 ms), pre (5 ms), post (15 ms). All-to-all sums both pairs:
//   dw = A+ (exp(-15/tau+) + exp(-10/tau+));
// nearest pairing (trace set to 1) keeps only the latest pre spike: dw = A+ exp(-10/tau+).
// The pre spikes see no post trace, so nothing is depressed. Tolerance 1e-6.
void TestPairStdp::nearestVersusAllToAll()
{
    QFETCH(bool, sparse);
    QFETCH(bool, nearest);
    StdpParams p = defaults();
    p.pairing = nearest ? StdpParams::Pairing::Nearest : StdpParams::Pairing::AllToAll;
    Pair pair(sparse, p, 0.5f);
    pair.pre->fireAt(10, {0});
    pair.pre->fireAt(60, {0});
    pair.post->fireAt(160, {0});
    pair.net.run(200);
    const double near = kAPlus * std::exp(-10e-3 / kTauPlus);
    const double all = near + kAPlus * std::exp(-15e-3 / kTauPlus);
    const double dw = static_cast<double>(*pair.w) - 0.5;
    const double expected = nearest ? near : all, other = nearest ? all : near;
    QVERIFY2(std::abs(dw - expected) < 1e-6,
             qPrintable(QString("dw %1, expected %2 (other scheme %3)").arg(dw).arg(expected).arg(other)));
}

void TestPairStdp::reducedNearest_data()
{
    QTest::addColumn<bool>("sparse");
    QTest::addColumn<bool>("reduced");
    QTest::addRow("dense nearest") << false << false;
    QTest::addRow("dense reduced_nearest") << false << true;
    QTest::addRow("sparse nearest") << true << false;
    QTest::addRow("sparse reduced_nearest") << true << true;
}

// Pre 0 ms, post 5 ms, post 10 ms, pre 15 ms, pre 20 ms, post 30 ms, additive.
// Nearest (Morrison et al. 2008, symmetric): every spike pairs with the latest spike of the other side:
//   dw = A+ (e^{-5/tau+} + e^{-10/tau+} + e^{-10/tau+}) - A- (e^{-5/tau-} + e^{-10/tau-}).
// Reduced nearest: the second post (10 ms) and the second pre (20 ms) find their partner already used:
//   dw = A+ (e^{-5/tau+} + e^{-10/tau+}) - A- e^{-5/tau-}.     Tolerance 1e-6.
void TestPairStdp::reducedNearest()
{
    QFETCH(bool, sparse);
    QFETCH(bool, reduced);
    StdpParams p = defaults();
    p.pairing = reduced ? StdpParams::Pairing::ReducedNearest : StdpParams::Pairing::Nearest;
    Pair pair(sparse, p, 0.5f);
    for (int step : {10, 160, 210}) pair.pre->fireAt(step, {0});
    for (int step : {60, 110, 310}) pair.post->fireAt(step, {0});
    pair.net.run(400);
    const auto plus = [](double ms) { return kAPlus * std::exp(-ms * 1e-3 / kTauPlus); };
    const auto minus = [](double ms) { return kAMinus * std::exp(-ms * 1e-3 / kTauMinus); };
    const double expected =
        reduced ? plus(5) + plus(10) - minus(5) : plus(5) + 2.0 * plus(10) - minus(5) - minus(10);
    const double dw = static_cast<double>(*pair.w) - 0.5;
    QVERIFY2(std::abs(dw - expected) < 1e-6, qPrintable(QString("dw %1, expected %2").arg(dw).arg(expected)));
}

// The dense and sparse code paths implement the same rule: with the same random spike trains and
// initial weights, every synapse present in the sparse projection ends at the dense weight (to float
// rounding, 1e-6), for every dependence and for the reduced nearest pairing.
void TestPairStdp::sparseMatchesDense()
{
    using Dep = StdpParams::Dependence;
    using Pairing = StdpParams::Pairing;
    const std::pair<Dep, Pairing> cases[] = {{Dep::Additive, Pairing::AllToAll},
                                             {Dep::Multiplicative, Pairing::AllToAll},
                                             {Dep::SoftBound, Pairing::AllToAll},
                                             {Dep::Additive, Pairing::ReducedNearest}};
    for (const auto& [dep, pairing] : cases) {
        StdpParams p = defaults();
        p.dependence = dep;
        p.pairing = pairing;
        const sim::Index nPre = 20, nPost = 15;
        std::mt19937 gen(7);
        std::uniform_real_distribution<float> uniform(0.2f, 0.8f);
        std::vector<sim::SparseProjection::Synapse> synapses;
        Eigen::MatrixXf initial(nPost, nPre);
        for (sim::Index i = 0; i < nPre; ++i)
            for (sim::Index j = 0; j < nPost; ++j) {
                initial(j, i) = uniform(gen);
                if ((i * 7 + j * 3) % 4 == 0) synapses.push_back({i, j, initial(j, i)});
            }
        sim::Network net(kDt, 1);
        auto& pre = net.addPopulation<test::ScriptedPopulation>("pre", sim::Shape::flat(nPre));
        auto& post = net.addPopulation<test::ScriptedPopulation>("post", sim::Shape::flat(nPost));
        pre.fireRandomly(3000, 0.01, 1);
        post.fireRandomly(3000, 0.01, 2);
        auto& dense = net.addProjection<sim::DenseProjection>("dense", pre, post, sim::Channel::Excitatory, 1,
                                                              sim::WeightInit{}, net.nextStream());
        dense.weights() = initial;
        auto& sparse =
            net.addProjection<sim::SparseProjection>("sparse", pre, post, sim::Channel::Excitatory, 1, synapses);
        net.addRule<models::PairStdpRule>("a", dense, p);
        net.addRule<models::PairStdpRule>("b", sparse, p);
        net.run(3000);
        double worst = 0.0, moved = 0.0;
        for (sim::Index i = 0; i < nPre; ++i)
            for (std::uint64_t s = sparse.rowBegin(i); s < sparse.rowBegin(i + 1); ++s) {
                const auto j = static_cast<sim::Index>(sparse.targetOf(s));
                worst = std::max(worst, std::abs(double(sparse.weight(s)) - double(dense.weights()(j, i))));
                moved = std::max(moved, std::abs(double(sparse.weight(s)) - double(initial(j, i))));
            }
        QVERIFY2(worst < 1e-6, qPrintable(QString("largest dense/sparse difference %1").arg(worst)));
        QVERIFY(moved > 1e-3); // the protocol did change the weights
    }
}

// With the rule disabled (or learning off network-wide) no weight changes (exactly).
void TestPairStdp::learningOff()
{
    for (int mode = 0; mode < 2; ++mode) {
        Pair pair(false, defaults(), 0.5f);
        pair.pre->fireAt(10, {0});
        pair.post->fireAt(60, {0});
        pair.pre->fireAt(100, {0});
        if (mode == 0) pair.rule->setEnabled(false);
        else pair.net.setLearning(false);
        pair.net.run(200);
        QCOMPARE(*pair.w, 0.5f);
    }
}

QTEST_APPLESS_MAIN(TestPairStdp)
#include "test_pair_stdp.moc"
