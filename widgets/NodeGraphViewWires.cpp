// NodeGraphView: dragging a wire from a port to a port, with the model saying which ports accept it.
#include "widgets/NodeGraphView.h"

#include "widgets/NodeGraphItems.h"

#include <QGraphicsScene>

#include <optional>

namespace ss::widgets {

PortItem* NodeGraphView::portAt(QPoint viewPos) const
{
    for (QGraphicsItem* item : items(viewPos))
        if (item->type() == PortItem::Type)
            return static_cast<PortItem*>(item);
    return nullptr;
}

void NodeGraphView::beginWireDrag(PortItem* port, QPoint viewPos)
{
    PortItem* anchor = port;
    if (!port->port().output) {
        // A connected input port gives up its last wire, to be dropped elsewhere or nowhere.
        for (auto it = m_wires.crbegin(); it != m_wires.crend(); ++it) {
            if ((*it)->toPort() == port) {
                m_detached = *it;
                anchor = m_detached->fromPort();
                m_detached->hide();
                break;
            }
        }
    }
    m_dragAnchor = anchor;
    m_dragWire = new WireItem(nullptr, nullptr, WireView{});
    m_dragWire->setZValue(layer::DragWire);
    m_scene->addItem(m_dragWire);

    const bool fromOutput = anchor->port().output;
    const QString anchorNode = anchor->node()->id(), anchorPort = anchor->port().name;
    for (const NodeItem* node : std::as_const(m_nodes)) {
        for (PortItem* p : node->ports()) {
            if (p == anchor)
                continue;
            QString reason;
            if (p->port().output == fromOutput)
                reason = fromOutput ? tr("A wire goes from an output port to an input port")
                                    : tr("A wire comes into an input port from an output port");
            else if (m_detached && p == m_detached->toPort())
                reason.clear(); // putting the wire back where it was
            else if (fromOutput)
                reason = m_model->canConnect(anchorNode, anchorPort, node->id(), p->port().name);
            else
                reason = m_model->canConnect(node->id(), p->port().name, anchorNode, anchorPort);
            p->setMark(reason.isEmpty() ? PortItem::Mark::Compatible : PortItem::Mark::Refused);
            if (!reason.isEmpty())
                m_refusals.insert(p, reason);
        }
    }
    updateWireDrag(viewPos);
}

void NodeGraphView::updateWireDrag(QPoint viewPos)
{
    PortItem* target = portAt(viewPos);
    if (target == m_dragAnchor)
        target = nullptr;
    const bool compatible = target && target->mark() == PortItem::Mark::Compatible;
    // Over a port that accepts it, the wire clicks into place.
    const QPointF end = compatible ? target->scenePos() : toScene(QPointF(viewPos));
    const QColor colour = portKindColour(m_dragAnchor->port().kind);
    if (m_dragAnchor->port().output)
        m_dragWire->setEnds(m_dragAnchor->scenePos(), end, colour);
    else
        m_dragWire->setEnds(end, m_dragAnchor->scenePos(), colour);
    if (target != m_hoverPort) {
        m_hoverPort = target;
        if (target && m_refusals.contains(target))
            emit statusMessage(m_refusals.value(target));
    }
}

void NodeGraphView::endWireDrag(QPoint viewPos)
{
    PortItem* target = portAt(viewPos);
    if (target == m_dragAnchor)
        target = nullptr;
    const QString refusal = target ? m_refusals.value(target) : QString();
    const bool compatible = target && refusal.isEmpty() && target->mark() == PortItem::Mark::Compatible;
    std::optional<WireView> old;
    PortItem* oldTarget = nullptr;
    if (m_detached) {
        old = m_detached->wire();
        oldTarget = m_detached->toPort();
    }
    WireView wire;
    if (compatible) {
        const PortItem* from = m_dragAnchor->port().output ? m_dragAnchor : target;
        const PortItem* to = m_dragAnchor->port().output ? target : m_dragAnchor;
        wire = WireView{from->node()->id(), from->port().name, to->node()->id(), to->port().name, QString()};
    }
    // Clean up before the requests: the owner's answer rebuilds wires synchronously.
    cancelWireDrag();

    if (!refusal.isEmpty()) {
        emit statusMessage(refusal);
    } else if (old) {
        if (!target) {
            emit disconnectRequested(*old);
        } else if (compatible && target != oldTarget) {
            emit disconnectRequested(*old);
            emit connectRequested(wire);
        }
    } else if (compatible) {
        emit connectRequested(wire);
    }
}

void NodeGraphView::cancelWireDrag()
{
    if (!m_dragWire && !m_dragAnchor)
        return;
    delete m_dragWire;
    m_dragWire = nullptr;
    for (const NodeItem* node : std::as_const(m_nodes))
        for (PortItem* p : node->ports())
            p->setMark(PortItem::Mark::Normal);
    if (m_detached)
        m_detached->show();
    m_detached = nullptr;
    m_dragAnchor = nullptr;
    m_hoverPort = nullptr;
    m_refusals.clear();
}

} // namespace ss::widgets
