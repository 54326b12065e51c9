// The palette lists every declared node type exactly once under its category, narrows the list by
// name, id and help text, and hands the type id to a drop (MIME data) or an activation.
#include "models/Catalogue.h"
#include "widgets/PaletteWidget.h"

#include <QLineEdit>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

#include <memory>

using namespace ss;

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

// Every entry of the tree with its type id, the category above it and its tooltip.
struct Entry {
    QString type, category, name, toolTip;
};

std::vector<Entry> entries(const QTreeWidget& tree)
{
    std::vector<Entry> out;
    for (int g = 0; g < tree.topLevelItemCount(); ++g) {
        const QTreeWidgetItem* group = tree.topLevelItem(g);
        for (int i = 0; i < group->childCount(); ++i) {
            const QTreeWidgetItem* item = group->child(i);
            out.push_back({item->data(0, Qt::UserRole).toString(), group->text(0), item->text(0), item->toolTip(0)});
        }
    }
    return out;
}

QTreeWidgetItem* findItem(const QTreeWidget& tree, const QString& type)
{
    for (int g = 0; g < tree.topLevelItemCount(); ++g)
        for (int i = 0; i < tree.topLevelItem(g)->childCount(); ++i)
            if (tree.topLevelItem(g)->child(i)->data(0, Qt::UserRole).toString() == type)
                return tree.topLevelItem(g)->child(i);
    return nullptr;
}

} // namespace

class TestPalette : public QObject {
    Q_OBJECT
private slots:
    void everyTypeOnceUnderItsCategory_data();
    void everyTypeOnceUnderItsCategory();
    void categoriesInDeclaredOrder();
    void searchNarrowsToIzhikevich();
    void searchMatchesHelpText();
    void mimeDataCarriesTypeId();
    void doubleClickAndEnterActivate();
    void enterInSearchActivatesSingleMatch();
};

void TestPalette::everyTypeOnceUnderItsCategory_data()
{
    QTest::addColumn<QString>("type");
    for (const auto& spec : models::catalogue()) QTest::newRow(spec.id.c_str()) << qs(spec.id);
}

void TestPalette::everyTypeOnceUnderItsCategory()
{
    QFETCH(QString, type);
    const models::NodeSpec* spec = models::findSpec(type.toStdString());
    QVERIFY(spec);
    widgets::PaletteWidget palette(models::catalogue());
    int found = 0;
    for (const Entry& e : entries(*palette.tree())) {
        if (e.type != type) continue;
        ++found;
        QCOMPARE(e.category, qs(models::toString(spec->category)));
        QCOMPARE(e.name, qs(spec->name));
        QVERIFY2(e.toolTip.contains(qs(spec->help).toHtmlEscaped()), qPrintable(e.toolTip));
    }
    // Exactly one entry per declaration: the palette iterates the catalogue, no list of its own.
    QCOMPARE(found, 1);
    QCOMPARE(static_cast<std::size_t>(entries(*palette.tree()).size()), models::catalogue().size());
}

void TestPalette::categoriesInDeclaredOrder()
{
    // The order of the issue: sources, encoders, layers, synapses, learning rules, readouts, monitors;
    // categories without any declared type are left out.
    const models::Category order[] = {models::Category::Source,   models::Category::Encoder,
                                      models::Category::Layer,    models::Category::Synapses,
                                      models::Category::LearningRule, models::Category::Readout,
                                      models::Category::Monitor};
    QStringList expected;
    for (const auto c : order)
        for (const auto& spec : models::catalogue())
            if (spec.category == c) {
                expected << qs(models::toString(c));
                break;
            }
    widgets::PaletteWidget palette(models::catalogue());
    QStringList shown;
    for (int g = 0; g < palette.tree()->topLevelItemCount(); ++g) shown << palette.tree()->topLevelItem(g)->text(0);
    QCOMPARE(shown, expected);
}

void TestPalette::searchNarrowsToIzhikevich()
{
    widgets::PaletteWidget palette(models::catalogue());
    palette.show();
    QVERIFY(QTest::qWaitForWindowExposed(&palette));
    QTest::keyClicks(palette.searchField(), QStringLiteral("izhi"));
    // Izhikevich (2003) is the only model of that name in the catalogue.
    QCOMPARE(palette.visibleTypes(), QStringList{QStringLiteral("layer.izhikevich")});
    int visibleGroups = 0;
    for (int g = 0; g < palette.tree()->topLevelItemCount(); ++g)
        visibleGroups += palette.tree()->topLevelItem(g)->isHidden() ? 0 : 1;
    QCOMPARE(visibleGroups, 1); // only "Layer"; categories without a match are hidden

    palette.searchField()->setText(QStringLiteral("IZHI")); // case-insensitive
    QCOMPARE(palette.visibleTypes(), QStringList{QStringLiteral("layer.izhikevich")});
    palette.searchField()->setText(QStringLiteral("no such node xyz"));
    QVERIFY(palette.visibleTypes().isEmpty());
    palette.searchField()->clear();
    QCOMPARE(static_cast<std::size_t>(palette.visibleTypes().size()), models::catalogue().size());
}

void TestPalette::searchMatchesHelpText()
{
    // "Vogels" appears only in help texts (Vogels & Abbott 2005 give the LIF defaults), never in a
    // name or id: the entries shown are exactly the declarations whose help cites them.
    const QString word = QStringLiteral("vogels");
    QStringList expected;
    for (const auto& spec : models::catalogue())
        if (qs(spec.name + "\n" + spec.id + "\n" + spec.help).contains(word, Qt::CaseInsensitive))
            expected << qs(spec.id);
    QVERIFY(expected.contains(QStringLiteral("layer.lif")));
    widgets::PaletteWidget palette(models::catalogue());
    palette.searchField()->setText(word);
    QStringList shown = palette.visibleTypes();
    shown.sort();
    expected.sort();
    QCOMPARE(shown, expected);
    // Searching the id finds it too.
    palette.searchField()->setText(QStringLiteral("synapses.conv"));
    QCOMPARE(palette.visibleTypes(), QStringList{QStringLiteral("synapses.conv")});
}

void TestPalette::mimeDataCarriesTypeId()
{
    widgets::PaletteWidget palette(models::catalogue());
    const QString mime = QString::fromLatin1(widgets::PaletteWidget::kMimeType);
    QCOMPARE(mime, QStringLiteral("application/x-spikestudio-node-type"));
    for (const auto& spec : models::catalogue()) {
        std::unique_ptr<QMimeData> data(palette.mimeDataFor(qs(spec.id)));
        QVERIFY(data);
        QVERIFY(data->hasFormat(mime));
        QCOMPARE(data->data(mime), QByteArray::fromStdString(spec.id));
    }
    QVERIFY(!palette.mimeDataFor(QStringLiteral("layer.unknown")));
    QVERIFY(palette.tree()->dragEnabled());
}

void TestPalette::doubleClickAndEnterActivate()
{
    widgets::PaletteWidget palette(models::catalogue());
    palette.resize(260, 700);
    palette.show();
    QVERIFY(QTest::qWaitForWindowExposed(&palette));
    QSignalSpy spy(&palette, &widgets::PaletteWidget::activated);
    QTreeWidget* tree = palette.tree();
    QTreeWidgetItem* item = findItem(*tree, QStringLiteral("layer.lif"));
    QVERIFY(item);
    tree->scrollToItem(item);
    const QPoint at = tree->visualItemRect(item).center();
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(tree->viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("layer.lif"));

    // Enter on the current entry activates it as well; on a category it does nothing.
    tree->setFocus();
    tree->setCurrentItem(findItem(*tree, QStringLiteral("synapses.dense")));
    QTest::keyClick(tree, Qt::Key_Return);
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy.at(1).at(0).toString(), QStringLiteral("synapses.dense"));
    tree->setCurrentItem(tree->topLevelItem(0));
    QTest::keyClick(tree, Qt::Key_Return);
    QCOMPARE(spy.count(), 2);
}

void TestPalette::enterInSearchActivatesSingleMatch()
{
    widgets::PaletteWidget palette(models::catalogue());
    palette.show();
    QVERIFY(QTest::qWaitForWindowExposed(&palette));
    QSignalSpy spy(&palette, &widgets::PaletteWidget::activated);
    QTest::keyClicks(palette.searchField(), QStringLiteral("lif"));
    QVERIFY(palette.visibleTypes().size() > 1); // several LIF variants: Enter is ambiguous
    QTest::keyClick(palette.searchField(), Qt::Key_Return);
    QCOMPARE(spy.count(), 0);
    palette.searchField()->clear();
    QTest::keyClicks(palette.searchField(), QStringLiteral("izhi"));
    QTest::keyClick(palette.searchField(), Qt::Key_Return);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("layer.izhikevich"));
}

QTEST_MAIN(TestPalette)
#include "test_palette.moc"
