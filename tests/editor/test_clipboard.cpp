// Copy, paste and duplicate: the fragment keeps only the wires inside the selection, pasted items get
// fresh ids and shifted positions, and a paste is one undoable step.
#include "app/Clipboard.h"
#include "app/EditCommands.h"
#include "tests/editor/EditorTestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <set>

using namespace ss;
using editortest::wire;

class TestClipboard : public QObject {
    Q_OBJECT
private slots:
    void fragmentKeepsInnerWiresOnly();
    void pasteGivesFreshIdsAndOffsets();
    void pasteTwiceGivesDistinctIds();
    void cutThenPasteKeepsIds();
    void duplicateIsOneUndoStep();
    void malformedFragmentIsRefused();
};

void TestClipboard::fragmentKeepsInnerWiresOnly()
{
    app::GraphDocument doc;
    doc.reset(editortest::referenceNetwork());
    // input -> syn are connected; exc is outside the selection.
    const QByteArray fragment = app::copyItems(doc, {"syn", "input"}, {QStringLiteral("note_1")});
    QCOMPARE(QString::fromLatin1(app::kFragmentMimeType), QStringLiteral("application/x-spikestudio-fragment"));
    const QJsonObject root = QJsonDocument::fromJson(fragment).object();
    QCOMPARE(root.value("format").toString(), QStringLiteral("spikestudio"));
    const QJsonArray nodes = root.value("nodes").toArray();
    QCOMPARE(nodes.size(), 2);
    // Document order, not selection order.
    QCOMPARE(nodes[0].toObject().value("id").toString(), QStringLiteral("input"));
    const QJsonArray wires = root.value("wires").toArray();
    QCOMPARE(wires.size(), 1);
    QCOMPARE(wires[0].toObject().value("from").toString(), QStringLiteral("input.out"));
    QCOMPARE(wires[0].toObject().value("to").toString(), QStringLiteral("syn.pre"));
    QCOMPARE(root.value("notes").toArray().size(), 1);
}

void TestClipboard::pasteGivesFreshIdsAndOffsets()
{
    app::GraphDocument doc;
    doc.reset(editortest::referenceNetwork());
    const QByteArray fragment = app::copyItems(doc, {"input", "syn"}, {QStringLiteral("note_1")});
    const app::Pasted pasted = app::pasteItems(doc, fragment, QPointF(35, -10));
    QCOMPARE(pasted.nodes.size(), std::size_t{2});
    QCOMPARE(pasted.wires.size(), std::size_t{1});
    QCOMPARE(pasted.notes.size(), std::size_t{1});
    QCOMPARE(pasted.nodes[0].id, std::string("input_2"));
    QCOMPARE(pasted.nodes[1].id, std::string("syn_2"));
    QCOMPARE(pasted.wires[0].from.toString(), std::string("input_2.out"));
    QCOMPARE(pasted.wires[0].to.toString(), std::string("syn_2.pre"));
    QCOMPARE(pasted.notes[0].id, QStringLiteral("note_2"));
    // Positions shifted by exactly the offset; parameters kept.
    QCOMPARE(pasted.nodes[1].x, 150.0 + 35.0);
    QCOMPARE(pasted.nodes[1].y, 0.0 - 10.0);
    QCOMPARE(pasted.notes[0].pos, QPointF(10 + 35, -80 - 10));
    QCOMPARE(std::get<std::int64_t>(pasted.nodes[0].params.at("size")), std::int64_t{50});

    doc.undoStack()->push(
        new app::AddItemsCommand(doc, pasted.nodes, pasted.wires, pasted.notes, QStringLiteral("Paste")));
    QCOMPARE(doc.graph().nodes.size(), std::size_t{6});
    QCOMPARE(doc.graph().wires.size(), std::size_t{4});
    std::set<std::string> ids;
    for (const auto& n : doc.graph().nodes) ids.insert(n.id);
    QCOMPARE(ids.size(), std::size_t{6});
    // The copy is complete in itself (its synapses have their input), so nothing is missing.
    QVERIFY(doc.problems().empty());
}

void TestClipboard::pasteTwiceGivesDistinctIds()
{
    app::GraphDocument doc;
    doc.reset(editortest::referenceNetwork());
    const QByteArray fragment = app::copyItems(doc, {"exc", "mon"}, {});
    for (int k = 0; k < 2; ++k) {
        const app::Pasted p = app::pasteItems(doc, fragment, QPointF(20, 20));
        doc.undoStack()->push(new app::AddItemsCommand(doc, p.nodes, p.wires, p.notes, QStringLiteral("Paste")));
    }
    QCOMPARE(doc.nodeIndex("exc_2"), 4);
    QCOMPARE(doc.nodeIndex("exc_3"), 6);
    QCOMPARE(doc.nodeIndex("mon_3"), 7);
    QCOMPARE(doc.wireIndex(wire("exc_3.out", "mon_3.spikes")), 4);
}

void TestClipboard::cutThenPasteKeepsIds()
{
    app::GraphDocument doc;
    doc.reset(editortest::referenceNetwork());
    const QByteArray fragment = app::copyItems(doc, {"exc", "mon"}, {});
    doc.undoStack()->push(new app::RemoveItemsCommand(doc, {"exc", "mon"}, {}, {}, QStringLiteral("Cut")));
    const app::Pasted p = app::pasteItems(doc, fragment, QPointF(0, 0));
    QCOMPARE(p.nodes[0].id, std::string("exc"));
    QCOMPARE(p.nodes[1].id, std::string("mon"));
    QCOMPARE(p.wires.size(), std::size_t{1});
}

void TestClipboard::duplicateIsOneUndoStep()
{
    app::GraphDocument doc;
    doc.reset(editortest::referenceNetwork());
    const QByteArray before = doc.toJson();
    const app::Pasted p = app::duplicateItems(doc, {"syn", "exc"}, {});
    QCOMPARE(p.nodes[0].x, 150.0 + 20.0);
    QCOMPARE(p.nodes[0].y, 0.0 + 20.0);
    doc.undoStack()->push(new app::AddItemsCommand(doc, p.nodes, p.wires, p.notes, QStringLiteral("Duplicate")));
    QCOMPARE(doc.graph().nodes.size(), std::size_t{6});
    QCOMPARE(doc.wireIndex(wire("syn_2.post", "exc_2.in")), 3);
    const QByteArray after = doc.toJson();
    doc.undoStack()->undo();
    QCOMPARE(doc.toJson(), before);
    doc.undoStack()->redo();
    QCOMPARE(doc.toJson(), after);
}

void TestClipboard::malformedFragmentIsRefused()
{
    app::GraphDocument doc;
    doc.reset(editortest::referenceNetwork());
    QVERIFY_THROWS_EXCEPTION(app::DocumentError, app::pasteItems(doc, "{\"nodes\": [", QPointF()));
    QVERIFY_THROWS_EXCEPTION(app::DocumentError, app::pasteItems(doc, "plain text", QPointF()));
}

QTEST_GUILESS_MAIN(TestClipboard)
#include "test_clipboard.moc"
