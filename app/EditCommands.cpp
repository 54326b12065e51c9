#include "app/EditCommands.h"

#include "models/Catalogue.h"

#include <algorithm>
#include <set>

namespace ss::app {

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }
QString qs(const models::PortRef& r) { return QString::fromStdString(r.toString()); }

bool sameExperiment(const models::Experiment& a, const models::Experiment& b)
{
    return a.dt == b.dt && a.duration == b.duration && a.seed == b.seed;
}

} // namespace

QString connectionProblem(const models::Graph& graph, const models::Wire& wire)
{
    const models::Node* from = graph.find(wire.from.node);
    const models::Node* to = graph.find(wire.to.node);
    if (!from) return QStringLiteral("there is no node '%1'").arg(qs(wire.from.node));
    if (!to) return QStringLiteral("there is no node '%1'").arg(qs(wire.to.node));
    if (from == to) return QStringLiteral("a node cannot be wired to itself");
    const models::NodeSpec* fs = models::findSpec(from->type);
    const models::NodeSpec* ts = models::findSpec(to->type);
    if (!fs) return QStringLiteral("'%1' has the unknown type '%2'").arg(qs(from->id), qs(from->type));
    if (!ts) return QStringLiteral("'%1' has the unknown type '%2'").arg(qs(to->id), qs(to->type));
    const models::PortSpec* fp = fs->port(wire.from.port);
    const models::PortSpec* tp = ts->port(wire.to.port);
    if (!fp) return QStringLiteral("'%1' has no port '%2'").arg(qs(from->id), qs(wire.from.port));
    if (!tp) return QStringLiteral("'%1' has no port '%2'").arg(qs(to->id), qs(wire.to.port));
    if (fp->direction != models::Direction::Out)
        return QStringLiteral("%1 is an input: a wire starts at an output port").arg(qs(wire.from));
    if (tp->direction != models::Direction::In)
        return QStringLiteral("%1 is an output: a wire ends at an input port").arg(qs(wire.to));
    if (fp->kind != tp->kind)
        return QStringLiteral("cannot connect %1 (%2) to %3 (%4)")
            .arg(qs(models::toString(fp->kind)), qs(wire.from), qs(models::toString(tp->kind)), qs(wire.to));
    if (tp->from && fs->category != *tp->from)
        return QStringLiteral("%1 takes %2 nodes: put one between '%3' and '%4'")
            .arg(qs(wire.to), qs(models::toString(*tp->from)), qs(from->id), qs(to->id));
    for (const auto& w : graph.wires)
        if (w.from == wire.from && w.to == wire.to)
            return QStringLiteral("%1 is already wired to %2").arg(qs(wire.from), qs(wire.to));
    return {};
}

models::Node makeNode(const GraphDocument& doc, const std::string& type, QPointF pos)
{
    const auto dot = type.find_last_of('.');
    const std::string base = dot == std::string::npos ? type : type.substr(dot + 1);
    models::Node node;
    node.id = doc.uniqueNodeId(base);
    node.type = type;
    node.x = pos.x();
    node.y = pos.y();
    return node;
}

// --- AddItemsCommand -----------------------------------------------------------------------------

AddItemsCommand::AddItemsCommand(GraphDocument& doc, std::vector<models::Node> nodes, std::vector<models::Wire> wires,
                                 std::vector<Note> notes, const QString& text, QUndoCommand* parent)
    : QUndoCommand(text, parent), m_doc(&doc), m_nodes(std::move(nodes)), m_wires(std::move(wires)),
      m_notes(std::move(notes))
{
}

void AddItemsCommand::redo()
{
    // Ids must be fresh: undo takes the nodes and notes back by id.
    std::set<std::string> nodeIds;
    std::set<QString> noteIds;
    for (const auto& n : m_nodes)
        if (m_doc->node(n.id) || !nodeIds.insert(n.id).second) return setObsolete(true);
    for (const auto& n : m_notes)
        if (m_doc->note(n.id) || !noteIds.insert(n.id).second) return setObsolete(true);
    if (m_nodes.empty() && m_wires.empty() && m_notes.empty()) return setObsolete(true);

    for (const auto& n : m_nodes) m_doc->insertNode(static_cast<int>(m_doc->graph().nodes.size()), n);
    for (const auto& w : m_wires) m_doc->insertWire(static_cast<int>(m_doc->graph().wires.size()), w);
    for (const auto& n : m_notes) m_doc->insertNote(static_cast<int>(m_doc->document().notes.size()), n);
}

void AddItemsCommand::undo()
{
    for (auto it = m_notes.rbegin(); it != m_notes.rend(); ++it) m_doc->takeNote(it->id);
    for (std::size_t k = 0; k < m_wires.size(); ++k) m_doc->takeWire(static_cast<int>(m_doc->graph().wires.size()) - 1);
    for (auto it = m_nodes.rbegin(); it != m_nodes.rend(); ++it) m_doc->takeNode(it->id);
}

// --- RemoveItemsCommand --------------------------------------------------------------------------

RemoveItemsCommand::RemoveItemsCommand(GraphDocument& doc, const QStringList& nodeIds, std::vector<models::Wire> wires,
                                       QStringList noteIds, const QString& text, QUndoCommand* parent)
    : QUndoCommand(text.isEmpty() ? QStringLiteral("Delete") : text, parent), m_doc(&doc),
      m_wireRequest(std::move(wires)), m_noteIds(std::move(noteIds))
{
    for (const QString& id : nodeIds) m_nodeIds.insert(id.toStdString());
}

void RemoveItemsCommand::redo()
{
    if (!m_captured) {
        m_captured = true;
        const std::set<std::string>& ids = m_nodeIds;
        const auto& graph = m_doc->graph();
        for (std::size_t i = 0; i < graph.nodes.size(); ++i)
            if (ids.count(graph.nodes[i].id)) m_nodes.emplace_back(static_cast<int>(i), graph.nodes[i]);
        for (std::size_t i = 0; i < graph.wires.size(); ++i) {
            const models::Wire& w = graph.wires[i];
            const bool requested = std::any_of(m_wireRequest.begin(), m_wireRequest.end(), [&](const models::Wire& r) {
                return r.from == w.from && r.to == w.to;
            });
            if (requested || ids.count(w.from.node) || ids.count(w.to.node))
                m_wires.emplace_back(static_cast<int>(i), w);
        }
        const auto& notes = m_doc->document().notes;
        for (std::size_t i = 0; i < notes.size(); ++i)
            if (m_noteIds.contains(notes[i].id)) m_notes.emplace_back(static_cast<int>(i), notes[i]);
        if (m_nodes.empty() && m_wires.empty() && m_notes.empty()) return setObsolete(true);
    }
    // Wires first, so that no wire ever names a missing node; from the back so indices stay valid.
    for (auto it = m_wires.rbegin(); it != m_wires.rend(); ++it) m_doc->takeWire(it->first);
    for (auto it = m_nodes.rbegin(); it != m_nodes.rend(); ++it) m_doc->takeNode(it->second.id);
    for (auto it = m_notes.rbegin(); it != m_notes.rend(); ++it) m_doc->takeNote(it->second.id);
}

void RemoveItemsCommand::undo()
{
    // In increasing index order every item lands where it was.
    for (const auto& [index, node] : m_nodes) m_doc->insertNode(index, node);
    for (const auto& [index, wire] : m_wires) m_doc->insertWire(index, wire);
    for (const auto& [index, note] : m_notes) m_doc->insertNote(index, note);
}

// --- ConnectCommand ------------------------------------------------------------------------------

ConnectCommand::ConnectCommand(GraphDocument& doc, models::Wire wire, QUndoCommand* parent)
    : QUndoCommand(QStringLiteral("Connect %1 to %2").arg(qs(wire.from), qs(wire.to)), parent), m_doc(&doc),
      m_wire(std::move(wire))
{
}

bool ConnectCommand::check(const GraphDocument& doc, const models::Wire& wire, QString* reason)
{
    const QString problem = connectionProblem(doc.graph(), wire);
    if (reason) *reason = problem;
    return problem.isEmpty();
}

void ConnectCommand::redo()
{
    if (!m_captured) {
        m_captured = true;
        if (!check(*m_doc, m_wire)) return setObsolete(true);
        const auto& graph = m_doc->graph();
        const models::PortSpec* port = models::findSpec(graph.find(m_wire.to.node)->type)->port(m_wire.to.port);
        if (!port->multiple)
            for (std::size_t i = 0; i < graph.wires.size(); ++i)
                if (graph.wires[i].to == m_wire.to) m_replaced.emplace_back(static_cast<int>(i), graph.wires[i]);
        // The new wire takes the place of the one it replaces.
        m_index = m_replaced.empty() ? static_cast<int>(graph.wires.size()) : m_replaced.front().first;
    }
    for (auto it = m_replaced.rbegin(); it != m_replaced.rend(); ++it) m_doc->takeWire(it->first);
    m_doc->insertWire(m_index, m_wire);
}

void ConnectCommand::undo()
{
    m_doc->takeWire(m_index);
    for (const auto& [index, wire] : m_replaced) m_doc->insertWire(index, wire);
}

// --- DisconnectCommand ---------------------------------------------------------------------------

DisconnectCommand::DisconnectCommand(GraphDocument& doc, models::Wire wire, QUndoCommand* parent)
    : QUndoCommand(QStringLiteral("Disconnect %1 from %2").arg(qs(wire.from), qs(wire.to)), parent), m_doc(&doc),
      m_wire(std::move(wire))
{
}

void DisconnectCommand::redo()
{
    if (m_index < 0) {
        m_index = m_doc->wireIndex(m_wire);
        if (m_index < 0) return setObsolete(true);
    }
    m_doc->takeWire(m_index);
}

void DisconnectCommand::undo() { m_doc->insertWire(m_index, m_wire); }

// --- MoveCommand ---------------------------------------------------------------------------------

MoveCommand::MoveCommand(GraphDocument& doc, Moves nodes, NoteMoves notes, QUndoCommand* parent)
    : QUndoCommand(QStringLiteral("Move"), parent), m_doc(&doc), m_nodes(std::move(nodes)), m_notes(std::move(notes))
{
}

MoveCommand::MoveCommand(GraphDocument& doc, const QMap<QString, QPointF>& nodes, const QMap<QString, QPointF>& notes,
                         QUndoCommand* parent)
    : QUndoCommand(QStringLiteral("Move"), parent), m_doc(&doc)
{
    for (auto it = nodes.begin(); it != nodes.end(); ++it)
        if (const models::Node* n = doc.node(it.key().toStdString()))
            m_nodes[n->id] = {QPointF(n->x, n->y), it.value()};
    for (auto it = notes.begin(); it != notes.end(); ++it)
        if (const Note* n = doc.note(it.key())) m_notes[n->id] = {n->pos, it.value()};
}

void MoveCommand::apply(bool forward)
{
    for (const auto& [id, move] : m_nodes) m_doc->setNodePosition(id, forward ? move.second : move.first);
    for (const auto& [id, move] : m_notes)
        if (const Note* n = m_doc->note(id)) m_doc->setNote(id, n->text, forward ? move.second : move.first);
}

void MoveCommand::redo()
{
    const auto still = [](const auto& entry) { return entry.second.first == entry.second.second; };
    if (std::all_of(m_nodes.begin(), m_nodes.end(), still) && std::all_of(m_notes.begin(), m_notes.end(), still))
        return setObsolete(true); // a click without a drag
    apply(true);
}

void MoveCommand::undo() { apply(false); }

// --- SetParamCommand -----------------------------------------------------------------------------

SetParamCommand::SetParamCommand(GraphDocument& doc, std::vector<std::string> ids, std::string key,
                                 std::optional<models::ParamValue> value, QUndoCommand* parent)
    : QUndoCommand(QStringLiteral("Set '%1'").arg(qs(key)), parent), m_doc(&doc), m_ids(std::move(ids)),
      m_key(std::move(key)), m_value(std::move(value)), m_time(std::chrono::steady_clock::now())
{
}

void SetParamCommand::redo()
{
    if (m_old.empty()) {
        std::erase_if(m_ids, [this](const std::string& id) { return m_doc->node(id) == nullptr; });
        if (m_ids.empty()) return setObsolete(true);
        for (const auto& id : m_ids) {
            const auto& params = m_doc->node(id)->params;
            const auto it = params.find(m_key);
            m_old.push_back(it == params.end() ? std::nullopt : std::optional<models::ParamValue>(it->second));
        }
        if (std::all_of(m_old.begin(), m_old.end(), [this](const auto& old) { return old == m_value; }))
            return setObsolete(true);
    }
    for (const auto& id : m_ids) m_doc->setParam(id, m_key, m_value);
}

void SetParamCommand::undo()
{
    for (std::size_t i = 0; i < m_ids.size(); ++i) m_doc->setParam(m_ids[i], m_key, m_old[i]);
}

bool SetParamCommand::mergeWith(const QUndoCommand* other)
{
    const auto* o = dynamic_cast<const SetParamCommand*>(other);
    if (!o || o->m_doc != m_doc || o->m_key != m_key || o->m_ids != m_ids || o->m_time - m_time >= kMergeWindow)
        return false;
    m_value = o->m_value;
    m_time = o->m_time; // the window slides with the drag
    setObsolete(std::all_of(m_old.begin(), m_old.end(), [this](const auto& old) { return old == m_value; }));
    return true;
}

// --- RenameNodeCommand ---------------------------------------------------------------------------

RenameNodeCommand::RenameNodeCommand(GraphDocument& doc, std::string oldId, std::string newId, QUndoCommand* parent)
    : QUndoCommand(QStringLiteral("Rename '%1' to '%2'").arg(qs(oldId), qs(newId)), parent), m_doc(&doc),
      m_old(std::move(oldId)), m_new(std::move(newId))
{
}

QString RenameNodeCommand::check(const GraphDocument& doc, const std::string& oldId, const std::string& newId)
{
    QString problem;
    if (!doc.node(oldId)) problem = QStringLiteral("there is no node '%1'").arg(qs(oldId));
    else if (newId == oldId) problem = QStringLiteral("the name is unchanged");
    else if (newId.empty()) problem = QStringLiteral("a node needs a name");
    else if (newId.find_first_of(". \t\n\r\f\v") != std::string::npos)
        problem = QStringLiteral("'%1' contains a dot or a space; a dot separates node and port in wires")
                      .arg(qs(newId));
    else if (doc.node(newId)) problem = QStringLiteral("another node is already named '%1'").arg(qs(newId));
    return problem;
}

void RenameNodeCommand::redo()
{
    if (!check(*m_doc, m_old, m_new).isEmpty()) return setObsolete(true);
    m_doc->renameNode(m_old, m_new);
}

void RenameNodeCommand::undo() { m_doc->renameNode(m_new, m_old); }

// --- SetExperimentCommand ------------------------------------------------------------------------

SetExperimentCommand::SetExperimentCommand(GraphDocument& doc, const models::Experiment& experiment,
                                           QUndoCommand* parent)
    : QUndoCommand(QStringLiteral("Change the experiment settings"), parent), m_doc(&doc),
      m_old(doc.graph().experiment), m_new(experiment)
{
}

void SetExperimentCommand::redo()
{
    if (sameExperiment(m_old, m_new)) return setObsolete(true);
    m_doc->setExperiment(m_new);
}

void SetExperimentCommand::undo() { m_doc->setExperiment(m_old); }

// --- EditNoteCommand -----------------------------------------------------------------------------

EditNoteCommand::EditNoteCommand(GraphDocument& doc, const QString& id, const QString& text, QPointF pos,
                                 QUndoCommand* parent)
    : QUndoCommand(QStringLiteral("Edit note"), parent), m_doc(&doc), m_id(id), m_newText(text), m_newPos(pos)
{
    if (const Note* n = doc.note(id)) m_oldText = n->text, m_oldPos = n->pos;
}

void EditNoteCommand::redo()
{
    if (!m_doc->note(m_id) || (m_oldText == m_newText && m_oldPos == m_newPos)) return setObsolete(true);
    m_doc->setNote(m_id, m_newText, m_newPos);
}

void EditNoteCommand::undo() { m_doc->setNote(m_id, m_oldText, m_oldPos); }

} // namespace ss::app
