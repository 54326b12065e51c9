// WireItem of NodeGraphItems.h: a cubic bezier from an output port to an input port.
#include "widgets/NodeGraphItems.h"

#include "widgets/PlotStyle.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>

#include <algorithm>
#include <cmath>

namespace ss::widgets {

namespace {

// Opaque colours throughout: the raster engine fills translucent colours several times slower.
const QColor kLabelText(0x6B, 0x70, 0x79);
const QColor kLabelBack(0xFF, 0xFF, 0xFF);
const QColor kHalo(0xB9, 0xD2, 0xF7);
constexpr double kLabelLod = 0.55;
// Up to this scale a wire is two 1-pixel cosmetic strokes half a pixel apart diagonally, which the
// raster engine draws about twice as fast as one 2-pixel antialiased stroke and which looks the same.
constexpr double kThinLod = 1.5;
constexpr int kLabelPixels = 10;

QFont labelFont()
{
    return canvasFont(kLabelPixels);
}

} // namespace

WireItem::WireItem(PortItem* from, PortItem* to, WireView wire)
    : m_from(from), m_to(to), m_wire(std::move(wire)), m_scale(presenterScale())
{
    setZValue(layer::Wire);
    if (m_from && m_to) {
        setFlag(ItemIsSelectable, true);
        m_colour = portKindColour(m_from->port().kind);
        m_from->node()->attachWire(this);
        m_to->node()->attachWire(this);
        setLabel(m_wire.label);
        updatePath();
    }
}

void WireItem::restyle()
{
    prepareGeometryChange();
    m_scale = presenterScale();
    setLabel(m_wire.label);
    update();
}

void WireItem::setLabel(const QString& label)
{
    m_wire.label = label;
    if (label.isEmpty()) {
        m_labelRect = QRectF();
    } else {
        const QFontMetricsF fm(labelFont());
        const double k = m_scale, w = fm.horizontalAdvance(label) + 8.0 * k, h = fm.height() + 2.0 * k;
        m_labelRect = QRectF(-w / 2.0, -h / 2.0, w, h);
        m_labelBaseline = QPointF(-w / 2.0 + 4.0 * k, -h / 2.0 + 1.0 * k + fm.ascent());
    }
    if (m_from && m_to)
        updatePath();
}

void WireItem::updatePath()
{
    if (m_from && m_to)
        setPath(m_from->scenePos(), m_to->scenePos());
}

void WireItem::setEnds(QPointF from, QPointF to, const QColor& colour)
{
    m_colour = colour;
    setPath(from, to);
}

void WireItem::setPath(QPointF from, QPointF to)
{
    prepareGeometryChange();
    // Horizontal tangents at both ends, pulled out by half the horizontal distance (at least 40 px) so
    // that backward wires loop around instead of cutting through the nodes.
    const double pull = std::max(40.0 * m_scale, std::abs(to.x() - from.x()) * 0.5);
    const QPointF c1 = from + QPointF(pull, 0.0), c2 = to - QPointF(pull, 0.0);
    m_path = QPainterPath(from);
    m_path.cubicTo(c1, c2, to);
    m_middle = (from + 3.0 * c1 + 3.0 * c2 + to) / 8.0; // the bezier at t = 1/2
    m_shape = QPainterPath(); // stroked lazily: only hit tests need it
    const double halo = 4.0 * m_scale; // half the selection halo's width, and a little more
    m_bounds = m_path.controlPointRect().adjusted(-halo, -halo, halo, halo);
    if (!m_labelRect.isNull())
        m_bounds = m_bounds.united(m_labelRect.translated(m_middle));
    update();
}

QRectF WireItem::boundingRect() const
{
    return m_bounds;
}

QPainterPath WireItem::shape() const
{
    if (m_shape.isEmpty() && !m_path.isEmpty()) {
        QPainterPathStroker stroker;
        stroker.setWidth(10.0 * m_scale);
        auto* self = const_cast<WireItem*>(this);
        self->m_shape = stroker.createStroke(m_path);
        if (!m_labelRect.isNull())
            self->m_shape.addRect(m_labelRect.translated(m_middle));
    }
    return m_shape;
}

void WireItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*)
{
    const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
    painter->setRenderHint(QPainter::Antialiasing, true);
    painter->setBrush(Qt::NoBrush);
    const bool temporary = !m_from || !m_to;
    const double k = m_scale;
    if (isSelected()) {
        painter->setPen(QPen(kHalo, 7.0 * k, Qt::SolidLine, Qt::RoundCap));
        painter->drawPath(m_path);
        painter->setPen(QPen(m_colour, 3.0 * k, Qt::SolidLine, Qt::RoundCap));
        painter->drawPath(m_path);
    } else if (temporary) {
        painter->setPen(QPen(m_colour, penWidth(), Qt::DashLine, Qt::RoundCap));
        painter->drawPath(m_path);
    } else if (lod >= kThinLod) {
        painter->setPen(QPen(m_colour, penWidth(), Qt::SolidLine, Qt::RoundCap));
        painter->drawPath(m_path);
    } else {
        QPen pen(m_colour, k);
        pen.setCosmetic(true);
        painter->setPen(pen);
        painter->drawPath(m_path);
        const double d = 0.7 / std::max(lod, 1e-3);
        painter->translate(d, d);
        painter->drawPath(m_path);
        painter->translate(-d, -d);
    }

    if (m_labelRect.isNull() || lod * k < kLabelLod) // the label's on-screen size, as for nodes
        return;
    painter->setPen(Qt::NoPen);
    painter->setBrush(kLabelBack);
    painter->drawRoundedRect(m_labelRect.translated(m_middle), 3.0 * k, 3.0 * k);
    painter->setPen(kLabelText);
    painter->setFont(labelFont());
    painter->drawText(m_middle + m_labelBaseline, m_wire.label);
}

} // namespace ss::widgets
