#pragma once
// An in-memory GraphModel for the canvas tests and the canvas benchmark. follow(view) answers the view's
// requests by changing the model at once (as the document's undo commands do), so that a gesture can
// be checked end to end: request -> model -> model signal -> items.
#include "widgets/GraphModel.h"
#include "widgets/NodeGraphView.h"

#include <algorithm>

namespace ss::widgets {

struct FakeNode {
    QString id, type;
    models::Category category = models::Category::Layer;
    QString summary;
    QPointF pos;
    QVector<PortView> ports;
    QString problems;
};

struct FakeNote {
    QString id, text;
    QPointF pos;
};

class FakeGraphModel : public GraphModel {
public:
    using GraphModel::GraphModel;

    // A port list shaped like the real declarations (LayerSpec, SynapseCommon, EncoderSpecs, ...).
    static FakeNode make(const QString& id, const QString& type, QPointF pos, const QString& summary = {})
    {
        using models::Category;
        using K = models::PortKind;
        auto in = [](const char* n, K k, bool multiple = false, bool required = false) {
            return PortView{QString::fromLatin1(n), false, k, multiple, required};
        };
        auto out = [](const char* n, K k) { return PortView{QString::fromLatin1(n), true, k, false, false}; };
        FakeNode node{id, type, Category::Layer, summary, pos, {}, {}};
        const QString family = type.section(QLatin1Char('.'), 0, 0);
        if (family == QLatin1String("source")) {
            node.category = Category::Source;
            node.ports = {out("samples", K::Samples), out("labels", K::Labels)};
        } else if (family == QLatin1String("encoder")) {
            node.category = Category::Encoder;
            node.ports = {in("samples", K::Samples, false, true), out("out", K::Spikes)};
        } else if (family == QLatin1String("synapses")) {
            node.category = Category::Synapses;
            node.ports = {in("pre", K::Spikes, false, true), in("rule", K::Rule, true), out("post", K::Spikes)};
        } else if (family == QLatin1String("rule")) {
            node.category = Category::LearningRule;
            node.ports = {out("rule", K::Rule)};
        } else if (family == QLatin1String("readout")) {
            node.category = Category::Readout;
            node.ports = {in("spikes", K::Spikes, false, true), in("labels", K::Labels), out("prediction", K::Labels)};
        } else if (family == QLatin1String("monitor")) {
            node.category = Category::Monitor;
            node.ports = {in("spikes", K::Spikes, false, true)};
        } else { // layers
            node.ports = {in("in", K::Spikes, true), in("current", K::Current, true), out("out", K::Spikes)};
        }
        if (node.summary.isEmpty())
            node.summary = type;
        return node;
    }

    // --- edits, each with the signals the document would send --------------------------------------
    void addNode(const FakeNode& node)
    {
        m_nodes.push_back(node);
        emit nodeAdded(node.id);
    }
    void removeNode(const QString& id)
    {
        const auto n = m_wires.removeIf([&](const WireView& w) { return w.fromNode == id || w.toNode == id; });
        m_nodes.removeIf([&](const FakeNode& node) { return node.id == id; });
        emit nodeRemoved(id);
        if (n > 0)
            emit wiresChanged();
    }
    void setProblems(const QString& id, const QString& problems)
    {
        if (FakeNode* node = find(id)) {
            node->problems = problems;
            emit nodeUpdated(id);
        }
    }
    void addWire(const WireView& wire)
    {
        const PortView* to = port(wire.toNode, wire.toPort, false);
        if (to && !to->multiple) // a wire into a single-input port replaces the old one
            m_wires.removeIf([&](const WireView& w) { return w.toNode == wire.toNode && w.toPort == wire.toPort; });
        m_wires.push_back(wire);
        emit wiresChanged();
    }
    void removeWire(const WireView& wire)
    {
        m_wires.removeAll(wire);
        emit wiresChanged();
    }
    void addNote(const FakeNote& note)
    {
        m_notes.push_back(note);
        emit notesChanged();
    }
    void rename(const QString& id, const QString& newId)
    {
        FakeNode* node = find(id);
        if (!node)
            return;
        node->id = newId;
        for (WireView& w : m_wires) {
            if (w.fromNode == id)
                w.fromNode = newId;
            if (w.toNode == id)
                w.toNode = newId;
        }
        emit nodeRemoved(id);
        emit nodeAdded(newId);
        emit wiresChanged();
    }
    void reset(QVector<FakeNode> nodes, QVector<WireView> wires, QVector<FakeNote> notes = {})
    {
        m_nodes = std::move(nodes);
        m_wires = std::move(wires);
        m_notes = std::move(notes);
        emit modelReset();
    }

    // Answers the view's requests directly.
    void follow(NodeGraphView& view)
    {
        QObject::connect(&view, &NodeGraphView::createNodeRequested, this, [this](const QString& type, QPointF pos) {
            addNode(make(type.section(QLatin1Char('.'), 1) + QString::number(++m_created), type, pos));
        });
        QObject::connect(&view, &NodeGraphView::connectRequested, this, &FakeGraphModel::addWire);
        QObject::connect(&view, &NodeGraphView::disconnectRequested, this, &FakeGraphModel::removeWire);
        QObject::connect(&view, &NodeGraphView::moveRequested, this,
                         [this](const QMap<QString, QPointF>& nodes, const QMap<QString, QPointF>& notes) {
                             for (auto it = nodes.cbegin(); it != nodes.cend(); ++it)
                                 if (FakeNode* node = find(it.key())) {
                                     node->pos = it.value();
                                     emit nodeMoved(it.key());
                                 }
                             for (FakeNote& note : m_notes)
                                 if (notes.contains(note.id))
                                     note.pos = notes.value(note.id);
                             if (!notes.isEmpty())
                                 emit notesChanged();
                         });
        QObject::connect(&view, &NodeGraphView::deleteRequested, this,
                         [this](const QStringList& nodes, const QVector<WireView>& wires, const QStringList& notes) {
                             for (const WireView& w : wires)
                                 removeWire(w);
                             for (const QString& id : nodes)
                                 removeNode(id);
                             m_notes.removeIf([&](const FakeNote& n) { return notes.contains(n.id); });
                             if (!notes.isEmpty())
                                 emit notesChanged();
                         });
        QObject::connect(&view, &NodeGraphView::renameRequested, this, &FakeGraphModel::rename);
        QObject::connect(&view, &NodeGraphView::noteEditRequested, this, [this](const QString& id, const QString& text) {
            for (FakeNote& note : m_notes)
                if (note.id == id)
                    note.text = text;
            emit notesChanged();
        });
    }

    const QVector<FakeNode>& nodes() const { return m_nodes; }
    const QVector<FakeNote>& notes() const { return m_notes; }

    // --- GraphModel ----------------------------------------------------------------------------------
    QStringList nodeIds() const override
    {
        QStringList ids;
        for (const FakeNode& n : m_nodes)
            ids << n.id;
        return ids;
    }
    QString nodeType(const QString& id) const override { return get(id).type; }
    models::Category nodeCategory(const QString& id) const override { return get(id).category; }
    QString nodeTitle(const QString& id) const override { return get(id).id; }
    QString nodeSummary(const QString& id) const override { return get(id).summary; }
    QPointF nodePosition(const QString& id) const override { return get(id).pos; }
    QVector<PortView> nodePorts(const QString& id) const override { return get(id).ports; }
    QString nodeProblems(const QString& id) const override { return get(id).problems; }
    QVector<WireView> wires() const override { return m_wires; }
    QStringList noteIds() const override
    {
        QStringList ids;
        for (const FakeNote& n : m_notes)
            ids << n.id;
        return ids;
    }
    QString noteText(const QString& id) const override { return note(id).text; }
    QPointF notePosition(const QString& id) const override { return note(id).pos; }

    QString canConnect(const QString& fromNode, const QString& fromPort, const QString& toNode,
                       const QString& toPort) const override
    {
        const PortView* from = port(fromNode, fromPort, true);
        const PortView* to = port(toNode, toPort, false);
        if (!from || !to)
            return QStringLiteral("No such port");
        if (fromNode == toNode)
            return QStringLiteral("A node cannot feed itself");
        if (from->kind != to->kind)
            return QStringLiteral("Cannot wire %1 into %2: a %3 output needs a %3 input")
                .arg(fromNode + '.' + fromPort, toNode + '.' + toPort, kindName(from->kind));
        return {};
    }

    static QString kindName(models::PortKind kind)
    {
        static const char* names[] = {"spikes", "current", "samples", "labels", "reward", "rule"};
        return QString::fromLatin1(names[static_cast<int>(kind)]);
    }

private:
    FakeNode* find(const QString& id)
    {
        auto it = std::find_if(m_nodes.begin(), m_nodes.end(), [&](const FakeNode& n) { return n.id == id; });
        return it == m_nodes.end() ? nullptr : &*it;
    }
    const FakeNode& get(const QString& id) const
    {
        static const FakeNode none;
        auto it = std::find_if(m_nodes.begin(), m_nodes.end(), [&](const FakeNode& n) { return n.id == id; });
        return it == m_nodes.end() ? none : *it;
    }
    const FakeNote& note(const QString& id) const
    {
        static const FakeNote none;
        auto it = std::find_if(m_notes.begin(), m_notes.end(), [&](const FakeNote& n) { return n.id == id; });
        return it == m_notes.end() ? none : *it;
    }
    const PortView* port(const QString& nodeId, const QString& name, bool output) const
    {
        for (const PortView& p : get(nodeId).ports)
            if (p.name == name && p.output == output)
                return &p;
        return nullptr;
    }

    QVector<FakeNode> m_nodes;
    QVector<WireView> m_wires;
    QVector<FakeNote> m_notes;
    int m_created = 0;
};

} // namespace ss::widgets
