// The receptive-field view of a live run: a small STDP network run through the workbench window on the
// offscreen platform; when the run has finished, the weight monitor's dock holds the projection's
// current weights (the final snapshot), and a screenshot of it goes to ./artefacts/.
#include "app/LiveViews.h"
#include "app/MainWindow.h"
#include "app/RunPanel.h"
#include "app/SimulationController.h"
#include "widgets/ReceptiveFieldView.h"

#include "WorkbenchTestSupport.h"

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace ss;

namespace {

// 16 Poisson inputs at 100 Hz -> dense synapses (uniform 0..1) with pair-based STDP (Song et al. 2000)
// -> 4 adaptive-threshold neurons; a weight monitor every 10 ms on the synapses. dt 0.1 ms, 1000 ms.
const char* kDocument = R"({
  "format": "spikestudio", "version": 1, "name": "live weights",
  "experiment": {"dt": 0.1, "duration": 1000, "seed": 5},
  "nodes": [
    {"id": "input", "type": "encoder.poisson", "position": [0, 0], "params": {"rate": 100, "size": 16}},
    {"id": "syn", "type": "synapses.dense", "position": [200, 0],
     "params": {"weight_init": "uniform", "weight_low": 0.0, "weight": 1.0}},
    {"id": "stdp", "type": "rule.stdp", "position": [200, 200], "params": {}},
    {"id": "exc", "type": "layer.adaptive_lif", "position": [400, 0], "params": {"size": 4}},
    {"id": "fields", "type": "monitor.weights", "position": [600, 0], "params": {"interval": 10}}
  ],
  "wires": [
    {"from": "input.out", "to": "syn.pre"},
    {"from": "syn.post", "to": "exc.in"},
    {"from": "stdp.rule", "to": "syn.rule"},
    {"from": "syn.post", "to": "fields.synapses"}
  ]
})";

} // namespace

class TestLiveWeights : public QObject {
    Q_OBJECT
private slots:
    void viewHoldsTheCurrentWeightsAfterARun();
};

void TestLiveWeights::viewHoldsTheCurrentWeightsAfterARun()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("SpikeStudioTests"));
    QCoreApplication::setApplicationName(QStringLiteral("test_live_weights"));
    const QString path = dir.filePath(QStringLiteral("weights.json"));
    QVERIFY(test::writeFile(path, kDocument));
    auto owned = test::openInWorkbench(path, dir.filePath(QStringLiteral("recovery.json")), {1200, 800});
    QVERIFY(owned);
    app::MainWindow& window = *owned;
    QVERIFY(window.document().problems().empty());

    app::RunPanel& panel = window.runPanel();
    app::SimulationController& controller = panel.controller();
    QVERIFY(test::runToEnd(window, 60000));

    QVERIFY(window.findChild<QDockWidget*>(QStringLiteral("live:fields")));
    widgets::ReceptiveFieldView* view = panel.liveViews().fields(QStringLiteral("fields"));
    QVERIFY(view);
    // Dense 16 -> 4: four fields of the 16 inputs (a flat input, drawn 4 x 4).
    QCOMPARE(view->fieldCount(), 4);
    QCOMPARE(view->fieldWidth() * view->fieldHeight(), 16);

    // The view holds the weights at the end of the run, exactly (tolerance 0: the same floats).
    std::vector<float> expected;
    controller.compiled()->projections.at("syn")->copyWeights(expected);
    QTRY_VERIFY(view->weights() == expected);
    // Every snapshot reached the channel (the view only copies, the worker never waits for it).
    const std::uint64_t version = controller.channels().front()->weights->version.load();
    // One snapshot at load, one per 10 ms (100), one at the end.
    QCOMPARE(version, std::uint64_t{102});

    QTest::qWait(50);
    QDockWidget* dock = window.findChild<QDockWidget*>(QStringLiteral("live:fields"));
    dock->raise();
    QTest::qWait(50);
    QVERIFY(test::saveArtefact(*dock, QStringLiteral("live_weights_fields.png")));
    const QString exported = dir.filePath(QStringLiteral("fields.png"));
    QVERIFY(panel.liveViews().exportPng(QStringLiteral("fields"), exported));
}

QTEST_MAIN(TestLiveWeights)
#include "test_live_weights.moc"
