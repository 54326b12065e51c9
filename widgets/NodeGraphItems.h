#pragma once
// The items of the node-graph canvas. They only draw what NodeGraphView copies into them from the
// GraphModel and know nothing of the model or the view: the view turns gestures on them into requests.
// Nodes and notes are drawn once into a device-coordinate pixmap cache, so a pan only blits pixmaps.
// In presenter mode (widgets/PlotStyle.h, presenterScale()) every size of an item - fonts, node and port
// geometry, pen widths - is multiplied by the presenter scale; the items take the scale when they are
// made or restyled (NodeGraphView::restyle()), and node positions stay where the document puts them.
#include "widgets/GraphModel.h"

#include <QFont>
#include <QGraphicsItem>
#include <QGraphicsTextItem>
#include <QPainterPath>

namespace ss::widgets {

class WireItem;

// Calm header colours, one per category (muted enough to carry white bold text).
QColor categoryColour(models::Category category);
// Port and wire colours, one per kind (Okabe & Ito hues, so kinds stay apart under colour blindness).
QColor portKindColour(models::PortKind kind);
// Fonts in pixels of scene space, so that text scales with the zoom like the shapes around it; the size
// is multiplied by the presenter scale (rounded to whole pixels).
QFont canvasFont(int pixelSize, bool bold = false);
// Whether two port lists draw the same ports (names, directions, kinds, flags, order).
bool samePorts(const QVector<PortView>& a, const QVector<PortView>& b);

namespace layer {
constexpr double Wire = 0.0;
constexpr double Note = 1.0;
constexpr double Node = 2.0;
constexpr double DragWire = 3.0;
constexpr double Editor = 4.0;
} // namespace layer

class NodeItem;

// A port's circle; its name is painted by the node (inside the node's cache).
class PortItem : public QGraphicsItem {
public:
    enum { Type = UserType + 1 };
    enum class Mark { Normal, Compatible, Refused };

    PortItem(NodeItem* node, PortView port);
    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    NodeItem* node() const { return m_node; }
    const PortView& port() const { return m_port; }
    void setMark(Mark mark);
    Mark mark() const { return m_mark; }
    // The circle's radius at the node's scale.
    double radius() const;
    // Before the node's scale changes (the bounding rectangle follows the radius).
    void restyle() { prepareGeometryChange(); }

    static constexpr double Radius = 5.5; // at scale 1

private:
    NodeItem* m_node;
    PortView m_port;
    Mark m_mark = Mark::Normal;
};

struct NodeContent {
    QString title, summary, problems;
    models::Category category = models::Category::Layer;
    QVector<PortView> ports;
};

class NodeItem : public QGraphicsItem {
public:
    enum { Type = UserType + 2 };

    NodeItem(QString id, const NodeContent& content);
    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    const QString& id() const { return m_id; }
    const NodeContent& content() const { return m_content; }
    // Replaces what is drawn; ports are rebuilt only when they differ (returns true then). Wires hold
    // port pointers: the caller destroys the node's wires first when samePorts() says they differ.
    bool setContent(const NodeContent& content);
    PortItem* port(const QString& name, bool output) const;
    const QVector<PortItem*>& ports() const { return m_ports; }
    // Scene rectangle of the title text, where a double-click starts renaming.
    QRectF titleRect() const;
    // Lays the node out again at the current presenter scale (fonts, sizes, ports, attached wires).
    void restyle();
    // The presenter scale it is laid out at, its size and fonts (for tests).
    double scale() const { return m_scale; }
    QSizeF size() const { return {m_width, m_height}; }
    const QFont& titleFont() const { return m_titleFont; }
    const QFont& labelFont() const { return m_smallFont; }

    void attachWire(WireItem* wire);
    void detachWire(WireItem* wire);
    const QVector<WireItem*>& wires() const { return m_wires; }

    static constexpr double HeaderHeight = 26.0; // at scale 1
    static constexpr double PortPitch = 20.0;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant& value) override;

private:
    void layout();

    QString m_id;
    NodeContent m_content;
    QVector<PortItem*> m_ports;
    QVector<WireItem*> m_wires;
    double m_width = 160.0, m_height = 60.0;
    double m_scale = 1.0;
    QFont m_titleFont, m_smallFont, m_badgeFont;
    // Laid out once per content change, not per paint: the header shape and the elided texts at their
    // baselines (drawn without per-paint text layout).
    struct Label {
        QPointF at;
        QString text;
    };
    QPainterPath m_header;
    Label m_title, m_summary;
    QVector<Label> m_portLabels;
};

// A cubic bezier from an output port to an input port, with the inferred shape at its middle.
// With null ports it is the temporary wire that follows the mouse while connecting.
class WireItem : public QGraphicsItem {
public:
    enum { Type = UserType + 3 };

    WireItem(PortItem* from, PortItem* to, WireView wire);
    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    const WireView& wire() const { return m_wire; }
    void setLabel(const QString& label);
    PortItem* fromPort() const { return m_from; }
    PortItem* toPort() const { return m_to; }
    // Re-reads the port positions (after a node moved).
    void updatePath();
    // For the temporary wire: explicit ends and colour.
    void setEnds(QPointF from, QPointF to, const QColor& colour);
    // Takes the current presenter scale (pen widths, the label's font).
    void restyle();
    // The width of its stroke in scene pixels when drawn at zoom 1.5 or more (2 px at scale 1); below
    // that zoom it is drawn as cosmetic strokes of scale() device pixels.
    double penWidth() const { return 2.0 * m_scale; }
    double scale() const { return m_scale; }

private:
    void setPath(QPointF from, QPointF to);

    PortItem* m_from;
    PortItem* m_to;
    WireView m_wire;
    QColor m_colour;
    double m_scale = 1.0;
    QPainterPath m_path, m_shape;
    QPointF m_middle, m_labelBaseline; // the label's box and baseline are relative to the middle
    QRectF m_labelRect, m_bounds;
};

// A sticky note for teaching: yellowish paper with wrapped text.
class NoteItem : public QGraphicsItem {
public:
    enum { Type = UserType + 4 };

    NoteItem(QString id, const QString& text);
    int type() const override { return Type; }
    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    const QString& id() const { return m_id; }
    const QString& text() const { return m_text; }
    void setText(const QString& text);
    // Rectangle of the text inside the note, in item coordinates.
    QRectF textRect() const;
    // Lays the note out again at the current presenter scale.
    void restyle() { setText(m_text); }

    static constexpr double Width = 220.0; // at scale 1

private:
    QString m_id, m_text;
    double m_width = Width, m_height = 60.0, m_scale = 1.0;
};

// In-place text editing (a node's title, a note's text). Enter commits (Ctrl+Enter in multi-line mode),
// Escape cancels, losing the focus commits.
class InlineEditor : public QGraphicsTextItem {
    Q_OBJECT
public:
    InlineEditor(const QString& text, const QFont& font, double width, bool multiLine);
    // Gives the editor the keyboard focus with all of its text selected.
    void begin();

signals:
    void committed(const QString& text);
    void cancelled();

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    void finish(bool commit);

    bool m_multiLine;
    bool m_done = false;
};

} // namespace ss::widgets
