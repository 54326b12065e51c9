// The accuracy view: the points of each phase exactly as given (samples, percent), y fixed to
// [0, 100] %, the dashed chance line at 100 / classes, x tick labels that keep apart at any width, and
// the PNG export size.
#include "widgets/AccuracyView.h"

#include <qcustomplot.h>

#include <QDir>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

using namespace ss;

class TestAccuracyView : public QObject {
    Q_OBJECT
private slots:
    void pointsAreExact()
    {
        widgets::AccuracyView view;
        const std::vector<double> x = {100, 200, 300, 400}, y = {35.0, 52.5, 61.25, 70.0};
        view.setCurve(QStringLiteral("train"), x, y);
        view.setCurve(QStringLiteral("test"), {500, 600}, {68.0, 71.5});
        QCOMPARE(view.pointCount(QStringLiteral("train")), 4);
        QCOMPARE(view.pointCount(QStringLiteral("test")), 2);
        QCOMPARE(view.pointCount(QStringLiteral("label")), 0);
        for (int k = 0; k < 4; ++k) QCOMPARE(view.point(QStringLiteral("train"), k), QPointF(x[k], y[k]));
        QCOMPARE(view.point(QStringLiteral("test"), 1), QPointF(600, 71.5));
        // Percent from 0 to 100 (plus the margin for whole markers) whatever the points; the x axis
        // reaches past the last sample.
        QCOMPARE(view.plot()->yAxis->range().lower, -widgets::AccuracyView::kMargin);
        QCOMPARE(view.plot()->yAxis->range().upper, 100.0 + widgets::AccuracyView::kMargin);
        QVERIFY(view.plot()->xAxis->range().upper >= 600.0);
        // Replacing a curve replaces its points; clear() empties every curve.
        view.setCurve(QStringLiteral("train"), {50}, {10.0});
        QCOMPARE(view.pointCount(QStringLiteral("train")), 1);
        view.clear();
        QCOMPARE(view.pointCount(QStringLiteral("train")), 0);
        QCOMPARE(view.pointCount(QStringLiteral("test")), 0);
    }

    void chanceLine_data()
    {
        QTest::addColumn<int>("classes");
        QTest::addColumn<double>("chance");
        // Guessing among n balanced classes is right 1 / n of the time.
        QTest::newRow("MNIST, 10 classes") << 10 << 10.0;
        QTest::newRow("bars, 2 classes") << 2 << 50.0;
        QTest::newRow("4 classes") << 4 << 25.0;
    }

    void chanceLine()
    {
        QFETCH(int, classes);
        QFETCH(double, chance);
        widgets::AccuracyView view;
        view.setClasses(classes);
        QCOMPARE(view.chance(), chance);
        auto* line = qobject_cast<QCPItemStraightLine*>(view.plot()->item(0));
        QVERIFY(line);
        QVERIFY(line->visible());
        QCOMPARE(line->pen().style(), Qt::DashLine);
        QCOMPARE(line->point1->coords().y(), chance);
        QCOMPARE(line->point2->coords().y(), chance);
    }

    // Long runs put five-digit sample counts on the x axis: at the width of a dock its tick labels
    // must keep apart (they ran together as "0 2500500075001000012500" at ~8,000 samples and more).
    void tickLabelsKeepApart_data()
    {
        QTest::addColumn<int>("width");
        QTest::addColumn<double>("samples");
        QTest::newRow("narrow dock, 18,000 samples") << 240 << 18000.0;
        QTest::newRow("narrow dock, 8,000 samples") << 240 << 8000.0;
        QTest::newRow("wide, 1,200,000 samples") << 700 << 1.2e6;
        QTest::newRow("wide, 100 samples") << 700 << 100.0;
    }

    void tickLabelsKeepApart()
    {
        QFETCH(int, width);
        QFETCH(double, samples);
        widgets::AccuracyView view;
        view.resize(width, 260);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setCurve(QStringLiteral("train"), {samples / 4, samples / 2}, {60.0, 70.0});
        view.setCurve(QStringLiteral("test"), {samples * 0.9, samples}, {80.0, 82.0});
        QCPAxis* x = view.plot()->xAxis;
        // The layout of the first frame, then ticks for it.
        QTRY_VERIFY(x->axisRect()->width() > 0);
        view.plot()->replot(QCustomPlot::rpImmediateRefresh);
        view.plot()->replot(QCustomPlot::rpImmediateRefresh);
        const QVector<double> ticks = x->tickVector();
        const QVector<QString> labels = x->tickVectorLabels();
        QCOMPARE(ticks.size(), labels.size());
        int shown = 0;
        double lastRight = -1e9;
        const QFontMetricsF metrics(x->tickLabelFont());
        for (int k = 0; k < ticks.size(); ++k) {
            if (!x->range().contains(ticks[k])) continue;
            const double centre = x->coordToPixel(ticks[k]), half = metrics.horizontalAdvance(labels[k]) / 2.0;
            QVERIFY2(centre - half >= lastRight + 4.0,
                     qPrintable(QStringLiteral("label %1 runs into the one before it: %2").arg(labels[k], QStringList(labels.toList()).join(QLatin1Char(' ')))));
            lastRight = centre + half;
            ++shown;
        }
        QVERIFY2(shown >= 2, qPrintable(QStringLiteral("%1 ticks").arg(shown)));
    }

    void savesPng()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        widgets::AccuracyView view;
        view.setTitle(QStringLiteral("accuracy"));
        view.setClasses(10);
        std::vector<double> x, y;
        for (int k = 1; k <= 10; ++k) {
            x.push_back(800.0 * k);
            y.push_back(90.0 - 60.0 / k);
        }
        view.setCurve(QStringLiteral("train"), x, y);
        view.setCurve(QStringLiteral("test"), {8500, 9000, 9500, 10000}, {84.0, 86.0, 85.5, 85.8});
        const QString path = dir.filePath(QStringLiteral("accuracy.png"));
        // 400 x 260 logical pixels at scale 2: an 800 x 520 image.
        QVERIFY(view.savePng(path, 400, 260, 2.0));
        QCOMPARE(QImage(path).size(), QSize(800, 520));
        const QString out = QDir::currentPath() + QStringLiteral("/artefacts/");
        QVERIFY(QDir().mkpath(out));
        QVERIFY(view.savePng(out + QStringLiteral("accuracy_view.png"), 400, 260, 2.0));
    }
};

QTEST_MAIN(TestAccuracyView)
#include "test_accuracy_view.moc"
