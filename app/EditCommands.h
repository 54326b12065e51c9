#pragma once
// The undo commands of the editor. Each calls only the primitive mutators of GraphDocument and puts
// every item back at the index it came from, so that undo followed by redo gives a document whose
// JSON is identical byte for byte (node order and wire order included).
//
// Commands capture the state they change on their first redo(), which QUndoStack::push() calls at
// once; a command whose edit turns out impossible or empty at that moment marks itself obsolete and
// QUndoStack drops it without an undo step.
#include "app/GraphDocument.h"

#include <QMap>
#include <QUndoCommand>

#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace ss::app {

// Why a wire from wire.from to wire.to cannot be made; empty when it can. The same rules as
// models::validate() (ports exist, an output into an input, same kind) plus: no second copy of an
// existing wire and no wire from a node into itself. An input that takes one wire only and already
// has one is not a reason: ConnectCommand replaces that wire.
QString connectionProblem(const models::Graph& graph, const models::Wire& wire);

// A new node of a palette type at `pos`, with an id made from the type ("layer.lif" -> "lif",
// "lif_2", ...). Its parameters are left empty: absent keys mean the declared defaults.
models::Node makeNode(const GraphDocument& doc, const std::string& type, QPointF pos);

// Create, paste and duplicate: appends nodes, then wires, then notes.
class AddItemsCommand : public QUndoCommand {
public:
    AddItemsCommand(GraphDocument& doc, std::vector<models::Node> nodes, std::vector<models::Wire> wires,
                    std::vector<Note> notes, const QString& text, QUndoCommand* parent = nullptr);
    void undo() override;
    void redo() override;

private:
    GraphDocument* m_doc;
    std::vector<models::Node> m_nodes;
    std::vector<models::Wire> m_wires;
    std::vector<Note> m_notes;
};

// Delete and cut: the nodes with every wire that touches them, the given wires, and the notes.
class RemoveItemsCommand : public QUndoCommand {
public:
    RemoveItemsCommand(GraphDocument& doc, const QStringList& nodeIds, std::vector<models::Wire> wires,
                       QStringList noteIds, const QString& text = QString(), QUndoCommand* parent = nullptr);
    void undo() override;
    void redo() override;

private:
    GraphDocument* m_doc;
    std::set<std::string> m_nodeIds;
    std::vector<models::Wire> m_wireRequest;
    QStringList m_noteIds;
    bool m_captured = false;
    // What was removed and where it was, in increasing index order.
    std::vector<std::pair<int, models::Node>> m_nodes;
    std::vector<std::pair<int, models::Wire>> m_wires;
    std::vector<std::pair<int, Note>> m_notes;
};

// A wire; into an input that takes one wire only, the wire already there is replaced.
class ConnectCommand : public QUndoCommand {
public:
    ConnectCommand(GraphDocument& doc, models::Wire wire, QUndoCommand* parent = nullptr);
    // Whether the wire can be made; the reason why not in `reason`.
    static bool check(const GraphDocument& doc, const models::Wire& wire, QString* reason = nullptr);
    void undo() override;
    void redo() override;

private:
    GraphDocument* m_doc;
    models::Wire m_wire;
    bool m_captured = false;
    int m_index = -1; // where the new wire goes
    std::vector<std::pair<int, models::Wire>> m_replaced;
};

class DisconnectCommand : public QUndoCommand {
public:
    DisconnectCommand(GraphDocument& doc, models::Wire wire, QUndoCommand* parent = nullptr);
    void undo() override;
    void redo() override;

private:
    GraphDocument* m_doc;
    models::Wire m_wire;
    int m_index = -1;
};

// One drag: every moved node and note from its old to its new position.
class MoveCommand : public QUndoCommand {
public:
    using Moves = std::map<std::string, std::pair<QPointF, QPointF>>; // id -> (old, new)
    using NoteMoves = std::map<QString, std::pair<QPointF, QPointF>>;
    MoveCommand(GraphDocument& doc, Moves nodes, NoteMoves notes = {}, QUndoCommand* parent = nullptr);
    // New positions only: the old ones are read from the document, which a drag has not changed yet.
    MoveCommand(GraphDocument& doc, const QMap<QString, QPointF>& nodes, const QMap<QString, QPointF>& notes = {},
                QUndoCommand* parent = nullptr);
    void undo() override;
    void redo() override;

private:
    void apply(bool forward);
    GraphDocument* m_doc;
    Moves m_nodes;
    NoteMoves m_notes;
};

// One parameter on one or several nodes (a multi-selection of the same type). value == nullopt
// returns to the declared default.
//
// Merging: an edit of the same key on the same nodes merges into the previous one while that one is
// the top of the stack (and not the saved state, which QUndoStack never merges into) and its last
// edit was less than kMergeWindow ago. A slider drag or a spin box held down thus becomes one undo
// step, while two deliberate edits of the same field seconds apart stay two. An edit that brings
// every node back to where the merged step started removes the step.
class SetParamCommand : public QUndoCommand {
public:
    static constexpr std::chrono::milliseconds kMergeWindow{1000};
    static constexpr int kId = 0x5353'0001;

    SetParamCommand(GraphDocument& doc, std::vector<std::string> ids, std::string key,
                    std::optional<models::ParamValue> value, QUndoCommand* parent = nullptr);
    void undo() override;
    void redo() override;
    int id() const override { return kId; }
    bool mergeWith(const QUndoCommand* other) override;

private:
    GraphDocument* m_doc;
    std::vector<std::string> m_ids;
    std::string m_key;
    std::optional<models::ParamValue> m_value;
    std::vector<std::optional<models::ParamValue>> m_old; // per id
    std::chrono::steady_clock::time_point m_time;
};

class RenameNodeCommand : public QUndoCommand {
public:
    RenameNodeCommand(GraphDocument& doc, std::string oldId, std::string newId, QUndoCommand* parent = nullptr);
    // Why the node cannot take that name (empty when it can): an absent node, an unchanged or used
    // name, a name that is empty or contains dots or white space (a dot separates node and port in wires).
    static QString check(const GraphDocument& doc, const std::string& oldId, const std::string& newId);
    void undo() override;
    void redo() override;

private:
    GraphDocument* m_doc;
    std::string m_old, m_new;
};

class SetExperimentCommand : public QUndoCommand {
public:
    SetExperimentCommand(GraphDocument& doc, const models::Experiment& experiment, QUndoCommand* parent = nullptr);
    void undo() override;
    void redo() override;

private:
    GraphDocument* m_doc;
    models::Experiment m_old, m_new;
};

// A note's text and/or position.
class EditNoteCommand : public QUndoCommand {
public:
    EditNoteCommand(GraphDocument& doc, const QString& id, const QString& text, QPointF pos,
                    QUndoCommand* parent = nullptr);
    void undo() override;
    void redo() override;

private:
    GraphDocument* m_doc;
    QString m_id;
    QString m_oldText, m_newText;
    QPointF m_oldPos, m_newPos;
};

} // namespace ss::app
