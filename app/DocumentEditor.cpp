#include "app/DocumentEditor.h"

#include "app/Clipboard.h"
#include "app/EditCommands.h"
#include "models/Catalogue.h"
#include "widgets/InspectorWidget.h"
#include "widgets/NodeGraphView.h"
#include "widgets/PaletteWidget.h"

#include <QApplication>
#include <QClipboard>
#include <QMimeData>

namespace ss::app {

namespace {

std::string str(const QString& s) { return s.toStdString(); }

models::Wire toWire(const widgets::WireView& w)
{
    return {{str(w.fromNode), str(w.fromPort)}, {str(w.toNode), str(w.toPort)}};
}

// "layer.lif" -> "lif", "synapses.one_to_one" -> "one_to_one": the base of new node ids.
std::string idBase(const QString& type)
{
    const int dot = type.lastIndexOf(QLatin1Char('.'));
    return str(dot >= 0 ? type.mid(dot + 1) : type);
}

} // namespace

DocumentEditor::DocumentEditor(GraphDocument& doc, widgets::NodeGraphView& view, widgets::InspectorWidget& inspector,
                               widgets::PaletteWidget& palette, QObject* parent)
    : QObject(parent), m_doc(doc), m_view(view), m_inspector(inspector)
{
    connectRequests();
    connect(&palette, &widgets::PaletteWidget::activated, this,
            [this](const QString& type) { createNode(type, m_view.sceneCenter()); });
    connect(&doc, &GraphDocument::nodeChanged, this, [this](const QString& id) {
        if (m_selectedNodes.contains(id)) refreshInspector();
    });
    connect(&doc, &GraphDocument::nodeRenamed, this, [this](const QString& oldId, const QString& newId) {
        const int i = m_selectedNodes.indexOf(oldId);
        if (i >= 0) m_selectedNodes[i] = newId;
        m_view.selectNodes(m_selectedNodes);
        refreshInspector();
    });
    connect(&doc, &GraphDocument::nodeRemoved, this, [this](const QString& id) {
        if (m_selectedNodes.removeAll(id)) refreshInspector();
    });
    connect(&doc, &GraphDocument::experimentChanged, this, [this] {
        if (m_selectedNodes.isEmpty()) refreshInspector();
    });
    connect(&doc, &GraphDocument::documentReset, this, [this] {
        m_selectedNodes.clear();
        refreshInspector();
    });
    refreshInspector();
}

void DocumentEditor::push(QUndoCommand* command) { m_doc.undoStack()->push(command); }

void DocumentEditor::connectRequests()
{
    using widgets::NodeGraphView;
    connect(&m_view, &NodeGraphView::createNodeRequested, this, &DocumentEditor::createNode);
    connect(&m_view, &NodeGraphView::connectRequested, this, [this](const widgets::WireView& w) {
        const models::Wire wire = toWire(w);
        const QString problem = connectionProblem(m_doc.graph(), wire);
        if (!problem.isEmpty()) {
            emit statusMessage(problem);
            return;
        }
        push(new ConnectCommand(m_doc, wire));
    });
    connect(&m_view, &NodeGraphView::disconnectRequested, this,
            [this](const widgets::WireView& w) { push(new DisconnectCommand(m_doc, toWire(w))); });
    connect(&m_view, &NodeGraphView::moveRequested, this,
            [this](const QMap<QString, QPointF>& nodes, const QMap<QString, QPointF>& notes) {
                if (!nodes.isEmpty() || !notes.isEmpty()) push(new MoveCommand(m_doc, nodes, notes));
            });
    connect(&m_view, &NodeGraphView::deleteRequested, this,
            [this](const QStringList& nodes, const QVector<widgets::WireView>& wires, const QStringList& notes) {
                std::vector<models::Wire> ws;
                for (const auto& w : wires) ws.push_back(toWire(w));
                if (!nodes.isEmpty() || !ws.empty() || !notes.isEmpty()) push(new RemoveItemsCommand(m_doc, nodes, ws, notes));
            });
    connect(&m_view, &NodeGraphView::renameRequested, this, [this](const QString& id, const QString& name) {
        const QString problem = RenameNodeCommand::check(m_doc, str(id), str(name));
        if (!problem.isEmpty()) emit statusMessage(problem);
        else push(new RenameNodeCommand(m_doc, str(id), str(name)));
    });
    connect(&m_view, &NodeGraphView::noteEditRequested, this, [this](const QString& id, const QString& text) {
        if (const Note* n = m_doc.note(id); n && n->text != text) push(new EditNoteCommand(m_doc, id, text, n->pos));
    });
    connect(&m_view, &NodeGraphView::selectionChangedTo, this, [this](const QStringList& nodes, const QStringList&) {
        m_selectedNodes = nodes;
        refreshInspector();
    });
    connect(&m_view, &NodeGraphView::statusMessage, this, &DocumentEditor::statusMessage);

    using widgets::InspectorWidget;
    connect(&m_inspector, &InspectorWidget::parameterEdited, this,
            [this](const QStringList& ids, const QString& key, const models::ParamValue& value) {
                std::vector<std::string> nodes;
                for (const auto& id : ids) nodes.push_back(str(id));
                push(new SetParamCommand(m_doc, nodes, str(key), value));
            });
    connect(&m_inspector, &InspectorWidget::renameRequested, this, [this](const QString& oldId, const QString& newId) {
        const QString problem = RenameNodeCommand::check(m_doc, str(oldId), str(newId));
        if (!problem.isEmpty()) {
            emit statusMessage(problem);
            refreshInspector();
        } else {
            push(new RenameNodeCommand(m_doc, str(oldId), str(newId)));
        }
    });
    connect(&m_inspector, &InspectorWidget::experimentEdited, this, [this](double dtMs, double durationMs, qulonglong seed) {
        models::Experiment e = m_doc.graph().experiment;
        e.dt = dtMs * 1e-3;
        e.duration = durationMs * 1e-3;
        e.seed = seed;
        push(new SetExperimentCommand(m_doc, e));
    });
}

void DocumentEditor::refreshInspector()
{
    // The inspector edits nodes of one type together; a mixed selection shows nothing.
    const models::NodeSpec* spec = nullptr;
    std::vector<std::map<std::string, models::ParamValue>> params;
    QStringList ids;
    for (const QString& id : m_selectedNodes) {
        const models::Node* n = m_doc.node(str(id));
        if (!n) continue;
        const models::NodeSpec* s = models::findSpec(n->type);
        if (!s || (spec && s != spec)) {
            m_inspector.clear();
            return;
        }
        spec = s;
        params.push_back(n->params);
        ids << id;
    }
    if (spec) m_inspector.showNodes(*spec, ids, params);
    else {
        const auto& e = m_doc.graph().experiment;
        m_inspector.showExperiment(e.dt * 1e3, e.duration * 1e3, static_cast<qulonglong>(e.seed));
    }
}

void DocumentEditor::createNode(const QString& type, QPointF scenePos)
{
    if (!models::findSpec(str(type))) {
        emit statusMessage(tr("Unknown node type '%1'").arg(type));
        return;
    }
    models::Node node;
    node.id = m_doc.uniqueNodeId(idBase(type));
    node.type = str(type);
    node.x = scenePos.x();
    node.y = scenePos.y();
    push(new AddItemsCommand(m_doc, {node}, {}, {}, tr("Add %1").arg(QString::fromStdString(node.id))));
    m_view.selectNodes({QString::fromStdString(node.id)});
}

void DocumentEditor::deleteSelection()
{
    const QStringList nodes = m_view.selectedNodes(), notes = m_view.selectedNotes();
    std::vector<models::Wire> wires;
    for (const auto& w : m_view.selectedWires()) wires.push_back(toWire(w));
    if (!nodes.isEmpty() || !notes.isEmpty() || !wires.empty()) push(new RemoveItemsCommand(m_doc, nodes, wires, notes));
}

void DocumentEditor::copySelection()
{
    const QStringList nodes = m_view.selectedNodes(), notes = m_view.selectedNotes();
    if (nodes.isEmpty() && notes.isEmpty()) return;
    auto* mime = new QMimeData;
    mime->setData(QString::fromLatin1(kFragmentMimeType), copyItems(m_doc, nodes, notes));
    QApplication::clipboard()->setMimeData(mime);
    m_pasteCount = 0;
}

void DocumentEditor::cutSelection()
{
    copySelection();
    deleteSelection();
}

void DocumentEditor::paste()
{
    const QMimeData* mime = QApplication::clipboard()->mimeData();
    if (!mime || !mime->hasFormat(QString::fromLatin1(kFragmentMimeType))) return;
    ++m_pasteCount;
    const double shift = 20.0 * m_pasteCount;
    const Pasted pasted = pasteItems(m_doc, mime->data(QString::fromLatin1(kFragmentMimeType)), QPointF(shift, shift));
    if (pasted.nodes.empty() && pasted.notes.empty()) return;
    push(new AddItemsCommand(m_doc, pasted.nodes, pasted.wires, pasted.notes, tr("Paste")));
    QStringList ids;
    for (const auto& n : pasted.nodes) ids << QString::fromStdString(n.id);
    m_view.selectNodes(ids);
}

void DocumentEditor::duplicateSelection()
{
    const QStringList nodes = m_view.selectedNodes(), notes = m_view.selectedNotes();
    if (nodes.isEmpty() && notes.isEmpty()) return;
    const Pasted pasted = pasteItems(m_doc, copyItems(m_doc, nodes, notes), QPointF(20, 20));
    push(new AddItemsCommand(m_doc, pasted.nodes, pasted.wires, pasted.notes, tr("Duplicate")));
    QStringList ids;
    for (const auto& n : pasted.nodes) ids << QString::fromStdString(n.id);
    m_view.selectNodes(ids);
}

void DocumentEditor::addNote(QPointF scenePos)
{
    Note note{m_doc.uniqueNoteId(), tr("Double-click to edit this note."), scenePos};
    push(new AddItemsCommand(m_doc, {}, {}, {note}, tr("Add note")));
}

} // namespace ss::app
