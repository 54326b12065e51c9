#pragma once
// The node-graph canvas: draws a GraphModel (nodes with their ports, wires with their inferred shapes,
// sticky notes) and turns the user's gestures into request signals. It never edits the model: the
// owner answers a request by changing the document, and the model's signals bring the change back here
// (incrementally: one node item per nodeAdded/Removed/Updated/Moved, wires and notes by difference).
//
// Gestures: the wheel zooms about the cursor; the middle button or Space + left button pans; a left
// drag on empty space selects with a rubber band, a click selects, Ctrl+click toggles; dragging from
// a port draws a wire (from an input port too, backwards; from a connected input port it picks up that
// port's last wire: dropped on empty space it is disconnected, on another compatible port it is moved,
// as disconnectRequested then connectRequested); Delete/Backspace deletes the selection (a single
// selected wire alone: disconnectRequested); a double-click on a node's title renames it, on a note
// edits it (Ctrl+Enter or a click elsewhere commits, Escape cancels).
#include "widgets/FigureFormat.h"
#include "widgets/GraphModel.h"

#include <QGraphicsView>
#include <QHash>
#include <QMap>
#include <QPointer>

class QGraphicsScene;
class QTimer;

namespace ss::widgets {

class InlineEditor;
class NodeItem;
class NoteItem;
class PortItem;
class WireItem;
struct NodeContent;

class NodeGraphView : public QGraphicsView {
    Q_OBJECT
public:
    // MIME type of a dragged node type (palette -> canvas); the data is the type id in UTF-8.
    static constexpr const char* NodeTypeMime = "application/x-spikestudio-node-type";
    static constexpr double MinZoom = 0.1;
    static constexpr double MaxZoom = 4.0;
    static constexpr double WheelStep = 1.15; // zoom factor per wheel notch
    static constexpr double GridStep = 10.0;  // snapping grid, scene pixels

    explicit NodeGraphView(QWidget* parent = nullptr);
    ~NodeGraphView() override;

    // Builds the items of every node, wire and note, then follows the model's signals. The view does
    // not own the model; nullptr empties the canvas.
    void setModel(GraphModel* model);
    GraphModel* model() const { return m_model; }

    QStringList selectedNodes() const;
    QStringList selectedNotes() const;
    QVector<WireView> selectedWires() const;
    void selectAll();
    void selectNodes(const QStringList& ids);

    // Multiplies the zoom by factor (clamped to [MinZoom, MaxZoom]), keeping the scene point under
    // anchorViewPos (viewport coordinates) where it is.
    void zoomBy(double factor, QPoint anchorViewPos);
    // Shows every node and note with a margin, at most at 100 %.
    void fitToView();
    // Lays every node, wire and note out again at the current presenter scale (widgets/PlotStyle.h):
    // fonts, node and port sizes and pen widths follow it, and so do the distances between items: the
    // scene shows document position p at p * scale, so that grown nodes keep their gaps. A fitted view is
    // fitted again.
    void restyle();
    // The whole graph (every node, wire and note, with a margin, on white) as a figure: a PNG of
    // `scale` pixels per scene pixel, or an SVG or PDF page of 96 scene pixels to the inch.
    bool exportImage(const QString& path, FigureFormat format, double scale = 2.0) const;
    double zoom() const;
    void setSnapToGrid(bool on) { m_snap = on; }
    bool snapToGrid() const { return m_snap; }
    // Document position at the centre of the viewport (where a double-clicked palette entry goes).
    QPointF sceneCenter() const;
    // Document positions and scene positions differ by the presenter scale (1 outside presenter mode).
    static QPointF toItemPos(QPointF documentPos);
    static QPointF toDocumentPos(QPointF scenePos);

    // For tests and the owner's conveniences.
    NodeItem* nodeItem(const QString& id) const { return m_nodes.value(id); }
    NoteItem* noteItem(const QString& id) const { return m_notes.value(id); }
    int nodeItemCount() const { return static_cast<int>(m_nodes.size()); }
    int wireItemCount() const { return static_cast<int>(m_wires.size()); }
    int noteItemCount() const { return static_cast<int>(m_notes.size()); }
    // Centre of a port in scene coordinates (an output port first when both directions share the
    // name); a null point when there is no such port.
    QPointF portScenePos(const QString& nodeId, const QString& portName) const;

signals:
    void createNodeRequested(const QString& type, QPointF scenePos);
    void connectRequested(const ss::widgets::WireView& wire);
    void disconnectRequested(const ss::widgets::WireView& wire);
    // Once per drag, on release; positions on the grid when snapToGrid() is on.
    void moveRequested(const QMap<QString, QPointF>& nodePositions, const QMap<QString, QPointF>& notePositions);
    void deleteRequested(const QStringList& nodes, const QVector<ss::widgets::WireView>& wires, const QStringList& notes);
    void renameRequested(const QString& id, const QString& newName);
    void noteEditRequested(const QString& id, const QString& text);
    void selectionChangedTo(const QStringList& nodeIds, const QStringList& noteIds);
    void statusMessage(const QString& message);

protected:
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void keyReleaseEvent(QKeyEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void drawBackground(QPainter* painter, const QRectF& rect) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    // Following the model (NodeGraphView.cpp).
    void rebuild();
    void clearItems();
    NodeContent contentOf(const QString& id) const;
    void addNode(const QString& id);
    void removeNode(const QString& id);
    void updateNode(const QString& id);
    void moveNode(const QString& id);
    void syncWires();
    void syncNotes();
    void destroyWire(WireItem* wire);
    PortItem* findPort(const QString& nodeId, const QString& portName, bool output) const;
    void emitSelection();
    void setZooming(bool zooming);

    // Gestures (NodeGraphViewInput.cpp).
    QPointF toScene(QPointF viewPos) const;
    QPointF snapped(QPointF p) const;
    // Wire dragging (NodeGraphViewWires.cpp).
    PortItem* portAt(QPoint viewPos) const;
    void beginWireDrag(PortItem* port, QPoint viewPos);
    void updateWireDrag(QPoint viewPos);
    void endWireDrag(QPoint viewPos);
    void cancelWireDrag();
    void recordPositions();
    void finishMove();
    void beginEdit(const QString& id, bool note);
    void closeEditor();

    QGraphicsScene* m_scene;
    // While the zoom changes, nodes and notes are drawn directly: their pixmap caches would be redrawn
    // at every step, which costs more than drawing them. The caches return once the zoom settles.
    QTimer* m_settle;
    bool m_zooming = false;
    QPointer<GraphModel> m_model;
    QHash<QString, NodeItem*> m_nodes;
    QHash<QString, NoteItem*> m_notes;
    QVector<WireItem*> m_wires;
    bool m_snap = true;
    bool m_building = false;

    bool m_panning = false;
    bool m_keepFitted = false; // fitToView() again on resizes, until the user zooms or pans
    bool m_spaceHeld = false;
    QPoint m_panLast;

    QMap<QString, QPointF> m_pressNodes, m_pressNotes;

    // The wire being dragged: the port it starts from, the picked-up wire when it came off an input.
    PortItem* m_dragAnchor = nullptr;
    WireItem* m_dragWire = nullptr;
    WireItem* m_detached = nullptr;
    PortItem* m_hoverPort = nullptr;
    QHash<PortItem*, QString> m_refusals; // reason per port that the dragged wire cannot reach

    InlineEditor* m_editor = nullptr;
};

} // namespace ss::widgets
