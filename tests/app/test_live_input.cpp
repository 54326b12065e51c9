// The input view and parameter changes of a live run in the workbench window (offscreen):
//  - the Diehl & Cook document (real MNIST digits) run for a few samples and paused: the input dock
//    shows the sample the worker presented (its label and pixels equal the source's sample at that
//    index) and the encoder's spikes for it (none from a black pixel, the total near the Poisson
//    expectation);
//  - the live test document (CUBA LIF layer whose rest potential lies above its threshold): raising
//    v_th above reach while paused is adopted by the running network, and no neuron fires after Run;
//  - a structural edit while paused (a layer's size) asks for a restart and leaves the running network
//    as it was; Run then restarts from the edited document.
// A picture of the input dock goes to ./artefacts/.
#include "app/EditCommands.h"
#include "app/GraphDocument.h"
#include "app/LiveViews.h"
#include "app/MainWindow.h"
#include "app/RunPanel.h"
#include "app/SimulationController.h"
#include "widgets/InputView.h"

#include "LiveTestDocument.h"
#include "WorkbenchTestSupport.h"

#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QMenu>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cmath>
#include <mutex>

using namespace ss;
using State = app::SimulationController::State;

namespace {

constexpr int kTimeoutMs = 60000;

// Weighted sum of the grey levels of an image, so that a moved pixel changes it too.
quint64 checksum(const QImage& image)
{
    quint64 sum = 0, k = 1;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) sum += static_cast<quint64>(qGray(image.pixel(x, y))) * k++;
    return sum;
}

} // namespace

class TestLiveInput : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void inputViewShowsThePresentedSample();
    void thresholdRaisedWhilePausedSilencesTheLayer();
    void structuralEditWhilePausedAsksForRestart();

private:
    std::unique_ptr<app::MainWindow> open(const QByteArray& content, const QString& name);
    QTemporaryDir m_dir;
};

void TestLiveInput::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("SpikeStudioTests"));
    QCoreApplication::setApplicationName(QStringLiteral("test_live_input"));
}

std::unique_ptr<app::MainWindow> TestLiveInput::open(const QByteArray& content, const QString& name)
{
    const QString path = content.isEmpty() ? name : m_dir.filePath(name);
    if (!content.isEmpty() && !test::writeFile(path, content)) return nullptr;
    return test::openInWorkbench(path, m_dir.filePath(QFileInfo(name).fileName() + QStringLiteral(".recovery")),
                                 {1500, 900});
}

void TestLiveInput::inputViewShowsThePresentedSample()
{
    auto window = open({}, QStringLiteral(SPIKESTUDIO_SOURCE_DIR "/resources/experiments/diehl_cook_100.json"));
    QVERIFY(window);
    app::RunPanel& panel = window->runPanel();
    app::SimulationController& controller = panel.controller();
    panel.runAction()->trigger();
    QVERIFY(panel.liveViews().inputDock());
    widgets::InputView* view = panel.liveViews().input();
    QVERIFY(view);
    QTRY_VERIFY_WITH_TIMEOUT(controller.protocolStatus().sample >= 3, kTimeoutMs);
    QTRY_VERIFY(panel.pauseAction()->isEnabled());
    panel.pauseAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(controller.state(), State::Paused, kTimeoutMs);
    panel.liveViews().drain();

    // The last presentation, complete: the worker pauses between two samples.
    sim::InputSnapshot* input = controller.input();
    QVERIFY(input);
    sim::InputPresentation p;
    std::vector<float> counts;
    {
        std::lock_guard lock(input->mutex);
        p = input->presentation;
        counts = input->counts;
        QCOMPARE(input->counted, p.steps);
    }
    QCOMPARE(QString::fromStdString(p.phase), QStringLiteral("train"));
    QCOMPARE(p.steps, sim::Step{700}); // 350 ms at dt = 0.5 ms
    const models::DataSource& digits = *controller.compiled()->sources.at("digits");
    QCOMPARE(view->label(), digits.label(p.index));
    QVERIFY(view->caption().contains(QStringLiteral("train #%1, label %2").arg(p.index).arg(digits.label(p.index))));
    Eigen::ArrayXd sample;
    digits.sample(p.index, sample);
    QImage expected(28, 28, QImage::Format_RGB32);
    for (int y = 0; y < 28; ++y)
        for (int x = 0; x < 28; ++x) {
            const int g = static_cast<int>(std::lround(sample[y * 28 + x] * 255.0));
            expected.setPixel(x, y, qRgb(g, g, g));
        }
    QCOMPARE(view->sampleImage().size(), QSize(28, 28));
    QCOMPARE(checksum(view->sampleImage()), checksum(expected));

    // Poisson encoding (PoissonEncoder.h): input i fires in each step with probability
    // p_i = min(1, k max_rate v_i dt), k the intensity: never for a black pixel; the total over the
    // presentation is a sum of binomials, mean T sum p_i and variance T sum p_i (1 - p_i). Within 5 sigma.
    QCOMPARE(counts.size(), std::size_t{784});
    double mean = 0.0, variance = 0.0, total = 0.0;
    for (std::size_t i = 0; i < counts.size(); ++i) {
        const double pi = std::min(1.0, p.intensity * 63.75 * sample[static_cast<Eigen::Index>(i)] * 0.5e-3);
        if (pi == 0.0) QCOMPARE(counts[i], 0.0f);
        mean += pi * static_cast<double>(p.steps);
        variance += pi * (1.0 - pi) * static_cast<double>(p.steps);
        total += counts[i];
    }
    qInfo("sample %zu (label %d, intensity %.2f): %.0f input spikes, expected %.1f +- %.1f", p.index, p.label,
          p.intensity, total, mean, std::sqrt(variance));
    QVERIFY(std::abs(total - mean) <= 5.0 * std::sqrt(variance));
    QCOMPARE(view->spikeTotal(), total);
    QVERIFY(test::saveArtefact(*panel.liveViews().inputDock(), QStringLiteral("input_view.png")));
    // Right click, Export...: the figure as PNG, like every live view.
    app::LiveViews& views = panel.liveViews();
    views.exportDialog = [](widgets::FigureExportRequest& r) {
        r.spec.format = widgets::FigureFormat::Png;
        r.csv = false;
        return true;
    };
    const QString png = m_dir.filePath(QStringLiteral("input.png"));
    views.exportFileName = [&](const QString&) { return png; };
    QTimer::singleShot(0, this, [] {
        if (auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget())) {
            for (QAction* a : menu->actions())
                if (a->text() == QStringLiteral("Export...")) a->trigger();
            menu->close();
        }
    });
    emit view->customContextMenuRequested(QPoint(10, 10));
    QVERIFY(!QImage(png).isNull());

    // The input rate edited while paused goes to the running encoder (the document compiles again to
    // validate it: the time that takes is reported, not asserted).
    QElapsedTimer timer;
    timer.start();
    window->document().setParam("input", "max_rate", models::ParamValue{80.0});
    qInfo("edit checked and queued in %lld ms", static_cast<long long>(timer.elapsed()));
    QVERIFY(!panel.needsLoad());
    QTRY_COMPARE(controller.parameterChanges(), std::uint64_t{1});
    panel.stopAction()->trigger();
}

void TestLiveInput::thresholdRaisedWhilePausedSilencesTheLayer()
{
    auto window = open(test::liveTestDocument(1000), QStringLiteral("threshold.json"));
    QVERIFY(window);
    app::RunPanel& panel = window->runPanel();
    app::SimulationController& controller = panel.controller();
    panel.speedBox()->setCurrentIndex(2); // 1x real time: time to pause in the first half
    panel.runAction()->trigger();
    QVERIFY(!panel.liveViews().inputDock()); // an encoder without a data source
    QTRY_VERIFY_WITH_TIMEOUT(controller.simulatedTime() >= 0.2, kTimeoutMs);
    QTRY_VERIFY(panel.pauseAction()->isEnabled());
    panel.pauseAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(controller.state(), State::Paused, kTimeoutMs);
    const double paused = controller.simulatedTime();
    QVERIFY(paused < 0.9);
    app::LiveChannel* raster = nullptr;
    for (app::LiveChannel* c : controller.channels())
        if (c->node == "raster") raster = c;
    QVERIFY(raster);
    const std::uint64_t before = raster->produced.load();
    // E_L = -49 mV lies above v_th = -50 mV: from v_reset = -60 mV the leak alone reaches the threshold
    // in tau_m ln((E_L - v_reset) / (E_L - v_th)) = 20 ms ln 11 = 47.96 ms, plus t_ref = 5 ms, and the
    // excitatory input only shortens that; v starts between v_reset and v_th. So each of the 200 neurons
    // fires at least once in every 53 ms (one step more for the step grid: 53.1 ms).
    const auto floor = static_cast<std::uint64_t>(200 * std::floor(paused / 0.0531));
    qInfo("%llu spikes in the first %.3f s (at least %llu)", static_cast<unsigned long long>(before), paused,
          static_cast<unsigned long long>(floor));
    QVERIFY(before >= floor);

    // v_th = 0 mV: 49 mV above E_L, while the input moves v by about rate x inputs x w x tau_syn =
    // 20 Hz x 10 x 1 mV x 5 ms = 1 mV on average: out of reach, no spike after the change.
    app::GraphDocument& doc = window->document();
    doc.undoStack()->push(new app::SetParamCommand(doc, {"lif"}, "v_th", models::ParamValue{0.0}));
    QVERIFY(!panel.needsLoad());
    QVERIFY(window->statusBar()->currentMessage().contains(QStringLiteral("Applied to the running network")));
    QTRY_COMPARE(controller.parameterChanges(), std::uint64_t{1});
    QTRY_VERIFY(panel.runAction()->isEnabled()); // once the Paused state reached the GUI thread
    panel.runAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(controller.state(), State::Finished, kTimeoutMs);
    qInfo("%llu spikes in the %.3f s after the change", static_cast<unsigned long long>(raster->produced.load() - before),
          controller.simulatedTime() - paused);
    QCOMPARE(raster->produced.load(), before);

    // Back to -50 mV (undo): adopted again, the layer fires again in a new run.
    doc.undoStack()->undo();
    QTRY_COMPARE(controller.parameterChanges(), std::uint64_t{2});
    QTRY_VERIFY(panel.runAction()->isEnabled());
    panel.speedBox()->setCurrentIndex(4);
    panel.runAction()->trigger();
    // A whole second from t = 0: at least 200 x floor(1 s / 53.1 ms) = 3600 spikes (bound above).
    QTRY_VERIFY_WITH_TIMEOUT(raster->produced.load() >= before + 200 * 18, kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(controller.state(), State::Finished, kTimeoutMs);
}

void TestLiveInput::structuralEditWhilePausedAsksForRestart()
{
    auto window = open(test::liveTestDocument(1000), QStringLiteral("structure.json"));
    QVERIFY(window);
    app::RunPanel& panel = window->runPanel();
    app::SimulationController& controller = panel.controller();
    panel.speedBox()->setCurrentIndex(2);
    panel.runAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(controller.simulatedTime() >= 0.1, kTimeoutMs);
    QTRY_VERIFY(panel.pauseAction()->isEnabled());
    panel.pauseAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(controller.state(), State::Paused, kTimeoutMs);
    const models::CompiledNetwork* running = controller.compiled();
    const double paused = controller.simulatedTime();

    window->document().setParam("lif", "size", models::ParamValue{std::int64_t{150}});
    QVERIFY(panel.needsLoad());
    const QString message = window->statusBar()->currentMessage();
    QVERIFY2(message.contains(QStringLiteral("must be recompiled")) && message.contains(QStringLiteral("Run restarts")),
             qPrintable(message));
    QVERIFY(message.contains(QStringLiteral("'lif' (size)")));
    // Nothing reached the running network: same network, same size, no change adopted, same time.
    QTest::qWait(100);
    QCOMPARE(controller.compiled(), running);
    QCOMPARE(controller.compiled()->populations.at("lif")->size(), sim::Index{200});
    QCOMPARE(controller.parameterChanges(), std::uint64_t{0});
    QCOMPARE(controller.state(), State::Paused);
    QCOMPARE(controller.simulatedTime(), paused);
    // A parameter edit after that waits for the restart as well.
    window->document().setParam("lif", "v_th", models::ParamValue{-45.0});
    QCOMPARE(controller.parameterChanges(), std::uint64_t{0});

    // Run restarts from the edited document.
    QTRY_VERIFY(panel.runAction()->isEnabled());
    panel.runAction()->trigger();
    QVERIFY(!panel.needsLoad());
    QCOMPARE(controller.compiled()->populations.at("lif")->size(), sim::Index{150});
    QTRY_COMPARE(controller.state(), State::Running);
    panel.stopAction()->trigger();
}

QTEST_MAIN(TestLiveInput)
#include "test_live_input.moc"
