// Presenter mode on the node-graph canvas: with View > Presenter mode every node's fonts (title, port
// labels), its size, its ports and every wire's pen grow by PresenterMode::kScale = 1.5, and so do the
// distances between nodes (the scene shows document position p at 1.5 p, so grown nodes do not overlap),
// and turning the mode off restores every size and position exactly. Fonts are whole
// pixels of scene space, so a scaled font is within half a pixel of 1.5 times the original.
#include "app/MainWindow.h"
#include "app/PresenterMode.h"
#include "widgets/NodeGraphItems.h"
#include "widgets/NodeGraphView.h"

#include "WorkbenchTestSupport.h"

#include <QAction>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace ss;

namespace {

struct Sizes {
    int title = 0, label = 0; // font pixel sizes
    QSizeF node;
    QPointF position;
    double port = 0.0, wire = 0.0;
};

Sizes measure(const widgets::NodeItem& node)
{
    return {node.titleFont().pixelSize(), node.labelFont().pixelSize(), node.size(), node.pos(),
            node.ports().front()->radius(), node.wires().front()->penWidth()};
}

} // namespace

class TestPresenterCanvas : public QObject {
    Q_OBJECT
private slots:
    void canvasGrowsAndShrinksBack();
};

void TestPresenterCanvas::canvasGrowsAndShrinksBack()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("SpikeStudioTests"));
    QCoreApplication::setApplicationName(QStringLiteral("test_presenter_canvas"));
    auto window = test::openInWorkbench(QStringLiteral(SPIKESTUDIO_SOURCE_DIR "/resources/experiments/stdp_window.json"),
                                        dir.filePath(QStringLiteral("recovery.json")), {1400, 900});
    QVERIFY(window);
    auto* canvas = window->findChild<widgets::NodeGraphView*>();
    QVERIFY(canvas);
    const widgets::NodeItem* synapses = canvas->nodeItem(QStringLiteral("synapses"));
    QVERIFY(synapses && !synapses->ports().isEmpty() && !synapses->wires().isEmpty());
    // Node subtitles count neurons in the singular for a single one.
    QCOMPARE(canvas->nodeItem(QStringLiteral("post"))->content().summary, QStringLiteral("LIF neurons, 1 neuron"));
    QVERIFY(canvas->nodeItem(QStringLiteral("pre"))->content().summary.endsWith(QStringLiteral(", 41 neurons")));
    const Sizes off = measure(*synapses);
    QCOMPARE(off.title, 13);
    QCOMPARE(off.wire, 2.0);
    QTest::qWait(50);
    QVERIFY(test::saveArtefact(*canvas, QStringLiteral("presenter_canvas_off.png")));

    app::PresenterMode& presenter = window->presenterMode();
    presenter.action()->trigger();
    QVERIFY(presenter.isOn());
    const double k = app::PresenterMode::kScale;
    const Sizes on = measure(*synapses);
    qInfo("title %d -> %d px, port labels %d -> %d px, node %gx%g -> %gx%g, wire %g -> %g px", off.title, on.title,
          off.label, on.label, off.node.width(), off.node.height(), on.node.width(), on.node.height(), off.wire, on.wire);
    QVERIFY(std::abs(on.title - k * off.title) <= 0.5);
    QVERIFY(std::abs(on.label - k * off.label) <= 0.5);
    // Heights are sums of scaled lengths; widths snap to 10 scene pixels.
    QVERIFY(std::abs(on.node.height() - k * off.node.height()) < 1e-9);
    QVERIFY(std::abs(on.node.width() - k * off.node.width()) <= 10.0);
    QCOMPARE(on.port, k * off.port);
    QCOMPARE(on.wire, k * off.wire);
    QCOMPARE(on.position, k * off.position);
    // Every item took the scale, and the wires still end on their ports.
    for (const QString& id : {QStringLiteral("pre"), QStringLiteral("post"), QStringLiteral("stdp"), QStringLiteral("window")}) {
        const widgets::NodeItem* node = canvas->nodeItem(id);
        QVERIFY(node);
        QCOMPARE(node->scale(), k);
        for (const widgets::WireItem* wire : node->wires()) {
            QCOMPARE(wire->penWidth(), 2.0 * k);
            QVERIFY(wire->sceneBoundingRect().contains(wire->fromPort()->scenePos()));
            QVERIFY(wire->sceneBoundingRect().contains(wire->toPort()->scenePos()));
        }
    }
    QTest::qWait(50);
    QVERIFY(test::saveArtefact(*canvas, QStringLiteral("presenter_canvas_on.png")));

    presenter.action()->trigger();
    QVERIFY(!presenter.isOn());
    const Sizes back = measure(*synapses);
    QCOMPARE(back.title, off.title);
    QCOMPARE(back.label, off.label);
    QCOMPARE(back.node, off.node);
    QCOMPARE(back.port, off.port);
    QCOMPARE(back.wire, off.wire);
    QCOMPARE(back.position, off.position);
}

QTEST_MAIN(TestPresenterCanvas)
#include "test_presenter_canvas.moc"
