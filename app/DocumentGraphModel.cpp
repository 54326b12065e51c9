#include "app/DocumentGraphModel.h"

#include "app/EditCommands.h"
#include "models/Catalogue.h"

namespace ss::app {

namespace {

std::string key(const QString& s) { return s.toStdString(); }

} // namespace

DocumentGraphModel::DocumentGraphModel(GraphDocument& doc, QObject* parent) : GraphModel(parent), m_doc(doc)
{
    connect(&doc, &GraphDocument::nodeAdded, this, &GraphModel::nodeAdded);
    connect(&doc, &GraphDocument::nodeRemoved, this, &GraphModel::nodeRemoved);
    connect(&doc, &GraphDocument::nodeChanged, this, &GraphModel::nodeUpdated);
    connect(&doc, &GraphDocument::nodeMoved, this, &GraphModel::nodeMoved);
    connect(&doc, &GraphDocument::nodeRenamed, this, [this](const QString& oldId, const QString& newId) {
        emit nodeRemoved(oldId);
        emit nodeAdded(newId);
        emit wiresChanged();
    });
    connect(&doc, &GraphDocument::wiresChanged, this, &GraphModel::wiresChanged);
    connect(&doc, &GraphDocument::notesChanged, this, &GraphModel::notesChanged);
    connect(&doc, &GraphDocument::documentReset, this, &GraphModel::modelReset);
    // Shapes and problems follow from the whole graph: refresh every node's summary and border, and
    // the shape labels on the wires.
    connect(&doc, &GraphDocument::problemsChanged, this, [this] {
        for (const auto& n : m_doc.graph().nodes) emit nodeUpdated(QString::fromStdString(n.id));
        emit wiresChanged();
    });
}

const models::NodeSpec* DocumentGraphModel::specOf(const QString& id) const
{
    const models::Node* n = m_doc.node(key(id));
    return n ? models::findSpec(n->type) : nullptr;
}

QStringList DocumentGraphModel::nodeIds() const
{
    QStringList ids;
    for (const auto& n : m_doc.graph().nodes) ids << QString::fromStdString(n.id);
    return ids;
}

QString DocumentGraphModel::nodeType(const QString& id) const
{
    const models::Node* n = m_doc.node(key(id));
    return n ? QString::fromStdString(n->type) : QString();
}

models::Category DocumentGraphModel::nodeCategory(const QString& id) const
{
    const models::NodeSpec* spec = specOf(id);
    return spec ? spec->category : models::Category::Layer;
}

QString DocumentGraphModel::nodeTitle(const QString& id) const { return id; }

QString DocumentGraphModel::nodeSummary(const QString& id) const
{
    const models::NodeSpec* spec = specOf(id);
    if (!spec) return QStringLiteral("unknown type");
    QString summary = QString::fromStdString(spec->name);
    if (auto shape = m_doc.shapeOf(key(id))) {
        const bool flat = shape->height == 1 && shape->width == 1;
        if (!flat)
            summary += QStringLiteral(", %1").arg(QString::fromStdString(shape->toString()));
        else if (shape->size() == 1)
            summary += QStringLiteral(", 1 neuron");
        else
            summary += QStringLiteral(", %1 neurons").arg(shape->size());
    }
    return summary;
}

QPointF DocumentGraphModel::nodePosition(const QString& id) const
{
    const models::Node* n = m_doc.node(key(id));
    return n ? QPointF(n->x, n->y) : QPointF();
}

QVector<widgets::PortView> DocumentGraphModel::nodePorts(const QString& id) const
{
    QVector<widgets::PortView> ports;
    if (const models::NodeSpec* spec = specOf(id))
        for (const auto& p : spec->ports)
            ports.push_back({QString::fromStdString(p.name), p.direction == models::Direction::Out, p.kind, p.multiple, p.required});
    return ports;
}

QString DocumentGraphModel::nodeProblems(const QString& id) const
{
    QStringList lines;
    for (const auto& p : m_doc.problems())
        if (p.node == key(id)) lines << QString::fromStdString(p.message);
    return lines.join(QLatin1Char('\n'));
}

QVector<widgets::WireView> DocumentGraphModel::wires() const
{
    QVector<widgets::WireView> out;
    for (const auto& w : m_doc.graph().wires) {
        const auto shape = m_doc.shapeOf(w.from.node);
        out.push_back({QString::fromStdString(w.from.node), QString::fromStdString(w.from.port), QString::fromStdString(w.to.node),
                       QString::fromStdString(w.to.port), shape ? QString::fromStdString(shape->toString()) : QString()});
    }
    return out;
}

QStringList DocumentGraphModel::noteIds() const
{
    QStringList ids;
    for (const auto& n : m_doc.document().notes) ids << n.id;
    return ids;
}

QString DocumentGraphModel::noteText(const QString& id) const
{
    const Note* n = m_doc.note(id);
    return n ? n->text : QString();
}

QPointF DocumentGraphModel::notePosition(const QString& id) const
{
    const Note* n = m_doc.note(id);
    return n ? n->pos : QPointF();
}

QString DocumentGraphModel::canConnect(const QString& fromNode, const QString& fromPort, const QString& toNode,
                                       const QString& toPort) const
{
    return connectionProblem(m_doc.graph(), models::Wire{{key(fromNode), key(fromPort)}, {key(toNode), key(toPort)}});
}

} // namespace ss::app
