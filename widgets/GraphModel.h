#pragma once
// What the node-graph canvas draws, as an interface: the canvas reads nodes, ports, wires and notes
// from a GraphModel and turns the user's gestures into requests (signals of NodeGraphView); it never
// changes the graph itself. app/ implements the model over the document and answers requests with
// undo commands, so that the document stays the single source of truth (as QtNodes'
// AbstractGraphModel).
#include "models/NodeSpec.h"

#include <QObject>
#include <QPointF>
#include <QString>
#include <QStringList>
#include <QVector>

namespace ss::widgets {

struct PortView {
    QString name;
    bool output = false;
    models::PortKind kind = models::PortKind::Spikes;
    bool multiple = false; // inputs: accepts several wires
    bool required = false;
};

struct WireView {
    QString fromNode, fromPort, toNode, toPort;
    QString label; // e.g. the inferred shape "30x24x24"; empty when unknown
    bool operator==(const WireView& o) const
    {
        return fromNode == o.fromNode && fromPort == o.fromPort && toNode == o.toNode && toPort == o.toPort;
    }
};

class GraphModel : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    virtual QStringList nodeIds() const = 0;
    virtual QString nodeType(const QString& id) const = 0;
    virtual models::Category nodeCategory(const QString& id) const = 0;
    virtual QString nodeTitle(const QString& id) const = 0;   // the node id as the user named it
    virtual QString nodeSummary(const QString& id) const = 0; // one line: "LIF, 3200 neurons"
    virtual QPointF nodePosition(const QString& id) const = 0;
    virtual QVector<PortView> nodePorts(const QString& id) const = 0;
    // Problems of the node, one per line; empty when it has none (drawn as a red border + tooltip).
    virtual QString nodeProblems(const QString& id) const = 0;

    virtual QVector<WireView> wires() const = 0;

    virtual QStringList noteIds() const = 0;
    virtual QString noteText(const QString& id) const = 0;
    virtual QPointF notePosition(const QString& id) const = 0;

    // Empty when a wire from (fromNode.fromPort) to (toNode.toPort) is allowed, else the reason.
    virtual QString canConnect(const QString& fromNode, const QString& fromPort, const QString& toNode,
                               const QString& toPort) const = 0;

signals:
    void nodeAdded(const QString& id);
    void nodeRemoved(const QString& id);
    // Title, summary, ports or problems changed (a rename arrives as nodeRemoved + nodeAdded).
    void nodeUpdated(const QString& id);
    void nodeMoved(const QString& id);
    void wiresChanged();
    void notesChanged();
    // Everything changed (a document was opened).
    void modelReset();
};

} // namespace ss::widgets
