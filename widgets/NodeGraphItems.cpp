#include "widgets/NodeGraphItems.h"

#include "widgets/PlotStyle.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <algorithm>
#include <cmath>

namespace ss::widgets {

namespace {

const QColor kBody(0xFF, 0xFF, 0xFF);
const QColor kBorder(0xB4, 0xB9, 0xC2);
const QColor kSelected(0x1F, 0x6F, 0xEB);
const QColor kProblem(0xD1, 0x24, 0x2F);
const QColor kSummaryText(0x5A, 0x60, 0x6B);
const QColor kPortText(0x2E, 0x33, 0x3B);
const QColor kShadow(0xDA, 0xDD, 0xE2); // opaque: translucent fills take a slow path

constexpr double kCorner = 6.0;
constexpr double kSummaryHeight = 20.0;
constexpr double kMinWidth = 150.0;
constexpr double kMaxWidth = 300.0;
constexpr double kPad = 10.0;
// Below these scales text is smaller than about 5 px on screen: unreadable, so it is not drawn.
constexpr double kTitleLod = 0.35;
constexpr double kDetailLod = 0.55;

const QFont& titleFont()
{
    static const QFont font = canvasFont(13, true);
    return font;
}

const QFont& smallFont()
{
    static const QFont font = canvasFont(11);
    return font;
}

const QFont& badgeFont()
{
    static const QFont font = canvasFont(11, true);
    return font;
}

// (1 - t) a + t b, channel by channel.
QColor mixed(const QColor& a, const QColor& b, double t)
{
    const auto mix = [t](int x, int y) { return static_cast<int>(std::lround((1.0 - t) * x + t * y)); };
    return QColor(mix(a.red(), b.red()), mix(a.green(), b.green()), mix(a.blue(), b.blue()));
}

int rowsOf(const QVector<PortView>& ports)
{
    int in = 0, out = 0;
    for (const PortView& p : ports)
        (p.output ? out : in) += 1;
    return std::max(in, out);
}

} // namespace

QColor categoryColour(models::Category category)
{
    switch (category) {
    case models::Category::Source: return QColor(0x4A, 0x6F, 0xA5);       // steel blue
    case models::Category::Encoder: return QColor(0x3E, 0x8A, 0x80);      // teal
    case models::Category::Layer: return QColor(0x6E, 0x5C, 0x9E);        // muted violet
    case models::Category::Synapses: return QColor(0xB0, 0x6E, 0x34);     // ochre
    case models::Category::LearningRule: return QColor(0xA8, 0x4F, 0x66); // rose
    case models::Category::Readout: return QColor(0x4F, 0x7F, 0x3E);      // moss green
    case models::Category::Monitor: return QColor(0x5F, 0x67, 0x75);      // slate
    }
    return QColor(0x5F, 0x67, 0x75);
}

QColor portKindColour(models::PortKind kind)
{
    switch (kind) {
    case models::PortKind::Spikes: return paletteColour(0);  // blue
    case models::PortKind::Current: return paletteColour(1); // vermilion
    case models::PortKind::Samples: return paletteColour(2); // bluish green
    case models::PortKind::Labels: return paletteColour(3);  // reddish purple
    case models::PortKind::Reward: return paletteColour(4);  // orange
    case models::PortKind::Rule: return QColor(0x55, 0x55, 0x55);
    }
    return Qt::gray;
}

QFont canvasFont(int pixelSize, bool bold)
{
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setStyleHint(QFont::SansSerif);
    f.setPixelSize(pixelSize);
    f.setBold(bold);
    return f;
}

bool samePorts(const QVector<PortView>& a, const QVector<PortView>& b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i)
        if (a[i].name != b[i].name || a[i].output != b[i].output || a[i].kind != b[i].kind ||
            a[i].multiple != b[i].multiple || a[i].required != b[i].required)
            return false;
    return true;
}

// --- PortItem ---------------------------------------------------------------------------------------

PortItem::PortItem(NodeItem* node, PortView port) : QGraphicsItem(node), m_node(node), m_port(std::move(port))
{
    // The node paints the port itself (inside its cache); this item only catches the mouse and draws
    // the highlight while a wire is being dragged.
    setFlag(ItemHasNoContents, true);
    setAcceptHoverEvents(true);
    setCursor(Qt::CrossCursor);
    QString tip = QStringLiteral("%1: %2 %3").arg(m_port.name, QString::fromStdString(models::toString(m_port.kind)),
                                                   m_port.output ? QStringLiteral("output") : QStringLiteral("input"));
    if (!m_port.output && m_port.required)
        tip += QStringLiteral(", required");
    if (!m_port.output && m_port.multiple)
        tip += QStringLiteral(", accepts several wires");
    setToolTip(tip);
}

QRectF PortItem::boundingRect() const
{
    const double r = Radius + 5.0;
    return {-r, -r, 2 * r, 2 * r};
}

QPainterPath PortItem::shape() const
{
    // Larger than the circle: ports are small targets.
    QPainterPath path;
    path.addEllipse(QPointF(0, 0), Radius + 4.0, Radius + 4.0);
    return path;
}

void PortItem::setMark(Mark mark)
{
    if (mark == m_mark)
        return;
    m_mark = mark;
    setFlag(ItemHasNoContents, mark == Mark::Normal);
    update();
}

void PortItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    // Opaque tints rather than translucent colours: a drag marks every port of the graph at once, and
    // the raster engine fills translucent colours several times slower.
    const QColor kind = portKindColour(m_port.kind);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, true);
    if (m_mark == Mark::Compatible) {
        painter->setPen(QPen(kind, 2.0));
        painter->setBrush(mixed(kind, Qt::white, 0.7));
        painter->drawEllipse(QPointF(0, 0), Radius + 4.0, Radius + 4.0);
        painter->setPen(QPen(Qt::white, 1.5));
        painter->setBrush(kind);
        painter->drawEllipse(QPointF(0, 0), Radius, Radius);
    } else if (m_mark == Mark::Refused) {
        painter->setPen(QPen(Qt::white, 1.5));
        painter->setBrush(mixed(kind, Qt::white, 0.75));
        painter->drawEllipse(QPointF(0, 0), Radius + 0.5, Radius + 0.5);
    }
    painter->restore();
}

// --- NodeItem ---------------------------------------------------------------------------------------

NodeItem::NodeItem(QString id, const NodeContent& content) : m_id(std::move(id))
{
    setFlags(ItemIsMovable | ItemIsSelectable | ItemSendsGeometryChanges);
    setCacheMode(DeviceCoordinateCache);
    setZValue(layer::Node);
    setContent(content);
}

bool NodeItem::setContent(const NodeContent& content)
{
    const bool portsChanged = m_ports.size() != content.ports.size() || !samePorts(content.ports, m_content.ports);
    prepareGeometryChange();
    m_content = content;
    setToolTip(content.problems);
    if (portsChanged) {
        qDeleteAll(m_ports);
        m_ports.clear();
        for (const PortView& p : content.ports)
            m_ports.push_back(new PortItem(this, p));
    }
    layout();
    update();
    return portsChanged;
}

void NodeItem::layout()
{
    const QFontMetricsF title(titleFont()), small(smallFont());
    double inLabel = 0.0, outLabel = 0.0;
    for (const PortView& p : m_content.ports) {
        double& widest = p.output ? outLabel : inLabel;
        widest = std::max(widest, small.horizontalAdvance(p.name));
    }
    const bool problem = !m_content.problems.isEmpty();
    const double badge = problem ? 18.0 : 0.0;
    m_width = std::max({kMinWidth, title.horizontalAdvance(m_content.title) + 2 * kPad + badge,
                        small.horizontalAdvance(m_content.summary) + 2 * kPad, inLabel + outLabel + 4 * kPad + 12.0});
    m_width = std::ceil(std::min(m_width, kMaxWidth) / 10.0) * 10.0;
    const int rows = rowsOf(m_content.ports);
    m_height = HeaderHeight + kSummaryHeight + rows * PortPitch + 6.0;

    // The header is the top of the rounded body: rounded above, square where it meets the body.
    m_header = QPainterPath();
    m_header.moveTo(0.0, HeaderHeight);
    m_header.lineTo(0.0, kCorner);
    m_header.arcTo(QRectF(0.0, 0.0, 2 * kCorner, 2 * kCorner), 180.0, -90.0);
    m_header.lineTo(m_width - kCorner, 0.0);
    m_header.arcTo(QRectF(m_width - 2 * kCorner, 0.0, 2 * kCorner, 2 * kCorner), 90.0, -90.0);
    m_header.lineTo(m_width, HeaderHeight);
    m_header.closeSubpath();

    // Vertically centred in a row of the given height: baseline = top + (row - text height) / 2 + ascent.
    const auto baseline = [](const QFontMetricsF& fm, double top, double row) {
        return top + (row - fm.height()) / 2.0 + fm.ascent();
    };
    m_title = {QPointF(kPad, baseline(title, 0.0, HeaderHeight)),
               title.elidedText(m_content.title, Qt::ElideRight, m_width - 2 * kPad - badge)};
    m_summary = {QPointF(kPad, baseline(small, HeaderHeight, kSummaryHeight)),
                 small.elidedText(m_content.summary, Qt::ElideRight, m_width - 2 * kPad)};
    m_portLabels.clear();
    const double labelWidth = m_width / 2.0 - kPad - 4.0;
    int in = 0, out = 0;
    for (PortItem* port : m_ports) {
        const bool output = port->port().output;
        const int row = output ? out++ : in++;
        const double y = HeaderHeight + kSummaryHeight + row * PortPitch;
        port->setPos(output ? m_width : 0.0, y + PortPitch / 2.0);
        const QString text = small.elidedText(port->port().name, Qt::ElideRight, labelWidth);
        const double x = output ? m_width - kPad - 4.0 - small.horizontalAdvance(text) : kPad + 2.0;
        m_portLabels.push_back({QPointF(x, baseline(small, y, PortPitch)), text});
    }
    for (WireItem* wire : m_wires)
        wire->updatePath();
}

QRectF NodeItem::boundingRect() const
{
    // Room for the selection and problem borders and the drop shadow.
    return QRectF(0, 0, m_width, m_height).adjusted(-3, -3, 5, 6);
}

QPainterPath NodeItem::shape() const
{
    QPainterPath path;
    path.addRoundedRect(QRectF(0, 0, m_width, m_height), kCorner, kCorner);
    return path;
}

QRectF NodeItem::titleRect() const
{
    return mapRectToScene(QRectF(kPad - 4.0, 2.0, m_width - 2 * kPad + 8.0, HeaderHeight - 4.0));
}

PortItem* NodeItem::port(const QString& name, bool output) const
{
    for (PortItem* p : m_ports)
        if (p->port().name == name && p->port().output == output)
            return p;
    return nullptr;
}

void NodeItem::attachWire(WireItem* wire)
{
    if (!m_wires.contains(wire))
        m_wires.push_back(wire);
}

void NodeItem::detachWire(WireItem* wire)
{
    m_wires.removeAll(wire);
}

QVariant NodeItem::itemChange(GraphicsItemChange change, const QVariant& value)
{
    if (change == ItemPositionHasChanged)
        for (WireItem* wire : m_wires)
            wire->updatePath();
    return QGraphicsItem::itemChange(change, value);
}

void NodeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*)
{
    const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
    const QRectF body(0, 0, m_width, m_height);
    painter->setRenderHint(QPainter::Antialiasing, true);

    painter->setPen(Qt::NoPen);
    painter->setBrush(kShadow);
    painter->drawRoundedRect(body.translated(1.5, 2.5), kCorner, kCorner);
    painter->setBrush(kBody);
    painter->drawRoundedRect(body, kCorner, kCorner);
    painter->setBrush(categoryColour(m_content.category));
    painter->drawPath(m_header);

    const bool problem = !m_content.problems.isEmpty();
    if (isSelected())
        painter->setPen(QPen(kSelected, 2.5));
    else if (problem)
        painter->setPen(QPen(kProblem, 2.0));
    else
        painter->setPen(QPen(kBorder, 1.0));
    painter->setBrush(Qt::NoBrush);
    painter->drawRoundedRect(body, kCorner, kCorner);
    if (problem && isSelected()) {
        painter->setPen(QPen(kProblem, 1.5));
        painter->drawRoundedRect(body.adjusted(2.5, 2.5, -2.5, -2.5), kCorner - 2, kCorner - 2);
    }

    painter->setPen(QPen(Qt::white, 1.5));
    for (const PortItem* port : m_ports) {
        painter->setBrush(portKindColour(port->port().kind));
        painter->drawEllipse(port->pos(), PortItem::Radius, PortItem::Radius);
    }

    if (lod < kTitleLod)
        return;
    if (problem) {
        const QPointF c(m_width - kPad - 5.0, HeaderHeight / 2.0);
        painter->setPen(Qt::NoPen);
        painter->setBrush(Qt::white);
        painter->drawEllipse(c, 7.0, 7.0);
        painter->setPen(kProblem);
        painter->setFont(badgeFont());
        painter->drawText(QRectF(c.x() - 7, c.y() - 7, 14, 14), Qt::AlignCenter, QStringLiteral("!"));
    }
    painter->setFont(titleFont());
    painter->setPen(Qt::white);
    painter->drawText(m_title.at, m_title.text);
    if (lod < kDetailLod)
        return;

    painter->setFont(smallFont());
    painter->setPen(kSummaryText);
    painter->drawText(m_summary.at, m_summary.text);
    painter->setPen(kPortText);
    for (const Label& label : m_portLabels)
        painter->drawText(label.at, label.text);
}

} // namespace ss::widgets
