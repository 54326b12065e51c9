#pragma once
// The canvas's view of the open document: implements widgets::GraphModel over a GraphDocument and
// forwards the document's signals. Read-only: edits come back as requests and become undo commands
// in DocumentEditor.
#include "app/GraphDocument.h"
#include "widgets/GraphModel.h"

namespace ss::app {

class DocumentGraphModel : public widgets::GraphModel {
    Q_OBJECT
public:
    explicit DocumentGraphModel(GraphDocument& doc, QObject* parent = nullptr);

    QStringList nodeIds() const override;
    QString nodeType(const QString& id) const override;
    models::Category nodeCategory(const QString& id) const override;
    QString nodeTitle(const QString& id) const override;
    QString nodeSummary(const QString& id) const override;
    QPointF nodePosition(const QString& id) const override;
    QVector<widgets::PortView> nodePorts(const QString& id) const override;
    QString nodeProblems(const QString& id) const override;
    QVector<widgets::WireView> wires() const override;
    QStringList noteIds() const override;
    QString noteText(const QString& id) const override;
    QPointF notePosition(const QString& id) const override;
    QString canConnect(const QString& fromNode, const QString& fromPort, const QString& toNode,
                       const QString& toPort) const override;

private:
    const models::NodeSpec* specOf(const QString& id) const;
    GraphDocument& m_doc;
};

} // namespace ss::app
