// Every edit command: do, undo and redo give back the exact document (the saved JSON, byte for byte,
// node and wire order included); single-input ports replace their wire; incompatible wires are refused
// with a reason; a slider drag is one undo step.
#include "app/EditCommands.h"
#include "tests/editor/EditorTestSupport.h"

#include <QTest>

using namespace ss;
using editortest::node;
using editortest::wire;

class TestEditCommands : public QObject {
    Q_OBJECT
private slots:
    void init();
    void addNode();
    void removeNodeRestoresWiresAtTheirIndices();
    void removeWiresAndNotes();
    void connect();
    void connectReplacesSingleInput();
    void connectIntoMultipleInputAdds();
    void incompatibleConnectionRefused_data();
    void incompatibleConnectionRefused();
    void disconnect();
    void move();
    void setParamOnSeveralNodes();
    void setParamMergesADrag();
    void setParamDoesNotMergeAcrossSaveOrTime();
    void rename();
    void setExperiment();
    void editNote();

private:
    // Pushes `command`; checks that it changed the document and that undo and redo restore it exactly.
    void roundTrip(QUndoCommand* command);
    app::GraphDocument* m_doc = nullptr;
    std::unique_ptr<app::GraphDocument> m_owner;
};

void TestEditCommands::init()
{
    m_owner = std::make_unique<app::GraphDocument>();
    m_doc = m_owner.get();
    m_doc->reset(editortest::referenceNetwork());
}

void TestEditCommands::roundTrip(QUndoCommand* command)
{
    const QByteArray before = m_doc->toJson();
    const int steps = m_doc->undoStack()->index();
    m_doc->undoStack()->push(command);
    QCOMPARE(m_doc->undoStack()->index(), steps + 1);
    const QByteArray after = m_doc->toJson();
    QVERIFY(after != before);
    m_doc->undoStack()->undo();
    QCOMPARE(m_doc->toJson(), before);
    m_doc->undoStack()->redo();
    QCOMPARE(m_doc->toJson(), after);
    m_doc->undoStack()->undo();
    QCOMPARE(m_doc->toJson(), before);
}

void TestEditCommands::addNode()
{
    models::Node n = app::makeNode(*m_doc, "layer.izhikevich", QPointF(100, 200));
    roundTrip(new app::AddItemsCommand(*m_doc, {n}, {wire("exc.out", n.id + ".in")}, {}, QStringLiteral("Create")));
    m_doc->undoStack()->redo();
    // A new node is appended, with no parameters written: the declared defaults apply.
    QCOMPARE(m_doc->nodeIndex(n.id), 4);
    QVERIFY(m_doc->node(n.id)->params.empty());
    QVERIFY(m_doc->toJson().contains("\"params\": {\n            }"));
    QCOMPARE(m_doc->wireIndex(wire("exc.out", n.id + ".in")), 3);
}

void TestEditCommands::removeNodeRestoresWiresAtTheirIndices()
{
    // 'syn' is node 1 and touches wires 0 and 1 of 3.
    roundTrip(new app::RemoveItemsCommand(*m_doc, {"syn"}, {}, {}));
    m_doc->undoStack()->redo();
    QCOMPARE(m_doc->graph().nodes.size(), std::size_t{3});
    QCOMPARE(m_doc->graph().wires.size(), std::size_t{1});
    QCOMPARE(m_doc->graph().wires[0].from.node, std::string("exc"));
    m_doc->undoStack()->undo();
    QCOMPARE(m_doc->nodeIndex("syn"), 1);
    QCOMPARE(m_doc->wireIndex(wire("input.out", "syn.pre")), 0);
    QCOMPARE(m_doc->wireIndex(wire("syn.post", "exc.in")), 1);

    // Two nodes that are not neighbours, with every wire: all four come back in place.
    roundTrip(new app::RemoveItemsCommand(*m_doc, {"input", "exc"}, {}, {}));
}

void TestEditCommands::removeWiresAndNotes()
{
    roundTrip(new app::RemoveItemsCommand(*m_doc, {}, {wire("syn.post", "exc.in")}, {QStringLiteral("note_1")}));
    // Nothing to remove: no undo step.
    const QByteArray before = m_doc->toJson();
    m_doc->undoStack()->push(new app::RemoveItemsCommand(*m_doc, {"nothing"}, {}, {}));
    QCOMPARE(m_doc->undoStack()->index(), 0);
    QCOMPARE(m_doc->toJson(), before);
}

void TestEditCommands::connect()
{
    m_doc->undoStack()->push(new app::DisconnectCommand(*m_doc, wire("exc.out", "mon.spikes")));
    QCOMPARE(m_doc->graph().wires.size(), std::size_t{2});
    roundTrip(new app::ConnectCommand(*m_doc, wire("exc.out", "mon.spikes")));
}

void TestEditCommands::connectReplacesSingleInput()
{
    // synapses.dense 'pre' takes one wire (PortSpec::multiple false).
    m_doc->undoStack()->push(new app::AddItemsCommand(*m_doc, {node("input2", "encoder.regular")}, {}, {},
                                                      QStringLiteral("Add")));
    const QByteArray before = m_doc->toJson();
    QVERIFY(app::ConnectCommand::check(*m_doc, wire("input2.out", "syn.pre")));
    m_doc->undoStack()->push(new app::ConnectCommand(*m_doc, wire("input2.out", "syn.pre")));
    QCOMPARE(m_doc->graph().wires.size(), std::size_t{3});
    // The new wire takes the place (index 0) of the one it replaced.
    QCOMPARE(m_doc->wireIndex(wire("input2.out", "syn.pre")), 0);
    QCOMPARE(m_doc->wireIndex(wire("input.out", "syn.pre")), -1);
    QVERIFY(m_doc->problems().empty());
    m_doc->undoStack()->undo();
    QCOMPARE(m_doc->toJson(), before);
    QCOMPARE(m_doc->wireIndex(wire("input.out", "syn.pre")), 0);
}

void TestEditCommands::connectIntoMultipleInputAdds()
{
    // layer 'in' accepts several wires: a second synapse node adds a wire, nothing is replaced.
    m_doc->undoStack()->push(
        new app::AddItemsCommand(*m_doc, {node("syn2", "synapses.dense")}, {wire("input.out", "syn2.pre")}, {},
                                 QStringLiteral("Add")));
    roundTrip(new app::ConnectCommand(*m_doc, wire("syn2.post", "exc.in")));
    m_doc->undoStack()->redo();
    QCOMPARE(m_doc->graph().wires.size(), std::size_t{5});
    QVERIFY(m_doc->problems().empty());
}

void TestEditCommands::incompatibleConnectionRefused_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("reason");
    QTest::newRow("spikes into current") << "input.out" << "exc.current" << "cannot connect spikes";
    QTest::newRow("output into output") << "input.out" << "syn.post" << "is an output";
    QTest::newRow("from an input") << "syn.pre" << "exc.in" << "is an input";
    QTest::newRow("duplicate") << "input.out" << "syn.pre" << "already wired";
    QTest::newRow("to itself") << "exc.out" << "exc.in" << "itself";
    QTest::newRow("spikes without synapses") << "input.out" << "exc.in" << "exc.in takes Synapses nodes: put one between 'input' and 'exc'";
    QTest::newRow("missing port") << "input.spikes" << "syn.pre" << "no port 'spikes'";
    QTest::newRow("missing node") << "ghost.out" << "syn.pre" << "no node 'ghost'";
}

void TestEditCommands::incompatibleConnectionRefused()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QString, reason);
    const models::Wire w = wire(from.toStdString(), to.toStdString());
    QString why;
    QVERIFY(!app::ConnectCommand::check(*m_doc, w, &why));
    QVERIFY2(why.contains(reason), qPrintable(why));
    QCOMPARE(app::connectionProblem(m_doc->graph(), w), why);
    // Pushed anyway, the command leaves neither a change nor an undo step.
    const QByteArray before = m_doc->toJson();
    m_doc->undoStack()->push(new app::ConnectCommand(*m_doc, w));
    QCOMPARE(m_doc->undoStack()->count(), 0);
    QCOMPARE(m_doc->toJson(), before);
}

void TestEditCommands::disconnect()
{
    roundTrip(new app::DisconnectCommand(*m_doc, wire("syn.post", "exc.in")));
    m_doc->undoStack()->redo();
    QCOMPARE(m_doc->graph().wires.size(), std::size_t{2});
}

void TestEditCommands::move()
{
    roundTrip(new app::MoveCommand(*m_doc,
                                   {{"syn", {QPointF(150, 0), QPointF(175.25, -12.5)}},
                                    {"exc", {QPointF(300, 0), QPointF(310, 40)}}},
                                   {{QStringLiteral("note_1"), {QPointF(10, -80), QPointF(30, -60)}}}));
    m_doc->undoStack()->redo();
    QCOMPARE(m_doc->node("syn")->x, 175.25);
    QCOMPARE(m_doc->node("syn")->y, -12.5);
    QCOMPARE(m_doc->note(QStringLiteral("note_1"))->pos, QPointF(30, -60));
    // From the canvas: new positions only, the old ones come from the document.
    const QMap<QString, QPointF> drag{{QStringLiteral("exc"), QPointF(-5.5, 7.75)}};
    roundTrip(new app::MoveCommand(*m_doc, drag));
    // A click without a drag is no step.
    const int steps = m_doc->undoStack()->index();
    m_doc->undoStack()->push(new app::MoveCommand(*m_doc, {{"syn", {QPointF(175.25, -12.5), QPointF(175.25, -12.5)}}}));
    QCOMPARE(m_doc->undoStack()->index(), steps);
}

void TestEditCommands::setParamOnSeveralNodes()
{
    m_doc->undoStack()->push(new app::AddItemsCommand(*m_doc, {node("inh", "layer.lif", 0, 0, {{"tau_m", 10.0}})}, {},
                                                      {}, QStringLiteral("Add")));
    roundTrip(new app::SetParamCommand(*m_doc, {"exc", "inh"}, "tau_m", 15.0));
    m_doc->undoStack()->redo();
    QCOMPARE(std::get<double>(m_doc->node("exc")->params.at("tau_m")), 15.0);
    QCOMPARE(std::get<double>(m_doc->node("inh")->params.at("tau_m")), 15.0);
    m_doc->undoStack()->undo();
    // exc had no tau_m (the default), inh had 10 ms: each gets its own value back.
    QVERIFY(!m_doc->node("exc")->params.count("tau_m"));
    QCOMPARE(std::get<double>(m_doc->node("inh")->params.at("tau_m")), 10.0);
    // Back to the default removes the key.
    roundTrip(new app::SetParamCommand(*m_doc, {"inh"}, "tau_m", std::nullopt));
}

void TestEditCommands::setParamMergesADrag()
{
    m_doc->undoStack()->push(
        new app::AddItemsCommand(*m_doc, {node("inh", "layer.lif")}, {}, {}, QStringLiteral("Add")));
    const QByteArray before = m_doc->toJson();
    // A slider drag: 25 values in quick succession, one undo step.
    for (int k = 0; k < 25; ++k)
        m_doc->undoStack()->push(new app::SetParamCommand(*m_doc, {"exc"}, "tau_m", 10.0 + 0.5 * k));
    QCOMPARE(m_doc->undoStack()->count(), 2);
    QCOMPARE(std::get<double>(m_doc->node("exc")->params.at("tau_m")), 22.0);
    const QByteArray after = m_doc->toJson();
    m_doc->undoStack()->undo();
    QCOMPARE(m_doc->toJson(), before);
    m_doc->undoStack()->redo();
    QCOMPARE(m_doc->toJson(), after);

    // Another key is another step.
    m_doc->undoStack()->push(new app::SetParamCommand(*m_doc, {"exc"}, "v_th", -52.0));
    QCOMPARE(m_doc->undoStack()->count(), 3);
    // The same key on another set of nodes is another step.
    m_doc->undoStack()->push(new app::SetParamCommand(*m_doc, {"exc", "inh"}, "v_th", -51.0));
    QCOMPARE(m_doc->undoStack()->count(), 4);
    m_doc->undoStack()->push(new app::SetParamCommand(*m_doc, {"exc"}, "tau_m", 30.0));
    QCOMPARE(m_doc->undoStack()->count(), 5);
    // A drag that ends where it started leaves no step.
    m_doc->undoStack()->push(new app::SetParamCommand(*m_doc, {"exc"}, "tau_m", 22.0));
    QCOMPARE(m_doc->undoStack()->count(), 4);
}

void TestEditCommands::setParamDoesNotMergeAcrossSaveOrTime()
{
    m_doc->undoStack()->push(new app::SetParamCommand(*m_doc, {"exc"}, "tau_m", 12.0));
    m_doc->setSaved();
    m_doc->undoStack()->push(new app::SetParamCommand(*m_doc, {"exc"}, "tau_m", 13.0));
    QCOMPARE(m_doc->undoStack()->count(), 2);
    // Past the merge window (1 s) the same field is a new step.
    QTest::qSleep(static_cast<int>(app::SetParamCommand::kMergeWindow.count()) + 100);
    m_doc->undoStack()->push(new app::SetParamCommand(*m_doc, {"exc"}, "tau_m", 14.0));
    QCOMPARE(m_doc->undoStack()->count(), 3);
}

void TestEditCommands::rename()
{
    const auto check = [this](const std::string& from, const std::string& to) {
        return app::RenameNodeCommand::check(*m_doc, from, to);
    };
    QVERIFY2(check("exc", "syn").contains("already named"), qPrintable(check("exc", "syn")));
    QVERIFY2(check("exc", "ex.c").contains("dot"), qPrintable(check("exc", "ex.c")));
    QVERIFY(!check("exc", "e c").isEmpty());
    QVERIFY(!check("exc", "").isEmpty());
    QVERIFY(!check("exc", "exc").isEmpty());
    QVERIFY(!check("ghost", "g").isEmpty());
    QVERIFY(check("exc", "exc_layer").isEmpty());
    m_doc->undoStack()->push(new app::RenameNodeCommand(*m_doc, "exc", "syn"));
    QCOMPARE(m_doc->undoStack()->count(), 0);
    roundTrip(new app::RenameNodeCommand(*m_doc, "exc", "exc_layer"));
}

void TestEditCommands::setExperiment()
{
    models::Experiment e = m_doc->graph().experiment;
    e.dt = 5e-4;
    e.duration = 0.35;
    e.seed = 42;
    roundTrip(new app::SetExperimentCommand(*m_doc, e));
}

void TestEditCommands::editNote()
{
    roundTrip(new app::EditNoteCommand(*m_doc, QStringLiteral("note_1"), QStringLiteral("STDP learns the inputs."),
                                       QPointF(10, -80)));
    roundTrip(new app::EditNoteCommand(*m_doc, QStringLiteral("note_1"),
                                       QStringLiteral("Poisson input drives a LIF layer."),
                                       QPointF(0, 0)));
}

QTEST_GUILESS_MAIN(TestEditCommands)
#include "test_edit_commands.moc"
