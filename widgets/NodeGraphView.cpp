// NodeGraphView: construction, following the model, selection and the background. The gestures and
// the zoom are in NodeGraphViewInput.cpp, wire dragging in NodeGraphViewWires.cpp.
#include "widgets/NodeGraphView.h"

#include "widgets/NodeGraphItems.h"
#include "widgets/PlotStyle.h"

#include <qcustomplot.h>

#include <QGraphicsScene>
#include <QMultiHash>
#include <QPainter>
#include <QPixmapCache>
#include <QScrollBar>
#include <QTimer>

#include <algorithm>
#include <cmath>

namespace ss::widgets {

namespace {

// Large enough to pan anywhere a user puts nodes, small enough for scroll-bar values at MaxZoom.
constexpr double kSceneHalfSize = 50000.0;
constexpr int kPixmapCacheKb = 96 * 1024;
constexpr int kZoomSettleMs = 200;
const QColor kBackground(0xF6, 0xF7, 0xF9);
const QColor kMinorGrid(0xEB, 0xED, 0xF1);
const QColor kMajorGrid(0xDE, 0xE1, 0xE7);

QString wireKey(const WireView& w)
{
    return w.fromNode + QChar(0x1f) + w.fromPort + QChar(0x1f) + w.toNode + QChar(0x1f) + w.toPort;
}

} // namespace

NodeGraphView::NodeGraphView(QWidget* parent)
    : QGraphicsView(parent), m_scene(new QGraphicsScene(this)), m_settle(new QTimer(this))
{
    m_settle->setSingleShot(true);
    m_settle->setInterval(kZoomSettleMs);
    connect(m_settle, &QTimer::timeout, this, [this] { setZooming(false); });
    m_scene->setSceneRect(-kSceneHalfSize, -kSceneHalfSize, 2 * kSceneHalfSize, 2 * kSceneHalfSize);
    setScene(m_scene);
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    // Every item sets the pen, brush, font and hints it uses: the view need not save the painter.
    setOptimizationFlags(DontSavePainterState);
    setViewportUpdateMode(SmartViewportUpdate);
    setCacheMode(CacheNone);
    // The node and note caches live in QPixmapCache: its default 10 MB holds about 140 nodes at 100 %,
    // so a full view of a 200-node graph would evict and re-render nodes on every frame.
    if (QPixmapCache::cacheLimit() < kPixmapCacheKb)
        QPixmapCache::setCacheLimit(kPixmapCacheKb);
    setTransformationAnchor(NoAnchor); // zoomBy() anchors itself, under the cursor
    setResizeAnchor(AnchorViewCenter);
    setDragMode(RubberBandDrag);
    setRubberBandSelectionMode(Qt::IntersectsItemShape);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setAcceptDrops(true);
    viewport()->setAcceptDrops(true); // the viewport receives the drops
    setFocusPolicy(Qt::StrongFocus);
    setFrameShape(QFrame::NoFrame);
    centerOn(0.0, 0.0);
    connect(m_scene, &QGraphicsScene::selectionChanged, this, &NodeGraphView::emitSelection);
}

NodeGraphView::~NodeGraphView()
{
    closeEditor();
    disconnect(m_scene, nullptr, this, nullptr);
    clearItems();
}

void NodeGraphView::setModel(GraphModel* model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    if (m_model) {
        connect(m_model, &GraphModel::nodeAdded, this, &NodeGraphView::addNode);
        connect(m_model, &GraphModel::nodeRemoved, this, &NodeGraphView::removeNode);
        connect(m_model, &GraphModel::nodeUpdated, this, &NodeGraphView::updateNode);
        connect(m_model, &GraphModel::nodeMoved, this, &NodeGraphView::moveNode);
        connect(m_model, &GraphModel::wiresChanged, this, &NodeGraphView::syncWires);
        connect(m_model, &GraphModel::notesChanged, this, &NodeGraphView::syncNotes);
        connect(m_model, &GraphModel::modelReset, this, &NodeGraphView::rebuild);
        connect(m_model, &QObject::destroyed, this, &NodeGraphView::clearItems);
    }
    rebuild();
}

void NodeGraphView::rebuild()
{
    clearItems();
    if (!m_model)
        return;
    const QSignalBlocker quiet(m_scene); // one selection signal at the end, not one per item
    m_building = true; // the wires once at the end, not after every node
    for (const QString& id : m_model->nodeIds())
        addNode(id);
    m_building = false;
    syncWires();
    syncNotes();
}

void NodeGraphView::clearItems()
{
    // Deleting selected items changes the selection item by item: stay quiet until all are gone.
    const QSignalBlocker quiet(m_scene);
    cancelWireDrag();
    closeEditor();
    // Wires point at ports: they go first.
    for (WireItem* wire : std::as_const(m_wires))
        delete wire;
    m_wires.clear();
    qDeleteAll(m_nodes);
    m_nodes.clear();
    qDeleteAll(m_notes);
    m_notes.clear();
    m_pressNodes.clear();
    m_pressNotes.clear();
}

NodeContent NodeGraphView::contentOf(const QString& id) const
{
    NodeContent c;
    c.title = m_model->nodeTitle(id);
    c.summary = m_model->nodeSummary(id);
    c.problems = m_model->nodeProblems(id);
    c.category = m_model->nodeCategory(id);
    c.ports = m_model->nodePorts(id);
    return c;
}

void NodeGraphView::addNode(const QString& id)
{
    if (!m_model)
        return;
    if (m_nodes.contains(id)) {
        updateNode(id);
        return;
    }
    auto* node = new NodeItem(id, contentOf(id));
    if (m_zooming)
        node->setCacheMode(QGraphicsItem::NoCache);
    node->setPos(toItemPos(m_model->nodePosition(id)));
    m_scene->addItem(node);
    m_nodes.insert(id, node);
    // Wires that name the node may already be in the model (an undone delete, a rename).
    if (!m_building)
        syncWires();
}

void NodeGraphView::removeNode(const QString& id)
{
    NodeItem* node = m_nodes.value(id);
    if (!node)
        return;
    if (m_dragAnchor || m_detached)
        cancelWireDrag();
    for (WireItem* wire : QVector<WireItem*>(node->wires())) {
        m_wires.removeOne(wire);
        destroyWire(wire);
    }
    m_nodes.remove(id);
    delete node;
}

void NodeGraphView::updateNode(const QString& id)
{
    NodeItem* node = m_nodes.value(id);
    if (!node || !m_model) {
        addNode(id);
        return;
    }
    const NodeContent content = contentOf(id);
    if (!samePorts(content.ports, node->content().ports)) {
        cancelWireDrag();
        for (WireItem* wire : QVector<WireItem*>(node->wires())) {
            m_wires.removeOne(wire);
            destroyWire(wire);
        }
        node->setContent(content);
        syncWires();
    } else {
        node->setContent(content);
    }
}

void NodeGraphView::moveNode(const QString& id)
{
    if (NodeItem* node = m_nodes.value(id); node && m_model)
        node->setPos(toItemPos(m_model->nodePosition(id)));
}

PortItem* NodeGraphView::findPort(const QString& nodeId, const QString& portName, bool output) const
{
    const NodeItem* node = m_nodes.value(nodeId);
    return node ? node->port(portName, output) : nullptr;
}

void NodeGraphView::syncWires()
{
    if (!m_model)
        return;
    QMultiHash<QString, WireItem*> existing;
    for (WireItem* wire : std::as_const(m_wires))
        existing.insert(wireKey(wire->wire()), wire);
    QVector<WireItem*> kept;
    for (const WireView& w : m_model->wires()) {
        const QString key = wireKey(w);
        if (auto it = existing.find(key); it != existing.end()) {
            if ((*it)->wire().label != w.label)
                (*it)->setLabel(w.label);
            kept.push_back(*it);
            existing.erase(it);
            continue;
        }
        PortItem* from = findPort(w.fromNode, w.fromPort, true);
        PortItem* to = findPort(w.toNode, w.toPort, false);
        if (!from || !to)
            continue; // an end the model has not announced yet
        auto* wire = new WireItem(from, to, w);
        m_scene->addItem(wire);
        kept.push_back(wire);
    }
    for (WireItem* gone : std::as_const(existing))
        destroyWire(gone);
    m_wires = kept;
}

void NodeGraphView::destroyWire(WireItem* wire)
{
    if (wire == m_detached)
        m_detached = nullptr;
    wire->fromPort()->node()->detachWire(wire);
    wire->toPort()->node()->detachWire(wire);
    delete wire;
}

void NodeGraphView::syncNotes()
{
    if (!m_model)
        return;
    const QStringList ids = m_model->noteIds();
    for (const QString& id : m_notes.keys())
        if (!ids.contains(id))
            delete m_notes.take(id);
    for (const QString& id : ids) {
        const QString text = m_model->noteText(id);
        const QPointF pos = toItemPos(m_model->notePosition(id));
        NoteItem* note = m_notes.value(id);
        if (!note) {
            note = new NoteItem(id, text);
            if (m_zooming)
                note->setCacheMode(QGraphicsItem::NoCache);
            m_scene->addItem(note);
            m_notes.insert(id, note);
        } else if (note->text() != text) {
            note->setText(text);
        }
        if (note->pos() != pos)
            note->setPos(pos);
    }
}

QPointF NodeGraphView::portScenePos(const QString& nodeId, const QString& portName) const
{
    if (const PortItem* port = findPort(nodeId, portName, true))
        return port->scenePos();
    if (const PortItem* port = findPort(nodeId, portName, false))
        return port->scenePos();
    return {};
}

// --- selection ----------------------------------------------------------------------------------------

QStringList NodeGraphView::selectedNodes() const
{
    QStringList ids;
    for (auto it = m_nodes.cbegin(); it != m_nodes.cend(); ++it)
        if (it.value()->isSelected())
            ids << it.key();
    if (m_model) { // in model order, which is stable across runs
        const QStringList order = m_model->nodeIds();
        std::sort(ids.begin(), ids.end(), [&](const QString& a, const QString& b) {
            return order.indexOf(a) < order.indexOf(b);
        });
    }
    return ids;
}

QStringList NodeGraphView::selectedNotes() const
{
    QStringList ids;
    for (auto it = m_notes.cbegin(); it != m_notes.cend(); ++it)
        if (it.value()->isSelected())
            ids << it.key();
    ids.sort();
    return ids;
}

QVector<WireView> NodeGraphView::selectedWires() const
{
    QVector<WireView> wires;
    for (const WireItem* wire : m_wires)
        if (wire->isSelected())
            wires.push_back(wire->wire());
    return wires;
}

QPointF NodeGraphView::toItemPos(QPointF documentPos)
{
    return documentPos * presenterScale();
}

QPointF NodeGraphView::toDocumentPos(QPointF scenePos)
{
    return scenePos / presenterScale();
}

void NodeGraphView::restyle()
{
    for (auto it = m_nodes.cbegin(); it != m_nodes.cend(); ++it) {
        if (m_model)
            it.value()->setPos(toItemPos(m_model->nodePosition(it.key())));
        it.value()->restyle(); // moves the ends of its wires
    }
    if (m_model)
        for (auto it = m_notes.cbegin(); it != m_notes.cend(); ++it)
            it.value()->setPos(toItemPos(m_model->notePosition(it.key())));
    for (WireItem* wire : std::as_const(m_wires))
        wire->restyle();
    for (NoteItem* note : std::as_const(m_notes))
        note->restyle();
    if (m_dragWire)
        m_dragWire->restyle();
    if (m_keepFitted)
        fitToView();
    viewport()->update();
}

void NodeGraphView::selectAll()
{
    {
        const QSignalBlocker quiet(m_scene);
        for (QGraphicsItem* item : m_scene->items())
            if (item->flags() & QGraphicsItem::ItemIsSelectable)
                item->setSelected(true);
    }
    emitSelection();
}

void NodeGraphView::selectNodes(const QStringList& ids)
{
    {
        const QSignalBlocker quiet(m_scene);
        m_scene->clearSelection();
        for (const QString& id : ids)
            if (NodeItem* node = m_nodes.value(id))
                node->setSelected(true);
    }
    emitSelection();
    if (ids.size() == 1)
        if (const NodeItem* node = m_nodes.value(ids.front()))
            ensureVisible(node, 40, 40);
}

void NodeGraphView::emitSelection()
{
    emit selectionChangedTo(selectedNodes(), selectedNotes());
}

// --- background ---------------------------------------------------------------------------------------

void NodeGraphView::drawBackground(QPainter* painter, const QRectF& rect)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, false);
    painter->fillRect(rect, kBackground);
    // A 20 px grid with every fifth line darker; lines that would crowd (< 8 px apart) are left out.
    const double z = zoom();
    for (const double step : {20.0, 100.0}) {
        if (step * z < 8.0)
            continue;
        QVector<QLineF> lines;
        for (double x = std::floor(rect.left() / step) * step; x <= rect.right(); x += step)
            if (step == 100.0 || std::fmod(std::abs(x), 100.0) > 1e-6)
                lines.push_back(QLineF(x, rect.top(), x, rect.bottom()));
        for (double y = std::floor(rect.top() / step) * step; y <= rect.bottom(); y += step)
            if (step == 100.0 || std::fmod(std::abs(y), 100.0) > 1e-6)
                lines.push_back(QLineF(rect.left(), y, rect.right(), y));
        painter->setPen(QPen(step == 20.0 ? kMinorGrid : kMajorGrid, 0.0)); // cosmetic: 1 px at any zoom
        painter->drawLines(lines);
    }
    painter->restore();
}

bool NodeGraphView::exportImage(const QString& path, FigureFormat format, double scale) const
{
    constexpr double margin = 20.0;
    const QRectF source = m_scene->itemsBoundingRect().adjusted(-margin, -margin, margin, margin);
    const FigureSpec spec = FigureSpec::fromPixels(static_cast<int>(std::ceil(source.width())),
                                                   static_cast<int>(std::ceil(source.height())), scale, format);
    return writeFigure(path, spec, [this, source](QCPPainter& painter, const QSize& size, double) {
        m_scene->render(&painter, QRectF(QPointF(0.0, 0.0), QSizeF(size)), source, Qt::KeepAspectRatio);
    });
}

} // namespace ss::widgets
