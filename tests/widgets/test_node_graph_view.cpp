// The node-graph canvas driven with real mouse, wheel, key and drop events on the offscreen platform:
// its items follow the model, and each gesture gives exactly the request it should (the fake model
// answers the requests, so the round trip back to the items is checked too). The expected numbers come
// from the geometry of the test itself: grid snapping rounds to the nearest multiple of 10 px, a wheel
// notch multiplies the zoom by 1.15, and positions are compared to 1 px (the scroll offsets are whole
// pixels, so the mapping view -> scene is exact only to half a pixel).
#include "tests/widgets/FakeGraphModel.h"
#include "widgets/NodeGraphItems.h"
#include "widgets/NodeGraphView.h"

#include <QMimeData>
#include <QSignalSpy>
#include <QTest>

#include <cmath>
#include <memory>

using namespace ss::widgets;

namespace {

// input -> encoder -> synapses -> layer -> monitor, with a learning rule on the synapses; the
// encoder's output is left open for the connection tests.
struct Fixture {
    std::unique_ptr<FakeGraphModel> model = std::make_unique<FakeGraphModel>();
    std::unique_ptr<NodeGraphView> view = std::make_unique<NodeGraphView>();

    Fixture()
    {
        model->reset({FakeGraphModel::make("mnist", "source.idx", {0, 0}, "MNIST, 1x28x28"),
                      FakeGraphModel::make("poisson", "encoder.poisson", {260, 0}, "Poisson, 784 neurons"),
                      FakeGraphModel::make("syn", "synapses.dense", {520, 0}, "Dense, 784 -> 100"),
                      FakeGraphModel::make("lif", "layer.lif", {780, 0}, "LIF, 100 neurons"),
                      FakeGraphModel::make("stdp", "rule.stdp", {300, 180}, "Pair STDP"),
                      FakeGraphModel::make("raster", "monitor.raster", {1040, 0}, "Spike raster")},
                     {{"mnist", "samples", "poisson", "samples", "1x28x28"},
                      {"syn", "post", "lif", "in", "100"},
                      {"stdp", "rule", "syn", "rule", ""},
                      {"lif", "out", "raster", "spikes", "100"}},
                     {{"n1", "Poisson rates follow pixel intensity.", {0, 200}},
                      {"n2", "", {700, 200}}});
        model->follow(*view);
        view->setModel(model.get());
        view->resize(1300, 500);
        view->show();
        QVERIFY(QTest::qWaitForWindowExposed(view.get()));
        view->centerOn(600, 120);
    }
    QPoint viewPos(QPointF scenePos) const { return view->mapFromScene(scenePos); }
    QPoint portPos(const QString& node, const QString& port) const
    {
        return viewPos(view->portScenePos(node, port));
    }
    // A point on the node's body below the header and away from its ports.
    QPoint bodyPos(const QString& node) const
    {
        return viewPos(view->nodeItem(node)->mapToScene(QPointF(60.0, NodeItem::HeaderHeight + 8.0)));
    }
    void drag(QPoint from, QPoint to, int steps = 6) const
    {
        QWidget* vp = view->viewport();
        QTest::mousePress(vp, Qt::LeftButton, Qt::NoModifier, from);
        for (int i = 1; i <= steps; ++i)
            QTest::mouseMove(vp, from + (to - from) * i / steps);
        QTest::mouseRelease(vp, Qt::LeftButton, Qt::NoModifier, to);
    }
};

} // namespace

class TestNodeGraphView : public QObject {
    Q_OBJECT
private slots:
    void itemsMatchModel();
    void dropCreatesNodeAtDropPoint();
    void wireBetweenCompatiblePorts();
    void wireBetweenIncompatiblePortsRefused();
    void wireDraggedOffInputDisconnects();
    void nodeDragIsOneSnappedMove();
    void deleteKeyDeletesSelection();
    void wheelZoomKeepsPointUnderCursor();
    void fittedViewStaysFittedUntilZoomed();
    void problemsShowAsTooltip();
    void sceneFollowsModel();
    void renameByDoubleClickOnTitle();
    void deleteKeyOnSelectedWireDisconnects();
    void noteEditedInPlace();
};

void TestNodeGraphView::itemsMatchModel()
{
    Fixture f;
    // The fixture declares 6 nodes, 4 wires and 2 notes.
    QCOMPARE(f.view->nodeItemCount(), 6);
    QCOMPARE(f.view->wireItemCount(), 4);
    QCOMPARE(f.view->noteItemCount(), 2);
    QCOMPARE(f.view->nodeItem("syn")->content().ports.size(), 3);
    QCOMPARE(f.view->nodeItem("lif")->pos(), QPointF(780, 0));
    QCOMPARE(f.view->nodeItem("lif")->content().summary, QString("LIF, 100 neurons"));
    QCOMPARE(f.view->noteItem("n1")->text(), QString("Poisson rates follow pixel intensity."));
}

void TestNodeGraphView::dropCreatesNodeAtDropPoint()
{
    Fixture f;
    f.view->zoomBy(1.3, QPoint(100, 100)); // a mapping other than the identity
    QSignalSpy created(f.view.get(), &NodeGraphView::createNodeRequested);
    auto* mime = new QMimeData;
    mime->setData(NodeGraphView::NodeTypeMime, QByteArrayLiteral("layer.izhikevich"));
    const QPoint dropAt(412, 233);
    QDropEvent drop(QPointF(dropAt), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    // As a real drag does: the enter event makes the viewport the drop target, then the drop.
    QDragEnterEvent enter(dropAt, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(f.view->viewport(), &enter);
    QVERIFY(enter.isAccepted());
    QCoreApplication::sendEvent(f.view->viewport(), &drop);
    QCOMPARE(created.count(), 1);
    QCOMPARE(created[0][0].toString(), QString("layer.izhikevich"));
    const QPointF expected = f.view->mapToScene(dropAt); // Qt's own view -> scene mapping
    const QPointF got = created[0][1].toPointF();
    QVERIFY2(std::abs(got.x() - expected.x()) <= 1.0 && std::abs(got.y() - expected.y()) <= 1.0,
             qPrintable(QString("drop at (%1, %2), expected (%3, %4)")
                            .arg(got.x()).arg(got.y()).arg(expected.x()).arg(expected.y())));
    // The fake answered: one more node, where it was dropped.
    QCOMPARE(f.view->nodeItemCount(), 7);
    QCOMPARE(f.view->nodeItem("izhikevich1")->pos(), got);
    delete mime;
}

void TestNodeGraphView::wireBetweenCompatiblePorts()
{
    Fixture f;
    QVector<WireView> requested;
    QObject::connect(f.view.get(), &NodeGraphView::connectRequested, [&](const WireView& w) { requested << w; });
    QSignalSpy refused(f.view.get(), &NodeGraphView::statusMessage);
    f.drag(f.portPos("poisson", "out"), f.portPos("syn", "pre"));
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested[0], (WireView{"poisson", "out", "syn", "pre", {}}));
    QCOMPARE(refused.count(), 0);
    QCOMPARE(f.view->wireItemCount(), 5);
    // Backwards, from an input port to an output port, gives the same wire direction.
    requested.clear();
    f.model->removeWire({"lif", "out", "raster", "spikes", {}});
    f.drag(f.portPos("raster", "spikes"), f.portPos("poisson", "out"));
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested[0], (WireView{"poisson", "out", "raster", "spikes", {}}));
    QCOMPARE(f.view->wireItemCount(), 5);
}

void TestNodeGraphView::wireBetweenIncompatiblePortsRefused()
{
    Fixture f;
    QSignalSpy connected(f.view.get(), &NodeGraphView::connectRequested);
    QSignalSpy status(f.view.get(), &NodeGraphView::statusMessage);
    QWidget* vp = f.view->viewport();
    const QPoint from = f.portPos("mnist", "labels"), to = f.portPos("lif", "in");
    QTest::mousePress(vp, Qt::LeftButton, Qt::NoModifier, from);
    QTest::mouseMove(vp, (from + to) / 2);
    // While dragging, the ports the model accepts are marked and the others dimmed.
    QCOMPARE(f.view->nodeItem("lif")->port("in", false)->mark(), PortItem::Mark::Refused);
    QCOMPARE(f.view->nodeItem("mnist")->port("samples", true)->mark(), PortItem::Mark::Refused);
    QTest::mouseMove(vp, to);
    QTest::mouseRelease(vp, Qt::LeftButton, Qt::NoModifier, to);
    QCOMPARE(connected.count(), 0);
    QVERIFY(status.count() >= 1);
    const QString reason = f.model->canConnect("mnist", "labels", "lif", "in");
    QVERIFY(!reason.isEmpty());
    QCOMPARE(status.last()[0].toString(), reason);
    QCOMPARE(f.view->wireItemCount(), 4);
    QCOMPARE(f.view->nodeItem("lif")->port("in", false)->mark(), PortItem::Mark::Normal);
}

void TestNodeGraphView::wireDraggedOffInputDisconnects()
{
    Fixture f;
    QVector<WireView> dropped;
    QObject::connect(f.view.get(), &NodeGraphView::disconnectRequested, [&](const WireView& w) { dropped << w; });
    const QPoint in = f.portPos("raster", "spikes");
    f.drag(in, in + QPoint(60, 140)); // onto empty canvas
    QCOMPARE(dropped.size(), 1);
    QCOMPARE(dropped[0], (WireView{"lif", "out", "raster", "spikes", {}}));
    QCOMPARE(f.view->wireItemCount(), 3);
}

void TestNodeGraphView::nodeDragIsOneSnappedMove()
{
    Fixture f;
    QVector<QMap<QString, QPointF>> moves;
    QObject::connect(f.view.get(), &NodeGraphView::moveRequested,
                     [&](const QMap<QString, QPointF>& nodes, const QMap<QString, QPointF>&) { moves << nodes; });
    const QPoint start = f.bodyPos("lif");
    f.drag(start, start + QPoint(37, 23), 8);
    // One request for the whole drag: (780, 0) + (37, 23) = (817, 23), snapped to the 10 px grid.
    QCOMPARE(moves.size(), 1);
    QCOMPARE(moves[0].size(), 1);
    QCOMPARE(moves[0].value("lif"), QPointF(820, 20));
    QCOMPARE(f.view->nodeItem("lif")->pos(), QPointF(820, 20));
    // The wires followed the node: the end of syn -> lif is at the moved port.
    const auto wires = f.view->nodeItem("lif")->wires();
    QCOMPARE(wires.size(), 2);

    f.view->setSnapToGrid(false);
    f.drag(f.bodyPos("lif"), f.bodyPos("lif") + QPoint(-13, 4), 4);
    QCOMPARE(moves.size(), 2);
    QCOMPARE(moves[1].value("lif"), QPointF(807, 24));
}

void TestNodeGraphView::deleteKeyDeletesSelection()
{
    Fixture f;
    QSignalSpy deleted(f.view.get(), &NodeGraphView::deleteRequested);
    f.view->selectNodes({"lif"});
    QCOMPARE(f.view->selectedNodes(), QStringList{"lif"});
    f.view->setFocus();
    QTest::keyClick(f.view.get(), Qt::Key_Delete);
    QCOMPARE(deleted.count(), 1);
    QCOMPARE(deleted[0][0].toStringList(), QStringList{"lif"});
    // The fake removed lif and its two wires (syn -> lif, lif -> raster).
    QCOMPARE(f.view->nodeItemCount(), 5);
    QCOMPARE(f.view->wireItemCount(), 2);
    QVERIFY(!f.view->nodeItem("lif"));
}

void TestNodeGraphView::wheelZoomKeepsPointUnderCursor()
{
    Fixture f;
    QCOMPARE(f.view->zoom(), 1.0);
    const QPoint cursor(905, 141);
    const QPointF before = f.view->mapToScene(cursor);
    auto wheel = [&](int notches) {
        QWheelEvent e(QPointF(cursor), QPointF(f.view->viewport()->mapToGlobal(cursor)), QPoint(),
                      QPoint(0, 120 * notches), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QCoreApplication::sendEvent(f.view->viewport(), &e);
    };
    auto near = [](QPointF a, QPointF b) { return std::abs(a.x() - b.x()) <= 1.0 && std::abs(a.y() - b.y()) <= 1.0; };
    wheel(1);
    QVERIFY(std::abs(f.view->zoom() - 1.15) < 1e-9);
    QVERIFY(near(f.view->mapToScene(cursor), before));
    wheel(-3);
    QVERIFY(std::abs(f.view->zoom() - std::pow(1.15, -2)) < 1e-9);
    QVERIFY(near(f.view->mapToScene(cursor), before));
    wheel(60); // clamped at 400 %
    QCOMPARE(f.view->zoom(), NodeGraphView::MaxZoom);
    QVERIFY(near(f.view->mapToScene(cursor), before));
}

// Fit to view, then the canvas shrinks (docks open around it on Run): every node stays in sight. After
// a wheel zoom the user's view is kept as it is.
void TestNodeGraphView::fittedViewStaysFittedUntilZoomed()
{
    Fixture f;
    auto allVisible = [&] {
        const QRectF shown = f.view->mapToScene(f.view->viewport()->rect()).boundingRect();
        for (const char* id : {"mnist", "poisson", "syn", "lif", "stdp", "raster"})
            if (!shown.contains(f.view->nodeItem(id)->sceneBoundingRect())) return false;
        return true;
    };
    f.view->fitToView();
    QVERIFY(allVisible());
    f.view->resize(700, 350);
    QCoreApplication::processEvents();
    QVERIFY(allVisible());
    QVERIFY(f.view->zoom() < 0.6); // 1,200 px of graph in a 700 px view
    f.view->zoomBy(1.5, f.view->viewport()->rect().center());
    const double zoomed = f.view->zoom();
    f.view->resize(600, 300);
    QCoreApplication::processEvents();
    QCOMPARE(f.view->zoom(), zoomed);
}

void TestNodeGraphView::problemsShowAsTooltip()
{
    Fixture f;
    QVERIFY(f.view->nodeItem("lif")->toolTip().isEmpty());
    const QString problem = "Input 'in' is not connected\nsize must be positive";
    f.model->setProblems("lif", problem);
    QCOMPARE(f.view->nodeItem("lif")->toolTip(), problem);
    // The update kept the node's wires (its ports did not change).
    QCOMPARE(f.view->nodeItem("lif")->wires().size(), 2);
    f.model->setProblems("lif", {});
    QVERIFY(f.view->nodeItem("lif")->toolTip().isEmpty());
}

void TestNodeGraphView::sceneFollowsModel()
{
    Fixture f;
    NodeItem* poisson = f.view->nodeItem("poisson");
    f.model->addNode(FakeGraphModel::make("lif2", "layer.lif", {780, 300}, "LIF, 50 neurons"));
    QCOMPARE(f.view->nodeItemCount(), 7);
    QCOMPARE(f.view->nodeItem("lif2")->pos(), QPointF(780, 300));
    QCOMPARE(f.view->nodeItem("poisson"), poisson); // incremental: the other items are kept
    f.model->addWire({"syn", "post", "lif2", "in", "100"});
    QCOMPARE(f.view->wireItemCount(), 5);
    f.model->removeNode("syn"); // takes syn -> lif, syn -> lif2 and stdp -> syn with it
    QCOMPARE(f.view->nodeItemCount(), 6);
    QCOMPARE(f.view->wireItemCount(), 2);
    QCOMPARE(f.view->nodeItem("poisson"), poisson);
    f.model->addNote({"n3", "A third note", {100, 400}});
    QCOMPARE(f.view->noteItemCount(), 3);
}

void TestNodeGraphView::renameByDoubleClickOnTitle()
{
    Fixture f;
    QSignalSpy renamed(f.view.get(), &NodeGraphView::renameRequested);
    const QPoint title = f.viewPos(f.view->nodeItem("lif")->titleRect().center());
    QTest::mouseDClick(f.view->viewport(), Qt::LeftButton, Qt::NoModifier, title);
    QTest::keyClick(f.view.get(), Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(f.view.get(), "excitatory");
    QTest::keyClick(f.view.get(), Qt::Key_Return);
    QCOMPARE(renamed.count(), 1);
    QCOMPARE(renamed[0][0].toString(), QString("lif"));
    QCOMPARE(renamed[0][1].toString(), QString("excitatory"));
    // The fake renamed it: the node and its two wires are back under the new name.
    QVERIFY(f.view->nodeItem("excitatory"));
    QCOMPARE(f.view->nodeItem("excitatory")->wires().size(), 2);
}

void TestNodeGraphView::deleteKeyOnSelectedWireDisconnects()
{
    Fixture f;
    QVector<WireView> dropped;
    QObject::connect(f.view.get(), &NodeGraphView::disconnectRequested, [&](const WireView& w) { dropped << w; });
    QSignalSpy deleted(f.view.get(), &NodeGraphView::deleteRequested);
    // syn.post and lif.in are level, so the wire between them is straight and passes through their midpoint.
    const QPointF middle = (f.view->portScenePos("syn", "post") + f.view->portScenePos("lif", "in")) / 2.0;
    QTest::mouseClick(f.view->viewport(), Qt::LeftButton, Qt::NoModifier, f.viewPos(middle));
    QCOMPARE(f.view->selectedWires().size(), 1);
    QTest::keyClick(f.view.get(), Qt::Key_Delete);
    QCOMPARE(dropped.size(), 1);
    QCOMPARE(dropped[0], (WireView{"syn", "post", "lif", "in", {}}));
    QCOMPARE(deleted.count(), 0);
    QCOMPARE(f.view->wireItemCount(), 3);
}

void TestNodeGraphView::noteEditedInPlace()
{
    Fixture f;
    QSignalSpy edited(f.view.get(), &NodeGraphView::noteEditRequested);
    const NoteItem* note = f.view->noteItem("n2");
    QTest::mouseDClick(f.view->viewport(), Qt::LeftButton, Qt::NoModifier,
                       f.viewPos(note->mapToScene(note->textRect().center())));
    QTest::keyClicks(f.view.get(), "Spikes");
    QTest::keyClick(f.view.get(), Qt::Key_Return); // a new line, not the end of the edit
    QTest::keyClicks(f.view.get(), "here");
    QCOMPARE(edited.count(), 0);
    QTest::keyClick(f.view.get(), Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(edited.count(), 1);
    QCOMPARE(edited[0][0].toString(), QString("n2"));
    QCOMPARE(edited[0][1].toString(), QString("Spikes\nhere"));
    QCOMPARE(f.view->noteItem("n2")->text(), QString("Spikes\nhere"));
}

QTEST_MAIN(TestNodeGraphView)
#include "test_node_graph_view.moc"
