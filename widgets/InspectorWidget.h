#pragma once
// The inspector: the parameters of the selected node(s) or the experiment settings, one field per
// declared parameter (built from the NodeSpec, never per type). It shows values and reports accepted
// edits as signals; the owner turns them into undo commands and calls showNodes() again with the
// document's values, which updates the fields in place when the same nodes are shown.
#include "models/NodeSpec.h"

#include <QStringList>
#include <QWidget>

#include <map>
#include <string>
#include <vector>

class QLabel;
class QLineEdit;
class QVBoxLayout;

namespace ss::widgets {

class ParamEditor;

class InspectorWidget : public QWidget {
    Q_OBJECT
public:
    explicit InspectorWidget(QWidget* parent = nullptr);

    // One or more nodes of type `spec`; params[i] are the saved values of nodeIds[i] (missing keys
    // show the declared default). Fields whose values differ between the nodes show "(mixed)".
    void showNodes(const models::NodeSpec& spec, const QStringList& nodeIds,
                   const std::vector<std::map<std::string, models::ParamValue>>& params);
    void showExperiment(double dtMs, double durationMs, qulonglong seed);
    // Nothing selected.
    void clear();

    // --- for tests and the main window ---------------------------------------------------------
    QWidget* editorFor(const QString& key) const;
    QString problemText(const QString& key) const;
    QStringList shownKeys() const;
    QStringList nodeIds() const { return m_nodeIds; }
    QLineEdit* idField() const { return m_idField; } // single node only, else nullptr
    QString idProblemText() const;

signals:
    void parameterEdited(const QStringList& nodeIds, const QString& key, const models::ParamValue& value);
    void renameRequested(const QString& oldId, const QString& newId);
    void experimentEdited(double dtMs, double durationMs, qulonglong seed);

private:
    enum class Mode { Empty, Nodes, Experiment };

    QVBoxLayout* newBody();
    void showBody();
    void addHeader(QVBoxLayout* layout, const QString& title, const QString& subtitle, const QString& help);
    void addIdField(QVBoxLayout* layout);
    void addFields(QVBoxLayout* layout, const std::vector<models::ParamSpec>& params);
    void commitId();
    ParamEditor* row(const QString& key) const;

    Mode m_mode = Mode::Empty;
    std::string m_specId;
    QStringList m_nodeIds;
    double m_dtMs = 0.0, m_durationMs = 0.0;
    qulonglong m_seed = 0;

    QVBoxLayout* m_layout = nullptr;
    QWidget* m_body = nullptr;
    QLineEdit* m_idField = nullptr;
    QLabel* m_idProblem = nullptr;
    std::vector<ParamEditor*> m_rows;
};

} // namespace ss::widgets
