#include "widgets/ParamEditors.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>
#include <sstream>

namespace ss::widgets {

namespace {

// Numbers in messages as models::validate prints them (iostream defaults), so both read the same.
std::string number(double v)
{
    std::ostringstream os;
    os << v;
    return os.str();
}

std::optional<double> numeric(const models::ParamValue& v)
{
    if (const auto* d = std::get_if<double>(&v)) return *d;
    if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
    return std::nullopt;
}

QString shortNumber(double v, bool integer)
{
    if (std::isinf(v)) return v > 0 ? QStringLiteral("∞") : QStringLiteral("-∞");
    if (integer && v == std::floor(v) && std::abs(v) < 9.2e18) return QString::number(static_cast<qlonglong>(v));
    return QString::number(v, 'g', 15);
}

QString withUnit(const QString& text, const models::ParamSpec& p)
{
    return p.unit.empty() ? text : text + QLatin1Char(' ') + QString::fromStdString(p.unit);
}

const QColor kProblemColour(0xB0, 0x00, 0x20);
const QColor kCaptionColour(0x60, 0x60, 0x60);

} // namespace

std::optional<std::string> paramProblem(const models::ParamSpec& p, const models::ParamValue& value)
{
    const std::string key = "'" + p.key + "'";
    switch (p.type) {
    case models::ParamType::Real:
    case models::ParamType::Integer: {
        const auto x = numeric(value);
        if (!x) return key + " must be a number";
        if (!std::isfinite(*x)) return key + " must be a finite number";
        if (p.type == models::ParamType::Integer && *x != std::floor(*x)) return key + " must be a whole number";
        const std::string unit = p.unit.empty() ? "" : " " + p.unit;
        if (*x < p.min || (p.minExclusive && *x == p.min))
            return key + " is " + number(*x) + unit + " but must be " + (p.minExclusive ? "above " : "at least ") +
                   number(p.min) + unit;
        if (*x > p.max) return key + " is " + number(*x) + unit + " but must be at most " + number(p.max) + unit;
        return std::nullopt;
    }
    case models::ParamType::Bool:
        if (!std::holds_alternative<bool>(value)) return key + " must be true or false";
        return std::nullopt;
    case models::ParamType::Choice: {
        const auto* s = std::get_if<std::string>(&value);
        if (!s) return key + " must be one of its choices";
        std::string list;
        for (const auto& c : p.choices) {
            if (c == *s) return std::nullopt;
            list += (list.empty() ? "" : ", ") + c;
        }
        return key + " is '" + *s + "' but must be one of: " + list;
    }
    case models::ParamType::Text:
        if (!std::holds_alternative<std::string>(value)) return key + " must be text";
        return std::nullopt;
    }
    return std::nullopt;
}

ParsedParam parseParam(const models::ParamSpec& p, const QString& text)
{
    ParsedParam out;
    if (p.type == models::ParamType::Text || p.type == models::ParamType::Choice) {
        out.value = text.toStdString();
    } else if (p.type == models::ParamType::Bool) {
        const QString t = text.trimmed().toLower();
        if (t == QLatin1String("true")) out.value = true;
        else if (t == QLatin1String("false")) out.value = false;
        else out.value = text.toStdString(); // refused below, as a document would be
    } else {
        const QString t = text.trimmed();
        bool ok = false;
        const qlonglong whole = p.type == models::ParamType::Integer ? t.toLongLong(&ok) : 0;
        if (ok) {
            out.value = static_cast<std::int64_t>(whole);
        } else {
            const double x = t.toDouble(&ok);
            if (!ok) {
                out.problem = "'" + p.key + "' must be a number";
                return out;
            }
            out.value = x;
        }
    }
    if (auto problem = paramProblem(p, *out.value)) {
        out.value.reset();
        out.problem = *problem;
        return out;
    }
    // "1e3" for an Integer parameter is accepted as a whole number and stored as one.
    if (p.type == models::ParamType::Integer && std::holds_alternative<double>(*out.value)) {
        const double x = std::get<double>(*out.value);
        if (!(std::abs(x) < 9.2233720368547758e18)) {
            out.value.reset();
            out.problem = "'" + p.key + "' is too large";
            return out;
        }
        out.value = static_cast<std::int64_t>(x);
    }
    return out;
}

QString paramText(const models::ParamSpec& p, const models::ParamValue& value)
{
    if (const auto x = numeric(value)) return shortNumber(*x, p.type == models::ParamType::Integer);
    if (const auto* b = std::get_if<bool>(&value)) return *b ? QStringLiteral("true") : QStringLiteral("false");
    return QString::fromStdString(std::get<std::string>(value));
}

bool sameParamValue(const models::ParamValue& a, const models::ParamValue& b)
{
    const auto x = numeric(a), y = numeric(b);
    if (x || y) return x && y && *x == *y;
    return a == b;
}

QString paramRange(const models::ParamSpec& p)
{
    switch (p.type) {
    case models::ParamType::Real:
    case models::ParamType::Integer: {
        const bool integer = p.type == models::ParamType::Integer;
        const QString lo = (std::isinf(p.min) || p.minExclusive ? QStringLiteral("(") : QStringLiteral("[")) +
                           shortNumber(p.min, integer);
        const QString hi =
            shortNumber(p.max, integer) + (std::isinf(p.max) ? QStringLiteral(")") : QStringLiteral("]"));
        return withUnit(lo + QStringLiteral(", ") + hi, p);
    }
    case models::ParamType::Choice: {
        QStringList list;
        for (const auto& c : p.choices) list << QString::fromStdString(c);
        return QStringLiteral("one of ") + list.join(QStringLiteral(", "));
    }
    case models::ParamType::Bool:
    case models::ParamType::Text: return {};
    }
    return {};
}

QString paramToolTip(const models::ParamSpec& p)
{
    QString tip = QStringLiteral("<p><b>%1</b>").arg(QString::fromStdString(p.key).toHtmlEscaped());
    if (!p.help.empty()) tip += QStringLiteral(": ") + QString::fromStdString(p.help).toHtmlEscaped();
    tip += QStringLiteral("</p><p>");
    const QString range = paramRange(p);
    if (!range.isEmpty()) tip += QStringLiteral("Range: ") + range.toHtmlEscaped() + QStringLiteral("<br>");
    QString def = paramText(p, p.defaultValue);
    if (numeric(p.defaultValue)) def = withUnit(def, p);
    else if (p.type == models::ParamType::Text && def.isEmpty()) def = QStringLiteral("(empty)");
    tip += QStringLiteral("Default: ") + def.toHtmlEscaped() + QStringLiteral("</p>");
    return tip;
}

// --- ParamEditor --------------------------------------------------------------------------------

ParamEditor::ParamEditor(models::ParamSpec spec, QWidget* parent) : QWidget(parent), m_spec(std::move(spec))
{
    m_toolTip = paramToolTip(m_spec);
    m_keyLabel = new QLabel(QString::fromStdString(m_spec.key), this);
    m_keyLabel->setToolTip(m_toolTip);

    buildEditor();
    m_editor->setToolTip(m_toolTip);
    m_editor->installEventFilter(this);

    m_unit = new QLabel(QString::fromStdString(m_spec.unit), this);
    m_unit->setToolTip(m_toolTip);
    m_reset = new QToolButton(this);
    m_reset->setObjectName(QStringLiteral("reset"));
    m_reset->setText(QStringLiteral("↺"));
    m_reset->setAutoRaise(true);
    m_reset->setFocusPolicy(Qt::NoFocus);
    m_reset->setToolTip(QStringLiteral("Reset to the default (%1)").arg(
        numeric(m_spec.defaultValue) ? withUnit(paramText(m_spec, m_spec.defaultValue), m_spec)
                                     : paramText(m_spec, m_spec.defaultValue)));
    QSizePolicy keep = m_reset->sizePolicy();
    keep.setRetainSizeWhenHidden(true); // the rows keep their width when a reset button appears
    m_reset->setSizePolicy(keep);
    connect(m_reset, &QToolButton::clicked, this, [this] { accept(m_spec.defaultValue); });

    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.88);
    m_caption = new QLabel(QString::fromStdString(m_spec.help), this);
    m_caption->setWordWrap(true);
    m_caption->setFont(small);
    QPalette grey = m_caption->palette();
    grey.setColor(QPalette::WindowText, kCaptionColour);
    m_caption->setPalette(grey);
    m_caption->hide();
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setWordWrap(true);
    m_problem->setFont(small);
    QPalette red = m_problem->palette();
    red.setColor(QPalette::WindowText, kProblemColour);
    m_problem->setPalette(red);
    m_problem->hide();

    auto* line = new QHBoxLayout;
    line->setContentsMargins(0, 0, 0, 0);
    line->setSpacing(4);
    line->addWidget(m_editor, m_check ? 0 : 1);
    if (m_check) line->addStretch(1);
    line->addWidget(m_unit);
    line->addWidget(m_reset);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSpacing(2);
    outer->addLayout(line);
    outer->addWidget(m_caption);
    outer->addWidget(m_problem);

    setValue(m_spec.defaultValue);
}

void ParamEditor::buildEditor()
{
    switch (m_spec.type) {
    case models::ParamType::Bool:
        m_check = new QCheckBox(this);
        // stateChanged, not toggled: leaving the mixed (partially checked) state for "checked" does
        // not toggle QAbstractButton's checked flag.
        connect(m_check, &QCheckBox::stateChanged, this, [this](int state) {
            if (state == Qt::PartiallyChecked) return;
            m_check->setTristate(false);
            const models::ParamValue v = state == Qt::Checked;
            if (!m_value || !sameParamValue(*m_value, v)) accept(v);
        });
        m_editor = m_check;
        return;
    case models::ParamType::Choice:
        m_combo = new QComboBox(this);
        for (const auto& c : m_spec.choices) m_combo->addItem(QString::fromStdString(c));
        connect(m_combo, &QComboBox::currentIndexChanged, this, [this](int index) {
            if (index < 0) return;
            const models::ParamValue v = m_spec.choices[static_cast<std::size_t>(index)];
            if (!m_value || !sameParamValue(*m_value, v)) accept(v);
        });
        m_editor = m_combo;
        return;
    case models::ParamType::Real:
    case models::ParamType::Integer:
    case models::ParamType::Text:
        m_line = new QLineEdit(this);
        m_line->setClearButtonEnabled(false);
        connect(m_line, &QLineEdit::editingFinished, this, &ParamEditor::commitText);
        m_editor = m_line;
        return;
    }
}

void ParamEditor::setValue(const std::optional<models::ParamValue>& value)
{
    m_value = value;
    showInEditor();
    updateResetButton();
    const auto problem = value ? paramProblem(m_spec, *value) : std::nullopt;
    setProblem(problem ? QString::fromStdString(*problem) : QString());
}

QString ParamEditor::problemText() const { return m_problem->text(); }

void ParamEditor::showInEditor()
{
    const QSignalBlocker block(m_editor);
    const QString mixed = QStringLiteral("(mixed)");
    if (m_line) {
        m_line->setText(m_value ? paramText(m_spec, *m_value) : QString());
        m_line->setPlaceholderText(m_value ? QString() : mixed);
        m_line->setCursorPosition(0);
    } else if (m_check) {
        if (m_value) {
            m_check->setTristate(false);
            m_check->setChecked(std::holds_alternative<bool>(*m_value) && std::get<bool>(*m_value));
        } else {
            m_check->setTristate(true);
            m_check->setCheckState(Qt::PartiallyChecked);
        }
    } else if (m_combo) {
        const QString text = m_value ? paramText(m_spec, *m_value) : QString();
        const int index = m_value ? m_combo->findText(text) : -1;
        m_combo->setCurrentIndex(index);
        m_combo->setPlaceholderText(m_value ? text : mixed);
    }
}

void ParamEditor::commitText()
{
    const QString text = m_line->text();
    if (!m_value && text.isEmpty()) return;                           // still mixed
    if (m_value && text == paramText(m_spec, *m_value)) return;        // nothing changed
    const ParsedParam parsed = parseParam(m_spec, text);
    if (!parsed.value) return refuse(QString::fromStdString(parsed.problem));
    accept(*parsed.value);
}

void ParamEditor::accept(const models::ParamValue& value)
{
    m_value = value;
    setProblem(QString());
    showInEditor();
    updateResetButton();
    emit edited(value);
}

void ParamEditor::refuse(const QString& reason)
{
    setProblem(reason);
    showInEditor(); // back to the last valid value
}

void ParamEditor::setProblem(const QString& reason)
{
    m_problem->setText(reason);
    m_problem->setVisible(!reason.isEmpty());
    const QString tip = reason.isEmpty() ? m_toolTip
                                         : QStringLiteral("<p style=\"color:%1\"><b>%2</b></p>")
                                                   .arg(kProblemColour.name(), reason.toHtmlEscaped()) +
                                               m_toolTip;
    m_editor->setToolTip(tip);
}

void ParamEditor::updateResetButton()
{
    m_reset->setVisible(!m_value || !sameParamValue(*m_value, m_spec.defaultValue));
}

bool ParamEditor::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_editor) {
        if (event->type() == QEvent::FocusIn) m_caption->setVisible(!m_spec.help.empty());
        else if (event->type() == QEvent::FocusOut) m_caption->hide();
        else if (event->type() == QEvent::KeyPress && m_line &&
                 static_cast<QKeyEvent*>(event)->key() == Qt::Key_Escape)
            showInEditor(); // Escape drops what was typed
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace ss::widgets
