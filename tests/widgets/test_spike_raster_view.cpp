// The spike raster: it holds exactly the spikes given, the scrolling window forgets what is older
// than the window, and its PNG has the requested size with dots in each population's colour inside
// the axis rect; spikes at t = 0 are drawn whole, clear of the neuron axis.
#include "widgets/PlotStyle.h"
#include "widgets/SpikeRasterView.h"

#include <qcustomplot.h>

#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolTip>
#include <QWheelEvent>

#include <random>

using namespace ss;

namespace {

// `count` spikes of a population of `size` neurons, spread evenly over [t0, t1) in time order,
// neuron indices drawn uniformly (seeded).
void makeSpikes(int count, int size, double t0, double t1, unsigned seed, std::vector<int>& neurons,
                std::vector<double>& times)
{
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> pick(0, size - 1);
    neurons.resize(static_cast<std::size_t>(count));
    times.resize(static_cast<std::size_t>(count));
    for (int k = 0; k < count; ++k) {
        neurons[static_cast<std::size_t>(k)] = pick(rng);
        times[static_cast<std::size_t>(k)] = t0 + (t1 - t0) * k / count;
    }
}

// Pixels of `img` inside `rect` whose colour is within `tolerance` (per channel) of `colour`.
int pixelsNear(const QImage& img, const QRect& rect, const QColor& colour, int tolerance = 8)
{
    int n = 0;
    for (int y = rect.top(); y <= rect.bottom(); ++y)
        for (int x = rect.left(); x <= rect.right(); ++x) {
            const QColor c = img.pixelColor(x, y);
            if (std::abs(c.red() - colour.red()) <= tolerance && std::abs(c.green() - colour.green()) <= tolerance
                && std::abs(c.blue() - colour.blue()) <= tolerance)
                ++n;
        }
    return n;
}

} // namespace

class TestSpikeRasterView : public QObject {
    Q_OBJECT
private slots:
    void holdsExactlyTheSpikesGiven();
    void bandsAreStacked();
    void windowForgetsOldSpikes_data();
    void windowForgetsOldSpikes();
    void pngHasRequestedSizeAndColouredDots();
    void spikesAtTimeZeroAreDrawn();
    void hoverNamesTheSpike();
    void wheelZoomsAboutTheCursor();
    void clickEmitsTheNeuron();
};

namespace {

// A shown 600 x 400 raster of exc (100 neurons) and inh (50) over [0, 1] s, laid out: exc neuron 30
// spikes at 0.4 s, inh neuron 7 at 0.7 s, exc neuron 99 at 1.0 s.
void setUpShown(widgets::SpikeRasterView& view)
{
    view.addPopulation(QStringLiteral("exc"), 100);
    view.addPopulation(QStringLiteral("inh"), 50);
    view.appendSpikes(0, {30}, {0.4});
    view.appendSpikes(1, {7}, {0.7});
    view.appendSpikes(0, {99}, {1.0});
    view.resize(600, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.plot()->replot();
}

QPoint pixelOf(const widgets::SpikeRasterView& view, double t, double row)
{
    return QPointF(view.plot()->xAxis->coordToPixel(t), view.plot()->yAxis->coordToPixel(row)).toPoint();
}

void wheel(QWidget* w, QPoint pos, int delta, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QWheelEvent e(QPointF(pos), QPointF(w->mapToGlobal(pos)), QPoint(), QPoint(0, delta), Qt::NoButton, modifiers,
                  Qt::NoScrollPhase, false);
    QApplication::sendEvent(w, &e);
}

} // namespace

void TestSpikeRasterView::hoverNamesTheSpike()
{
    widgets::SpikeRasterView view;
    setUpShown(view);
    // The cursor 2 px right and 1 px below inh neuron 7's spike (row 100 + 7): within the 5 px radius.
    const QPoint pos = pixelOf(view, 0.7, 107) + QPoint(2, 1);
    QTest::mouseMove(view.plot(), pos);
    const auto hit = view.hitAt(pos);
    QVERIFY(hit.spike);
    QCOMPARE(hit.population, 1);
    QCOMPARE(hit.neuron, 7);
    QCOMPARE(hit.time, 0.7);
    QTRY_VERIFY(QToolTip::isVisible());
    QVERIFY2(QToolTip::text().contains(QStringLiteral("inh: neuron 7")), qPrintable(QToolTip::text()));
    QVERIFY(QToolTip::text().contains(QStringLiteral("0.7000 s")));
    // Far from any spike, the row under the cursor still names the neuron: row 42 is exc neuron 42.
    const auto row = view.hitAt(pixelOf(view, 0.1, 42));
    QVERIFY(!row.spike);
    QCOMPARE(row.population, 0);
    QCOMPARE(row.neuron, 42);
    QVERIFY(qAbs(row.time - 0.1) < 0.005); // one pixel is ~2 ms at this width
}

void TestSpikeRasterView::wheelZoomsAboutTheCursor()
{
    widgets::SpikeRasterView view;
    setUpShown(view);
    QCPAxis* x = view.plot()->xAxis;
    // [0, 1] s with the margin before t = 0.
    const double lower = -widgets::kTimeMargin;
    QCOMPARE(x->range().lower, lower);
    QCOMPARE(x->range().upper, 1.0);
    // One notch in scales the time range by kWheelZoom = 0.85 about the time t0 under the cursor:
    // [t0 - 0.85 (t0 - lower), t0 + 0.85 (1 - t0)]; t0 stays under the cursor. The neuron axis does
    // not move.
    const QPoint pos = pixelOf(view, 0.25, 60);
    const double t0 = x->pixelToCoord(pos.x());
    wheel(view.plot(), pos, 120);
    QVERIFY(qAbs(x->range().lower - (t0 - 0.85 * (t0 - lower))) < 1e-12);
    QVERIFY(qAbs(x->range().upper - (t0 + 0.85 * (1.0 - t0))) < 1e-12);
    QVERIFY(qAbs(x->range().size() - 0.85 * (1.0 - lower)) < 1e-12);
    QCOMPARE(view.plot()->yAxis->range().lower, -0.5);
    QVERIFY(!view.following());
    // New spikes no longer move the zoomed axis...
    view.appendSpikes(0, {1}, {1.5});
    QVERIFY(qAbs(x->range().size() - 0.85 * (1.0 - lower)) < 1e-12);
    // ... Shift + wheel zooms the neuron axis about the row under the cursor (range 150 -> 127.5) ...
    const double row0 = view.plot()->yAxis->pixelToCoord(pos.y());
    wheel(view.plot(), pos, 120, Qt::ShiftModifier);
    QVERIFY(qAbs(view.plot()->yAxis->range().size() - 0.85 * 150.0) < 1e-9);
    QVERIFY(qAbs(view.plot()->yAxis->pixelToCoord(pos.y()) - row0) < 1e-9);
    // ... and a double-click follows the present again: [0, 1.5] s, all 150 rows.
    QTest::mouseDClick(view.plot(), Qt::LeftButton, Qt::NoModifier, pos);
    QVERIFY(view.following());
    QCOMPARE(x->range().upper, 1.5);
    QCOMPARE(view.plot()->yAxis->range().upper, 149.5);
}

void TestSpikeRasterView::clickEmitsTheNeuron()
{
    widgets::SpikeRasterView view;
    setUpShown(view);
    QSignalSpy clicked(&view, &widgets::SpikeRasterView::neuronClicked);
    QTest::mouseClick(view.plot(), Qt::LeftButton, Qt::NoModifier, pixelOf(view, 0.4, 30) + QPoint(-1, 2));
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.at(0).at(0).toInt(), 0);
    QCOMPARE(clicked.at(0).at(1).toInt(), 30);
    // A drag pans instead (by 100 px of time, with the cursor) and clicks nothing.
    QCPAxis* x = view.plot()->xAxis;
    const double before = x->range().lower;
    const double perPixel = x->range().size() / view.plot()->axisRect()->width();
    const QPoint start = pixelOf(view, 0.5, 75);
    QTest::mousePress(view.plot(), Qt::LeftButton, Qt::NoModifier, start);
    QTest::mouseMove(view.plot(), start + QPoint(50, 0));
    QTest::mouseMove(view.plot(), start + QPoint(100, 0));
    QTest::mouseRelease(view.plot(), Qt::LeftButton, Qt::NoModifier, start + QPoint(100, 0));
    QCOMPARE(clicked.count(), 1);
    QVERIFY(!view.following());
    QVERIFY2(qAbs(x->range().lower - (before - 100 * perPixel)) < 2 * perPixel,
             qPrintable(QString::number(x->range().lower)));
}

void TestSpikeRasterView::holdsExactlyTheSpikesGiven()
{
    // 100,000 excitatory spikes in ten batches and 25,000 inhibitory ones in one: every point is
    // kept (no decimation in the data, only in drawing), each in its own population's graph.
    widgets::SpikeRasterView view;
    const int exc = view.addPopulation(QStringLiteral("exc"), 3200);
    const int inh = view.addPopulation(QStringLiteral("inh"), 800);
    std::vector<int> neurons;
    std::vector<double> times;
    for (int b = 0; b < 10; ++b) {
        makeSpikes(10'000, 3200, 0.1 * b, 0.1 * (b + 1), static_cast<unsigned>(b), neurons, times);
        view.appendSpikes(exc, neurons, times);
    }
    makeSpikes(25'000, 800, 0.0, 1.0, 99, neurons, times);
    view.appendSpikes(inh, neurons, times);
    QCOMPARE(view.spikeCount(exc), 100'000);
    QCOMPARE(view.spikeCount(inh), 25'000);
    QCOMPARE(view.plot()->graph(exc)->dataCount(), 100'000);
    QCOMPARE(view.plot()->graph(inh)->dataCount(), 25'000);
    // Window 0 shows everything since time 0, up to the latest spike: the last excitatory one at
    // 0.9 s + 0.1 s * 9,999 / 10,000 = 0.99999 s (the last inhibitory one is at 0.99996 s); the axis
    // starts a margin before t = 0.
    QVERIFY(qAbs(view.plot()->xAxis->range().lower + widgets::kTimeMargin * 0.99999) < 1e-12);
    QVERIFY(qAbs(view.plot()->xAxis->range().upper - 0.99999) < 1e-12);
}

void TestSpikeRasterView::bandsAreStacked()
{
    // The second band starts where the first ends: inhibitory neuron 5 sits on row 3200 + 5.
    widgets::SpikeRasterView view;
    view.addPopulation(QStringLiteral("exc"), 3200);
    const int inh = view.addPopulation(QStringLiteral("inh"), 800);
    QCOMPARE(view.populationOffset(inh), 3200);
    view.appendSpikes(inh, {5}, {0.25});
    const auto point = view.plot()->graph(inh)->data()->constBegin();
    QCOMPARE(point->key, 0.25);
    QCOMPARE(point->value, 3205.0);
    QCOMPARE(view.plot()->yAxis->range().lower, -0.5);
    QCOMPARE(view.plot()->yAxis->range().upper, 3999.5);
    QVERIFY(view.populationColour(0) != view.populationColour(inh));
}

void TestSpikeRasterView::windowForgetsOldSpikes_data()
{
    QTest::addColumn<double>("window");
    QTest::addColumn<int>("kept");
    // 2,000 spikes evenly over [0, 2) s, one every millisecond; the last is at 1.999 s. A window of
    // T keeps those at t >= 1.999 - T: 1000 T + 1 of them (up to floating-point ties at the edge).
    QTest::newRow("0.5 s") << 0.5 << 501;
    QTest::newRow("0.1 s") << 0.1 << 101;
    QTest::newRow("everything") << 0.0 << 2000;
}

void TestSpikeRasterView::windowForgetsOldSpikes()
{
    QFETCH(double, window);
    QFETCH(int, kept);
    widgets::SpikeRasterView view;
    const int p = view.addPopulation(QStringLiteral("layer"), 100);
    view.setTimeWindow(window);
    std::vector<int> neurons;
    std::vector<double> times;
    // Appended as a live view would, in 20 frames of 100 ms.
    for (int f = 0; f < 20; ++f) {
        makeSpikes(100, 100, 0.1 * f, 0.1 * (f + 1), static_cast<unsigned>(f), neurons, times);
        view.appendSpikes(p, neurons, times);
    }
    QVERIFY2(qAbs(view.spikeCount(p) - kept) <= 1, qPrintable(QString::number(view.spikeCount(p))));
    const double first = view.plot()->graph(p)->data()->constBegin()->key;
    if (window > 0) {
        QVERIFY(first >= 1.999 - window - 1e-9);
        QVERIFY(qAbs(view.plot()->xAxis->range().size() - window) < 1e-12);
    }
    // A silent second scrolls the window on and empties it.
    view.advanceTo(3.0);
    QCOMPARE(view.spikeCount(p), window > 0 && window < 1.0 ? 0 : kept);
}

void TestSpikeRasterView::pngHasRequestedSizeAndColouredDots()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    widgets::SpikeRasterView view;
    const int exc = view.addPopulation(QStringLiteral("exc"), 400);
    const int inh = view.addPopulation(QStringLiteral("inh"), 100);
    view.setTitle(QStringLiteral("test raster"));
    std::vector<int> neurons;
    std::vector<double> times;
    makeSpikes(4000, 400, 0.0, 1.0, 1, neurons, times);
    view.appendSpikes(exc, neurons, times);
    makeSpikes(1000, 100, 0.0, 1.0, 2, neurons, times);
    view.appendSpikes(inh, neurons, times);
    const QString path = dir.filePath(QStringLiteral("raster.png"));
    QVERIFY(view.savePng(path, 600, 400, 2.0));

    QImage img(path);
    QVERIFY(!img.isNull());
    QCOMPARE(img.size(), QSize(1200, 800)); // requested size times the scale
    // The axis rect as laid out for 600 x 400 logical pixels, scaled to the image.
    const QRect plotArea = view.plot()->axisRect()->rect();
    const QRect inImage(plotArea.topLeft() * 2, plotArea.size() * 2);
    QVERIFY(inImage.width() > 600 && inImage.height() > 400);
    // Excitatory dots fill the lower 4/5 of the plot area, inhibitory ones the upper 1/5. At 2 x 2
    // logical pixels a dot, 4,000 spikes on a ~0.4-megapixel area leave at least a few thousand
    // image pixels in each colour; the bound is an order of magnitude below that.
    const QRect excArea = inImage.adjusted(0, inImage.height() / 5 + 4, 0, 0);
    const QRect inhArea = inImage.adjusted(0, 0, 0, -inImage.height() * 4 / 5 - 4);
    QVERIFY(pixelsNear(img, excArea, view.populationColour(exc)) > 500);
    QVERIFY(pixelsNear(img, inhArea, view.populationColour(inh)) > 100);
    // ... and not in each other's band.
    QCOMPARE(pixelsNear(img, excArea, view.populationColour(inh)), 0);
    QCOMPARE(pixelsNear(img, inhArea, view.populationColour(exc)), 0);
    // The palette's first two colours (Okabe & Ito's blue #0072B2 and vermilion #D55E00).
    QCOMPARE(view.populationColour(exc), QColor(0x00, 0x72, 0xB2));
    QCOMPARE(view.populationColour(inh), QColor(0xD5, 0x5E, 0x00));
}

void TestSpikeRasterView::spikesAtTimeZeroAreDrawn()
{
    // A volley at t = 0 (a latency code's brightest pixels): every neuron of a 20-neuron band spikes
    // at 0 s, and one more spike at 0.2 s sets the span. Each dot (2 x 2 px) must be drawn whole inside
    // the axis rect, not under the neuron axis at its left edge: 20 dots, 4 pixels each, in the band's
    // colour within 12 px of the left edge.
    widgets::SpikeRasterView view;
    const int p = view.addPopulation(QStringLiteral("latency"), 20);
    std::vector<int> neurons(20);
    for (int k = 0; k < 20; ++k) neurons[static_cast<std::size_t>(k)] = k;
    view.appendSpikes(p, neurons, std::vector<double>(20, 0.0));
    view.appendSpikes(p, {3}, {0.2});
    QCOMPARE(view.spikeCount(p), 21); // the data is what was given
    QCOMPARE(view.plot()->graph(p)->data()->constBegin()->key, 0.0);
    view.resize(500, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.plot()->replot(QCustomPlot::rpImmediateRefresh);
    QVERIFY(view.plot()->xAxis->range().lower < 0.0);
    QCOMPARE(view.plot()->xAxis->range().upper, 0.2);
    const QImage img = view.plot()->toPixmap().toImage();
    const QRect area = view.plot()->axisRect()->rect();
    const QRect edge(area.left(), area.top(), 12, area.height());
    const int drawn = pixelsNear(img, edge, view.populationColour(p));
    QVERIFY2(drawn >= 20 * 4, qPrintable(QStringLiteral("%1 pixels of the t = 0 dots drawn").arg(drawn)));
}

QTEST_MAIN(TestSpikeRasterView)
#include "test_spike_raster_view.moc"
