// The inspector builds one field per declared parameter for every node type, accepts typed values
// with their declared type, refuses what models::validate would refuse (with its wording) while
// keeping the last valid value, edits several nodes at once and asks for renames.
#include "models/Catalogue.h"
#include "models/Validator.h"
#include "widgets/InspectorWidget.h"
#include "widgets/ParamEditors.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

#include <cmath>

using namespace ss;

namespace {

using Params = std::map<std::string, models::ParamValue>;

QString qs(const std::string& s) { return QString::fromStdString(s); }

const models::NodeSpec& spec(const char* id)
{
    const models::NodeSpec* s = models::findSpec(id);
    if (!s) qFatal("no node type %s", id);
    return *s;
}

double number(const models::ParamValue& v)
{
    return std::holds_alternative<double>(v) ? std::get<double>(v) : static_cast<double>(std::get<std::int64_t>(v));
}

// Replaces the text of a line edit as a user would and confirms it with Enter.
void typeInto(QWidget* editor, const QString& text)
{
    auto* line = qobject_cast<QLineEdit*>(editor);
    QVERIFY(line);
    line->setFocus();
    line->selectAll();
    QTest::keyClick(line, Qt::Key_Backspace);
    QTest::keyClicks(line, text);
    QTest::keyClick(line, Qt::Key_Return);
}

QToolButton* resetButton(const widgets::InspectorWidget& inspector, const QString& key)
{
    return inspector.editorFor(key)->parentWidget()->findChild<QToolButton*>(QStringLiteral("reset"));
}

models::ParamValue editedValue(const QSignalSpy& spy, int i = 0) { return spy.at(i).at(2).value<models::ParamValue>(); }

} // namespace

class TestInspector : public QObject {
    Q_OBJECT
private slots:
    void showsEveryParameterWithDefault_data();
    void showsEveryParameterWithDefault();
    void validEditEmitsTypedValue_data();
    void validEditEmitsTypedValue();
    void outOfRangeRefusedKeepingLastValue();
    void nonNumbersRefused_data();
    void nonNumbersRefused();
    void choiceAndFlagEmitTheirValue();
    void mixedSelectionEditsBoth();
    void resetRestoresDefault();
    void renameRequested();
    void experimentSettings();
    void wordingMatchesValidator();
};

void TestInspector::showsEveryParameterWithDefault_data()
{
    QTest::addColumn<QString>("type");
    for (const auto& s : models::catalogue()) QTest::newRow(s.id.c_str()) << qs(s.id);
}

void TestInspector::showsEveryParameterWithDefault()
{
    QFETCH(QString, type);
    const models::NodeSpec& s = spec(type.toUtf8().constData());
    widgets::InspectorWidget inspector;
    inspector.showNodes(s, {QStringLiteral("n")}, {Params{}});
    QStringList declared;
    for (const auto& p : s.params) declared << qs(p.key);
    QCOMPARE(inspector.shownKeys(), declared);
    for (const auto& p : s.params) {
        QWidget* editor = inspector.editorFor(qs(p.key));
        QVERIFY2(editor, p.key.c_str());
        QVERIFY2(inspector.problemText(qs(p.key)).isEmpty(), p.key.c_str()); // every default is valid
        switch (p.type) {
        case models::ParamType::Real:
        case models::ParamType::Integer: {
            auto* line = qobject_cast<QLineEdit*>(editor);
            QVERIFY(line);
            bool ok = false;
            // The declared default, to the 15 significant digits the field shows.
            QCOMPARE(line->text().toDouble(&ok), number(p.defaultValue));
            QVERIFY(ok);
            if (!p.unit.empty()) {
                bool unitShown = false;
                for (const QLabel* label : editor->parentWidget()->findChildren<QLabel*>())
                    unitShown = unitShown || label->text() == qs(p.unit);
                QVERIFY2(unitShown, p.key.c_str());
            }
            break;
        }
        case models::ParamType::Text:
            QCOMPARE(qobject_cast<QLineEdit*>(editor)->text(), qs(std::get<std::string>(p.defaultValue)));
            break;
        case models::ParamType::Bool:
            QCOMPARE(qobject_cast<QCheckBox*>(editor)->isChecked(), std::get<bool>(p.defaultValue));
            break;
        case models::ParamType::Choice:
            QCOMPARE(qobject_cast<QComboBox*>(editor)->currentText(), qs(std::get<std::string>(p.defaultValue)));
            QCOMPARE(qobject_cast<QComboBox*>(editor)->count(), static_cast<int>(p.choices.size()));
            break;
        }
        QVERIFY(editor->toolTip().contains(qs(p.help).toHtmlEscaped()));
    }
}

void TestInspector::validEditEmitsTypedValue_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("typed");
    QTest::addColumn<double>("expected");
    QTest::addColumn<bool>("integer");
    // tau_m: 12.5 ms is inside (0, inf) ms; size: 400 neurons inside [0, 1e8]; "1e3" is a whole number.
    QTest::newRow("real") << QStringLiteral("tau_m") << QStringLiteral("12.5") << 12.5 << false;
    QTest::newRow("real, exponent") << QStringLiteral("tau_m") << QStringLiteral("2.5e1") << 25.0 << false;
    QTest::newRow("negative real") << QStringLiteral("v_th") << QStringLiteral("-52.5") << -52.5 << false;
    QTest::newRow("integer") << QStringLiteral("size") << QStringLiteral("400") << 400.0 << true;
    QTest::newRow("integer, exponent") << QStringLiteral("size") << QStringLiteral("1e3") << 1000.0 << true;
}

void TestInspector::validEditEmitsTypedValue()
{
    QFETCH(QString, key);
    QFETCH(QString, typed);
    QFETCH(double, expected);
    QFETCH(bool, integer);
    widgets::InspectorWidget inspector;
    inspector.showNodes(spec("layer.lif"), {QStringLiteral("lif")}, {Params{}});
    inspector.show();
    QVERIFY(QTest::qWaitForWindowExposed(&inspector));
    QSignalSpy spy(&inspector, &widgets::InspectorWidget::parameterEdited);
    typeInto(inspector.editorFor(key), typed);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toStringList(), QStringList{QStringLiteral("lif")});
    QCOMPARE(spy.at(0).at(1).toString(), key);
    const models::ParamValue v = editedValue(spy);
    QCOMPARE(std::holds_alternative<std::int64_t>(v), integer);
    QCOMPARE(std::holds_alternative<double>(v), !integer);
    QCOMPARE(number(v), expected);
    QVERIFY(inspector.problemText(key).isEmpty());
}

void TestInspector::outOfRangeRefusedKeepingLastValue()
{
    widgets::InspectorWidget inspector;
    // tau_m = 20 ms, the CUBA value of Vogels & Abbott (2005), declared as the default.
    inspector.showNodes(spec("layer.lif"), {QStringLiteral("lif")}, {Params{}});
    inspector.show();
    QVERIFY(QTest::qWaitForWindowExposed(&inspector));
    QSignalSpy spy(&inspector, &widgets::InspectorWidget::parameterEdited);
    auto* line = qobject_cast<QLineEdit*>(inspector.editorFor(QStringLiteral("tau_m")));
    typeInto(line, QStringLiteral("-5"));
    QCOMPARE(spy.count(), 0);
    QCOMPARE(inspector.problemText(QStringLiteral("tau_m")), QStringLiteral("'tau_m' is -5 ms but must be above 0 ms"));
    QVERIFY(line->toolTip().contains(QStringLiteral("must be above 0 ms")));
    QCOMPARE(line->text(), QStringLiteral("20"));

    // A valid value clears the reason and becomes the value kept by the next refusal.
    typeInto(line, QStringLiteral("30"));
    QCOMPARE(spy.count(), 1);
    QVERIFY(inspector.problemText(QStringLiteral("tau_m")).isEmpty());
    typeInto(line, QStringLiteral("0"));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(line->text(), QStringLiteral("30"));
    // Integer bounds: k_wta in [0, 1e8].
    typeInto(inspector.editorFor(QStringLiteral("k_wta")), QStringLiteral("-1"));
    QCOMPARE(inspector.problemText(QStringLiteral("k_wta")), QStringLiteral("'k_wta' is -1 but must be at least 0"));
    QCOMPARE(spy.count(), 1);
}

void TestInspector::nonNumbersRefused_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("reason");
    const auto row = [](const char* name, const char* key, const char* typed, const char* reason) {
        QTest::newRow(name) << QString::fromLatin1(key) << QString::fromLatin1(typed) << QString::fromLatin1(reason);
    };
    row("word", "tau_m", "abc", "'tau_m' must be a number");
    row("number with unit", "tau_m", "20 ms", "'tau_m' must be a number");
    row("infinite", "tau_m", "inf", "'tau_m' must be a finite number");
    row("not a number", "v_th", "nan", "'v_th' must be a finite number");
    row("fraction for integer", "size", "2.5", "'size' must be a whole number");
}

void TestInspector::nonNumbersRefused()
{
    QFETCH(QString, key);
    QFETCH(QString, typed);
    QFETCH(QString, reason);
    widgets::InspectorWidget inspector;
    inspector.showNodes(spec("layer.lif"), {QStringLiteral("lif")}, {Params{}});
    inspector.show();
    QVERIFY(QTest::qWaitForWindowExposed(&inspector));
    QSignalSpy spy(&inspector, &widgets::InspectorWidget::parameterEdited);
    auto* line = qobject_cast<QLineEdit*>(inspector.editorFor(key));
    const QString before = line->text();
    typeInto(line, typed);
    QCOMPARE(spy.count(), 0);
    QCOMPARE(inspector.problemText(key), reason);
    QCOMPARE(line->text(), before);
}

void TestInspector::choiceAndFlagEmitTheirValue()
{
    widgets::InspectorWidget inspector;
    inspector.showNodes(spec("layer.lif"), {QStringLiteral("lif")}, {Params{}});
    inspector.show();
    QVERIFY(QTest::qWaitForWindowExposed(&inspector));
    QSignalSpy spy(&inspector, &widgets::InspectorWidget::parameterEdited);
    auto* combo = qobject_cast<QComboBox*>(inspector.editorFor(QStringLiteral("synapse")));
    QVERIFY(combo);
    QCOMPARE(combo->currentText(), QStringLiteral("exp_current"));
    QTest::keyClick(combo, Qt::Key_Down); // the next choice, "delta"
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(1).toString(), QStringLiteral("synapse"));
    QCOMPARE(std::get<std::string>(editedValue(spy)), std::string("delta"));

    inspector.showNodes(spec("synapses.dense"), {QStringLiteral("syn")}, {Params{}});
    auto* check = qobject_cast<QCheckBox*>(inspector.editorFor(QStringLiteral("autapses")));
    QVERIFY(check);
    QVERIFY(!check->isChecked());
    QTest::mouseClick(check, Qt::LeftButton, {}, check->rect().center());
    QCOMPARE(spy.count(), 2);
    QCOMPARE(std::get<bool>(editedValue(spy, 1)), true);
}

void TestInspector::mixedSelectionEditsBoth()
{
    widgets::InspectorWidget inspector;
    const QStringList ids = {QStringLiteral("exc"), QStringLiteral("inh")};
    inspector.showNodes(spec("layer.lif"), ids,
                        {Params{{"tau_m", 10.0}}, Params{{"tau_m", 30.0}, {"synapse", std::string("delta")}}});
    inspector.show();
    QVERIFY(QTest::qWaitForWindowExposed(&inspector));
    auto* tau = qobject_cast<QLineEdit*>(inspector.editorFor(QStringLiteral("tau_m")));
    QVERIFY(tau->text().isEmpty());
    QCOMPARE(tau->placeholderText(), QStringLiteral("(mixed)"));
    // v_th is missing from both: both take the declared default, -50 mV, so it is not mixed.
    QCOMPARE(qobject_cast<QLineEdit*>(inspector.editorFor(QStringLiteral("v_th")))->text(), QStringLiteral("-50"));
    auto* combo = qobject_cast<QComboBox*>(inspector.editorFor(QStringLiteral("synapse")));
    QCOMPARE(combo->currentIndex(), -1);
    QCOMPARE(combo->placeholderText(), QStringLiteral("(mixed)"));

    QSignalSpy spy(&inspector, &widgets::InspectorWidget::parameterEdited);
    tau->setFocus();
    QTest::keyClick(tau, Qt::Key_Return); // nothing typed: stays mixed
    QCOMPARE(spy.count(), 0);
    typeInto(tau, QStringLiteral("15"));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toStringList(), ids);
    QCOMPARE(std::get<double>(editedValue(spy)), 15.0);

    // The owner answers with the document's values: the same fields are updated in place.
    inspector.showNodes(spec("layer.lif"), ids, {Params{{"tau_m", 15.0}}, Params{{"tau_m", 15.0}}});
    QCOMPARE(inspector.editorFor(QStringLiteral("tau_m")), static_cast<QWidget*>(tau));
    QCOMPARE(tau->text(), QStringLiteral("15"));
    QCOMPARE(combo->currentText(), QStringLiteral("exp_current"));
}

void TestInspector::resetRestoresDefault()
{
    widgets::InspectorWidget inspector;
    inspector.showNodes(spec("layer.lif"), {QStringLiteral("lif")}, {Params{{"tau_m", 12.0}}});
    auto* reset = resetButton(inspector, QStringLiteral("tau_m"));
    QVERIFY(reset);
    QVERIFY(!reset->isHidden());
    auto* other = resetButton(inspector, QStringLiteral("v_th"));
    QVERIFY(other->isHidden()); // v_th is at its default
    QSignalSpy spy(&inspector, &widgets::InspectorWidget::parameterEdited);
    reset->click();
    QCOMPARE(spy.count(), 1);
    QCOMPARE(std::get<double>(editedValue(spy)), 20.0); // the declared default (Vogels & Abbott 2005)
    QVERIFY(reset->isHidden());
}

void TestInspector::renameRequested()
{
    widgets::InspectorWidget inspector;
    inspector.showNodes(spec("layer.lif"), {QStringLiteral("lif")}, {Params{}});
    inspector.show();
    QVERIFY(QTest::qWaitForWindowExposed(&inspector));
    QVERIFY(inspector.idField());
    QCOMPARE(inspector.idField()->text(), QStringLiteral("lif"));
    QSignalSpy spy(&inspector, &widgets::InspectorWidget::renameRequested);
    typeInto(inspector.idField(), QStringLiteral("a.b"));
    QCOMPARE(spy.count(), 0);
    QCOMPARE(inspector.idProblemText(), QStringLiteral("node id 'a.b' must be non-empty, without dots, spaces or slashes"));
    typeInto(inspector.idField(), QStringLiteral("/tmp/exc"));
    QCOMPARE(spy.count(), 0);
    QCOMPARE(inspector.idProblemText(), QStringLiteral("node id '/tmp/exc' must be non-empty, without dots, spaces or slashes"));
    typeInto(inspector.idField(), QStringLiteral("exc"));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("lif"));
    QCOMPARE(spy.at(0).at(1).toString(), QStringLiteral("exc"));
    QVERIFY(inspector.idProblemText().isEmpty());

    // Several nodes: no id field.
    inspector.showNodes(spec("layer.lif"), {QStringLiteral("a"), QStringLiteral("b")}, {Params{}, Params{}});
    QVERIFY(!inspector.idField());
    inspector.clear();
    QVERIFY(inspector.shownKeys().isEmpty());
}

void TestInspector::experimentSettings()
{
    widgets::InspectorWidget inspector;
    inspector.showExperiment(0.1, 1000.0, 42);
    inspector.show();
    QVERIFY(QTest::qWaitForWindowExposed(&inspector));
    QCOMPARE(inspector.shownKeys(), (QStringList{"dt", "duration", "seed"}));
    QCOMPARE(qobject_cast<QLineEdit*>(inspector.editorFor(QStringLiteral("seed")))->text(), QStringLiteral("42"));
    QSignalSpy spy(&inspector, &widgets::InspectorWidget::experimentEdited);
    // models::validate requires dt in (0, 10] ms.
    typeInto(inspector.editorFor(QStringLiteral("dt")), QStringLiteral("0"));
    QCOMPARE(spy.count(), 0);
    QCOMPARE(inspector.problemText(QStringLiteral("dt")), QStringLiteral("'dt' is 0 ms but must be above 0 ms"));
    typeInto(inspector.editorFor(QStringLiteral("dt")), QStringLiteral("0.05"));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toDouble(), 0.05);
    QCOMPARE(spy.at(0).at(1).toDouble(), 1000.0);
    QCOMPARE(spy.at(0).at(2).toULongLong(), 42ULL);
    typeInto(inspector.editorFor(QStringLiteral("seed")), QStringLiteral("7"));
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy.at(1).at(0).toDouble(), 0.05);
    QCOMPARE(spy.at(1).at(2).toULongLong(), 7ULL);
}

void TestInspector::wordingMatchesValidator()
{
    // For every bounded numeric parameter of every type, a value just outside its range is reported
    // by models::validate and by the inspector in the same words.
    int checked = 0;
    for (const auto& s : models::catalogue()) {
        for (const auto& p : s.params) {
            if (p.type != models::ParamType::Real && p.type != models::ParamType::Integer) continue;
            std::vector<double> outside;
            if (std::isfinite(p.min)) outside.push_back(p.minExclusive ? p.min : p.min - 1.0);
            if (std::isfinite(p.max)) outside.push_back(p.max + 1.0);
            for (const double x : outside) {
                const models::ParamValue v = p.type == models::ParamType::Integer
                                                 ? models::ParamValue(static_cast<std::int64_t>(x))
                                                 : models::ParamValue(x);
                models::Graph graph;
                graph.nodes.push_back({"n", s.id, {{p.key, v}}});
                std::string expected;
                for (const auto& problem : models::validate(graph, models::catalogue()))
                    if (problem.node == "n" && problem.field == p.key) expected = problem.message;
                const auto mine = widgets::paramProblem(p, v);
                QVERIFY2(mine, (s.id + "." + p.key).c_str());
                QCOMPARE(qs(*mine), qs(expected));
                ++checked;
            }
        }
    }
    QVERIFY(checked > 20);
}

QTEST_MAIN(TestInspector)
#include "test_inspector.moc"
