// The population rate view: counts in bins divided by (neurons x bin width). A regular train gives
// its rate exactly; spikes on a bin edge count in the bin that starts there; the scrolling window
// keeps the last T seconds of complete bins.
#include "widgets/RateView.h"

#include <qcustomplot.h>

#include <QFontMetrics>
#include <QLayout>
#include <QTemporaryDir>
#include <QTest>

using namespace ss;

class TestRateView : public QObject {
    Q_OBJECT
private slots:
    void regularTrainGivesItsRate_data();
    void regularTrainGivesItsRate();
    void binEdges();
    void scrollingWindow();
    void savesPng();
    void shortStripTicksDoNotOverlap_data();
    void shortStripTicksDoNotOverlap();
};

void TestRateView::regularTrainGivesItsRate_data()
{
    QTest::addColumn<double>("bin");
    QTest::addColumn<int>("frames");
    // N = 100 neurons, each a regular 50 Hz train (period 20 ms) with phase 0.1 ms + 0.2 ms i, so the
    // phases tile [0, 20) ms evenly. A 10 ms bin holds the spikes of half the neurons once each:
    // rate = (N / 2) / (N x 0.01 s) = 50 Hz; a 20 ms bin holds one spike of every neuron:
    // N / (N x 0.02 s) = 50 Hz; a 5 ms bin a quarter: (N / 4) / (N x 0.005 s) = 50 Hz. Exact, since
    // no phase lies on a bin edge. Fed in one batch or in 33 ms frames as a live view would.
    QTest::newRow("10 ms, one batch") << 0.010 << 1;
    QTest::newRow("10 ms, frames") << 0.010 << 30;
    QTest::newRow("20 ms") << 0.020 << 1;
    QTest::newRow("5 ms, frames") << 0.005 << 30;
}

void TestRateView::regularTrainGivesItsRate()
{
    QFETCH(double, bin);
    QFETCH(int, frames);
    constexpr int n = 100;
    constexpr double period = 0.020, duration = 1.0;
    std::vector<double> times;
    for (int k = 0; k < 50; ++k)
        for (int i = 0; i < n; ++i) times.push_back(k * period + 1e-4 + 2e-4 * i);
    std::sort(times.begin(), times.end());

    widgets::RateView view;
    view.setBinWidth(bin);
    const int p = view.addPopulation(QStringLiteral("exc"), n);
    std::size_t next = 0;
    for (int f = 1; f <= frames; ++f) {
        const double until = duration * f / frames;
        std::vector<double> batch;
        while (next < times.size() && times[next] < until) batch.push_back(times[next++]);
        view.appendSpikeTimes(p, batch);
        view.advanceTo(until);
    }
    // 1 s of complete bins: 1 / bin of them (floating-point division within 1e-9 of a bin).
    QCOMPARE(view.binCount(), static_cast<int>(std::lround(duration / bin)));
    for (int b = 0; b < view.binCount(); ++b)
        QVERIFY2(qAbs(view.rate(p, b) - 50.0) < 1e-9,
                 qPrintable(QStringLiteral("bin %1: %2 Hz").arg(b).arg(view.rate(p, b))));
    // The drawn steps carry the same numbers: one point per bin plus the end of the last.
    QCOMPARE(view.plot()->graph(p)->dataCount(), view.binCount() + 1);
    QCOMPARE(view.plot()->yAxis->range().upper, 55.0); // 10 % above the highest bin
}

void TestRateView::binEdges()
{
    // One neuron, 10 ms bins, rate per spike = 1 / (1 x 0.01 s) = 100 Hz. A spike at 0.00999 s is in
    // bin 0; one at 0.01 s, even computed as 100 steps of 0.1 ms (0.010000000000000002 or a hair
    // below in floating point), is in bin 1; one at 0.02999 s in bin 2.
    widgets::RateView view;
    const int p = view.addPopulation(QStringLiteral("one"), 1);
    double t = 0.0;
    for (int s = 0; s < 100; ++s) t += 1e-4; // 0.009999999999999981, a hair below 0.01
    view.appendSpikeTimes(p, {0.00999, t, 0.02999});
    view.advanceTo(0.03);
    QCOMPARE(view.binCount(), 3);
    QCOMPARE(view.rate(p, 0), 100.0);
    QCOMPARE(view.rate(p, 1), 100.0);
    QCOMPARE(view.rate(p, 2), 100.0);
    // Until the present passes a bin's end it is not shown: at 0.035 s still 3 bins.
    view.appendSpikeTimes(p, {0.031});
    view.advanceTo(0.035);
    QCOMPARE(view.binCount(), 3);
    view.advanceTo(0.04);
    QCOMPARE(view.binCount(), 4);
    QCOMPARE(view.binStart(3), 0.03);
    QCOMPARE(view.rate(p, 3), 100.0);
}

void TestRateView::scrollingWindow()
{
    // A 1 s window over 3 s of 10 ms bins keeps the 100 bins of [2, 3) s and shows [2, 3] s; a
    // second population of 4 neurons with one spike per bin reads 1 / (4 x 0.01 s) = 25 Hz.
    widgets::RateView view;
    view.setTimeWindow(1.0);
    view.addPopulation(QStringLiteral("exc"), 10);
    const int inh = view.addPopulation(QStringLiteral("inh"), 4);
    for (int b = 0; b < 300; ++b) {
        view.appendSpikeTimes(inh, {b * 0.01 + 0.005});
        view.advanceTo((b + 1) * 0.01);
    }
    QCOMPARE(view.binCount(), 100);
    QVERIFY(qAbs(view.binStart(0) - 2.0) < 1e-9);
    QVERIFY(qAbs(view.plot()->xAxis->range().lower - 2.0) < 1e-9);
    QVERIFY(qAbs(view.plot()->xAxis->range().upper - 3.0) < 1e-9);
    for (int b = 0; b < view.binCount(); ++b) {
        QCOMPARE(view.rate(inh, b), 25.0);
        QCOMPARE(view.rate(0, b), 0.0);
    }
    // Clearing goes back to time 0 with nothing held.
    view.clear();
    QCOMPARE(view.binCount(), 0);
    QCOMPARE(view.now(), 0.0);
}

void TestRateView::savesPng()
{
    QTemporaryDir dir;
    widgets::RateView view;
    const int p = view.addPopulation(QStringLiteral("exc"), 10);
    view.appendSpikeTimes(p, {0.001, 0.002, 0.015});
    view.advanceTo(0.05);
    const QString path = dir.filePath(QStringLiteral("rate.png"));
    QVERIFY(view.savePng(path, 400, 150, 2.0));
    QCOMPARE(QImage(path).size(), QSize(800, 300)); // requested size times the scale
}

// The strip under a raster is short: its rate labels, one font line high each, must lie at least a
// line apart, two of them at least, at the strip's minimum height (the ticker of three ticks it had
// put 0, 5, 10 and 15 Hz 9 pixels apart on a 0-17.6 Hz axis 90 pixels high), whatever the peak rate;
// a tall strip shows as many or more, and three at least.
void TestRateView::shortStripTicksDoNotOverlap_data()
{
    QTest::addColumn<int>("peak"); // Hz: spikes of 10 neurons in one 10 ms bin
    QTest::newRow("6 Hz") << 6;
    QTest::newRow("10 Hz") << 10;
    QTest::newRow("16 Hz") << 16;
    QTest::newRow("45 Hz") << 45;
}

void TestRateView::shortStripTicksDoNotOverlap()
{
    QFETCH(int, peak);
    widgets::RateView view;
    const int p = view.addPopulation(QStringLiteral("exc"), 10);
    view.appendSpikeTimes(p, std::vector<double>(static_cast<std::size_t>(peak), 0.005));
    view.advanceTo(1.0);
    QCustomPlot& plot = *view.plot();
    const int line = QFontMetrics(plot.yAxis->tickLabelFont()).height();
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    plot.replot(QCustomPlot::rpImmediateRefresh); // the first layout sets the minimum height
    std::size_t ticksShort = 0;
    for (int height : {view.minimumHeight(), 400}) {
        view.resize(400, height);
        view.layout()->activate(); // the plot takes the view's size now, not at the next event
        plot.replot(QCustomPlot::rpImmediateRefresh); // lays out, then picks the tick step
        plot.replot(QCustomPlot::rpImmediateRefresh); // draws with it
        std::vector<double> pixels;
        for (double tick : plot.yAxis->tickVector())
            if (plot.yAxis->range().contains(tick)) pixels.push_back(plot.yAxis->coordToPixel(tick));
        QVERIFY2(pixels.size() >= 2, qPrintable(QString("%1 ticks at height %2").arg(pixels.size()).arg(height)));
        for (std::size_t i = 1; i < pixels.size(); ++i)
            QVERIFY2(std::abs(pixels[i] - pixels[i - 1]) >= line,
                     qPrintable(QString("ticks %1 px apart at height %2, labels %3 px high")
                                    .arg(std::abs(pixels[i] - pixels[i - 1]))
                                    .arg(height)
                                    .arg(line)));
        if (height == view.minimumHeight()) ticksShort = pixels.size();
        else QVERIFY(pixels.size() >= std::max<std::size_t>(ticksShort, 3));
    }
}

QTEST_MAIN(TestRateView)
#include "test_rate_view.moc"
