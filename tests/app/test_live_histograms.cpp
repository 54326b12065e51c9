// The histograms of a live run: a small network run through the workbench window on the offscreen
// platform. The firing-rate histogram of a spike monitor holds one value per neuron (its spikes / the
// simulated time), so its values number the population and their mean is the population's spikes /
// (neurons x duration); the weight histogram holds the projection's weights. When the rings are too
// small to take every spike, the rate histogram says it is approximate. Screenshots go to ./artefacts/.
#include "app/GraphDocument.h"
#include "app/LiveViews.h"
#include "app/MainWindow.h"
#include "app/RunPanel.h"
#include "app/SimulationController.h"
#include "widgets/HistogramView.h"

#include "WorkbenchTestSupport.h"

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace ss;

namespace {

// 100 Poisson inputs at 50 Hz -> dense synapses (uniform 0..1) with pair-based STDP -> 4 adaptive-
// threshold neurons; the inputs' spikes and the synapses' weights (every 10 ms) monitored. dt 0.1 ms,
// 1000 ms.
const char* kDocument = R"({
  "format": "spikestudio", "version": 1, "name": "live histograms",
  "experiment": {"dt": 0.1, "duration": 1000, "seed": 11},
  "nodes": [
    {"id": "input", "type": "encoder.poisson", "position": [0, 0], "params": {"rate": 50, "size": 100}},
    {"id": "syn", "type": "synapses.dense", "position": [200, 0],
     "params": {"weight_init": "uniform", "weight_low": 0.0, "weight": 1.0}},
    {"id": "stdp", "type": "rule.stdp", "position": [200, 200], "params": {}},
    {"id": "exc", "type": "layer.adaptive_lif", "position": [400, 0], "params": {"size": 4}},
    {"id": "input_raster", "type": "monitor.spikes", "position": [200, -200], "params": {}},
    {"id": "fields", "type": "monitor.weights", "position": [600, 0], "params": {"interval": 10}}
  ],
  "wires": [
    {"from": "input.out", "to": "syn.pre"},
    {"from": "syn.post", "to": "exc.in"},
    {"from": "stdp.rule", "to": "syn.rule"},
    {"from": "input.out", "to": "input_raster.spikes"},
    {"from": "syn.post", "to": "fields.synapses"}
  ]
})";

constexpr int kRunTimeoutMs = 60000;

bool grabTab(QMainWindow& window, const QString& node, const QString& file)
{
    auto* dock = window.findChild<QDockWidget*>(QStringLiteral("live:") + node);
    auto* tabs = dock ? dock->findChild<QTabWidget*>() : nullptr;
    if (!tabs) return false;
    dock->raise();
    tabs->setCurrentIndex(1);
    QTest::qWait(100);
    return test::saveArtefact(*dock, file);
}

} // namespace

class TestLiveHistograms : public QObject {
    Q_OBJECT
private slots:
    void histogramsAfterARun();
};

void TestLiveHistograms::histogramsAfterARun()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("SpikeStudioTests"));
    QCoreApplication::setApplicationName(QStringLiteral("test_live_histograms"));
    const QString path = dir.filePath(QStringLiteral("histograms.json"));
    QVERIFY(test::writeFile(path, kDocument));
    auto owned = test::openInWorkbench(path, dir.filePath(QStringLiteral("recovery.json")), {1200, 800});
    QVERIFY(owned);
    app::MainWindow& window = *owned;
    QVERIFY(window.document().problems().empty());

    app::RunPanel& panel = window.runPanel();
    app::SimulationController& controller = panel.controller();
    QVERIFY(test::runToEnd(window, kRunTimeoutMs));
    app::LiveChannel* input = nullptr;
    for (app::LiveChannel* c : controller.channels())
        if (c->node == "input_raster") input = c;
    QVERIFY(input);
    QCOMPARE(input->skipped.load(), std::uint64_t{0});

    // One rate per neuron, every one in a bin (the range is [0, highest rate]): 100 values.
    widgets::HistogramView* rates = panel.liveViews().histogram(QStringLiteral("input_raster"));
    QVERIFY(rates);
    QTRY_COMPARE(rates->binnedCount(), 100);
    QCOMPARE(rates->valueCount(), 100);
    QCOMPARE(rates->low(), 0.0);
    // mean of (count_i / T) = spikes / (N T), within 1e-9 Hz (floating-point sums of 100 terms).
    const double spikes = static_cast<double>(input->produced.load());
    QCOMPARE(controller.simulatedTime(), controller.duration());
    const double expected = spikes / (100.0 * controller.duration());
    QTRY_VERIFY2(std::abs(rates->mean() - expected) < 1e-9,
                 qPrintable(QStringLiteral("%1 vs %2 Hz").arg(rates->mean()).arg(expected)));
    // Poisson at 50 Hz: N T = 100 neuron-seconds hold 5000 spikes on average, standard deviation
    // sqrt(5000) = 70.7, i.e. 0.71 Hz on the mean rate; accepted within 5 standard deviations.
    QVERIFY2(std::abs(rates->mean() - 50.0) < 5.0 * std::sqrt(5000.0) / 100.0,
             qPrintable(QString::number(rates->mean())));
    QVERIFY(!rates->statisticsText().contains(QStringLiteral("approximate")));
    qInfo("rate histogram: n = %d, mean %.6f Hz (spikes / (N T) = %.6f Hz), median %.3f Hz", rates->valueCount(),
          rates->mean(), expected, rates->median());

    // The weight histogram holds the final snapshot: all 100 x 4 weights, their mean exactly that of
    // the projection's weights (the same floats summed in the same order; 1e-12 relative).
    widgets::HistogramView* weights = panel.liveViews().histogram(QStringLiteral("fields"));
    QVERIFY(weights);
    std::vector<float> w;
    controller.compiled()->projections.at("syn")->copyWeights(w);
    QCOMPARE(w.size(), std::size_t{400});
    double sum = 0.0;
    for (float x : w) sum += x;
    const double meanWeight = sum / 400.0;
    QTRY_VERIFY2(std::abs(weights->mean() - meanWeight) <= 1e-12 * std::abs(meanWeight),
                 qPrintable(QStringLiteral("%1 vs %2").arg(weights->mean()).arg(meanWeight)));
    QCOMPARE(weights->valueCount(), 400);
    QCOMPARE(weights->binnedCount(), 400);
    qInfo("weight histogram: n = %d, mean %.6g, median %.6g", weights->valueCount(), weights->mean(),
          weights->median());

    QVERIFY(grabTab(window, QStringLiteral("input_raster"), QStringLiteral("live_histograms_rates.png")));
    QVERIFY(grabTab(window, QStringLiteral("fields"), QStringLiteral("live_histograms_weights.png")));
    const QString exported = dir.filePath(QStringLiteral("rates.png"));
    QVERIFY(rates->savePng(exported, rates->width(), rates->height(), 2.0));

    // Rings of 64 spikes against ~5000 spikes in a run far faster than real time: spikes are skipped,
    // so the rates read low and the histogram says how many were skipped.
    panel.stopAction()->trigger();
    controller.setRingCapacity(64, std::size_t{1} << 16);
    // A new compile takes the capacity: a new seed needs one (a rate alone would be adopted live).
    models::Experiment experiment = window.document().graph().experiment;
    ++experiment.seed;
    window.document().setExperiment(experiment);
    window.document().setParam("input", "rate", models::ParamValue{60.0});
    QVERIFY(panel.needsLoad());
    panel.runAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(controller.state(), app::SimulationController::State::Finished, kRunTimeoutMs);
    input = nullptr;
    for (app::LiveChannel* c : controller.channels())
        if (c->node == "input_raster") input = c;
    QVERIFY(input);
    const std::uint64_t skipped = input->skipped.load();
    if (skipped == 0) QSKIP("the GUI kept up with 64-spike rings: nothing skipped to report");
    rates = panel.liveViews().histogram(QStringLiteral("input_raster"));
    const QString note = QStringLiteral("(approximate: %1 skipped)").arg(skipped);
    QTRY_VERIFY2(rates->statisticsText().endsWith(note), qPrintable(rates->statisticsText()));
    // The mean is what reached the view: (produced - skipped) / (N T), still within 1e-9 Hz.
    const double shown = static_cast<double>(input->produced.load() - skipped) / (100.0 * controller.duration());
    QTRY_VERIFY2(std::abs(rates->mean() - shown) < 1e-9,
                 qPrintable(QStringLiteral("%1 vs %2").arg(rates->mean()).arg(shown)));
    qInfo("with 64-spike rings: %llu of %llu skipped, mean %.3f Hz", static_cast<unsigned long long>(skipped),
          static_cast<unsigned long long>(input->produced.load()), rates->mean());
}

QTEST_MAIN(TestLiveHistograms)
#include "test_live_histograms.moc"
