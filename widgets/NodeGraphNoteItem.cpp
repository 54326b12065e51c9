// NoteItem and InlineEditor of NodeGraphItems.h: sticky notes and in-place text editing.
#include "widgets/NodeGraphItems.h"

#include "widgets/PlotStyle.h"

#include <QFontMetricsF>
#include <QKeyEvent>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <QTextCursor>
#include <QTextDocument>

#include <algorithm>

namespace ss::widgets {

namespace {

const QColor kPaper(0xFF, 0xF4, 0xB8);
const QColor kPaperEdge(0xE2, 0xCC, 0x6A);
const QColor kInk(0x4A, 0x40, 0x1C);
const QColor kPlaceholder(0xA0, 0x93, 0x5C);
const QColor kSelected(0x1F, 0x6F, 0xEB);
constexpr double kPad = 10.0;
constexpr double kMinHeight = 60.0;
constexpr int kNotePixels = 12;
constexpr int kTextFlags = Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop;

} // namespace

NoteItem::NoteItem(QString id, const QString& text) : m_id(std::move(id))
{
    setFlags(ItemIsMovable | ItemIsSelectable);
    setCacheMode(DeviceCoordinateCache);
    setZValue(layer::Note);
    setText(text);
}

void NoteItem::setText(const QString& text)
{
    prepareGeometryChange();
    m_text = text;
    m_scale = presenterScale();
    m_width = Width * m_scale;
    const QFontMetricsF fm(canvasFont(kNotePixels));
    const QRectF needed = fm.boundingRect(QRectF(0, 0, m_width - 2 * kPad * m_scale, 1e6), kTextFlags, text.isEmpty() ? "x" : text);
    m_height = std::max(kMinHeight * m_scale, std::ceil(needed.height()) + 2 * kPad * m_scale);
    update();
}

QRectF NoteItem::textRect() const
{
    const double pad = kPad * m_scale;
    return {pad, pad, m_width - 2 * pad, m_height - 2 * pad};
}

QRectF NoteItem::boundingRect() const
{
    const double k = m_scale;
    return QRectF(0, 0, m_width, m_height).adjusted(-3 * k, -3 * k, 5 * k, 6 * k);
}

void NoteItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    const double k = m_scale;
    const QRectF paper(0, 0, m_width, m_height);
    painter->setRenderHint(QPainter::Antialiasing, true);
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(0xDA, 0xDD, 0xE2));
    painter->drawRect(paper.translated(2.0 * k, 3.0 * k));
    painter->setBrush(kPaper);
    painter->setPen(isSelected() ? QPen(kSelected, 2.0 * k) : QPen(kPaperEdge, 1.0 * k));
    painter->drawRect(paper);
    // A folded corner, the cue that this is a note and not a node.
    const double fold = 12.0 * k;
    const QPointF corner(m_width, m_height);
    painter->setBrush(kPaperEdge);
    painter->setPen(Qt::NoPen);
    painter->drawPolygon(QPolygonF({corner - QPointF(fold, 0), corner - QPointF(0, fold), corner - QPointF(fold, fold)}));

    painter->setFont(canvasFont(kNotePixels));
    painter->setPen(m_text.isEmpty() ? kPlaceholder : kInk);
    painter->drawText(textRect(), kTextFlags, m_text.isEmpty() ? QStringLiteral("Double-click to write a note") : m_text);
}

// --- InlineEditor -------------------------------------------------------------------------------------

InlineEditor::InlineEditor(const QString& text, const QFont& font, double width, bool multiLine)
    : QGraphicsTextItem(text), m_multiLine(multiLine)
{
    setFont(font);
    setDefaultTextColor(QColor(0x20, 0x20, 0x20));
    setTextInteractionFlags(Qt::TextEditorInteraction);
    document()->setDocumentMargin(2.0);
    setTextWidth(width);
    setZValue(layer::Editor);
}

void InlineEditor::begin()
{
    setFocus(Qt::OtherFocusReason);
    QTextCursor cursor(document());
    cursor.select(QTextCursor::Document);
    setTextCursor(cursor);
}

void InlineEditor::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Escape) {
        finish(false);
        return;
    }
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter && (!m_multiLine || (event->modifiers() & Qt::ControlModifier))) {
        finish(true);
        return;
    }
    QGraphicsTextItem::keyPressEvent(event);
}

void InlineEditor::focusOutEvent(QFocusEvent* event)
{
    QGraphicsTextItem::focusOutEvent(event);
    finish(true);
}

void InlineEditor::finish(bool commit)
{
    if (m_done)
        return;
    m_done = true;
    if (commit)
        emit committed(toPlainText());
    else
        emit cancelled();
}

void InlineEditor::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget)
{
    painter->setPen(QPen(kSelected, 1.5));
    painter->setBrush(Qt::white);
    painter->drawRect(boundingRect());
    // Without the focus and selection states the base class draws no dashed frame of its own.
    QStyleOptionGraphicsItem plain(*option);
    plain.state &= ~(QStyle::State_Selected | QStyle::State_HasFocus);
    QGraphicsTextItem::paint(painter, &plain, widget);
}

} // namespace ss::widgets
