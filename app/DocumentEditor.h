#pragma once
// Wires the editor's widgets to the document: the canvas's and the inspector's requests become undo
// commands on the GraphDocument, and the inspector follows the selection and the document.
#include "app/GraphDocument.h"

#include <QObject>
#include <QPointF>

namespace ss::widgets {
class NodeGraphView;
class InspectorWidget;
class PaletteWidget;
struct WireView;
} // namespace ss::widgets

namespace ss::app {

class DocumentEditor : public QObject {
    Q_OBJECT
public:
    DocumentEditor(GraphDocument& doc, widgets::NodeGraphView& view, widgets::InspectorWidget& inspector,
                   widgets::PaletteWidget& palette, QObject* parent = nullptr);

    // Edit actions on the current selection; each is one undo step.
    void createNode(const QString& type, QPointF scenePos);
    void deleteSelection();
    void copySelection();
    void cutSelection();
    void paste();
    void duplicateSelection();
    void addNote(QPointF scenePos);

signals:
    void statusMessage(const QString& message);
    void logMessage(const QString& message);

private:
    void connectRequests();
    void refreshInspector();
    void push(class QUndoCommand* command);

    GraphDocument& m_doc;
    widgets::NodeGraphView& m_view;
    widgets::InspectorWidget& m_inspector;
    QStringList m_selectedNodes;
    int m_pasteCount = 0;
};

} // namespace ss::app
