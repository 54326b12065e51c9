#pragma once
// The open document as the single source of truth of the editor: the graph, the notes, the name,
// the file it lives in and the undo stack. Every user edit goes through an undo command
// (app/EditCommands.h) that calls the primitive mutators below; the mutators emit fine-grained
// signals that the canvas adapter, the inspector and the problems list follow. The document is
// revalidated after every change.
#include "app/DocumentIo.h"
#include "models/Validator.h"

#include <QObject>
#include <QPointF>
#include <QUndoStack>

#include <optional>

namespace ss::app {

class GraphDocument : public QObject {
    Q_OBJECT
public:
    explicit GraphDocument(QObject* parent = nullptr);

    // --- whole document -----------------------------------------------------------------------
    const Document& document() const { return m_doc; }
    const models::Graph& graph() const { return m_doc.graph; }
    // Replaces everything (new / open / restore); clears the undo stack and marks it clean.
    void reset(Document doc, const QString& filePath = QString());
    QByteArray toJson() const { return writeDocument(m_doc); }
    QString filePath() const { return m_filePath; }
    void setFilePath(const QString& path);
    QUndoStack* undoStack() { return &m_undo; }
    bool isModified() const { return !m_undo.isClean(); }
    // Marks the current state as saved.
    void setSaved();
    // Marks the document as having unsaved changes (restored from a recovery file).
    void markModified() { m_undo.resetClean(); }

    // --- queries -------------------------------------------------------------------------------
    const models::Node* node(const std::string& id) const { return m_doc.graph.find(id); }
    int nodeIndex(const std::string& id) const; // -1 when absent
    int wireIndex(const models::Wire& wire) const;
    const Note* note(const QString& id) const;
    // A fresh node id from a base ("lif", "lif_2", ...).
    std::string uniqueNodeId(const std::string& base) const;
    QString uniqueNoteId() const;
    // Problems of the last validation (parameters, wires, shapes, memory).
    const std::vector<models::Problem>& problems() const { return m_problems; }
    // Inferred output shape of a node (nullopt when unknown or when shapes conflict).
    std::optional<sim::Shape> shapeOf(const std::string& id) const;

    // --- primitive mutators, for undo commands only ----------------------------------------------
    void insertNode(int index, models::Node node);
    models::Node takeNode(const std::string& id); // removes the node only, not its wires
    void insertWire(int index, models::Wire wire);
    models::Wire takeWire(int index);
    void setNodePosition(const std::string& id, QPointF pos);
    // value == nullopt removes the key (back to the declared default).
    void setParam(const std::string& id, const std::string& key, const std::optional<models::ParamValue>& value);
    // Renames a node and every wire end that names it.
    void renameNode(const std::string& oldId, const std::string& newId);
    void insertNote(int index, Note note);
    Note takeNote(const QString& id);
    void setNote(const QString& id, const QString& text, QPointF pos);
    void setExperiment(const models::Experiment& experiment);

signals:
    void nodeAdded(const QString& id);
    void nodeRemoved(const QString& id);
    void nodeChanged(const QString& id); // parameters changed
    void nodeMoved(const QString& id);
    void nodeRenamed(const QString& oldId, const QString& newId);
    void wiresChanged();
    void notesChanged();
    void experimentChanged();
    void documentReset();
    void problemsChanged();
    void modifiedChanged(bool modified);
    void filePathChanged(const QString& path);

private:
    void revalidate();

    Document m_doc;
    QString m_filePath;
    QUndoStack m_undo;
    std::vector<models::Problem> m_problems;
    std::map<std::string, std::optional<sim::Shape>> m_shapes;
};

} // namespace ss::app
