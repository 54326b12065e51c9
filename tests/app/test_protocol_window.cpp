// A training protocol run from the workbench window: a small Diehl & Cook document (4 x 4 bars written
// as IDX files, 16 Poisson inputs, 8 adaptive-threshold neurons with their STDP, an inhibitory layer)
// opened in the MainWindow and started with its Run action. When the run has finished, the accuracy
// dock holds the protocol's curve and final test accuracy, the confusion matrix holds the test counts,
// the status bar shows the last line of the test, and the result equals a headless run of the same
// document (same seed, same engine steps); the training state saved beside the document reloads into
// the same test result. Tested again one sample at a time, the confusion matrix holds the counts of the
// samples tested so far. Screenshots go to ./artefacts/.
#include "app/DocumentIo.h"
#include "app/HeadlessRunner.h"
#include "app/LiveViews.h"
#include "app/MainWindow.h"
#include "app/RunPanel.h"
#include "app/SimulationController.h"
#include "app/TrainingStateFile.h"
#include "models/Catalogue.h"
#include "models/GraphCompiler.h"
#include "widgets/AccuracyView.h"
#include "widgets/ConfusionMatrixView.h"

#include "WorkbenchTestSupport.h"

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QTemporaryDir>
#include <QTest>

#include <QtEndian>

using namespace ss;

namespace {

constexpr int kSide = 4;

// Sample k: class k % 2 (0: vertical bar, 1: horizontal bar) in column or row 1 + (k / 2) % 2, as in
// tests/protocol/test_protocol.cpp; pixels 255 on the bar.
bool writeBars(const QString& images, const QString& labels, int n)
{
    QByteArray img, lab;
    auto be32 = [](QByteArray& b, quint32 v) {
        const quint32 big = qToBigEndian(v);
        b.append(reinterpret_cast<const char*>(&big), 4);
    };
    be32(img, 0x00000803);
    be32(img, static_cast<quint32>(n));
    be32(img, kSide);
    be32(img, kSide);
    be32(lab, 0x00000801);
    be32(lab, static_cast<quint32>(n));
    for (int k = 0; k < n; ++k) {
        const int label = k % 2, pos = 1 + (k / 2) % 2;
        QByteArray pixels(kSide * kSide, '\0');
        for (int i = 0; i < kSide; ++i) pixels[label == 0 ? i * kSide + pos : pos * kSide + i] = char(255);
        img += pixels;
        lab += char(label);
    }
    QFile fi(images), fl(labels);
    return fi.open(QIODevice::WriteOnly) && fi.write(img) == img.size() && fl.open(QIODevice::WriteOnly) &&
           fl.write(lab) == lab.size();
}

QByteArray document(const QString& dir)
{
    QByteArray json = R"({
  "format": "spikestudio", "version": 1, "name": "bars protocol",
  "experiment": {"dt": 0.5, "duration": 100, "seed": 3,
    "protocol": {"present": 100, "rest": 50, "reset": true, "epochs": 1, "train": 40, "label": 0, "test": 20,
                 "min_spikes": 5, "intensity_step": 1.0, "max_repeats": 5,
                 "train_source": "bars", "test_source": "test_bars", "readout_layer": "exc"}},
  "nodes": [
    {"id": "bars", "type": "source.idx", "position": [0, 40],
     "params": {"images": "DIR/train-images", "labels": "DIR/train-labels", "index": 0}},
    {"id": "test_bars", "type": "source.idx", "position": [0, 200],
     "params": {"images": "DIR/test-images", "labels": "DIR/test-labels", "index": 0}},
    {"id": "input", "type": "encoder.poisson", "position": [240, 40], "params": {"max_rate": 200}},
    {"id": "input_exc", "type": "synapses.dense", "position": [480, 40],
     "params": {"weight_init": "uniform", "weight_low": 0.0, "weight": 0.3, "delay": 0.5}},
    {"id": "stdp", "type": "rule.diehl_cook", "position": [240, 260], "params": {"norm_sum": 4.8}},
    {"id": "exc", "type": "layer.adaptive_lif", "position": [760, 40],
     "params": {"size": 8, "tau_m": 100, "v_rest": -65, "v_reset": -65, "v_th": -52, "t_ref": 5, "tau_syn_e": 1,
                "tau_syn_i": 2, "e_exc": 0, "e_inh": -100, "theta_plus": 0.1, "tau_theta": 10000000.0,
                "v_init_min": -65, "v_init_max": -65}},
    {"id": "exc_inh", "type": "synapses.one_to_one", "position": [760, 300], "params": {"weight": 10.4, "delay": 0.5}},
    {"id": "inh", "type": "layer.lif_cond", "position": [1040, 300],
     "params": {"size": 8, "tau_m": 10, "v_rest": -60, "v_reset": -45, "v_th": -40, "t_ref": 2, "tau_syn_e": 1,
                "tau_syn_i": 2, "e_exc": 0, "e_inh": -85, "v_init_min": -60, "v_init_max": -60}},
    {"id": "inh_exc", "type": "synapses.dense", "position": [1040, 520],
     "params": {"weight": 17.0, "target": "inhibitory", "delay": 0.5, "exclude_same_index": true}},
    {"id": "raster", "type": "monitor.spikes", "position": [1100, 40], "params": {}},
    {"id": "fields", "type": "monitor.weights", "position": [1100, 280], "params": {"interval": 500}}
  ],
  "wires": [
    {"from": "bars.samples", "to": "input.samples"},
    {"from": "input.out", "to": "input_exc.pre"},
    {"from": "input_exc.post", "to": "exc.in"},
    {"from": "stdp.rule", "to": "input_exc.rule"},
    {"from": "exc.out", "to": "exc_inh.pre"},
    {"from": "exc_inh.post", "to": "inh.in"},
    {"from": "inh.out", "to": "inh_exc.pre"},
    {"from": "inh_exc.post", "to": "exc.in"},
    {"from": "exc.out", "to": "raster.spikes"},
    {"from": "input_exc.post", "to": "fields.synapses"}
  ]
})";
    return json.replace("DIR", dir.toUtf8());
}

} // namespace

class TestProtocolWindow : public QObject {
    Q_OBJECT
private slots:
    void runsTheProtocolFromTheWindow();
};

void TestProtocolWindow::runsTheProtocolFromTheWindow()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("SpikeStudioTests"));
    QCoreApplication::setApplicationName(QStringLiteral("test_protocol_window"));
    QVERIFY(writeBars(dir.filePath(QStringLiteral("train-images")), dir.filePath(QStringLiteral("train-labels")), 40));
    QVERIFY(writeBars(dir.filePath(QStringLiteral("test-images")), dir.filePath(QStringLiteral("test-labels")), 20));
    const QString path = dir.filePath(QStringLiteral("bars.json"));
    QVERIFY(test::writeFile(path, document(dir.path())));

    // The same document headless, for the expected result.
    const app::Document doc = app::readDocument(path);
    QVERIFY(doc.graph.experiment.protocol.has_value());
    models::GraphCompiler compiler(doc.graph, models::catalogue());
    models::CompiledNetwork compiled = compiler.compile();
    const models::ProtocolResult want = app::runProtocol(compiled, *doc.graph.experiment.protocol, nullptr);
    qInfo("headless: test accuracy %.3f (%zu of %zu, %zu without a vote)", want.accuracy, want.correct, want.tested,
          want.unanswered);

    auto owned = test::openInWorkbench(path, dir.filePath(QStringLiteral("recovery.json")), {1400, 900});
    QVERIFY(owned);
    app::MainWindow& window = *owned;
    QVERIFY(window.document().problems().empty());

    app::RunPanel& panel = window.runPanel();
    app::SimulationController& controller = panel.controller();
    QVERIFY(test::runToEnd(window, 60000));
    QVERIFY(controller.hasProtocol());

    // The window's run is the headless run, sample for sample: the same test result exactly.
    const auto got = controller.protocolResult();
    QVERIFY(got.has_value());
    QCOMPARE(got->tested, std::size_t(20));
    QCOMPARE(got->correct, want.correct);
    QCOMPARE(got->accuracy, want.accuracy);
    QVERIFY((got->confusion == want.confusion).all());

    app::LiveViews& views = panel.liveViews();
    QVERIFY(views.accuracyDock());
    QVERIFY(views.accuracyDock()->isVisible());
    widgets::AccuracyView* accuracy = views.accuracy();
    widgets::ConfusionMatrixView* confusion = views.confusion();
    QVERIFY(accuracy && confusion);
    QCOMPARE(accuracy->chance(), 50.0); // two classes
    // Training points: one per window of 4 samples after the first (9); test points: every sample (20).
    QTRY_COMPARE(accuracy->pointCount(QStringLiteral("test")), 20);
    QCOMPARE(accuracy->pointCount(QStringLiteral("train")), 9);
    // The last test point: after 40 training + 40 labelling + 20 test samples, at the test accuracy.
    const QPointF last = accuracy->point(QStringLiteral("test"), 19);
    QCOMPARE(last.x(), 100.0);
    QCOMPARE(last.y(), 100.0 * want.accuracy);
    // The confusion matrix: 2 x 2, every answered test sample counted once.
    QCOMPARE(confusion->classes(), 2);
    QCOMPARE(confusion->total(), static_cast<int>(want.tested - want.unanswered));
    for (int i = 0; i < 2; ++i)
        for (int j = 0; j < 2; ++j) QCOMPARE(confusion->count(i, j), want.confusion(i, j));
    auto* status = window.findChild<QLabel*>(QStringLiteral("RunProgress"));
    QVERIFY(status);
    QTRY_COMPARE(status->text(), QStringLiteral("test 20 / 20, %1 %").arg(100.0 * want.accuracy, 0, 'f', 1));

    // The window saved what it learnt beside the document; the test phase alone on a fresh network with
    // that state gives the same result.
    const QString statePath = app::trainingStatePath(path);
    QTRY_VERIFY(QFile::exists(statePath));
    const models::TrainingState state = app::loadTrainingState(statePath);
    models::GraphCompiler again(doc.graph, models::catalogue());
    models::CompiledNetwork fresh = again.compile();
    const models::ProtocolResult tested =
        app::runProtocol(fresh, *doc.graph.experiment.protocol, nullptr, {models::graphHash(doc.graph), &state, nullptr});
    QCOMPARE(tested.correct, want.correct);
    QVERIFY((tested.confusion == want.confusion).all());

    QTest::qWait(100);
    QVERIFY(test::saveArtefact(window, QStringLiteral("protocol_window.png")));
    QVERIFY(test::saveArtefact(*views.accuracyDock(), QStringLiteral("protocol_accuracy_dock.png")));

    // The confusion matrix fills while the test runs, not only at its end: the saved state tested in
    // the window one sample at a time (Step), paused after 7 of the 20 samples, shows the counts of
    // those 7, which are the counts of a headless test of the first 7 samples alone (reset between
    // samples, learning off: a sample's answer does not depend on the samples after it).
    constexpr std::size_t kPart = 7;
    models::ExperimentProtocol first = *doc.graph.experiment.protocol;
    first.settings.testCount = kPart;
    models::GraphCompiler part(doc.graph, models::catalogue());
    models::CompiledNetwork partNet = part.compile();
    const models::ProtocolResult partWant =
        app::runProtocol(partNet, first, nullptr, {models::graphHash(doc.graph), &state, nullptr});
    QCOMPARE(partWant.tested, kPart);
    const int partAnswered = static_cast<int>(partWant.tested - partWant.unanswered);
    QVERIFY(partAnswered > 0);
    QVERIFY(controller.testWithState(state, models::graphHash(doc.graph), true));
    auto atSample = [&](std::size_t k) {
        return QTest::qWaitFor(
            [&] {
                const app::ProtocolStatus s = controller.protocolStatus();
                return controller.state() == app::SimulationController::State::Paused && s.phase == "test" && s.sample == k;
            },
            30000);
    };
    QVERIFY(atSample(1));
    for (std::size_t k = 2; k <= kPart; ++k) {
        controller.step();
        QVERIFY(atSample(k));
    }
    QVERIFY(!controller.protocolResult().has_value());
    QTRY_COMPARE(confusion->total(), partAnswered);
    QCOMPARE(confusion->classes(), 2);
    for (int i = 0; i < 2; ++i)
        for (int j = 0; j < 2; ++j) QCOMPARE(confusion->count(i, j), partWant.confusion(i, j));
    // Run on to the end: the whole test's matrix again.
    controller.run();
    QVERIFY(QTest::qWaitFor([&] { return controller.state() == app::SimulationController::State::Finished; }, 60000));
    QTRY_COMPARE(confusion->total(), static_cast<int>(want.tested - want.unanswered));
    for (int i = 0; i < 2; ++i)
        for (int j = 0; j < 2; ++j) QCOMPARE(confusion->count(i, j), want.confusion(i, j));
}

QTEST_MAIN(TestProtocolWindow)
#include "test_protocol_window.moc"
