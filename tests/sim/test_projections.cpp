// Projections against independent references: OpenCV's filter2D for convolution, a dense matrix for
// sparse propagation, the binomial distribution for random connectivity, and exact delays.
#include "ScriptedSource.h"
#include "sim/ConvProjection.h"
#include "sim/DenseProjection.h"
#include "sim/LateralInhibitionProjection.h"
#include "sim/Network.h"
#include "sim/OneToOneProjection.h"
#include "sim/PoolProjection.h"
#include "sim/SparseProjection.h"

#include <opencv2/imgproc.hpp>

#include <QTest>

#include <cmath>

using namespace ss;
using ss::test::InputProbe;
using ss::test::ScriptedSource;

namespace {

// Bytes per synapse apart from the row offsets (8 bytes per pre-synaptic neuron, and one more).
double bytesPerSynapseBesideOffsets(const sim::SparseProjection& proj)
{
    const double offsets = 8.0 * static_cast<double>(proj.pre().size() + 1);
    return (static_cast<double>(proj.synapseBytes()) - offsets) / static_cast<double>(proj.synapseCount());
}

} // namespace

class TestProjections : public QObject {
    Q_OBJECT
private slots:
    void convolutionEqualsFilter2D_data();
    void convolutionEqualsFilter2D();
    void sparseEqualsDenseReference();
    void connectionProbabilityIsBinomial();
    void fixedInDegreeIsExact();
    void sparseSynapseTakesSixBytes();
    void targetIndexWidthFollowsTargetCount_data();
    void targetIndexWidthFollowsTargetCount();
    void equalWeightsAreKeptOnce();
    void delaysArriveOnTheirStep();
    void maxPoolingRelaysOncePerWindow();
    void firstSpikePoolingRelaysOncePerSample();
    void lateralInhibitionSkipsTheSpiker();
};

void TestProjections::convolutionEqualsFilter2D_data()
{
    QTest::addColumn<int>("kernel");
    QTest::addColumn<int>("padding");
    QTest::newRow("5x5 valid") << 5 << 0;
    QTest::newRow("3x3 same") << 3 << 1;
    QTest::newRow("7x7 padded 2") << 7 << 2;
}

// Binary input image, one spike per "on" pixel: the input delivered to each feature map must equal
// cv::filter2D (a cross-correlation) of the image with that map's kernel, zero border, for every
// output position, to float precision (kernels are float).
void TestProjections::convolutionEqualsFilter2D()
{
    QFETCH(int, kernel);
    QFETCH(int, padding);
    const int h = 16, w = 13, features = 3;
    sim::Network net(1e-4, 7);
    auto& src = net.addPopulation<ScriptedSource>("in", sim::Shape{1, h, w});
    const sim::ConvGeometry g{kernel, 1, padding, features};
    const sim::Shape outShape = g.output(src.shape(), "test");
    auto& probe = net.addPopulation<InputProbe>("out", outShape);
    sim::WeightInit init{sim::WeightInit::Kind::Uniform, -1.0, 1.0};
    auto& conv = net.addProjection<sim::ConvProjection>("conv", src, probe, sim::Channel::Excitatory, 1, g, init, net.nextStream());

    cv::Mat image(h, w, CV_64F, cv::Scalar(0));
    std::vector<sim::Index> on;
    sim::Rng rng(3, 0);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            if (rng.uniform() < 0.3) {
                image.at<double>(y, x) = 1.0;
                on.push_back(y * w + x);
            }
    src.fireAt(0, on);
    net.run(2);

    const Eigen::ArrayXd& got = probe.excitatory[1];
    for (int f = 0; f < features; ++f) {
        cv::Mat k(kernel, kernel, CV_64F);
        for (int ky = 0; ky < kernel; ++ky)
            for (int kx = 0; kx < kernel; ++kx) k.at<double>(ky, kx) = conv.kernel(f, 0, ky, kx);
        cv::Mat padded, filtered;
        cv::copyMakeBorder(image, padded, padding, padding, padding, padding, cv::BORDER_CONSTANT, 0);
        cv::filter2D(padded, filtered, CV_64F, k, cv::Point(0, 0), 0, cv::BORDER_CONSTANT);
        for (int oy = 0; oy < outShape.height; ++oy)
            for (int ox = 0; ox < outShape.width; ++ox)
                QVERIFY2(std::fabs(got[outShape.index(f, oy, ox)] - filtered.at<double>(oy, ox)) < 1e-9,
                         qPrintable(QStringLiteral("map %1 at (%2,%3)").arg(f).arg(oy).arg(ox)));
    }
}

// The same random synapses as a CSR projection and as a dense matrix deliver the same input.
void TestProjections::sparseEqualsDenseReference()
{
    sim::Network net(1e-4, 11);
    auto& src = net.addPopulation<ScriptedSource>("in", sim::Shape::flat(300));
    auto& probe = net.addPopulation<InputProbe>("out", sim::Shape::flat(200));
    auto& sparse = net.addProjection<sim::SparseProjection>("s", src, probe, sim::Channel::Excitatory, 1,
                                                            sim::SparseProjection::Rule::Probability, 0.1,
                                                            sim::WeightInit{sim::WeightInit::Kind::Uniform, 0.0, 2.0},
                                                            net.nextStream());
    std::vector<float> dense;
    sparse.copyWeights(dense);
    std::vector<sim::Index> fired;
    for (sim::Index i = 0; i < 300; i += 7) fired.push_back(i);
    src.fireAt(0, fired);
    net.run(2);
    for (sim::Index j = 0; j < 200; ++j) {
        double expected = 0.0;
        for (sim::Index i : fired) expected += dense[static_cast<std::size_t>(j) * 300 + static_cast<std::size_t>(i)];
        QVERIFY(std::fabs(probe.excitatory[1][j] - expected) < 1e-9);
    }
    QCOMPARE(net.synapticOperations(), [&] {
        std::uint64_t n = 0;
        for (sim::Index i : fired) n += sparse.rowBegin(i + 1) - sparse.rowBegin(i);
        return n;
    }());
}

// Number of synapses with probability p among n pairs: binomial, mean np, sd sqrt(np(1-p)).
// Accept within 4 standard deviations (false alarm about 6e-5).
void TestProjections::connectionProbabilityIsBinomial()
{
    sim::Network net;
    auto& a = net.addPopulation<ScriptedSource>("a", sim::Shape::flat(4000));
    const double p = 0.02;
    auto& proj = net.addProjection<sim::SparseProjection>("s", a, a, sim::Channel::Excitatory, 1,
                                                          sim::SparseProjection::Rule::Probability, p,
                                                          sim::WeightInit{}, net.nextStream(), false);
    const double pairs = 4000.0 * 3999.0;
    const double mean = pairs * p, sd = std::sqrt(pairs * p * (1 - p));
    QVERIFY2(std::fabs(static_cast<double>(proj.synapseCount()) - mean) < 4 * sd,
             qPrintable(QStringLiteral("%1 synapses, expected %2 +- %3").arg(proj.synapseCount()).arg(mean).arg(sd)));
    for (sim::Index i = 0; i < 4000; ++i)
        for (auto s = proj.rowBegin(i); s < proj.rowBegin(i + 1); ++s) QVERIFY(proj.targetOf(s) != static_cast<std::uint32_t>(i));
}

void TestProjections::fixedInDegreeIsExact()
{
    sim::Network net;
    auto& a = net.addPopulation<ScriptedSource>("a", sim::Shape::flat(500));
    auto& b = net.addPopulation<ScriptedSource>("b", sim::Shape::flat(300));
    auto& proj = net.addProjection<sim::SparseProjection>("s", a, b, sim::Channel::Excitatory, 1,
                                                          sim::SparseProjection::Rule::FixedInDegree, 40,
                                                          sim::WeightInit{}, net.nextStream());
    proj.buildPostIndex();
    for (sim::Index j = 0; j < 300; ++j) QCOMPARE(proj.postBegin(j + 1) - proj.postBegin(j), std::uint64_t{40});
}

// A static synapse onto at most 65,536 neurons costs its 2-byte index and 4-byte weight; row offsets
// add 8 bytes per neuron, 0.1 byte per synapse for CUBA's 80 synapses per neuron: 6.1 bytes in all
// (+0.01 for rounding of the binomial count).
void TestProjections::sparseSynapseTakesSixBytes()
{
    sim::Network net;
    auto& a = net.addPopulation<ScriptedSource>("a", sim::Shape::flat(4000));
    auto& proj = net.addProjection<sim::SparseProjection>("s", a, a, sim::Channel::Excitatory, 1,
                                                          sim::SparseProjection::Rule::Probability, 0.02,
                                                          sim::WeightInit{sim::WeightInit::Kind::Uniform, 0.5, 1.5},
                                                          net.nextStream());
    QVERIFY(!proj.uniform());
    QVERIFY(proj.narrowTargets());
    const double perSynapse = static_cast<double>(proj.synapseBytes()) / static_cast<double>(proj.synapseCount());
    QVERIFY2(perSynapse <= 6.11, qPrintable(QString::number(perSynapse)));
    QCOMPARE(bytesPerSynapseBesideOffsets(proj), 6.0);
}

void TestProjections::targetIndexWidthFollowsTargetCount_data()
{
    QTest::addColumn<int>("targets");
    QTest::addColumn<bool>("narrow");
    QTest::newRow("65,536 targets: 2-byte indices") << 65536 << true;
    QTest::newRow("65,537 targets: 4-byte indices") << 65537 << false;
}

// Indices take 2 bytes up to 65,536 targets (the largest index, 65,535, fits) and 4 beyond: 6 and 8
// bytes per synapse with its weight. Drawn and listed synapses deliver to every target, the last one
// included, what the dense matrix of the same weights gives.
void TestProjections::targetIndexWidthFollowsTargetCount()
{
    QFETCH(int, targets);
    QFETCH(bool, narrow);
    sim::Network net(1e-4, 3);
    auto& src = net.addPopulation<ScriptedSource>("in", sim::Shape::flat(40));
    auto& probe = net.addPopulation<InputProbe>("out", sim::Shape::flat(targets));
    auto& drawn = net.addProjection<sim::SparseProjection>("drawn", src, probe, sim::Channel::Excitatory, 1,
                                                           sim::SparseProjection::Rule::Probability, 0.01,
                                                           sim::WeightInit{sim::WeightInit::Kind::Uniform, 0.0, 2.0},
                                                           net.nextStream());
    const sim::Index last = targets - 1;
    std::vector<sim::SparseProjection::Synapse> list{{0, 0, 1.0f}, {0, last, 1.5f}, {1, last - 1, 0.5f}, {1, last, 0.25f}};
    auto& listed = net.addProjection<sim::SparseProjection>("listed", src, probe, sim::Channel::Inhibitory, 1, list);
    QCOMPARE(drawn.narrowTargets(), narrow);
    QCOMPARE(listed.narrowTargets(), narrow);
    QCOMPARE(bytesPerSynapseBesideOffsets(drawn), narrow ? 6.0 : 8.0);
    std::vector<float> dense;
    drawn.copyWeights(dense);
    std::vector<sim::Index> all(40);
    for (sim::Index i = 0; i < 40; ++i) all[static_cast<std::size_t>(i)] = i;
    src.fireAt(0, all);
    net.run(2);
    for (sim::Index j = 0; j < targets; ++j) {
        double expected = 0.0;
        for (sim::Index i = 0; i < 40; ++i) expected += dense[static_cast<std::size_t>(j) * 40 + static_cast<std::size_t>(i)];
        QVERIFY2(std::fabs(probe.excitatory[1][j] - expected) < 1e-9, qPrintable(QStringLiteral("target %1").arg(j)));
    }
    QCOMPARE(probe.inhibitory[1][last], 1.75);
    QCOMPARE(probe.inhibitory[1][last - 1], 0.5);
    QCOMPARE(probe.inhibitory[1][0], 1.0);
}

// Constant weights (CUBA's) are kept once: 2 bytes per synapse for the index alone (onto 300 neurons).
// The input they deliver equals that of the same synapses listed one by one with their weight, until a
// weight is written: then every synapse has its own again (6 bytes), and the written one acts alone.
void TestProjections::equalWeightsAreKeptOnce()
{
    sim::Network net(1e-4, 5);
    auto& src = net.addPopulation<ScriptedSource>("in", sim::Shape::flat(400));
    auto& probe = net.addPopulation<InputProbe>("out", sim::Shape::flat(300));
    auto& shared = net.addProjection<sim::SparseProjection>("shared", src, probe, sim::Channel::Excitatory, 1,
                                                            sim::SparseProjection::Rule::Probability, 0.05,
                                                            sim::WeightInit{sim::WeightInit::Kind::Constant, 1.62, 0.0},
                                                            net.nextStream());
    QVERIFY(shared.uniform());
    QCOMPARE(bytesPerSynapseBesideOffsets(shared), 2.0);
    std::vector<sim::SparseProjection::Synapse> list;
    for (sim::Index i = 0; i < 400; ++i)
        for (auto s = shared.rowBegin(i); s < shared.rowBegin(i + 1); ++s)
            list.push_back({i, static_cast<sim::Index>(shared.targetOf(s)), 1.62f});
    auto& listed = net.addProjection<sim::SparseProjection>("listed", src, probe, sim::Channel::Inhibitory, 1, list);
    QVERIFY(listed.uniform()); // equal weights found in a list too
    std::vector<sim::Index> fired;
    for (sim::Index i = 0; i < 400; i += 3) fired.push_back(i);
    src.fireAt(0, fired);
    const sim::Index row = fired[5];
    const auto first = shared.rowBegin(row);
    QVERIFY(shared.rowBegin(row + 1) > first);
    const auto written = static_cast<sim::Index>(shared.targetOf(first));
    src.fireAt(3, {row});
    net.run(2);
    for (sim::Index j = 0; j < 300; ++j) QCOMPARE(probe.excitatory[1][j], probe.inhibitory[1][j]);
    QVERIFY(probe.excitatory[1][written] > 0.0);
    shared.weight(first) = -2.0f;
    QVERIFY(!shared.uniform());
    QCOMPARE(bytesPerSynapseBesideOffsets(shared), 6.0);
    QCOMPARE(shared.weightOf(first), -2.0f);
    net.run(3);
    const double w = 1.62f;
    QCOMPARE(probe.excitatory[4][written] - probe.inhibitory[4][written], -2.0 - w);
}

void TestProjections::delaysArriveOnTheirStep()
{
    sim::Network net;
    auto& src = net.addPopulation<ScriptedSource>("in", sim::Shape::flat(2));
    auto& probe = net.addPopulation<InputProbe>("out", sim::Shape::flat(2));
    net.addProjection<sim::OneToOneProjection>("d1", src, probe, sim::Channel::Excitatory, 1,
                                               sim::WeightInit{sim::WeightInit::Kind::Constant, 1.0, 0.0}, net.nextStream());
    net.addProjection<sim::OneToOneProjection>("d7", src, probe, sim::Channel::Inhibitory, 7,
                                               sim::WeightInit{sim::WeightInit::Kind::Constant, -2.0, 0.0}, net.nextStream());
    src.fireAt(3, {1});
    net.run(15);
    for (int t = 0; t < 15; ++t) {
        QCOMPARE(probe.excitatory[static_cast<std::size_t>(t)][1], t == 4 ? 1.0 : 0.0);
        QCOMPARE(probe.inhibitory[static_cast<std::size_t>(t)][1], t == 10 ? -2.0 : 0.0);
        QCOMPARE(probe.excitatory[static_cast<std::size_t>(t)][0], 0.0);
    }
}

void TestProjections::maxPoolingRelaysOncePerWindow()
{
    sim::Network net;
    auto& src = net.addPopulation<ScriptedSource>("in", sim::Shape{2, 4, 4});
    auto& probe = net.addPopulation<InputProbe>("out", sim::Shape{2, 2, 2});
    net.addProjection<sim::PoolProjection>("pool", src, probe, sim::Channel::Excitatory, 1, 2, 2,
                                           sim::PoolProjection::Mode::Max, 5.0f);
    // Three spikes in window (0,0) of channel 0, one in window (1,1) of channel 1.
    const sim::Shape in{2, 4, 4};
    src.fireAt(0, {in.index(0, 0, 0), in.index(0, 0, 1), in.index(0, 1, 1), in.index(1, 3, 2)});
    src.fireAt(1, {in.index(0, 1, 0)});
    net.run(3);
    const sim::Shape out{2, 2, 2};
    QCOMPARE(probe.excitatory[1][out.index(0, 0, 0)], 5.0);
    QCOMPARE(probe.excitatory[1][out.index(1, 1, 1)], 5.0);
    QCOMPARE(probe.excitatory[1].sum(), 10.0);
    QCOMPARE(probe.excitatory[2][out.index(0, 0, 0)], 5.0); // max pooling forgets between steps
}

void TestProjections::firstSpikePoolingRelaysOncePerSample()
{
    sim::Network net;
    auto& src = net.addPopulation<ScriptedSource>("in", sim::Shape{1, 4, 4});
    auto& probe = net.addPopulation<InputProbe>("out", sim::Shape{1, 2, 2});
    net.addProjection<sim::PoolProjection>("pool", src, probe, sim::Channel::Excitatory, 1, 2, 2,
                                           sim::PoolProjection::Mode::FirstSpike, 1.0f);
    src.fireAt(0, {0});
    src.fireAt(2, {1});
    net.run(4);
    QCOMPARE(probe.excitatory[1][0], 1.0);
    QCOMPARE(probe.excitatory[3][0], 0.0); // the second spike of the window is held back
    net.beginSample(false);
    QCOMPARE(net.currentStep(), sim::Step{4});
}

void TestProjections::lateralInhibitionSkipsTheSpiker()
{
    sim::Network net;
    auto& pop = net.addPopulation<ScriptedSource>("layer", sim::Shape::flat(5));
    net.addProjection<sim::LateralInhibitionProjection>("inh", pop, 1, 2.0f, sim::LateralInhibitionProjection::Scope::AllOthers);
    pop.fireAt(0, {1, 3});
    net.step();
    // Next step's inhibitory input: 2.0 from each of the two spikers, except a spiker's own.
    const Eigen::ArrayXd next = pop.input(sim::Channel::Inhibitory).current();
    const Eigen::ArrayXd expected = (Eigen::ArrayXd(5) << 4.0, 2.0, 4.0, 2.0, 4.0).finished();
    QVERIFY((next - expected).abs().maxCoeff() < 1e-12);
    QCOMPARE(net.synapticOperations(), std::uint64_t{8});
}

QTEST_APPLESS_MAIN(TestProjections)
#include "test_projections.moc"
