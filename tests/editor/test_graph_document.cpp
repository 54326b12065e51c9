// The document as the single source of truth: its signals, continuous validation (required inputs,
// shape inference along the wires) and renaming.
#include "app/DocumentIo.h"
#include "app/EditCommands.h"
#include "app/GraphDocument.h"
#include "tests/editor/EditorTestSupport.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>

using namespace ss;
using editortest::node;
using editortest::wire;

namespace {

// One 28x28 IDX image (the MNIST geometry), written byte by byte.
void writeIdx28(const QString& path)
{
    auto be32 = [](std::ofstream& f, std::uint32_t v) {
        for (int s = 24; s >= 0; s -= 8) f.put(static_cast<char>((v >> s) & 0xff));
    };
    std::ofstream img(path.toStdString(), std::ios::binary);
    be32(img, 0x803), be32(img, 1), be32(img, 28), be32(img, 28);
    for (int k = 0; k < 28 * 28; ++k) img.put(static_cast<char>(k % 256));
}

bool hasProblem(const app::GraphDocument& doc, const std::string& node, const std::string& field)
{
    for (const auto& p : doc.problems())
        if (p.node == node && p.field == field) return true;
    return false;
}

} // namespace

class TestGraphDocument : public QObject {
    Q_OBJECT
private slots:
    void signalsFire();
    void resetClearsHistory();
    void missingRequiredInputClearsWhenWired();
    void convolutionShapes_data();
    void convolutionShapes();
    void shapeErrorNamesTheNode();
    void renameUpdatesWires();
    void uniqueIds();
    void versionOneStateMonitorsMigrate();
};

void TestGraphDocument::signalsFire()
{
    app::GraphDocument doc;
    QSignalSpy added(&doc, &app::GraphDocument::nodeAdded);
    QSignalSpy removed(&doc, &app::GraphDocument::nodeRemoved);
    QSignalSpy changed(&doc, &app::GraphDocument::nodeChanged);
    QSignalSpy moved(&doc, &app::GraphDocument::nodeMoved);
    QSignalSpy wires(&doc, &app::GraphDocument::wiresChanged);
    QSignalSpy notes(&doc, &app::GraphDocument::notesChanged);
    QSignalSpy experiment(&doc, &app::GraphDocument::experimentChanged);
    QSignalSpy modified(&doc, &app::GraphDocument::modifiedChanged);

    auto* undo = doc.undoStack();
    undo->push(new app::AddItemsCommand(doc, {node("a", "encoder.poisson"), node("b", "synapses.dense")}, {}, {},
                                        QStringLiteral("Add")));
    QCOMPARE(added.count(), 2);
    QCOMPARE(added.at(1).at(0).toString(), QStringLiteral("b"));
    QCOMPARE(modified.count(), 1);
    QCOMPARE(modified.at(0).at(0).toBool(), true);
    QVERIFY(doc.isModified());

    undo->push(new app::ConnectCommand(doc, wire("a.out", "b.pre")));
    QCOMPARE(wires.count(), 1);
    undo->push(new app::SetParamCommand(doc, {"a"}, "rate", 20.0));
    QCOMPARE(changed.count(), 1);
    undo->push(new app::MoveCommand(doc, {{"a", {QPointF(0, 0), QPointF(40, 10)}}}));
    QCOMPARE(moved.count(), 1);
    QCOMPARE(doc.node("a")->x, 40.0);
    undo->push(new app::AddItemsCommand(doc, {}, {}, {{QStringLiteral("n"), QStringLiteral("hi"), QPointF()}},
                                        QStringLiteral("Add note")));
    QCOMPARE(notes.count(), 1);
    models::Experiment e;
    e.seed = 7;
    undo->push(new app::SetExperimentCommand(doc, e));
    QCOMPARE(experiment.count(), 1);

    doc.setSaved();
    QCOMPARE(modified.count(), 2);
    QCOMPARE(modified.at(1).at(0).toBool(), false);
    // Undo past the saved state makes the document modified again; one undo of the first add
    // removes two nodes.
    while (undo->canUndo()) undo->undo();
    QCOMPARE(modified.count(), 3);
    QCOMPARE(removed.count(), 2);
    QVERIFY(doc.graph().nodes.empty());
}

void TestGraphDocument::resetClearsHistory()
{
    app::GraphDocument doc;
    QSignalSpy reset(&doc, &app::GraphDocument::documentReset);
    QSignalSpy path(&doc, &app::GraphDocument::filePathChanged);
    doc.undoStack()->push(new app::AddItemsCommand(doc, {node("a", "layer.lif")}, {}, {}, QStringLiteral("Add")));
    QVERIFY(doc.isModified());
    doc.reset(editortest::referenceNetwork(), QStringLiteral("/tmp/reference.json"));
    QCOMPARE(reset.count(), 1);
    QCOMPARE(path.count(), 1);
    QCOMPARE(doc.filePath(), QStringLiteral("/tmp/reference.json"));
    QVERIFY(!doc.isModified());
    QCOMPARE(doc.undoStack()->count(), 0);
    QCOMPARE(doc.graph().nodes.size(), std::size_t{4});
    // The reference network is complete: no problems, and the layer has its declared size.
    QVERIFY(doc.problems().empty());
    QCOMPARE(doc.shapeOf("exc"), std::optional<sim::Shape>(sim::Shape::flat(20)));
}

void TestGraphDocument::missingRequiredInputClearsWhenWired()
{
    app::GraphDocument doc;
    QSignalSpy problemsChanged(&doc, &app::GraphDocument::problemsChanged);
    doc.undoStack()->push(new app::AddItemsCommand(
        doc, {node("input", "encoder.poisson"), node("syn", "synapses.dense")}, {}, {}, QStringLiteral("Add")));
    // synapses.* declare 'pre' as a required input.
    QVERIFY(hasProblem(doc, "syn", "pre"));
    QCOMPARE(doc.problems().size(), std::size_t{1});
    QVERIFY(problemsChanged.count() > 0);

    problemsChanged.clear();
    doc.undoStack()->push(new app::ConnectCommand(doc, wire("input.out", "syn.pre")));
    QVERIFY(doc.problems().empty());
    QCOMPARE(problemsChanged.count(), 1);

    problemsChanged.clear();
    doc.undoStack()->undo();
    QVERIFY(hasProblem(doc, "syn", "pre"));
    QCOMPARE(problemsChanged.count(), 1);
    // A move changes neither problems nor shapes.
    problemsChanged.clear();
    doc.undoStack()->push(new app::MoveCommand(doc, {{"syn", {QPointF(0, 0), QPointF(50, 50)}}}));
    QCOMPARE(problemsChanged.count(), 0);
    // A parameter out of range is a problem too: rate must be >= 0 Hz.
    doc.undoStack()->push(new app::SetParamCommand(doc, {"input"}, "rate", -5.0));
    QVERIFY(hasProblem(doc, "input", "rate"));
    QCOMPARE(problemsChanged.count(), 1);
}

void TestGraphDocument::convolutionShapes_data()
{
    QTest::addColumn<qint64>("kernel");
    QTest::addColumn<qint64>("stride");
    QTest::addColumn<qint64>("padding");
    QTest::addColumn<qint64>("features");
    QTest::addColumn<QString>("expected");
    // Output side = (W + 2P - K) / S + 1 (Dumoulin & Visin 2016, "A guide to convolution arithmetic",
    // relationship 6); Kheradpisheh et al. (2018): 30 maps of 5x5 on 28x28 give 30x24x24.
    QTest::newRow("5x5, 30 maps") << qint64{5} << qint64{1} << qint64{0} << qint64{30} << QStringLiteral("30x24x24");
    QTest::newRow("5x5, stride 2") << qint64{5} << qint64{2} << qint64{0} << qint64{30} << QStringLiteral("30x12x12");
    QTest::newRow("3x3, padding 1") << qint64{3} << qint64{1} << qint64{1} << qint64{8} << QStringLiteral("8x28x28");
}

void TestGraphDocument::convolutionShapes()
{
    QFETCH(qint64, kernel);
    QFETCH(qint64, stride);
    QFETCH(qint64, padding);
    QFETCH(qint64, features);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const QString images = dir.filePath(QStringLiteral("img-idx3-ubyte"));
    writeIdx28(images);

    app::Document d;
    d.graph.nodes = {node("img", "source.idx", 0, 0, {{"images", images.toStdString()}, {"labels", std::string()}}),
                     node("input", "encoder.poisson"),
                     node("conv", "synapses.conv", 0, 0,
                          {{"kernel", std::int64_t{kernel}}, {"stride", std::int64_t{stride}},
                           {"padding", std::int64_t{padding}}, {"features", std::int64_t{features}}}),
                     node("maps", "layer.lif")};
    d.graph.wires = {wire("img.samples", "input.samples"), wire("input.out", "conv.pre"), wire("conv.post", "maps.in")};
    app::GraphDocument doc;
    doc.reset(d);
    QVERIFY(doc.problems().empty());
    QCOMPARE(doc.shapeOf("input")->toString(), std::string("1x28x28"));
    QCOMPARE(QString::fromStdString(doc.shapeOf("conv")->toString()), expected);
    // A layer of size 0 takes the shape of the synapses wired into it.
    QCOMPARE(QString::fromStdString(doc.shapeOf("maps")->toString()), expected);
}

void TestGraphDocument::shapeErrorNamesTheNode()
{
    QTemporaryDir dir;
    const QString images = dir.filePath(QStringLiteral("img-idx3-ubyte"));
    writeIdx28(images);
    app::Document d;
    d.graph.nodes = {node("img", "source.idx", 0, 0, {{"images", images.toStdString()}, {"labels", std::string()}}),
                     node("input", "encoder.poisson"), node("conv", "synapses.conv"), node("maps", "layer.lif")};
    d.graph.wires = {wire("img.samples", "input.samples"), wire("input.out", "conv.pre"), wire("conv.post", "maps.in")};
    app::GraphDocument doc;
    doc.reset(d);
    QVERIFY(doc.problems().empty());

    // A 29x29 kernel does not fit a 28x28 image: one problem, on the convolution, field "shape".
    doc.undoStack()->push(new app::SetParamCommand(doc, {"conv"}, "kernel", std::int64_t{29}));
    QVERIFY(hasProblem(doc, "conv", "shape"));
    QCOMPARE(doc.problems().size(), std::size_t{1});
    QVERIFY(!doc.shapeOf("conv"));
    QVERIFY(!doc.shapeOf("maps"));
    QCOMPARE(doc.shapeOf("input")->toString(), std::string("1x28x28"));
    // 28x28 is the largest kernel that fits: output 30x1x1. A change of shape alone is notified too.
    doc.undoStack()->push(new app::SetParamCommand(doc, {"conv"}, "kernel", std::int64_t{5}));
    QVERIFY(doc.problems().empty());
    QSignalSpy changed(&doc, &app::GraphDocument::problemsChanged);
    doc.undoStack()->push(new app::SetParamCommand(doc, {"conv"}, "kernel", std::int64_t{28}));
    QVERIFY(doc.problems().empty());
    QCOMPARE(doc.shapeOf("maps"), std::optional<sim::Shape>(sim::Shape{30, 1, 1}));
    QCOMPARE(changed.count(), 1);
}

void TestGraphDocument::renameUpdatesWires()
{
    app::GraphDocument doc;
    doc.reset(editortest::referenceNetwork());
    QSignalSpy renamed(&doc, &app::GraphDocument::nodeRenamed);
    const QByteArray before = doc.toJson();
    doc.undoStack()->push(new app::RenameNodeCommand(doc, "exc", "excitatory"));
    QCOMPARE(renamed.count(), 1);
    QCOMPARE(renamed.at(0).at(0).toString(), QStringLiteral("exc"));
    QCOMPARE(renamed.at(0).at(1).toString(), QStringLiteral("excitatory"));
    QVERIFY(!doc.node("exc"));
    QCOMPARE(doc.nodeIndex("excitatory"), 2);
    QCOMPARE(doc.graph().wires[1].to.node, std::string("excitatory"));
    QCOMPARE(doc.graph().wires[2].from.node, std::string("excitatory"));
    QVERIFY(doc.problems().empty());
    doc.undoStack()->undo();
    QCOMPARE(doc.toJson(), before);
}

void TestGraphDocument::uniqueIds()
{
    app::GraphDocument doc;
    doc.reset(editortest::referenceNetwork());
    QCOMPARE(doc.uniqueNodeId("lif"), std::string("lif"));
    QCOMPARE(doc.uniqueNodeId("exc"), std::string("exc_2"));
    QCOMPARE(doc.uniqueNodeId("layer.lif"), std::string("layer_lif"));
    doc.undoStack()->push(new app::AddItemsCommand(doc, {node("exc_2", "layer.lif")}, {}, {}, QStringLiteral("Add")));
    // Numbering restarts from the stem: a copy of exc_2 is exc_3, not exc_2_2.
    QCOMPARE(doc.uniqueNodeId("exc_2"), std::string("exc_3"));
    QCOMPARE(doc.uniqueNoteId(), QStringLiteral("note_2"));
    QCOMPARE(app::makeNode(doc, "layer.lif", QPointF(5, 6)).id, std::string("lif"));
    QVERIFY(app::makeNode(doc, "layer.lif", QPointF(5, 6)).params.empty());
}

// Version 1 wired a state monitor through an input named 'spikes'; version 2 names it 'layer'. A version 1
// document loads with those wires moved, and nothing else: the spike monitor keeps its 'spikes'.
void TestGraphDocument::versionOneStateMonitorsMigrate()
{
    const QByteArray v1 = R"({"format": "spikestudio", "version": 1,
      "nodes": [{"id": "exc", "type": "layer.lif", "params": {"size": 10}},
                {"id": "raster", "type": "monitor.spikes"},
                {"id": "trace", "type": "monitor.state", "params": {"variable": "v", "neurons": "0-2"}}],
      "wires": [{"from": "exc.out", "to": "raster.spikes"}, {"from": "exc.out", "to": "trace.spikes"}]})";
    app::Document read = app::parseDocument(v1, QStringLiteral("v1.json"));
    QCOMPARE(read.graph.wires.size(), std::size_t{2});
    QCOMPARE(read.graph.wires[0].to.port, std::string("spikes"));
    QCOMPARE(read.graph.wires[1].to.port, std::string("layer"));
    app::GraphDocument doc;
    doc.reset(read);
    QVERIFY(doc.problems().empty());

    const QByteArray written = app::writeDocument(read);
    QVERIFY(written.contains("\"version\": 2"));
    QVERIFY(written.contains("\"trace.layer\""));
    QVERIFY(written.contains("\"raster.spikes\""));
    // The current version as written reads back the same, and one above it is refused by name.
    const auto again = app::parseDocument(written, QStringLiteral("v2.json")).graph.wires;
    QCOMPARE(again.size(), std::size_t{2});
    QVERIFY(again[0].to == read.graph.wires[0].to && again[1].to == read.graph.wires[1].to);
    QByteArray v3 = written;
    v3.replace("\"version\": 2", "\"version\": 3");
    try {
        app::parseDocument(v3, QStringLiteral("v3.json"));
        QFAIL("a document of version 3 was read");
    } catch (const app::DocumentError& e) {
        QCOMPARE(e.field, QStringLiteral("version"));
    }
}

QTEST_GUILESS_MAIN(TestGraphDocument)
#include "test_graph_document.moc"
