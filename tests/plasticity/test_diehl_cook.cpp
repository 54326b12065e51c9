// The triplet-trace STDP and weight normalisation of Diehl & Cook 2015 (authors' code, eqs_stdp_ee):
//   pre spike:  w -= nu_pre * post1                       (post1: tau 20 ms, set to 1 on a post spike)
//   post spike: w += nu_post * pre * post2(before)         (pre: 20 ms; post2: 40 ms, value before the spike)
//   w in [0, w_max]; incoming weights of each post neuron scaled to sum to norm_sum before each sample.
#include "ScriptedPopulation.h"

#include "models/plasticity/DiehlCookRule.h"
#include "sim/Network.h"

#include <QtTest/QtTest>

#include <cmath>

using namespace ss;
using models::DiehlCookParams;

namespace {

constexpr double kDt = 0.5e-3; // the authors' 0.5 ms

struct Net {
    sim::Network net{kDt, 1};
    test::ScriptedPopulation* pre = nullptr;
    test::ScriptedPopulation* post = nullptr;
    sim::DenseProjection* proj = nullptr;
    models::DiehlCookRule* rule = nullptr;

    Net(sim::Index nPre, sim::Index nPost, const DiehlCookParams& p, const sim::WeightInit& init)
    {
        pre = &net.addPopulation<test::ScriptedPopulation>("input", sim::Shape::flat(nPre));
        post = &net.addPopulation<test::ScriptedPopulation>("exc", sim::Shape::flat(nPost));
        proj = &net.addProjection<sim::DenseProjection>("input_exc", *pre, *post, sim::Channel::Excitatory, 1, init,
                                                        net.nextStream());
        rule = &net.addRule<models::DiehlCookRule>("dc", *proj, p);
    }
};

sim::WeightInit constant(double w)
{
    sim::WeightInit init;
    init.a = w;
    return init;
}

sim::WeightInit uniform(double lo, double hi)
{
    sim::WeightInit init;
    init.kind = sim::WeightInit::Kind::Uniform;
    init.a = lo;
    init.b = hi;
    return init;
}

DiehlCookParams noNormalisation()
{
    DiehlCookParams p;
    p.normSum = 0.0;
    return p;
}

} // namespace

class TestDiehlCook : public QObject {
    Q_OBJECT

private slots:
    void tripletFormula_data();
    void tripletFormula();
    void pairFromRestDoesNotPotentiate();
    void normalisation();
    void weightsStayInRange();
    void learningOff();
};

void TestDiehlCook::tripletFormula_data()
{
    QTest::addColumn<int>("gap1"); // steps from the priming post spike to the pre spike
    QTest::addColumn<int>("gap2"); // steps from the pre spike to the second post spike
    QTest::addRow("10 ms, 5 ms") << 20 << 10;
    QTest::addRow("2 ms, 20 ms") << 4 << 40;
    QTest::addRow("30 ms, 0.5 ms") << 60 << 1;
    QTest::addRow("50 ms, 50 ms") << 100 << 100;
}

// post at t0, pre at t1, post at t2 with the authors' defaults (w0 = 0.5):
//   at t1: dw = -nu_pre exp(-(t1 - t0) / 20 ms)
//   at t2: dw = +nu_post exp(-(t2 - t1) / 20 ms) exp(-(t2 - t0) / 40 ms)
// Tolerance 2e-7 (two roundings of a float weight near 0.5).
void TestDiehlCook::tripletFormula()
{
    QFETCH(int, gap1);
    QFETCH(int, gap2);
    const DiehlCookParams p = noNormalisation();
    Net n(1, 1, p, constant(0.5));
    const int t0 = 10, t1 = t0 + gap1, t2 = t1 + gap2;
    n.post->fireAt(t0, {0});
    n.pre->fireAt(t1, {0});
    n.post->fireAt(t2, {0});
    const float& w = n.proj->weights()(0, 0);
    n.net.run(t1 + 1);
    const double afterPre = 0.5 - p.nuPre * std::exp(-gap1 * kDt / p.tauPost1);
    QVERIFY2(std::abs(w - afterPre) < 2e-7, qPrintable(QString("w %1, formula %2").arg(w).arg(afterPre)));
    n.net.run(gap2 + 10);
    const double pre = std::exp(-gap2 * kDt / p.tauPre);
    const double post2Before = std::exp(-(gap1 + gap2) * kDt / p.tauPost2);
    const double afterPost = afterPre + p.nuPost * pre * post2Before;
    QVERIFY2(std::abs(w - afterPost) < 2e-7, qPrintable(QString("w %1, formula %2").arg(w).arg(afterPost)));
}

// From rest, a pre-then-post pair changes nothing: the pre spike sees post1 = 0 and the post spike
// sees post2(before) = 0 (the rule is a triplet rule: potentiation needs an earlier post spike).
void TestDiehlCook::pairFromRestDoesNotPotentiate()
{
    Net n(1, 1, noNormalisation(), constant(0.5));
    n.pre->fireAt(10, {0});
    n.post->fireAt(20, {0});
    n.net.run(40);
    QCOMPARE(n.proj->weights()(0, 0), 0.5f);
    // post2 was set to 1 at step 20 and decayed exactly over the 19 steps since (1e-12).
    QVERIFY(std::abs(n.rule->post2Trace()[0] - std::exp(-19 * kDt / 40e-3)) < 1e-12);
}

// 784 inputs, 10 neurons, weights uniform in [0, 0.3): after beginSample() every neuron's incoming
// weights (a column of the authors' input x exc matrix, a row here) sum to 78 within 1e-4, and the
// relative sizes of the weights are kept (ratios within 1e-5).
void TestDiehlCook::normalisation()
{
    DiehlCookParams p;
    Net n(784, 10, p, uniform(0.0, 0.3));
    n.net.prepare();
    const Eigen::MatrixXf before = n.proj->weights();
    n.net.beginSample(true);
    const Eigen::MatrixXf& w = n.proj->weights();
    for (Eigen::Index j = 0; j < w.rows(); ++j) {
        const double sum = w.row(j).cast<double>().sum();
        QVERIFY2(std::abs(sum - 78.0) < 1e-4, qPrintable(QString("neuron %1 sums to %2").arg(j).arg(sum, 0, 'g', 10)));
        const double ratio = double(w(j, 5)) / double(w(j, 700));
        QVERIFY(std::abs(ratio / (double(before(j, 5)) / double(before(j, 700))) - 1.0) < 1e-5);
    }
}

// Strong rates (nu_pre 0.05, nu_post 0.5) under dense random input: every weight stays within
// [0, w_max] after every step (the hard clip of the authors' Brian STDP, wmin = 0, wmax = 1), and
// the clip is actually reached.
void TestDiehlCook::weightsStayInRange()
{
    DiehlCookParams p;
    p.nuPre = 0.05;
    p.nuPost = 0.5;
    p.normSum = 10.0; // 50 inputs, mean weight 0.2
    Net n(50, 5, p, uniform(0.0, 0.4));
    const int samples = 5, steps = 200;
    n.pre->fireRandomly(steps, 0.2, 3);
    n.post->fireRandomly(steps, 0.1, 4);
    n.net.prepare();
    float lowest = 1.0f, highest = 0.0f;
    int atMax = 0;
    for (int s = 0; s < samples; ++s) {
        n.net.beginSample(true);
        for (int t = 0; t < steps; ++t) {
            n.net.step();
            lowest = std::min(lowest, n.proj->weights().minCoeff());
            highest = std::max(highest, n.proj->weights().maxCoeff());
            atMax += static_cast<int>((n.proj->weights().array() == 1.0f).count());
        }
    }
    QVERIFY2(lowest >= 0.0f && highest <= 1.0f, qPrintable(QString("range [%1, %2]").arg(lowest).arg(highest)));
    QVERIFY(atMax > 0);
}

// Learning off network-wide: neither the steps nor beginSample() (normalisation) change a weight.
void TestDiehlCook::learningOff()
{
    DiehlCookParams p;
    Net n(20, 4, p, uniform(0.0, 1.0));
    n.pre->fireRandomly(200, 0.2, 5);
    n.post->fireRandomly(200, 0.2, 6);
    n.net.prepare();
    const Eigen::MatrixXf before = n.proj->weights();
    n.net.setLearning(false);
    n.net.beginSample(true);
    n.net.run(200);
    QVERIFY(n.proj->weights() == before);
}

QTEST_APPLESS_MAIN(TestDiehlCook)
#include "test_diehl_cook.moc"
