// The view layout saved with the document: the canvas zoom and centre come back on open, the live
// docks' arrangement on the next Run; saving the layout never marks the document modified. Also the
// live spike docks (raster over population rate) and the raster click that highlights a trace.
// A screenshot of a raster + rate dock goes to ./artefacts/ beside the test.
#include "app/GraphDocument.h"
#include "app/LiveViews.h"
#include "app/MainWindow.h"
#include "app/RunPanel.h"
#include "app/SimulationController.h"
#include "widgets/NodeGraphView.h"
#include "widgets/RateView.h"
#include "widgets/SpikeRasterView.h"
#include "widgets/TraceView.h"

#include <qcustomplot.h>

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

#include "LiveTestDocument.h"

using namespace ss;

namespace {

constexpr int kRunTimeoutMs = 60000;

} // namespace

class TestViewLayout : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void canvasZoomAndCentreComeBack();
    void liveDocksShowRateAndHighlightTraces();
    void clickedNeuronJoinsTheTrace();
    void dockLayoutComesBackOnNextRun();

private:
    std::unique_ptr<app::MainWindow> makeWindow();
    void runToEnd(app::MainWindow& w);
    QTemporaryDir m_dir;
    QString m_path;
};

void TestViewLayout::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("SpikeStudioTests"));
    QCoreApplication::setApplicationName(QStringLiteral("test_view_layout"));
    m_path = m_dir.filePath(QStringLiteral("layout.json"));
    QFile file(m_path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(ss::test::liveTestDocument(200));
}

std::unique_ptr<app::MainWindow> TestViewLayout::makeWindow()
{
    auto w = std::make_unique<app::MainWindow>(m_dir.filePath(QStringLiteral("recovery.json")));
    w->prompts().unsavedChanges = [](const QString&) { return app::MainWindow::Prompts::Unsaved::Discard; };
    w->prompts().error = [](const QString& m) { qWarning("%s", qPrintable(m)); };
    w->resize(1400, 900);
    w->show();
    if (!QTest::qWaitForWindowExposed(w.get())) qWarning("window not exposed");
    return w;
}

void TestViewLayout::runToEnd(app::MainWindow& w)
{
    w.runPanel().runAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(w.runPanel().controller().state(), app::SimulationController::State::Finished,
                              kRunTimeoutMs);
    w.runPanel().liveViews().drain();
    QTest::qWait(50); // the queued layout passes and replots
}

void TestViewLayout::canvasZoomAndCentreComeBack()
{
    const QString saved = m_dir.filePath(QStringLiteral("canvas.json"));
    {
        auto w = makeWindow();
        QVERIFY(w->openFile(m_path));
        widgets::NodeGraphView& canvas = w->canvas();
        canvas.zoomBy(1.7 / canvas.zoom(), canvas.viewport()->rect().center());
        canvas.centerOn(321.0, -123.0);
        const int undoCount = w->document().undoStack()->count();
        QVERIFY(w->saveAs(saved));
        // The layout is written at save time only: no undo command, nothing modified.
        QVERIFY(!w->document().isModified());
        QCOMPARE(w->document().undoStack()->count(), undoCount);
        QFile file(saved);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
        const QJsonObject view = root.value(QStringLiteral("view")).toObject();
        const QJsonObject c = view.value(QStringLiteral("canvas")).toObject();
        QCOMPARE(c.value(QStringLiteral("zoom")).toDouble(), 1.7);
        // centerOn() scrolls by whole viewport pixels: the centre is exact to 1 px / zoom in the scene.
        QVERIFY(qAbs(c.value(QStringLiteral("x")).toDouble() - 321.0) <= 1.0 / 1.7);
        QVERIFY(qAbs(c.value(QStringLiteral("y")).toDouble() + 123.0) <= 1.0 / 1.7);
    }
    auto w = makeWindow();
    QVERIFY(w->openFile(saved));
    QVERIFY(!w->document().isModified());
    QVERIFY(qAbs(w->canvas().zoom() - 1.7) < 1e-12);
    const QPointF centre = w->canvas().sceneCenter();
    QVERIFY2(qAbs(centre.x() - 321.0) <= 2.0 / 1.7 && qAbs(centre.y() + 123.0) <= 2.0 / 1.7,
             qPrintable(QStringLiteral("%1, %2").arg(centre.x()).arg(centre.y())));
}

void TestViewLayout::liveDocksShowRateAndHighlightTraces()
{
    auto w = makeWindow();
    QVERIFY(w->openFile(m_path));
    runToEnd(*w);
    app::LiveViews& live = w->runPanel().liveViews();
    // The input raster's rate view counts the same spikes: summed over its 10 ms bins,
    // rate x 100 neurons x 0.01 s gives back every spike of the raster (exact); 200 ms -> 20 bins.
    widgets::RateView* rate = live.rate(QStringLiteral("input_raster"));
    QVERIFY(rate);
    QVERIFY(!live.rate(QStringLiteral("trace")));
    QCOMPARE(rate->binCount(), 20);
    double counted = 0.0;
    for (int b = 0; b < rate->binCount(); ++b) counted += rate->rate(0, b) * 100 * rate->binWidth();
    const int spikes = live.raster(QStringLiteral("input_raster"))->spikeCount(0);
    QCOMPARE(std::lround(counted), static_cast<long>(spikes));
    // 100 Poisson inputs at 20 Hz for 0.2 s: 400 expected, sd sqrt(400) = 20; within 5 sd.
    QVERIFY2(qAbs(spikes - 400) < 100, qPrintable(QString::number(spikes)));

    // A click on lif neuron 1 highlights the second trace of the state monitor recording 0-2...
    widgets::SpikeRasterView* raster = live.raster(QStringLiteral("raster"));
    widgets::TraceView* trace = live.trace(QStringLiteral("trace"));
    QCOMPARE(trace->highlightedTrace(), -1);
    emit raster->neuronClicked(0, 1);
    QCOMPARE(trace->highlightedTrace(), 1);
    QCOMPARE(trace->plot()->graph(2)->pen().widthF(), 2.6); // trace 1's line (each trace: line, markers)

    // Artefact: the input raster's dock (raster over rate), as on screen.
    QDockWidget* dock = w->findChild<QDockWidget*>(QStringLiteral("live:input_raster"));
    QVERIFY(dock);
    dock->raise();
    QTest::qWait(50);
    const QString out = QDir::currentPath() + QStringLiteral("/artefacts/");
    QVERIFY(QDir().mkpath(out));
    QVERIFY(dock->grab().save(out + QStringLiteral("view_layout_raster_rate.png")));
}

// A click on a neuron that no state monitor records adds it to the population's trace view while the
// network runs: paused at about 50 ms, neuron 150 joins, and from the resumed run on its trace holds the
// samples of the rest of the 200 ms (one per step: the first traces hold all of them).
void TestViewLayout::clickedNeuronJoinsTheTrace()
{
    auto w = makeWindow();
    QVERIFY(w->openFile(m_path));
    app::SimulationController& controller = w->runPanel().controller();
    app::LiveViews& live = w->runPanel().liveViews();
    QComboBox* speed = w->runPanel().speedBox();
    speed->setCurrentIndex(speed->findData(1.0)); // real time: 200 ms of network in 0.2 s
    w->runPanel().runAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(controller.simulatedTime() > 0.04, 10000);
    controller.pause();
    QTRY_COMPARE_WITH_TIMEOUT(controller.state(), app::SimulationController::State::Paused, 10000);
    const double pausedAt = controller.simulatedTime();
    widgets::SpikeRasterView* raster = live.raster(QStringLiteral("raster"));
    widgets::TraceView* trace = live.trace(QStringLiteral("trace"));
    QCOMPARE(trace->traceCount(), 3);
    emit raster->neuronClicked(0, 150);
    QCOMPARE(trace->traceCount(), 4);
    QCOMPARE(trace->highlightedTrace(), 3);
    QVERIFY2(w->statusBar()->currentMessage().startsWith(QStringLiteral("Neuron 150 of lif: traced in trace")),
             qPrintable(w->statusBar()->currentMessage()));
    speed->setCurrentIndex(speed->findData(0.0));
    controller.run();
    QTRY_COMPARE_WITH_TIMEOUT(controller.state(), app::SimulationController::State::Finished, kRunTimeoutMs);
    live.drain();
    const int all = trace->sampleCount(0), added = trace->sampleCount(3);
    QVERIFY(all > 0);
    // Its samples are those after the pause (NaN before, drawn as a gap): about (0.2 - pausedAt) / dt.
    int real = 0;
    for (int k = 0; k < added; ++k) real += !std::isnan(trace->plot()->graph(6)->data()->at(k)->value);
    const double expected = (0.2 - pausedAt) / 0.2 * all;
    QVERIFY2(qAbs(real - expected) <= 2, qPrintable(QStringLiteral("%1 samples, expected %2").arg(real).arg(expected)));
}

void TestViewLayout::dockLayoutComesBackOnNextRun()
{
    const QString saved = m_dir.filePath(QStringLiteral("docks.json"));
    {
        auto w = makeWindow();
        QVERIFY(w->openFile(m_path));
        runToEnd(*w);
        // The user closes the input raster and floats the trace, then saves.
        w->findChild<QDockWidget*>(QStringLiteral("live:input_raster"))->close();
        w->findChild<QDockWidget*>(QStringLiteral("live:trace"))->setFloating(true);
        QVERIFY(w->saveAs(saved));
        QVERIFY(!w->document().isModified());
        const QJsonObject view = w->viewState();
        QCOMPARE(view.value(QStringLiteral("live")).toArray(),
                 QJsonArray({QStringLiteral("live:raster"), QStringLiteral("live:trace")}));
        QVERIFY(!view.value(QStringLiteral("docks")).toString().isEmpty());
    }
    auto w = makeWindow();
    QVERIFY(w->openFile(saved));
    runToEnd(*w);
    QTRY_VERIFY(w->findChild<QDockWidget*>(QStringLiteral("live:input_raster"))->isHidden());
    QVERIFY(w->findChild<QDockWidget*>(QStringLiteral("live:trace"))->isFloating());
    QVERIFY(!w->findChild<QDockWidget*>(QStringLiteral("live:raster"))->isHidden());
    QVERIFY(!w->document().isModified());
}

QTEST_MAIN(TestViewLayout)
#include "test_view_layout.moc"
