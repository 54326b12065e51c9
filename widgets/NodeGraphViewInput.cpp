// NodeGraphView: the gestures (pan, zoom, moving, deleting, in-place editing, drops from the palette).
#include "widgets/NodeGraphView.h"

#include "widgets/NodeGraphItems.h"

#include <QGraphicsScene>
#include <QKeyEvent>
#include <QMimeData>
#include <QScrollBar>
#include <QTimer>

#include <algorithm>
#include <cmath>

namespace ss::widgets {

namespace {

constexpr double kFitMargin = 40.0;

} // namespace

// --- mouse ------------------------------------------------------------------------------------------

void NodeGraphView::wheelEvent(QWheelEvent* event)
{
    const double notches = event->angleDelta().y() / 120.0;
    if (notches == 0.0) {
        event->ignore();
        return;
    }
    zoomBy(std::pow(WheelStep, notches), event->position().toPoint());
    event->accept();
}

void NodeGraphView::mousePressEvent(QMouseEvent* event)
{
    // A click outside the text being edited commits it (through the editor's focus-out).
    if (m_editor && itemAt(event->pos()) != m_editor)
        m_scene->clearFocus();
    if (event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && m_spaceHeld)) {
        m_panning = true;
        m_panLast = event->pos();
        viewport()->setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    if (event->button() == Qt::LeftButton && m_model && !m_dragWire) {
        if (PortItem* port = portAt(event->pos())) {
            beginWireDrag(port, event->pos());
            event->accept();
            return;
        }
    }
    QGraphicsView::mousePressEvent(event);
    if (event->button() == Qt::LeftButton)
        recordPositions();
}

void NodeGraphView::mouseMoveEvent(QMouseEvent* event)
{
    if (m_panning) {
        m_keepFitted = false;
        const QPoint delta = event->pos() - m_panLast;
        m_panLast = event->pos();
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
        event->accept();
        return;
    }
    if (m_dragWire) {
        updateWireDrag(event->pos());
        event->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
}

void NodeGraphView::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_panning && (event->button() == Qt::MiddleButton || event->button() == Qt::LeftButton)) {
        m_panning = false;
        if (m_spaceHeld)
            viewport()->setCursor(Qt::OpenHandCursor);
        else
            viewport()->unsetCursor();
        event->accept();
        return;
    }
    if (m_dragWire && event->button() == Qt::LeftButton) {
        endWireDrag(event->pos());
        event->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
    if (event->button() == Qt::LeftButton)
        finishMove();
}

void NodeGraphView::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton) {
        QGraphicsItem* item = itemAt(event->pos());
        if (item && item->type() == PortItem::Type)
            item = item->parentItem();
        const QPointF scenePos = toScene(event->position());
        if (item && item->type() == NodeItem::Type) {
            auto* node = static_cast<NodeItem*>(item);
            if (node->titleRect().contains(scenePos)) {
                beginEdit(node->id(), false);
                event->accept();
                return;
            }
        } else if (item && item->type() == NoteItem::Type) {
            beginEdit(static_cast<NoteItem*>(item)->id(), true);
            event->accept();
            return;
        }
    }
    QGraphicsView::mouseDoubleClickEvent(event);
}

// --- moving -----------------------------------------------------------------------------------------

void NodeGraphView::recordPositions()
{
    // Every item, not only the selected ones: Ctrl+drag moves an item that is not selected yet.
    m_pressNodes.clear();
    m_pressNotes.clear();
    for (auto it = m_nodes.cbegin(); it != m_nodes.cend(); ++it)
        m_pressNodes.insert(it.key(), it.value()->pos());
    for (auto it = m_notes.cbegin(); it != m_notes.cend(); ++it)
        m_pressNotes.insert(it.key(), it.value()->pos());
}

QPointF NodeGraphView::snapped(QPointF p) const
{
    if (!m_snap)
        return p;
    return {std::round(p.x() / GridStep) * GridStep, std::round(p.y() / GridStep) * GridStep};
}

void NodeGraphView::finishMove()
{
    QMap<QString, QPointF> nodes, notes;
    for (auto it = m_pressNodes.cbegin(); it != m_pressNodes.cend(); ++it)
        if (const NodeItem* node = m_nodes.value(it.key()); node && node->pos() != it.value())
            nodes.insert(it.key(), snapped(toDocumentPos(node->pos())));
    for (auto it = m_pressNotes.cbegin(); it != m_pressNotes.cend(); ++it)
        if (const NoteItem* note = m_notes.value(it.key()); note && note->pos() != it.value())
            notes.insert(it.key(), snapped(toDocumentPos(note->pos())));
    m_pressNodes.clear();
    m_pressNotes.clear();
    if (nodes.isEmpty() && notes.isEmpty())
        return;
    emit moveRequested(nodes, notes);
    // The items show where the model put them, whatever the owner did with the request.
    if (!m_model)
        return;
    for (auto it = nodes.cbegin(); it != nodes.cend(); ++it)
        moveNode(it.key());
    const QStringList noteIds = m_model->noteIds();
    for (auto it = notes.cbegin(); it != notes.cend(); ++it)
        if (NoteItem* note = m_notes.value(it.key()); note && noteIds.contains(it.key()))
            note->setPos(toItemPos(m_model->notePosition(it.key())));
}

// --- keyboard ---------------------------------------------------------------------------------------

void NodeGraphView::keyPressEvent(QKeyEvent* event)
{
    if (m_editor) { // the text being edited gets every key
        QGraphicsView::keyPressEvent(event);
        return;
    }
    if (event->key() == Qt::Key_Escape && m_dragWire) {
        cancelWireDrag();
        event->accept();
        return;
    }
    if (event->key() == Qt::Key_Space) {
        if (!event->isAutoRepeat()) {
            m_spaceHeld = true;
            if (!m_panning)
                viewport()->setCursor(Qt::OpenHandCursor);
        }
        event->accept();
        return;
    }
    if (event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace) {
        const QStringList nodes = selectedNodes(), notes = selectedNotes();
        const QVector<WireView> wires = selectedWires();
        if (nodes.isEmpty() && notes.isEmpty() && wires.size() == 1)
            emit disconnectRequested(wires.front());
        else if (!nodes.isEmpty() || !notes.isEmpty() || !wires.isEmpty())
            emit deleteRequested(nodes, wires, notes);
        event->accept();
        return;
    }
    if (event->matches(QKeySequence::SelectAll)) {
        selectAll();
        event->accept();
        return;
    }
    QGraphicsView::keyPressEvent(event);
}

void NodeGraphView::keyReleaseEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat() && !m_editor) {
        m_spaceHeld = false;
        if (!m_panning)
            viewport()->unsetCursor();
        event->accept();
        return;
    }
    QGraphicsView::keyReleaseEvent(event);
}

void NodeGraphView::focusOutEvent(QFocusEvent* event)
{
    // The Space release may go to another widget.
    m_spaceHeld = false;
    QGraphicsView::focusOutEvent(event);
}

// --- in-place editing -------------------------------------------------------------------------------

void NodeGraphView::beginEdit(const QString& id, bool note)
{
    closeEditor();
    QString original;
    if (note) {
        const NoteItem* item = m_notes.value(id);
        if (!item)
            return;
        original = item->text();
        m_editor = new InlineEditor(original, canvasFont(12), item->textRect().width() + 8.0, true);
        m_editor->setPos(item->mapToScene(item->textRect().topLeft()) - QPointF(4.0, 4.0));
    } else {
        const NodeItem* item = m_nodes.value(id);
        if (!item)
            return;
        original = item->content().title;
        const QRectF title = item->titleRect();
        m_editor = new InlineEditor(original, canvasFont(13, true), title.width(), false);
        m_editor->setPos(title.topLeft());
    }
    m_scene->addItem(m_editor);
    connect(m_editor, &InlineEditor::committed, this, [this, id, note, original](const QString& text) {
        closeEditor();
        if (note) {
            if (text != original)
                emit noteEditRequested(id, text);
        } else if (const QString name = text.simplified(); !name.isEmpty() && name != original) {
            emit renameRequested(id, name);
        }
    });
    connect(m_editor, &InlineEditor::cancelled, this, &NodeGraphView::closeEditor);
    m_editor->begin();
}

void NodeGraphView::closeEditor()
{
    if (!m_editor)
        return;
    InlineEditor* editor = m_editor;
    m_editor = nullptr;
    disconnect(editor, nullptr, this, nullptr);
    // Hidden now, deleted once the event that closed it (a key, a focus change) has been delivered.
    editor->hide();
    editor->deleteLater();
}

// --- zoom -------------------------------------------------------------------------------------------

double NodeGraphView::zoom() const
{
    return transform().m11();
}

void NodeGraphView::zoomBy(double factor, QPoint anchorViewPos)
{
    m_keepFitted = false;
    const double current = zoom();
    const double target = std::clamp(current * factor, MinZoom, MaxZoom);
    if (std::abs(target - current) < 1e-9 * current)
        return;
    setZooming(true);
    m_settle->start();
    const QPointF anchor(anchorViewPos);
    const QPointF fixed = toScene(anchor);
    scale(target / current, target / current);
    // Scroll so that the scene point under the anchor comes back under it (to half a pixel: the
    // scroll offsets are whole pixels).
    const QPointF drift = viewportTransform().map(fixed) - anchor;
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() + static_cast<int>(std::lround(drift.x())));
    verticalScrollBar()->setValue(verticalScrollBar()->value() + static_cast<int>(std::lround(drift.y())));
}

void NodeGraphView::setZooming(bool zooming)
{
    if (zooming == m_zooming)
        return;
    m_zooming = zooming;
    const auto mode = zooming ? QGraphicsItem::NoCache : QGraphicsItem::DeviceCoordinateCache;
    for (NodeItem* node : std::as_const(m_nodes))
        node->setCacheMode(mode);
    for (NoteItem* note : std::as_const(m_notes))
        note->setCacheMode(mode);
}

void NodeGraphView::fitToView()
{
    QRectF bounds;
    for (const NodeItem* node : std::as_const(m_nodes))
        bounds |= node->sceneBoundingRect();
    for (const NoteItem* note : std::as_const(m_notes))
        bounds |= note->sceneBoundingRect();
    if (bounds.isEmpty()) {
        setTransform(QTransform());
        centerOn(0.0, 0.0);
        return;
    }
    bounds.adjust(-kFitMargin, -kFitMargin, kFitMargin, kFitMargin);
    const QRectF view = viewport()->rect();
    // A small graph is shown at 100 % rather than blown up.
    const double s = std::clamp(std::min(view.width() / bounds.width(), view.height() / bounds.height()), MinZoom, 1.0);
    setTransform(QTransform::fromScale(s, s));
    centerOn(bounds.center());
    m_keepFitted = true;
}

void NodeGraphView::resizeEvent(QResizeEvent* event)
{
    QGraphicsView::resizeEvent(event);
    // A fitted view stays fitted while docks open and close around it, until the user zooms or pans.
    if (m_keepFitted) fitToView();
}

QPointF NodeGraphView::sceneCenter() const
{
    return toDocumentPos(toScene(QRectF(viewport()->rect()).center()));
}

QPointF NodeGraphView::toScene(QPointF viewPos) const
{
    return viewportTransform().inverted().map(viewPos);
}

// --- drops from the palette ---------------------------------------------------------------------------

void NodeGraphView::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasFormat(QLatin1String(NodeTypeMime)))
        event->acceptProposedAction();
    else
        event->ignore();
}

void NodeGraphView::dragMoveEvent(QDragMoveEvent* event)
{
    if (event->mimeData()->hasFormat(QLatin1String(NodeTypeMime)))
        event->acceptProposedAction();
    else
        event->ignore();
}

void NodeGraphView::dropEvent(QDropEvent* event)
{
    const QString type = QString::fromUtf8(event->mimeData()->data(QLatin1String(NodeTypeMime)));
    if (type.isEmpty()) {
        event->ignore();
        return;
    }
    emit createNodeRequested(type, toDocumentPos(toScene(event->position())));
    event->acceptProposedAction();
}

} // namespace ss::widgets
