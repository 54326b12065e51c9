// The workbench window driven as a user would, on the offscreen platform: drop from the palette,
// wire by dragging between ports, delete / undo / redo, copy and paste, edit in the inspector, open a
// malformed file, and recover after a crash.
#include "app/DocumentEditor.h"
#include "app/MainWindow.h"
#include "app/Recovery.h"
#include "widgets/InspectorWidget.h"
#include "widgets/NodeGraphView.h"
#include "widgets/PaletteWidget.h"

#include <QDropEvent>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ss;

class TestWorkbench : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void dropFromPaletteCreatesNodeAtDropPoint();
    void dragBetweenPortsCreatesOnlyCompatibleWires();
    void deleteUndoRedoRestoreTheExactDocument();
    void copyPasteKeepsInnerWires();
    void inspectorEditReachesDocument();
    void malformedFileLeavesDocumentUntouched();
    void recoveryFileIsWrittenAndOffered();

private:
    std::unique_ptr<app::MainWindow> makeWindow();
    QString dropNode(app::MainWindow& w, const QString& type, QPoint viewPos);
    void drag(app::MainWindow& w, QPointF fromScene, QPointF toScene);
    QTemporaryDir m_dir;
};

void TestWorkbench::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("SpikeStudioTests"));
    QCoreApplication::setApplicationName(QStringLiteral("test_workbench"));
}

std::unique_ptr<app::MainWindow> TestWorkbench::makeWindow()
{
    auto w = std::make_unique<app::MainWindow>(m_dir.filePath(QStringLiteral("recovery.json")));
    w->prompts().unsavedChanges = [](const QString&) { return app::MainWindow::Prompts::Unsaved::Discard; };
    w->prompts().error = [](const QString&) {};
    w->resize(1400, 900);
    w->show();
    if (!QTest::qWaitForWindowExposed(w.get())) qWarning("window not exposed");
    return w;
}

// Drops a palette entry on the canvas as a drag from the palette would, and returns the new node's id.
QString TestWorkbench::dropNode(app::MainWindow& w, const QString& type, QPoint viewPos)
{
    std::unique_ptr<QMimeData> mime(w.palette().mimeDataFor(type));
    const int before = static_cast<int>(w.document().graph().nodes.size());
    QDragEnterEvent enter(viewPos, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(w.canvas().viewport(), &enter);
    QDragMoveEvent move(viewPos, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(w.canvas().viewport(), &move);
    QDropEvent drop(viewPos, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(w.canvas().viewport(), &drop);
    const auto& nodes = w.document().graph().nodes;
    if (static_cast<int>(nodes.size()) != before + 1) return {};
    return QString::fromStdString(nodes.back().id);
}

void TestWorkbench::drag(app::MainWindow& w, QPointF fromScene, QPointF toScene)
{
    QWidget* vp = w.canvas().viewport();
    const QPoint a = w.canvas().mapFromScene(fromScene), b = w.canvas().mapFromScene(toScene);
    QTest::mousePress(vp, Qt::LeftButton, Qt::NoModifier, a);
    for (int k = 1; k <= 8; ++k) {
        QMouseEvent ev(QEvent::MouseMove, a + (b - a) * k / 8, vp->mapToGlobal(a + (b - a) * k / 8), Qt::NoButton,
                       Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(vp, &ev);
    }
    QTest::mouseRelease(vp, Qt::LeftButton, Qt::NoModifier, b);
}

void TestWorkbench::dropFromPaletteCreatesNodeAtDropPoint()
{
    auto w = makeWindow();
    const QPoint at(400, 300);
    const QPointF expected = w->canvas().mapToScene(at);
    const QString id = dropNode(*w, QStringLiteral("layer.lif"), at);
    QCOMPARE(id, QStringLiteral("lif"));
    const models::Node* n = w->document().node("lif");
    // The drop point, snapped to the 10-px grid.
    QVERIFY2(std::abs(n->x - expected.x()) <= 5.0 && std::abs(n->y - expected.y()) <= 5.0,
             qPrintable(QStringLiteral("%1,%2 vs %3,%4").arg(n->x).arg(n->y).arg(expected.x()).arg(expected.y())));
    QVERIFY(w->isWindowModified());
}

void TestWorkbench::dragBetweenPortsCreatesOnlyCompatibleWires()
{
    auto w = makeWindow();
    const QString input = dropNode(*w, QStringLiteral("encoder.poisson"), {200, 300});
    const QString syn = dropNode(*w, QStringLiteral("synapses.sparse"), {500, 300});
    const QString stim = dropNode(*w, QStringLiteral("stimulus.step"), {200, 550});
    QVERIFY(!input.isEmpty() && !syn.isEmpty() && !stim.isEmpty());
    // Compatible: spikes out -> spikes in.
    drag(*w, w->canvas().portScenePos(input, QStringLiteral("out")), w->canvas().portScenePos(syn, QStringLiteral("pre")));
    QCOMPARE(w->document().graph().wires.size(), std::size_t{1});
    // Incompatible: current out -> the synapses' rule input: refused, nothing added.
    drag(*w, w->canvas().portScenePos(stim, QStringLiteral("current")), w->canvas().portScenePos(syn, QStringLiteral("rule")));
    QCOMPARE(w->document().graph().wires.size(), std::size_t{1});
}

void TestWorkbench::deleteUndoRedoRestoreTheExactDocument()
{
    auto w = makeWindow();
    const QString a = dropNode(*w, QStringLiteral("encoder.poisson"), {200, 300});
    const QString b = dropNode(*w, QStringLiteral("synapses.dense"), {500, 300});
    drag(*w, w->canvas().portScenePos(a, QStringLiteral("out")), w->canvas().portScenePos(b, QStringLiteral("pre")));
    const QByteArray before = w->document().toJson();
    w->canvas().selectNodes({a});
    w->editor().deleteSelection();
    QVERIFY(w->document().graph().wires.empty());
    const QByteArray deleted = w->document().toJson();
    w->document().undoStack()->undo();
    QCOMPARE(w->document().toJson(), before);
    w->document().undoStack()->redo();
    QCOMPARE(w->document().toJson(), deleted);
    w->document().undoStack()->undo();
    QCOMPARE(w->document().toJson(), before);
}

void TestWorkbench::copyPasteKeepsInnerWires()
{
    auto w = makeWindow();
    const QString a = dropNode(*w, QStringLiteral("encoder.poisson"), {200, 300});
    const QString b = dropNode(*w, QStringLiteral("synapses.dense"), {500, 300});
    const QString c = dropNode(*w, QStringLiteral("layer.lif"), {800, 300});
    drag(*w, w->canvas().portScenePos(a, QStringLiteral("out")), w->canvas().portScenePos(b, QStringLiteral("pre")));
    drag(*w, w->canvas().portScenePos(b, QStringLiteral("post")), w->canvas().portScenePos(c, QStringLiteral("in")));
    QCOMPARE(w->document().graph().wires.size(), std::size_t{2});
    w->canvas().selectNodes({a, b});
    w->editor().copySelection();
    w->editor().paste();
    QCOMPARE(w->document().graph().nodes.size(), std::size_t{5});
    // The pasted pair keeps its inner wire; the wire to the unselected layer is not copied.
    QCOMPARE(w->document().graph().wires.size(), std::size_t{3});
    const auto& last = w->document().graph().wires.back();
    QVERIFY(last.from.node != a.toStdString() && last.to.node != b.toStdString());
    QCOMPARE(last.from.port, std::string("out"));
    QCOMPARE(last.to.port, std::string("pre"));
    w->document().undoStack()->undo();
    QCOMPARE(w->document().graph().nodes.size(), std::size_t{3});
}

void TestWorkbench::inspectorEditReachesDocument()
{
    auto w = makeWindow();
    const QString id = dropNode(*w, QStringLiteral("layer.lif"), {400, 300});
    w->canvas().selectNodes({id});
    QCoreApplication::processEvents();
    auto* field = qobject_cast<QLineEdit*>(w->inspector().editorFor(QStringLiteral("tau_m")));
    QVERIFY(field);
    field->selectAll();
    QTest::keyClicks(field, QStringLiteral("35"));
    QTest::keyClick(field, Qt::Key_Return);
    const models::Node* n = w->document().node(id.toStdString());
    QVERIFY(n->params.count("tau_m"));
    QCOMPARE(std::get<double>(n->params.at("tau_m")), 35.0);
    w->document().undoStack()->undo();
    QVERIFY(!w->document().node(id.toStdString())->params.count("tau_m"));
}

void TestWorkbench::malformedFileLeavesDocumentUntouched()
{
    auto w = makeWindow();
    dropNode(*w, QStringLiteral("layer.lif"), {400, 300});
    const QByteArray before = w->document().toJson();
    const QString bad = m_dir.filePath(QStringLiteral("bad.json"));
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"format\": \"spikestudio\", \"version\": 1, \"nodes\": [ {\"id\": \"x\", \"type\": \"layer.nope\"} ]}");
    f.close();
    QString shown;
    w->prompts().error = [&](const QString& m) { shown = m; };
    w->prompts().unsavedChanges = [](const QString&) { return app::MainWindow::Prompts::Unsaved::Discard; };
    QVERIFY(!w->openFile(bad));
    QVERIFY2(shown.contains(bad) && shown.contains(QStringLiteral("node 'x'")) && shown.contains(QStringLiteral("layer.nope")),
             qPrintable(shown));
    QCOMPARE(w->document().toJson(), before);
}

void TestWorkbench::recoveryFileIsWrittenAndOffered()
{
    const QString path = m_dir.filePath(QStringLiteral("recovery.json"));
    QByteArray crashed;
    {
        auto w = makeWindow();
        w->recovery().setInterval(50);
        dropNode(*w, QStringLiteral("layer.izhikevich"), {300, 300});
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(path), 3000);
        crashed = w->document().toJson();
        // A crash: the window goes away without a normal close, leaving the recovery file.
        w->prompts().unsavedChanges = [](const QString&) { return app::MainWindow::Prompts::Unsaved::Discard; };
        w->recovery().setInterval(3600 * 1000);
        w.release()->deleteLater();
    }
    QVERIFY(QFile::exists(path));
    auto w = std::make_unique<app::MainWindow>(path);
    bool offered = false;
    w->prompts().restoreRecovery = [&](const QString&) { return offered = true; };
    w->offerRecovery();
    QVERIFY(offered);
    QCOMPARE(w->document().toJson(), crashed);
    QVERIFY(w->document().isModified());
}

QTEST_MAIN(TestWorkbench)
#include "test_workbench.moc"
