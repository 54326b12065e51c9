// A saved training state tested from the workbench window (RunPanel::testWithState): the bundled
// Diehl & Cook document shrunk to 16 excitatory neurons, 30 MNIST digits to train, 30 to label and 20
// to test, trained with Run in one window, which saves digits.state beside the document. A second
// window opens the document again: the status bar says that a state is there, Run > Test with saved
// state loads it (the receptive fields show the learned weights, bit for bit) and runs only the test
// phase, and the result is exactly the one of the training run and of `spikestudio run --test-only`
// (same weights, thresholds, random streams and readout: with reset between samples nothing else
// carries over into the test). A state that is stale (a changed parameter), saved for another size,
// or not a state at all is refused with a message naming the file and what does not match, and the
// document (and the network already loaded) stay as they were. Screenshot: ./artefacts/.
#include "app/CommandLine.h"
#include "app/DocumentIo.h"
#include "app/HeadlessRunner.h"
#include "app/LiveViews.h"
#include "app/MainWindow.h"
#include "app/RunPanel.h"
#include "app/SimulationController.h"
#include "app/TrainingStateFile.h"
#include "models/Catalogue.h"
#include "models/GraphCompiler.h"
#include "models/TrainingState.h"
#include "widgets/AccuracyView.h"
#include "widgets/ConfusionMatrixView.h"
#include "widgets/ReceptiveFieldView.h"

#include "WorkbenchTestSupport.h"

#include <QAction>
#include <QDockWidget>
#include <QFile>
#include <QRegularExpression>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace ss;

namespace {

bool haveMnist()
{
    const QByteArray data = qgetenv("SPIKESTUDIO_DATA");
    return !data.isEmpty() && QFile::exists(QString::fromUtf8(data) + QStringLiteral("/mnist/train-images-idx3-ubyte"));
}

app::Document smallDocument(std::int64_t neurons, double tauM)
{
    app::Document doc = app::readDocument(QStringLiteral(SPIKESTUDIO_SOURCE_DIR "/resources/experiments/diehl_cook_100.json"));
    doc.graph.find("exc")->params["size"] = neurons;
    doc.graph.find("exc")->params["tau_m"] = tauM;
    doc.graph.find("inh")->params["size"] = neurons;
    auto& s = doc.graph.experiment.protocol->settings;
    s.trainCount = 30;
    s.labelCount = 30;
    s.testCount = 20;
    return doc;
}

// A shown window whose error prompt records the messages instead of blocking.
std::unique_ptr<app::MainWindow> window(const QString& recovery, QStringList& errors)
{
    auto w = std::make_unique<app::MainWindow>(recovery);
    w->prompts().unsavedChanges = [](const QString&) { return app::MainWindow::Prompts::Unsaved::Discard; };
    w->prompts().error = [&errors](const QString& m) { errors << m; };
    w->resize(1400, 900);
    w->show();
    if (!QTest::qWaitForWindowExposed(w.get())) return nullptr;
    return w;
}

} // namespace

class TestSavedStateWindow : public QObject {
    Q_OBJECT
private slots:
    void init()
    {
        if (!haveMnist()) QSKIP("the MNIST digits of the set-up are not present (SPIKESTUDIO_DATA)");
    }
    void testsTheSavedStateFromTheWindow();
};

void TestSavedStateWindow::testsTheSavedStateFromTheWindow()
{
    using State = app::SimulationController::State;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("SpikeStudioTests"));
    QCoreApplication::setApplicationName(QStringLiteral("test_saved_state_window"));
    const QString path = dir.filePath(QStringLiteral("digits.json"));
    app::saveDocument(smallDocument(16, 100.0), path);
    const QString statePath = app::trainingStatePath(path);
    const QString recovery = dir.filePath(QStringLiteral("recovery.json"));
    QStringList errors;

    // Train in a first window; it saves the state beside the document.
    std::optional<models::ProtocolResult> trained;
    {
        auto first = window(recovery, errors);
        QVERIFY(first && first->openFile(path));
        QVERIFY(!first->runPanel().testStateAction()->isEnabled()); // nothing saved yet
        QVERIFY(test::runToEnd(*first, 60000));
        trained = first->runPanel().controller().protocolResult();
        QVERIFY(trained && trained->tested == 20);
        QTRY_VERIFY(QFile::exists(statePath));
        QTRY_VERIFY(first->runPanel().testStateAction()->isEnabled());
    }

    // Reopen: the status bar offers the state.
    auto owned = window(recovery, errors);
    QVERIFY(owned && owned->openFile(path));
    app::MainWindow& w = *owned;
    app::RunPanel& panel = w.runPanel();
    app::SimulationController& controller = panel.controller();
    const QString offered = w.statusBar()->currentMessage();
    QVERIFY2(offered.contains(QStringLiteral("digits.state")) && offered.contains(QStringLiteral("Test with saved state")),
             qPrintable(offered));
    QVERIFY(panel.testStateAction()->isEnabled());
    QVERIFY(panel.loadStateAction()->isEnabled());

    // The learned weights, as a network of the document with the state applied holds them.
    const models::TrainingState state = app::loadTrainingState(statePath);
    const app::Document doc = app::readDocument(path);
    std::vector<float> learned;
    {
        models::GraphCompiler compiler(doc.graph, models::catalogue());
        models::CompiledNetwork net = compiler.compile();
        const auto& p = *doc.graph.experiment.protocol;
        models::ProtocolRunner runner(net, p.readoutLayer, p.settings, p.testSource, p.trainSource);
        models::applyState(state, models::graphHash(doc.graph), net, runner);
        net.projections.at("input_exc")->copyWeights(learned);
    }

    // One test sample, then paused (as Step): the fields already show the learned weights, and no
    // training sample was shown. Run goes on to the end.
    QVERIFY(panel.testWithState(statePath, true));
    QVERIFY(controller.testedFromState());
    QVERIFY(QTest::qWaitFor([&] { return controller.state() == State::Paused; }, 30000));
    const app::ProtocolStatus shown = controller.protocolStatus();
    QCOMPARE(shown.phase, std::string("test"));
    QCOMPARE(shown.sample, std::size_t(1));
    QCOMPARE(shown.total, std::size_t(20));
    widgets::ReceptiveFieldView* fields = panel.liveViews().fields(QStringLiteral("fields"));
    QVERIFY(fields);
    QTRY_VERIFY(fields->weights() == learned);
    QTRY_VERIFY(fields->isVisible()); // its dock in front of the raster it shares a tabbed area with
    panel.run();
    QVERIFY(QTest::qWaitFor([&] { return controller.state() == State::Finished; }, 60000));
    QVERIFY(fields->weights() == learned); // learning stays off in the test
    QVERIFY(fields->isVisible());
    auto* fieldsDock = w.findChild<QDockWidget*>(QStringLiteral("live:fields"));
    QVERIFY(fieldsDock && fieldsDock->isVisible());
    QVERIFY(fieldsDock->geometry().intersects(w.rect())); // in the window, in front of the raster
    const auto got = controller.protocolResult();
    QVERIFY(got.has_value());
    QCOMPARE(got->trainSamples, std::size_t(0));
    QCOMPARE(got->tested, std::size_t(20));
    // The test of the training run, exactly.
    QCOMPARE(got->correct, trained->correct);
    QCOMPARE(got->accuracy, trained->accuracy);
    QVERIFY((got->confusion == trained->confusion).all());

    // The command line's --test-only on the same files prints the same accuracy.
    QString out, err;
    {
        QTextStream o(&out), e(&err);
        QCOMPARE(app::runCommandLine({QStringLiteral("run"), path, QStringLiteral("--test-only")}, o, e), 0);
    }
    static const QRegularExpression line(QStringLiteral("test accuracy ([0-9.]+) % \\(([0-9]+) of 20"));
    const auto m = line.match(out);
    QVERIFY2(m.hasMatch(), qPrintable(out + err));
    qInfo("window: %zu of 20 (%.2f %%); --test-only: %s of 20 (%s %%)", got->correct, 100.0 * got->accuracy,
          qPrintable(m.captured(2)), qPrintable(m.captured(1)));
    QCOMPARE(m.captured(2).toULongLong(), static_cast<qulonglong>(got->correct));
    QCOMPARE(m.captured(1), QString::number(100.0 * got->accuracy, 'f', 2));

    // The live views: test points only, from 1 to 20 on the axis; the confusion matrix of the test.
    widgets::AccuracyView* accuracy = panel.liveViews().accuracy();
    widgets::ConfusionMatrixView* confusion = panel.liveViews().confusion();
    QVERIFY(accuracy && confusion);
    QTRY_COMPARE(accuracy->pointCount(QStringLiteral("test")), 20);
    QCOMPARE(accuracy->pointCount(QStringLiteral("train")), 0);
    QCOMPARE(accuracy->point(QStringLiteral("test"), 19).x(), 20.0);
    QCOMPARE(accuracy->point(QStringLiteral("test"), 19).y(), 100.0 * got->accuracy);
    QCOMPARE(confusion->total(), static_cast<int>(got->tested - got->unanswered));
    QTest::qWait(100);
    QVERIFY(test::saveArtefact(w, QStringLiteral("saved_state_window.png")));

    // The menu action, from the finished run: the same test again (the actions follow the state
    // through a queued signal).
    QTRY_VERIFY(panel.testStateAction()->isEnabled());
    panel.testStateAction()->trigger();
    QVERIFY(QTest::qWaitFor([&] { return controller.state() == State::Finished && controller.protocolResult(); }, 60000));
    QVERIFY(controller.testedFromState());
    QCOMPARE(controller.protocolResult()->correct, got->correct);

    // Not a state at all (Load training state...): refused, naming the file; the run on show stays.
    const QString bad = dir.filePath(QStringLiteral("bad.state"));
    QVERIFY(test::writeFile(bad, QByteArrayLiteral("not a training state")));
    w.prompts().openStateFileName = [&](const QString&) { return bad; };
    errors.clear();
    QTRY_VERIFY(panel.loadStateAction()->isEnabled());
    panel.loadStateAction()->trigger();
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors[0].contains(bad) && errors[0].contains(QStringLiteral("not a SpikeStudio training state")), qPrintable(errors[0]));
    QCOMPARE(controller.state(), State::Finished);
    QCOMPARE(controller.protocolResult()->correct, got->correct);

    // Stale: the same network with another membrane time constant, the state copied beside it.
    const QString stale = dir.filePath(QStringLiteral("stale.json"));
    app::saveDocument(smallDocument(16, 90.0), stale);
    QVERIFY(QFile::copy(statePath, app::trainingStatePath(stale)));
    QVERIFY(w.openFile(stale));
    QVERIFY2(w.statusBar()->currentMessage().contains(QStringLiteral("stale")), qPrintable(w.statusBar()->currentMessage()));
    const models::Graph before = w.document().graph();
    errors.clear();
    QVERIFY(!panel.testWithState(app::trainingStatePath(stale)));
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors[0].contains(app::trainingStatePath(stale)) && errors[0].contains(QStringLiteral("stale")) &&
                 errors[0].contains(QStringLiteral("another version")),
             qPrintable(errors[0]));
    QCOMPARE(controller.state(), State::Empty);
    QVERIFY(!w.document().isModified());
    QCOMPARE(models::graphHash(w.document().graph()), models::graphHash(before));

    // Another size: the message names the synapse node and both weight counts (784 x 16, 784 x 12).
    const QString other = dir.filePath(QStringLiteral("other.json"));
    app::saveDocument(smallDocument(12, 100.0), other);
    QVERIFY(QFile::copy(statePath, app::trainingStatePath(other)));
    QVERIFY(w.openFile(other));
    errors.clear();
    QVERIFY(panel.testStateAction()->isEnabled());
    panel.testStateAction()->trigger();
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors[0].contains(app::trainingStatePath(other)) && errors[0].contains(QStringLiteral("'input_exc'")) &&
                 errors[0].contains(QStringLiteral("12544")) && errors[0].contains(QStringLiteral("9408")),
             qPrintable(errors[0]));
    QCOMPARE(controller.state(), State::Empty);
    QVERIFY(!w.document().isModified());
}

QTEST_MAIN(TestSavedStateWindow)
#include "test_saved_state_window.moc"
