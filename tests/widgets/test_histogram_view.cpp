// The histogram view: equal-width bins over [lo, hi] with the upper edge closed, counts exact; n, mean
// and median in the corner; values outside an explicit range counted in the statistics only; the
// automatic range spans the values.
#include "widgets/HistogramView.h"

#include <qcustomplot.h>

#include <QDir>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace ss;

class TestHistogramView : public QObject {
    Q_OBJECT
private slots:
    void binCountsAreExact_data();
    void binCountsAreExact();
    void meanAndMedian();
    void automaticRange();
    void outsideAndNotFinite();
    void savesPng();
};

void TestHistogramView::binCountsAreExact_data()
{
    QTest::addColumn<int>("bins");
    // The values 0.5, 1.5, ..., 99.5 over [0, 100]: each lies inside one bin of any width that divides
    // 100 evenly, so every bin of width w holds exactly w values (100 / bins each).
    QTest::newRow("10 bins") << 10;
    QTest::newRow("20 bins") << 20;
    QTest::newRow("100 bins") << 100;
}

void TestHistogramView::binCountsAreExact()
{
    QFETCH(int, bins);
    std::vector<double> values;
    for (int k = 0; k < 100; ++k) values.push_back(k + 0.5);
    widgets::HistogramView view;
    view.setValues(values, bins, 0.0, 100.0);
    QCOMPARE(view.binCount(), bins);
    QCOMPARE(view.low(), 0.0);
    QCOMPARE(view.high(), 100.0);
    QCOMPARE(view.binWidth(), 100.0 / bins);
    for (int b = 0; b < bins; ++b) QCOMPARE(view.count(b), 100 / bins);
    QCOMPARE(view.binnedCount(), 100);
    // The bars carry the same counts, centred on their bins.
    auto bars = qobject_cast<QCPBars*>(view.plot()->plottable(0));
    QVERIFY(bars);
    QCOMPARE(bars->dataCount(), bins);
    QCOMPARE(bars->data()->at(0)->key, 0.5 * 100.0 / bins);
    QCOMPARE(bars->data()->at(0)->value, static_cast<double>(100 / bins));
    QCOMPARE(bars->width(), 100.0 / bins);
}

void TestHistogramView::meanAndMedian()
{
    // {1, 2, 2, 3, 7}: n = 5, mean = 15 / 5 = 3, median = the third value, 2. With 9 added: n = 6,
    // mean = 24 / 6 = 4, median = (2 + 3) / 2 = 2.5. The upper edge is closed: 7 (and then 9, the
    // maximum of the automatic range) is in the last bin.
    widgets::HistogramView view;
    view.setValues({7.0, 2.0, 1.0, 3.0, 2.0}, 6, 1.0, 7.0);
    QCOMPARE(view.valueCount(), 5);
    QCOMPARE(view.mean(), 3.0);
    QCOMPARE(view.median(), 2.0);
    QCOMPARE(view.count(0), 1); // [1, 2)
    QCOMPARE(view.count(1), 2); // [2, 3)
    QCOMPARE(view.count(2), 1); // [3, 4)
    QCOMPARE(view.count(5), 1); // [6, 7]
    QCOMPARE(view.statisticsText(), QStringLiteral("n = 5\nmean = 3\nmedian = 2"));
    view.setValues({7.0, 2.0, 1.0, 9.0, 3.0, 2.0}, 4);
    QCOMPARE(view.mean(), 4.0);
    QCOMPARE(view.median(), 2.5);
    QCOMPARE(view.count(3), 2); // [7, 9]: 7 and 9
    QCOMPARE(view.statisticsText(), QStringLiteral("n = 6\nmean = 4\nmedian = 2.5"));
    view.setNote(QStringLiteral("(approximate: 3 skipped)"));
    QVERIFY(view.statisticsText().endsWith(QStringLiteral("\n(approximate: 3 skipped)")));
    // The corner shows that text, four significant digits: mean of {1/3, 1/3, 1/3} = 0.3333.
    view.setNote({});
    view.setValues({1.0 / 3, 1.0 / 3, 1.0 / 3}, 3);
    QCOMPARE(view.statisticsText(), QStringLiteral("n = 3\nmean = 0.3333\nmedian = 0.3333"));
    auto text = qobject_cast<QCPItemText*>(view.plot()->item(0));
    QVERIFY(text);
    QCOMPARE(text->text(), view.statisticsText());
}

void TestHistogramView::automaticRange()
{
    // The automatic range is [min, max]: {-2, 0, 4} over 3 bins of width 2: [-2, 0), [0, 2), [2, 4].
    widgets::HistogramView view;
    view.setValues({0.0, 4.0, -2.0}, 3);
    QCOMPARE(view.low(), -2.0);
    QCOMPARE(view.high(), 4.0);
    QCOMPARE(view.count(0), 1);
    QCOMPARE(view.count(1), 1);
    QCOMPARE(view.count(2), 1);
    QCOMPARE(view.plot()->xAxis->range().lower, -2.0);
    QCOMPARE(view.plot()->xAxis->range().upper, 4.0);
    // All values equal: a range of width 1 centred on them, every value binned.
    view.setValues({5.0, 5.0}, 4);
    QCOMPARE(view.low(), 4.5);
    QCOMPARE(view.high(), 5.5);
    QCOMPARE(view.binnedCount(), 2);
    // No values: [0, 1], empty bins, n = 0.
    view.clear();
    QCOMPARE(view.valueCount(), 0);
    QCOMPARE(view.binnedCount(), 0);
    QCOMPARE(view.high(), 1.0);
}

void TestHistogramView::outsideAndNotFinite()
{
    // Over [0, 1]: -1 and 2 are outside (in n and the mean, in no bin), NaN is left out entirely.
    // n = 4, mean = (-1 + 0.25 + 0.75 + 2) / 4 = 0.5, median = (0.25 + 0.75) / 2 = 0.5.
    widgets::HistogramView view;
    view.setValues({-1.0, 0.25, std::nan(""), 0.75, 2.0}, 2, 0.0, 1.0);
    QCOMPARE(view.valueCount(), 4);
    QCOMPARE(view.outsideCount(), 2);
    QCOMPARE(view.binnedCount(), 2);
    QCOMPARE(view.mean(), 0.5);
    QCOMPARE(view.median(), 0.5);
    QVERIFY(view.statisticsText().contains(QStringLiteral("outside range: 2")));
}

void TestHistogramView::savesPng()
{
    QTemporaryDir dir;
    widgets::HistogramView view;
    view.setLabels(QStringLiteral("rate (Hz)"), QStringLiteral("neurons"));
    view.setTitle(QStringLiteral("rates"));
    QCOMPARE(view.plot()->xAxis->label(), QStringLiteral("rate (Hz)"));
    QCOMPARE(view.plot()->yAxis->label(), QStringLiteral("neurons"));
    std::vector<double> values;
    for (int k = 0; k < 200; ++k) values.push_back(10.0 + 5.0 * std::sin(k * 0.7));
    view.setValues(values, 20, 0.0, 20.0);
    const QString path = dir.filePath(QStringLiteral("hist.png"));
    // 320 x 200 logical pixels at scale 2: a 640 x 400 image.
    QVERIFY(view.savePng(path, 320, 200, 2.0));
    QCOMPARE(QImage(path).size(), QSize(640, 400));
    // An artefact to look at: the same plot, as exported.
    const QString out = QDir::currentPath() + QStringLiteral("/artefacts/");
    QVERIFY(QDir().mkpath(out));
    QVERIFY(view.savePng(out + QStringLiteral("histogram_view.png"), 320, 200, 2.0));
}

QTEST_MAIN(TestHistogramView)
#include "test_histogram_view.moc"
