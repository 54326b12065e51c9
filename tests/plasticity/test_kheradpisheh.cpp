// First-spike STDP of Kheradpisheh et al. 2018 (Neural Networks 99, Eq. 3):
//   dw = +a+ w (1 - w) if the input fired before or with the winner, else -a- w (1 - w),
// a+ = 0.004, a- = 0.003, applied once per sample per map at its first spike. From w = 0.5 the factor
// w (1 - w) is 0.25, so potentiated weights become 0.501 and depressed ones 0.49925.
#include "ScriptedPopulation.h"

#include "models/plasticity/KheradpishehRule.h"
#include "sim/Network.h"

#include <QtTest/QtTest>

#include <set>

using namespace ss;
using models::KheradpishehParams;

namespace {

constexpr double kUp = 0.5 + 0.004 * 0.25;   // 0.501
constexpr double kDown = 0.5 - 0.003 * 0.25; // 0.49925
constexpr double kTol = 1e-7;                 // a float weight near 0.5 is exact to 3e-8

sim::WeightInit constant(double w)
{
    sim::WeightInit init;
    init.a = w;
    return init;
}

double grown(double w) { return w + 0.004 * w * (1.0 - w); }
double shrunk(double w) { return w - 0.003 * w * (1.0 - w); }

} // namespace

class TestKheradpisheh : public QObject {
    Q_OBJECT

private slots:
    void denseWinners();
    void onceThenRearmed();
    void convKernelWindow();
    void convPadding_data();
    void convPadding();
    void weightUnit();
    void learningOff();
    void learnWindow();
    void rateSchedule();
};

// 6 inputs, 3 neurons. Inputs 0, 1 fire at step 2, input 2 at step 5 together with neuron 0 (t_pre =
// t_post counts as before), input 3 at step 7, neurons 0 and 1 at step 9, neuron 0 again at 12.
// Neuron 0 learns at step 5 over inputs {0, 1, 2}; neuron 1 at step 9 over {0, 1, 2, 3}; neuron 0
// does not learn again; neuron 2 never fires and keeps 0.5.
void TestKheradpisheh::denseWinners()
{
    sim::Network net(1e-3, 1);
    auto& pre = net.addPopulation<test::ScriptedPopulation>("in", sim::Shape::flat(6));
    auto& post = net.addPopulation<test::ScriptedPopulation>("out", sim::Shape::flat(3));
    auto& proj = net.addProjection<sim::DenseProjection>("syn", pre, post, sim::Channel::Excitatory, 1, constant(0.5),
                                                         net.nextStream());
    auto& rule = net.addRule<models::KheradpishehRule>("k", proj, KheradpishehParams{});
    pre.fireAt(2, {0, 1});
    pre.fireAt(5, {2});
    post.fireAt(5, {0});
    pre.fireAt(7, {3});
    post.fireAt(9, {0, 1});
    post.fireAt(12, {0});
    net.run(15);
    const Eigen::MatrixXf& w = proj.weights();
    for (int i = 0; i < 6; ++i) {
        QVERIFY(std::abs(w(0, i) - (i <= 2 ? kUp : kDown)) < kTol);
        QVERIFY(std::abs(w(1, i) - (i <= 3 ? kUp : kDown)) < kTol);
        QCOMPARE(w(2, i), 0.5f);
    }
    QCOMPARE(rule.winner(0), 0);
    QCOMPARE(rule.winner(1), 1);
    QCOMPARE(rule.winner(2), -1);
}

// After beginSample() the fired flags are cleared and the neuron learns once more, only from the
// inputs that fired in the new sample (input 5): w -> w + a+ w(1-w) for input 5, w - a- w(1-w) for the
// others, from the stored weights.
void TestKheradpisheh::onceThenRearmed()
{
    sim::Network net(1e-3, 1);
    auto& pre = net.addPopulation<test::ScriptedPopulation>("in", sim::Shape::flat(6));
    auto& post = net.addPopulation<test::ScriptedPopulation>("out", sim::Shape::flat(1));
    auto& proj = net.addProjection<sim::DenseProjection>("syn", pre, post, sim::Channel::Excitatory, 1, constant(0.5),
                                                         net.nextStream());
    net.addRule<models::KheradpishehRule>("k", proj, KheradpishehParams{});
    pre.fireAt(1, {0, 1, 2});
    post.fireAt(3, {0});
    post.fireAt(6, {0});
    pre.fireAt(12, {5});
    post.fireAt(14, {0});
    net.run(10);
    const Eigen::MatrixXf first = proj.weights();
    for (int i = 0; i < 6; ++i) QVERIFY(std::abs(first(0, i) - (i <= 2 ? kUp : kDown)) < kTol);
    net.beginSample(false); // keeps the scripts running, re-arms the rule
    net.run(10);
    for (int i = 0; i < 6; ++i) {
        const double w0 = first(0, i);
        QVERIFY(std::abs(proj.weights()(0, i) - (i == 5 ? grown(w0) : shrunk(w0))) < kTol);
    }
}

// Convolution 2x6x6 -> 2x4x4 (3x3 kernels, stride 1). Map 1: neurons (1,2,1) and (1,3,3) fire together
// at step 3; the first in index order, (1,2,1), wins and kernel 1 learns over input window rows 2-4,
// columns 1-3 with the inputs fired by then. At step 6 (0,1,1) and (1,0,0) fire: map 0 learns over rows
// 1-3, columns 1-3; map 1 has learned already.
void TestKheradpisheh::convKernelWindow()
{
    sim::Network net(1e-3, 1);
    const sim::Shape in{2, 6, 6};
    auto& pre = net.addPopulation<test::ScriptedPopulation>("in", in);
    auto& post = net.addPopulation<test::ScriptedPopulation>("maps", sim::Shape{2, 4, 4});
    sim::ConvGeometry geo;
    geo.kernel = 3;
    geo.features = 2;
    auto& conv = net.addProjection<sim::ConvProjection>("conv", pre, post, sim::Channel::Excitatory, 1, geo,
                                                        constant(0.5), net.nextStream());
    auto& rule = net.addRule<models::KheradpishehRule>("k", conv, KheradpishehParams{});
    const std::vector<sim::Index> a = {in.index(0, 2, 1), in.index(0, 3, 2), in.index(1, 4, 3), in.index(1, 0, 0)};
    const std::vector<sim::Index> b = {in.index(0, 4, 1), in.index(1, 2, 2)};
    const std::vector<sim::Index> c = {in.index(0, 1, 1), in.index(1, 3, 3)};
    const sim::Shape out{2, 4, 4};
    pre.fireAt(1, a);
    pre.fireAt(3, b);
    post.fireAt(3, {out.index(1, 2, 1), out.index(1, 3, 3)});
    pre.fireAt(5, c);
    post.fireAt(6, {out.index(0, 1, 1), out.index(1, 0, 0)});
    net.run(3);
    std::set<sim::Index> fired(a.begin(), a.end());
    fired.insert(b.begin(), b.end());
    // Number of kernel taps that grew; -1 when a tap differs from 0.501 / 0.49925 by more than kTol.
    auto check = [&](sim::Index f, sim::Index oy, sim::Index ox) -> int {
        int up = 0;
        bool exact = true;
        for (sim::Index ch = 0; ch < 2; ++ch)
            for (sim::Index ky = 0; ky < 3; ++ky)
                for (sim::Index kx = 0; kx < 3; ++kx) {
                    const bool was = fired.count(in.index(ch, oy + ky, ox + kx)) > 0;
                    up += was;
                    exact = exact && std::abs(conv.kernel(f, ch, ky, kx) - (was ? kUp : kDown)) < kTol;
                }
        return exact ? up : -1;
    };
    net.run(4); // through step 6
    QCOMPARE(check(1, 2, 1), 5); // unchanged since step 3: (0,2,1), (0,3,2), (1,4,3), (0,4,1), (1,2,2)
    fired.insert(c.begin(), c.end());
    QCOMPARE(check(0, 1, 1), 5); // (0,2,1), (0,3,2), (1,2,2), (0,1,1), (1,3,3) lie in rows 1-3, columns 1-3
    QCOMPARE(rule.winner(0), out.index(0, 1, 1));
    QCOMPARE(rule.winner(1), out.index(1, 2, 1));
}

void TestKheradpisheh::convPadding_data()
{
    QTest::addColumn<int>("oy");
    QTest::addColumn<int>("ox");
    QTest::addColumn<int>("inside");
    // 1x5x5 input, 3x3 kernel, stride 2, padding 1 -> 3x3 output; every input fires, so exactly the
    // kernel taps inside the image grow and the taps over the padding shrink.
    QTest::addRow("corner (0,0)") << 0 << 0 << 4;
    QTest::addRow("edge (1,2)") << 1 << 2 << 6;
    QTest::addRow("centre (1,1)") << 1 << 1 << 9;
}

void TestKheradpisheh::convPadding()
{
    QFETCH(int, oy);
    QFETCH(int, ox);
    QFETCH(int, inside);
    sim::Network net(1e-3, 1);
    auto& pre = net.addPopulation<test::ScriptedPopulation>("in", sim::Shape{1, 5, 5});
    auto& post = net.addPopulation<test::ScriptedPopulation>("maps", sim::Shape{1, 3, 3});
    sim::ConvGeometry geo;
    geo.kernel = 3;
    geo.stride = 2;
    geo.padding = 1;
    auto& conv = net.addProjection<sim::ConvProjection>("conv", pre, post, sim::Channel::Excitatory, 1, geo,
                                                        constant(0.5), net.nextStream());
    net.addRule<models::KheradpishehRule>("k", conv, KheradpishehParams{});
    std::vector<sim::Index> all(25);
    for (int i = 0; i < 25; ++i) all[static_cast<std::size_t>(i)] = i;
    pre.fireAt(1, all);
    post.fireAt(2, {oy * 3 + ox});
    net.run(4);
    int up = 0;
    for (int ky = 0; ky < 3; ++ky)
        for (int kx = 0; kx < 3; ++kx) {
            const int y = oy * 2 + ky - 1, x = ox * 2 + kx - 1;
            const bool in = y >= 0 && y < 5 && x >= 0 && x < 5;
            up += in;
            QVERIFY(std::abs(conv.kernel(0, 0, ky, kx) - (in ? kUp : kDown)) < kTol);
        }
    QCOMPARE(up, inside);
}

// The rule acts on w / weight_unit: with synapses holding 0.5e-3 (0.5 mV in volts) and a unit of
// 1e-3 the result is 0.501e-3 and 0.49925e-3 (tolerance 1e-10).
void TestKheradpisheh::weightUnit()
{
    sim::Network net(1e-3, 1);
    auto& pre = net.addPopulation<test::ScriptedPopulation>("in", sim::Shape::flat(2));
    auto& post = net.addPopulation<test::ScriptedPopulation>("out", sim::Shape::flat(1));
    auto& proj = net.addProjection<sim::DenseProjection>("syn", pre, post, sim::Channel::Excitatory, 1,
                                                         constant(0.5e-3), net.nextStream());
    KheradpishehParams p;
    p.weightUnit = 1e-3;
    net.addRule<models::KheradpishehRule>("k", proj, p);
    pre.fireAt(1, {0});
    post.fireAt(2, {0});
    net.run(4);
    QVERIFY(std::abs(proj.weights()(0, 0) - kUp * 1e-3) < 1e-10);
    QVERIFY(std::abs(proj.weights()(0, 1) - kDown * 1e-3) < 1e-10);
}

// A disabled rule leaves every weight exactly as it was.
void TestKheradpisheh::learningOff()
{
    sim::Network net(1e-3, 1);
    auto& pre = net.addPopulation<test::ScriptedPopulation>("in", sim::Shape::flat(4));
    auto& post = net.addPopulation<test::ScriptedPopulation>("out", sim::Shape::flat(2));
    auto& proj = net.addProjection<sim::DenseProjection>("syn", pre, post, sim::Channel::Excitatory, 1, constant(0.5),
                                                         net.nextStream());
    auto& rule = net.addRule<models::KheradpishehRule>("k", proj, KheradpishehParams{});
    rule.setEnabled(false);
    pre.fireAt(1, {0, 1});
    post.fireAt(2, {0, 1});
    net.run(5);
    QVERIFY((proj.weights().array() == 0.5f).all());
}

// Layer-wise training: with learn_from 1 and learn_until 2 the rule learns in sample 1 only. The same
// pairing (input 0 one step before the neuron) in samples 0, 1 and 2 changes the weights once: to
// 0.501 and 0.49925. learn_until at or before learn_from is refused.
void TestKheradpisheh::learnWindow()
{
    sim::Network net(1e-3, 1);
    auto& pre = net.addPopulation<test::ScriptedPopulation>("in", sim::Shape::flat(2));
    auto& post = net.addPopulation<test::ScriptedPopulation>("out", sim::Shape::flat(1));
    auto& proj = net.addProjection<sim::DenseProjection>("syn", pre, post, sim::Channel::Excitatory, 1, constant(0.5),
                                                         net.nextStream());
    KheradpishehParams p;
    p.learnFrom = 1;
    p.learnUntil = 2;
    auto& rule = net.addRule<models::KheradpishehRule>("k", proj, p);
    for (int k = 0; k < 3; ++k) {
        pre.fireAt(10 * k + 1, {0});
        post.fireAt(10 * k + 2, {0});
    }
    net.run(1); // prepares the rule
    for (int k = 0; k < 3; ++k) {
        net.beginSample(false);
        net.run(k == 0 ? 9 : 10);
        const bool learned = k >= 1;
        QVERIFY(std::abs(proj.weights()(0, 0) - (learned ? kUp : 0.5)) < kTol);
        QVERIFY(std::abs(proj.weights()(0, 1) - (learned ? kDown : 0.5)) < kTol);
    }
    QCOMPARE(rule.samples(), 3LL);
    p.learnUntil = 1;
    QVERIFY_THROWS_EXCEPTION(sim::ModelError, net.addRule<models::KheradpishehRule>("bad", proj, p));
}

// double_every 500 from learn_from 1000 (SpykeTorch's schedule): a+ 0.004 up to sample 1499, 0.008 from
// 1500, 0.004 2^5 = 0.128 from 3500, then capped at a_plus_max 0.15 (a- 0.75 a+: 0.1125).
void TestKheradpisheh::rateSchedule()
{
    sim::Network net(1e-3, 1);
    auto& pre = net.addPopulation<test::ScriptedPopulation>("in", sim::Shape::flat(2));
    auto& post = net.addPopulation<test::ScriptedPopulation>("out", sim::Shape::flat(1));
    auto& proj = net.addProjection<sim::DenseProjection>("syn", pre, post, sim::Channel::Excitatory, 1, constant(0.5),
                                                         net.nextStream());
    KheradpishehParams p;
    p.learnFrom = 1000;
    p.doubleEvery = 500;
    const auto& rule = net.addRule<models::KheradpishehRule>("k", proj, p);
    const std::vector<std::pair<long long, double>> expected = {
        {0, 0.004}, {1000, 0.004}, {1499, 0.004}, {1500, 0.008}, {3500, 0.128}, {4000, 0.15}, {1'000'000, 0.15}};
    for (const auto& [k, aPlus] : expected) {
        const auto [a, b] = rule.rates(k);
        QVERIFY2(std::abs(a - aPlus) < 1e-15 && std::abs(b - 0.75 * aPlus) < 1e-15, qPrintable(QString::number(k)));
    }
    p.aPlusMax = 0.001; // below a+
    QVERIFY_THROWS_EXCEPTION(sim::ModelError, net.addRule<models::KheradpishehRule>("bad", proj, p));
}

QTEST_APPLESS_MAIN(TestKheradpisheh)
#include "test_kheradpisheh.moc"
