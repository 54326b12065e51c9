#pragma once
// One field of the inspector, built from a parameter's declaration alone (models/NodeSpec.h): the
// editor follows the parameter type; unit, range, default and help come from the ParamSpec. Typed
// values are checked exactly as models::validate checks a document, so a value the inspector accepts
// is never reported by the validation (except a time constant against dt, which depends on the
// experiment and is left to the document validation).
#include "models/NodeSpec.h"

#include <QString>
#include <QWidget>

#include <optional>
#include <string>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QToolButton;

namespace ss::widgets {

// Why `value` is not allowed for `p`, in the wording of models::validate; nullopt when it is allowed.
std::optional<std::string> paramProblem(const models::ParamSpec& p, const models::ParamValue& value);
// What the user typed into a Real, Integer or Text field: the typed value (Integer as std::int64_t,
// Real as double, Text as std::string) when it is allowed, otherwise the reason it is refused.
struct ParsedParam {
    std::optional<models::ParamValue> value;
    std::string problem;
};
ParsedParam parseParam(const models::ParamSpec& p, const QString& text);
// The text a field shows for a value: "20", "0.1", "exp_current", "true".
QString paramText(const models::ParamSpec& p, const models::ParamValue& value);
// Equal values, 5 and 5.0 counting as the same number.
bool sameParamValue(const models::ParamValue& a, const models::ParamValue& b);
// The allowed values in interval notation with the unit: "(0, ∞) ms", "[0, 100000000]"; choices
// as a list; empty for Bool and Text.
QString paramRange(const models::ParamSpec& p);
// Rich-text tooltip: the help, the allowed range and the default.
QString paramToolTip(const models::ParamSpec& p);

// The field of one parameter: its key label (placed by the owner), the editor with the unit after
// it, a reset button while the value differs from the default, the help as a grey caption while the
// editor has focus and the reason of the last refused input in red. Emits `edited` for accepted user
// input only; setValue() never emits.
class ParamEditor : public QWidget {
    Q_OBJECT
public:
    explicit ParamEditor(models::ParamSpec spec, QWidget* parent = nullptr);

    const models::ParamSpec& spec() const { return m_spec; }
    // Shows a value; nullopt shows the field as mixed (the selected nodes disagree). Clears the
    // reason of a refused input unless the value itself is not allowed.
    void setValue(const std::optional<models::ParamValue>& value);
    // The last valid value; nullopt while mixed.
    const std::optional<models::ParamValue>& value() const { return m_value; }

    QLabel* keyLabel() const { return m_keyLabel; }
    QLabel* unitLabel() const { return m_unit; }
    QWidget* editor() const { return m_editor; }
    QString problemText() const;

signals:
    void edited(const models::ParamValue& value);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void buildEditor();
    void showInEditor();
    void commitText();
    void accept(const models::ParamValue& value);
    void refuse(const QString& reason);
    void setProblem(const QString& reason);
    void updateResetButton();

    models::ParamSpec m_spec;
    std::optional<models::ParamValue> m_value;
    QString m_toolTip;
    QLabel* m_keyLabel = nullptr;
    QWidget* m_editor = nullptr;
    QLineEdit* m_line = nullptr;
    QCheckBox* m_check = nullptr;
    QComboBox* m_combo = nullptr;
    QLabel* m_unit = nullptr;
    QToolButton* m_reset = nullptr;
    QLabel* m_caption = nullptr;
    QLabel* m_problem = nullptr;
};

} // namespace ss::widgets
