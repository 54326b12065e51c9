// A training protocol run by the simulation controller in its worker thread (Run on a document with
// a protocol): the bars problem of tests/protocol/test_protocol.cpp (4 x 4 images of a vertical or a
// horizontal bar, 16 Poisson inputs, 8 adaptive-threshold conductance LIF neurons with Diehl & Cook's
// STDP and lateral inhibition; 40 training, 20 test samples). The run reaches Finished with the very
// result of a headless ProtocolRunner on the same network and seed, also when it was paused and
// stepped on the way; Pause holds the sample count, Step advances it by exactly one sample.
// The engine headers first: SpikeEncoder has a member named 'emit', which Qt defines as a macro.
#include "models/Protocol.h"
#include "models/encoders/PoissonEncoder.h"
#include "models/neurons/LifPopulation.h"
#include "models/plasticity/DiehlCookRule.h"
#include "sim/DenseProjection.h"
#include "sim/LateralInhibitionProjection.h"

#include "app/SimulationController.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <cmath>

using namespace ss;
using State = app::SimulationController::State;

namespace {

constexpr sim::Index kSide = 4;

// Sample k: class k % 2 (0: vertical bar, 1: horizontal bar) in column or row 1 + (k / 2) % 2.
class BarSource : public models::DataSource {
public:
    explicit BarSource(std::size_t n) : m_n(n) {}
    sim::Shape shape() const override { return {1, kSide, kSide}; }
    std::size_t count() const override { return m_n; }
    int label(std::size_t k) const override { return static_cast<int>(k % 2); }
    void sample(std::size_t k, Eigen::ArrayXd& out) const override
    {
        out.setZero(kSide * kSide);
        const auto pos = static_cast<sim::Index>(1 + (k / 2) % 2);
        for (sim::Index i = 0; i < kSide; ++i) out[label(k) == 0 ? i * kSide + pos : pos * kSide + i] = 1.0;
    }

private:
    std::size_t m_n;
};

// The network of tests/protocol/test_protocol.cpp (parameters and their sources there).
models::CompiledNetwork barNet(std::uint64_t seed, std::size_t trainSamples = 40)
{
    models::CompiledNetwork compiled;
    compiled.network = std::make_unique<sim::Network>(0.5e-3, seed);
    sim::Network& net = *compiled.network;
    auto train = std::make_unique<BarSource>(trainSamples);
    auto test = std::make_unique<BarSource>(20);
    auto& enc = net.addPopulation<models::PoissonEncoder>("input", train->shape(), 200.0);
    models::LifParams p;
    p.synapse = models::LifParams::Synapse::Conductance;
    p.adaptation = models::LifParams::Adaptation::Theta;
    p.tauM = 100e-3;
    p.eL = p.vReset = -65e-3;
    p.vTh = -52e-3;
    p.tRef = 5e-3;
    p.tauSynE = 1e-3;
    p.tauSynI = 2e-3;
    p.eInh = -100e-3;
    p.thetaPlus = 0.1e-3;
    p.tauTheta = 1e4;
    p.vInitMin = p.vInitMax = -65e-3;
    auto* exc = &net.addPopulation<models::LifPopulation>("exc", sim::Shape::flat(8), p);
    sim::WeightInit init;
    init.kind = sim::WeightInit::Kind::Uniform;
    init.b = 0.3;
    auto* input = &net.addProjection<sim::DenseProjection>("input_exc", enc, *exc, sim::Channel::Excitatory, 1, init,
                                                           net.nextStream());
    models::DiehlCookParams rule;
    rule.normSum = 16 * 0.3;
    net.addRule<models::DiehlCookRule>("stdp", *input, rule);
    net.addProjection<sim::LateralInhibitionProjection>("inhibition", *exc, 1, 17.0f,
                                                        sim::LateralInhibitionProjection::Scope::AllOthers);
    compiled.populations = {{"input", &enc}, {"exc", exc}};
    compiled.encoders.emplace_back(&enc, train.get());
    compiled.sources["bars"] = std::move(train);
    compiled.sources["test_bars"] = std::move(test);
    return compiled;
}

models::ExperimentProtocol protocol()
{
    models::ExperimentProtocol p;
    p.settings.present = 0.1;
    p.settings.rest = 0.05;
    p.trainSource = "bars";
    p.testSource = "test_bars";
    p.readoutLayer = "exc";
    return p;
}

models::ProtocolResult headless(std::uint64_t seed)
{
    models::CompiledNetwork net = barNet(seed);
    const models::ExperimentProtocol p = protocol();
    models::ProtocolRunner runner(net, p.readoutLayer, p.settings, p.testSource, p.trainSource);
    return runner.run();
}

bool waitFor(const std::function<bool()>& done, int ms = 20000)
{
    QElapsedTimer timer;
    timer.start();
    while (!done() && timer.elapsed() < ms) QTest::qWait(2);
    return done();
}

void compareResults(const models::ProtocolResult& got, const models::ProtocolResult& want)
{
    QCOMPARE(got.tested, want.tested);
    QCOMPARE(got.correct, want.correct);
    QCOMPARE(got.accuracy, want.accuracy);
    QCOMPARE(got.confusion.rows(), want.confusion.rows());
    QCOMPARE(got.confusion.cols(), want.confusion.cols());
    QVERIFY((got.confusion == want.confusion).all());
    QCOMPARE(got.assignments, want.assignments);
    QCOMPARE(got.trainPresentations, want.trainPresentations);
}

} // namespace

class TestProtocolRun : public QObject {
    Q_OBJECT
private slots:
    // Same network, same seed, same sequence of engine steps: the controller's result must equal the
    // headless one exactly (no tolerance); and the bars are learnt (>= 0.9 on 20 samples, chance 0.5:
    // see tests/protocol/test_protocol.cpp).
    void runsToFinishedLikeHeadless()
    {
        const models::ProtocolResult want = headless(1);
        app::SimulationController c;
        c.load(barNet(1), 1.0, protocol());
        QVERIFY(c.hasProtocol());
        QCOMPARE(c.protocolInfo().classes, 2);
        QCOMPARE(c.protocolInfo().train, std::size_t(40));
        QCOMPARE(c.protocolInfo().test, std::size_t(20));
        QSignalSpy progress(&c, &app::SimulationController::protocolProgress);
        QSignalSpy finished(&c, &app::SimulationController::finished);
        c.run();
        QVERIFY(waitFor([&] { return c.state() == State::Finished; }));
        QVERIFY(finished.wait(2000) || finished.count() == 1);
        const auto got = c.protocolResult();
        QVERIFY(got.has_value());
        compareResults(*got, want);
        qInfo("test accuracy %.3f (%zu of %zu)", got->accuracy, got->correct, got->tested);
        QVERIFY(got->accuracy >= 0.9);
        // The published curve is the result's curve, point for point.
        const auto curve = c.accuracyCurve();
        QCOMPARE(curve.size(), want.curve.size());
        for (std::size_t k = 0; k < curve.size(); ++k) {
            QCOMPARE(curve[k].phase, want.curve[k].phase);
            QCOMPARE(curve[k].seen, want.curve[k].seen);
            QCOMPARE(curve[k].accuracy, want.curve[k].accuracy);
        }
        // The last progress line: the end of the test, at the test accuracy.
        QVERIFY(!progress.isEmpty());
        const auto last = progress.takeLast();
        QCOMPARE(last.at(0).toString(), QStringLiteral("test"));
        QCOMPARE(last.at(1).toULongLong(), 20ull);
        QCOMPARE(last.at(2).toULongLong(), 20ull);
        QCOMPARE(last.at(3).toDouble(), want.accuracy);
    }

    // Step from Ready shows one sample and pauses; the count holds while paused and each Step adds
    // exactly one; Run then finishes with the headless result (pausing changes no engine step).
    void stepAndPauseBetweenSamples()
    {
        const models::ProtocolResult want = headless(2);
        app::SimulationController c;
        c.load(barNet(2), 1.0, protocol());
        c.step();
        QVERIFY(waitFor([&] { return c.state() == State::Paused; }));
        QCOMPARE(c.protocolStatus().phase, std::string("train"));
        QCOMPARE(c.protocolStatus().sample, std::size_t(1));
        QTest::qWait(200);
        QCOMPARE(c.protocolStatus().sample, std::size_t(1));
        const double t1 = c.simulatedTime();
        for (std::size_t k = 2; k <= 4; ++k) {
            c.step();
            QVERIFY(waitFor([&] { return c.protocolStatus().sample == k && c.state() == State::Paused; }));
            QTest::qWait(50);
            QCOMPARE(c.protocolStatus().sample, k);
        }
        // One sample is 0.1 s shown + 0.05 s rest (plus repeats at raised intensity): at least 0.45 s.
        QVERIFY(c.simulatedTime() - t1 >= 0.45 - 1e-9);
        c.run();
        QVERIFY(waitFor([&] { return c.state() == State::Finished; }));
        compareResults(*c.protocolResult(), want);
    }

    // Pause during a long training holds the sample count; Stop ends the protocol (Ready, t = 0).
    void pauseDuringTrainingAndStop()
    {
        app::SimulationController c;
        c.load(barNet(3, 4000), 1.0, [] {
            auto p = protocol();
            p.settings.trainCount = 4000;
            return p;
        }());
        c.run();
        QVERIFY(waitFor([&] { return c.protocolStatus().sample >= 3; }));
        c.pause();
        QVERIFY(waitFor([&] { return c.state() == State::Paused; }));
        const auto held = c.protocolStatus();
        QCOMPARE(held.phase, std::string("train"));
        QVERIFY(held.sample < held.total);
        QTest::qWait(300);
        QCOMPARE(c.protocolStatus().sample, held.sample);
        c.stop();
        QVERIFY(waitFor([&] { return c.state() == State::Ready; }));
        QCOMPARE(c.simulatedTime(), 0.0);
        QVERIFY(c.protocolStatus().phase.empty());
        QVERIFY(!c.protocolResult().has_value());
    }

    // A protocol that names no population of the network is refused at load.
    void refusesAnUnknownReadout()
    {
        app::SimulationController c;
        auto p = protocol();
        p.readoutLayer = "nowhere";
        QVERIFY_THROWS_EXCEPTION(models::ProtocolError, c.load(barNet(1), 1.0, p));
        QCOMPARE(c.state(), State::Empty);
    }
};

QTEST_GUILESS_MAIN(TestProtocolRun)
#include "test_protocol_run.moc"
