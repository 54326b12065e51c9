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
// Below these scales text is smaller than about 5 px on screen: unreadable, so it is not drawn. The
// scale compared is the on-screen size of the unscaled text (zoom times presenter scale).
constexpr double kTitleLod = 0.35;
constexpr double kDetailLod = 0.55;

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
    f.setPixelSize(std::max(1, static_cast<int>(std::lround(pixelSize * presenterScale()))));
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

double PortItem::radius() const
{
    return Radius * m_node->scale();
}

QRectF PortItem::boundingRect() const
{
    const double r = radius() + 5.0 * m_node->scale();
    return {-r, -r, 2 * r, 2 * r};
}

QPainterPath PortItem::shape() const
{
    // Larger than the circle: ports are small targets.
    QPainterPath path;
    const double r = radius() + 4.0 * m_node->scale();
    path.addEllipse(QPointF(0, 0), r, r);
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
    const double k = m_node->scale(), r = radius();
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, true);
    if (m_mark == Mark::Compatible) {
        painter->setPen(QPen(kind, 2.0 * k));
        painter->setBrush(mixed(kind, Qt::white, 0.7));
        painter->drawEllipse(QPointF(0, 0), r + 4.0 * k, r + 4.0 * k);
        painter->setPen(QPen(Qt::white, 1.5 * k));
        painter->setBrush(kind);
        painter->drawEllipse(QPointF(0, 0), r, r);
    } else if (m_mark == Mark::Refused) {
        painter->setPen(QPen(Qt::white, 1.5 * k));
        painter->setBrush(mixed(kind, Qt::white, 0.75));
        painter->drawEllipse(QPointF(0, 0), r + 0.5 * k, r + 0.5 * k);
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

void NodeItem::restyle()
{
    prepareGeometryChange();
    layout();
    update();
}

void NodeItem::layout()
{
    // Every length at the presenter scale k; the width still snaps to 10 scene pixels.
    const double k = presenterScale();
    if (k != m_scale)
        for (PortItem* port : m_ports)
            port->restyle();
    m_scale = k;
    m_titleFont = canvasFont(13, true);
    m_smallFont = canvasFont(11);
    m_badgeFont = canvasFont(11, true);
    const double header = HeaderHeight * k, summary = kSummaryHeight * k, pitch = PortPitch * k, pad = kPad * k,
                 corner = kCorner * k;
    const QFontMetricsF title(m_titleFont), small(m_smallFont);
    double inLabel = 0.0, outLabel = 0.0;
    for (const PortView& p : m_content.ports) {
        double& widest = p.output ? outLabel : inLabel;
        widest = std::max(widest, small.horizontalAdvance(p.name));
    }
    const bool problem = !m_content.problems.isEmpty();
    const double badge = problem ? 18.0 * k : 0.0;
    m_width = std::max({kMinWidth * k, title.horizontalAdvance(m_content.title) + 2 * pad + badge,
                        small.horizontalAdvance(m_content.summary) + 2 * pad, inLabel + outLabel + 4 * pad + 12.0 * k});
    m_width = std::ceil(std::min(m_width, kMaxWidth * k) / 10.0) * 10.0;
    const int rows = rowsOf(m_content.ports);
    m_height = header + summary + rows * pitch + 6.0 * k;

    // The header is the top of the rounded body: rounded above, square where it meets the body.
    m_header = QPainterPath();
    m_header.moveTo(0.0, header);
    m_header.lineTo(0.0, corner);
    m_header.arcTo(QRectF(0.0, 0.0, 2 * corner, 2 * corner), 180.0, -90.0);
    m_header.lineTo(m_width - corner, 0.0);
    m_header.arcTo(QRectF(m_width - 2 * corner, 0.0, 2 * corner, 2 * corner), 90.0, -90.0);
    m_header.lineTo(m_width, header);
    m_header.closeSubpath();

    // Vertically centred in a row of the given height: baseline = top + (row - text height) / 2 + ascent.
    const auto baseline = [](const QFontMetricsF& fm, double top, double row) {
        return top + (row - fm.height()) / 2.0 + fm.ascent();
    };
    m_title = {QPointF(pad, baseline(title, 0.0, header)),
               title.elidedText(m_content.title, Qt::ElideRight, m_width - 2 * pad - badge)};
    m_summary = {QPointF(pad, baseline(small, header, summary)),
                 small.elidedText(m_content.summary, Qt::ElideRight, m_width - 2 * pad)};
    m_portLabels.clear();
    const double labelWidth = m_width / 2.0 - pad - 4.0 * k;
    int in = 0, out = 0;
    for (PortItem* port : m_ports) {
        const bool output = port->port().output;
        const int row = output ? out++ : in++;
        const double y = header + summary + row * pitch;
        port->setPos(output ? m_width : 0.0, y + pitch / 2.0);
        const QString text = small.elidedText(port->port().name, Qt::ElideRight, labelWidth);
        const double x = output ? m_width - pad - 4.0 * k - small.horizontalAdvance(text) : pad + 2.0 * k;
        m_portLabels.push_back({QPointF(x, baseline(small, y, pitch)), text});
    }
    for (WireItem* wire : m_wires)
        wire->updatePath();
}

QRectF NodeItem::boundingRect() const
{
    // Room for the selection and problem borders and the drop shadow.
    const double k = m_scale;
    return QRectF(0, 0, m_width, m_height).adjusted(-3 * k, -3 * k, 5 * k, 6 * k);
}

QPainterPath NodeItem::shape() const
{
    QPainterPath path;
    path.addRoundedRect(QRectF(0, 0, m_width, m_height), kCorner * m_scale, kCorner * m_scale);
    return path;
}

QRectF NodeItem::titleRect() const
{
    const double k = m_scale;
    return mapRectToScene(QRectF((kPad - 4.0) * k, 2.0 * k, m_width - (2 * kPad - 8.0) * k, (HeaderHeight - 4.0) * k));
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
    const double lod = option->levelOfDetailFromTransform(painter->worldTransform()) * m_scale;
    const QRectF body(0, 0, m_width, m_height);
    const double k = m_scale, corner = kCorner * k;
    painter->setRenderHint(QPainter::Antialiasing, true);

    painter->setPen(Qt::NoPen);
    painter->setBrush(kShadow);
    painter->drawRoundedRect(body.translated(1.5 * k, 2.5 * k), corner, corner);
    painter->setBrush(kBody);
    painter->drawRoundedRect(body, corner, corner);
    painter->setBrush(categoryColour(m_content.category));
    painter->drawPath(m_header);

    const bool problem = !m_content.problems.isEmpty();
    if (isSelected())
        painter->setPen(QPen(kSelected, 2.5 * k));
    else if (problem)
        painter->setPen(QPen(kProblem, 2.0 * k));
    else
        painter->setPen(QPen(kBorder, 1.0 * k));
    painter->setBrush(Qt::NoBrush);
    painter->drawRoundedRect(body, corner, corner);
    if (problem && isSelected()) {
        painter->setPen(QPen(kProblem, 1.5 * k));
        painter->drawRoundedRect(body.adjusted(2.5 * k, 2.5 * k, -2.5 * k, -2.5 * k), corner - 2 * k, corner - 2 * k);
    }

    painter->setPen(QPen(Qt::white, 1.5 * k));
    for (const PortItem* port : m_ports) {
        painter->setBrush(portKindColour(port->port().kind));
        painter->drawEllipse(port->pos(), port->radius(), port->radius());
    }

    if (lod < kTitleLod)
        return;
    if (problem) {
        const QPointF c(m_width - (kPad + 5.0) * k, HeaderHeight * k / 2.0);
        const double r = 7.0 * k;
        painter->setPen(Qt::NoPen);
        painter->setBrush(Qt::white);
        painter->drawEllipse(c, r, r);
        painter->setPen(kProblem);
        painter->setFont(m_badgeFont);
        painter->drawText(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r), Qt::AlignCenter, QStringLiteral("!"));
    }
    painter->setFont(m_titleFont);
    painter->setPen(Qt::white);
    painter->drawText(m_title.at, m_title.text);
    if (lod < kDetailLod)
        return;

    painter->setFont(m_smallFont);
    painter->setPen(kSummaryText);
    painter->drawText(m_summary.at, m_summary.text);
    painter->setPen(kPortText);
    for (const Label& label : m_portLabels)
        painter->drawText(label.at, label.text);
}

} // namespace ss::widgets
