#include "widgets/InspectorWidget.h"

#include "widgets/ParamEditors.h"

#include "models/Validator.h"

#include <QFrame>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>
#include <optional>

namespace ss::widgets {

namespace {

const QColor kSubtleColour(0x60, 0x60, 0x60);
const QColor kProblemColour(0xB0, 0x00, 0x20);

QLabel* makeLabel(const QString& text, double scale, bool bold, const QColor& colour, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    QFont f = label->font();
    f.setPointSizeF(f.pointSizeF() * scale);
    f.setBold(bold);
    label->setFont(f);
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, colour);
    label->setPalette(p);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QFrame* separator(QWidget* parent)
{
    auto* line = new QFrame(parent);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);
    return line;
}

// The experiment settings as parameters, so that they are checked and shown like node parameters.
// The ranges are those of models::validate: dt in (0, 10] ms, duration >= 0.
std::vector<models::ParamSpec> experimentParams()
{
    models::ParamSpec dt = models::realParam("dt", "ms", 0.1, 0.0, 10.0,
                                             "Time step of the integration; every time constant must be larger.");
    dt.minExclusive = true;
    const double inf = std::numeric_limits<double>::infinity();
    return {dt, models::realParam("duration", "ms", 1000.0, 0.0, inf, "Simulated time of one run."),
            models::intParam("seed", 1, 0, std::numeric_limits<std::int64_t>::max(),
                             "Seed of every random stream: the same seed gives the same run.")};
}

bool sameShown(const std::optional<models::ParamValue>& a, const std::optional<models::ParamValue>& b)
{
    if (!a || !b) return !a && !b;
    return sameParamValue(*a, *b) && a->index() == b->index();
}

} // namespace

InspectorWidget::InspectorWidget(QWidget* parent) : QWidget(parent)
{
    m_layout = new QVBoxLayout(this);
    m_layout->setContentsMargins(10, 10, 10, 10);
    m_layout->addStretch(1);
    clear();
}

QVBoxLayout* InspectorWidget::newBody()
{
    if (m_body) {
        // Deferred: the old body may be the sender of the signal that led here.
        m_body->hide();
        m_layout->removeWidget(m_body);
        m_body->setParent(nullptr);
        m_body->deleteLater();
    }
    m_rows.clear();
    m_idField = nullptr;
    m_idProblem = nullptr;
    m_body = new QWidget(this);
    m_layout->insertWidget(0, m_body);
    auto* layout = new QVBoxLayout(m_body);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    return layout;
}

void InspectorWidget::clear()
{
    m_mode = Mode::Empty;
    m_specId.clear();
    m_nodeIds.clear();
    QVBoxLayout* layout = newBody();
    QLabel* hint = makeLabel(QStringLiteral("Select a node to edit its parameters"), 1.0, false, kSubtleColour, m_body);
    hint->setAlignment(Qt::AlignCenter);
    layout->addSpacing(24);
    layout->addWidget(hint);
    showBody();
}

void InspectorWidget::showBody()
{
    // Shown and laid out now, where the layout would do it on the next pass of the event loop: the
    // fields have their geometry at once (for clicks, grabs and scrolling to a field).
    m_body->show();
    m_layout->activate();
}

void InspectorWidget::addHeader(QVBoxLayout* layout, const QString& title, const QString& subtitle,
                                const QString& help)
{
    layout->addWidget(makeLabel(title, 1.2, true, palette().color(QPalette::WindowText), m_body));
    if (!subtitle.isEmpty()) layout->addWidget(makeLabel(subtitle, 0.9, false, kSubtleColour, m_body));
    if (m_mode == Mode::Nodes && m_nodeIds.size() == 1) addIdField(layout);
    if (!help.isEmpty()) layout->addWidget(makeLabel(help, 0.92, false, kSubtleColour, m_body));
    layout->addWidget(separator(m_body));
}

void InspectorWidget::addIdField(QVBoxLayout* layout)
{
    auto* row = new QHBoxLayout;
    row->setSpacing(6);
    auto* label = new QLabel(QStringLiteral("id"), m_body);
    m_idField = new QLineEdit(m_nodeIds.first(), m_body);
    m_idField->setToolTip(QStringLiteral("Name of the node in the document: letters, digits and '_', no dots or "
                                         "spaces, unique."));
    connect(m_idField, &QLineEdit::editingFinished, this, &InspectorWidget::commitId);
    row->addWidget(label);
    row->addWidget(m_idField, 1);
    layout->addLayout(row);
    m_idProblem = makeLabel(QString(), 0.88, false, kProblemColour, m_body);
    m_idProblem->setObjectName(QStringLiteral("problem"));
    m_idProblem->hide();
    layout->addWidget(m_idProblem);
}

void InspectorWidget::addFields(QVBoxLayout* layout, const std::vector<models::ParamSpec>& params)
{
    if (params.empty()) {
        layout->addWidget(makeLabel(QStringLiteral("This node has no parameters."), 1.0, false, kSubtleColour, m_body));
        return;
    }
    auto* grid = new QGridLayout;
    grid->setHorizontalSpacing(10);
    grid->setVerticalSpacing(5);
    grid->setColumnStretch(1, 1);
    int unitWidth = 0;
    for (const auto& p : params) {
        auto* editor = new ParamEditor(p, m_body);
        const int r = static_cast<int>(m_rows.size());
        QLabel* key = editor->keyLabel();
        // As tall as the editor and top-aligned, so that the key stays level with its editor when
        // a caption or a problem opens below it.
        key->setMinimumHeight(editor->editor()->sizeHint().height());
        key->setAlignment(Qt::AlignLeft | Qt::AlignVCenter);
        grid->addWidget(key, r, 0, Qt::AlignLeft | Qt::AlignTop);
        grid->addWidget(editor, r, 1);
        unitWidth = std::max(unitWidth, editor->unitLabel()->sizeHint().width());
        m_rows.push_back(editor);
    }
    for (auto* editor : m_rows) editor->unitLabel()->setMinimumWidth(unitWidth); // editors end in one column
    layout->addLayout(grid);
}

void InspectorWidget::showNodes(const models::NodeSpec& spec, const QStringList& nodeIds,
                                const std::vector<std::map<std::string, models::ParamValue>>& params)
{
    if (nodeIds.isEmpty()) return clear();
    const bool same = m_mode == Mode::Nodes && m_specId == spec.id && m_nodeIds == nodeIds &&
                      m_rows.size() == spec.params.size();
    if (!same) {
        m_mode = Mode::Nodes;
        m_specId = spec.id;
        m_nodeIds = nodeIds;
        QVBoxLayout* layout = newBody();
        const QString type = QString::fromStdString(spec.id);
        const QString subtitle = nodeIds.size() == 1
                                     ? type
                                     : QStringLiteral("%1 · %2 nodes: %3")
                                           .arg(type)
                                           .arg(nodeIds.size())
                                           .arg(nodeIds.join(QStringLiteral(", ")));
        addHeader(layout, QString::fromStdString(spec.name), subtitle, QString::fromStdString(spec.help));
        addFields(layout, spec.params);
        showBody();
        for (auto* editor : m_rows) {
            const QString key = QString::fromStdString(editor->spec().key);
            connect(editor, &ParamEditor::edited, this,
                    [this, key](const models::ParamValue& v) { emit parameterEdited(m_nodeIds, key, v); });
        }
    } else if (m_idField && !m_idField->hasFocus()) {
        m_idField->setText(nodeIds.first());
    }

    static const std::map<std::string, models::ParamValue> none;
    for (std::size_t i = 0; i < spec.params.size(); ++i) {
        const models::ParamSpec& p = spec.params[i];
        std::optional<models::ParamValue> shown;
        for (qsizetype n = 0; n < nodeIds.size(); ++n) {
            const auto k = static_cast<std::size_t>(n);
            const auto& values = k < params.size() ? params[k] : none;
            const auto it = values.find(p.key);
            const models::ParamValue& v = it == values.end() ? p.defaultValue : it->second;
            if (n == 0) {
                shown = v;
            } else if (!sameParamValue(*shown, v)) {
                shown.reset();
                break;
            }
        }
        // An unchanged field keeps the reason of an input it refused.
        if (!same || !sameShown(m_rows[i]->value(), shown)) m_rows[i]->setValue(shown);
    }
}

void InspectorWidget::showExperiment(double dtMs, double durationMs, qulonglong seed)
{
    const bool same = m_mode == Mode::Experiment;
    m_dtMs = dtMs;
    m_durationMs = durationMs;
    m_seed = seed;
    if (!same) {
        m_mode = Mode::Experiment;
        m_specId.clear();
        m_nodeIds.clear();
        QVBoxLayout* layout = newBody();
        addHeader(layout, QStringLiteral("Experiment"), QString(),
                  QStringLiteral("Time step, length and random seed of a run, shared by every node."));
        addFields(layout, experimentParams());
        showBody();
        for (auto* editor : m_rows) {
            const std::string key = editor->spec().key;
            connect(editor, &ParamEditor::edited, this, [this, key](const models::ParamValue& v) {
                if (key == "seed") m_seed = static_cast<qulonglong>(std::get<std::int64_t>(v));
                else if (key == "dt") m_dtMs = std::get<double>(v);
                else m_durationMs = std::get<double>(v);
                emit experimentEdited(m_dtMs, m_durationMs, m_seed);
            });
        }
    }
    // Seeds beyond the signed 64-bit range are kept as given but shown at the top of that range.
    const auto shownSeed = static_cast<std::int64_t>(
        std::min<qulonglong>(seed, static_cast<qulonglong>(std::numeric_limits<std::int64_t>::max())));
    auto show = [&](std::size_t row, const models::ParamValue& v) {
        if (!same || !sameShown(m_rows[row]->value(), v)) m_rows[row]->setValue(v);
    };
    show(0, dtMs);
    show(1, durationMs);
    show(2, shownSeed);
}

void InspectorWidget::commitId()
{
    if (!m_idField || m_nodeIds.size() != 1) return;
    const QString oldId = m_nodeIds.first();
    const QString newId = m_idField->text().trimmed();
    const QString problem = QString::fromStdString(models::idProblem(newId.toStdString()));
    m_idProblem->setText(problem);
    m_idProblem->setVisible(!problem.isEmpty());
    if (problem.isEmpty() && newId != oldId) emit renameRequested(oldId, newId);
    // The field follows the document: the owner answers a rename with showNodes() under the new id.
    if (m_idField) m_idField->setText(m_nodeIds.value(0));
}

ParamEditor* InspectorWidget::row(const QString& key) const
{
    const std::string k = key.toStdString();
    for (auto* editor : m_rows)
        if (editor->spec().key == k) return editor;
    return nullptr;
}

QWidget* InspectorWidget::editorFor(const QString& key) const
{
    const ParamEditor* editor = row(key);
    return editor ? editor->editor() : nullptr;
}

QString InspectorWidget::problemText(const QString& key) const
{
    const ParamEditor* editor = row(key);
    return editor ? editor->problemText() : QString();
}

QString InspectorWidget::idProblemText() const { return m_idProblem ? m_idProblem->text() : QString(); }

QStringList InspectorWidget::shownKeys() const
{
    QStringList keys;
    for (const auto* editor : m_rows) keys << QString::fromStdString(editor->spec().key);
    return keys;
}

} // namespace ss::widgets
