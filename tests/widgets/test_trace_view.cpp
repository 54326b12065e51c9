// The membrane trace view: values in volts are shown in millivolts, the threshold line and the
// spike markers sit where they belong, and the PNG has the requested size with each trace drawn
// in its colour.
#include "widgets/TraceView.h"

#include <qcustomplot.h>

#include <QImage>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace ss;

namespace {

// A LIF neuron driven above threshold, integrated exactly: v(t) = v_inf + (v_reset - v_inf) e^(-t/tau)
// between spikes, with v_inf = -45 mV, v_reset = -60 mV, tau = 20 ms and threshold -50 mV. The
// period is tau ln((v_reset - v_inf) / (v_th - v_inf)) = 20 ms ln 3 = 21.97 ms (Gerstner et al. 2014,
// eq. 1.11 solved for the interspike interval).
struct Lif {
    std::vector<double> times, v, spikes;
};

Lif drivenLif(double seconds, double dt)
{
    const double vInf = -45e-3, vReset = -60e-3, vTh = -50e-3, tau = 20e-3;
    Lif out;
    double v = vReset;
    for (int k = 0; k * dt < seconds; ++k) {
        v = vInf + (v - vInf) * std::exp(-dt / tau);
        if (v >= vTh) {
            out.spikes.push_back(k * dt);
            v = vReset;
        }
        out.times.push_back(k * dt);
        out.v.push_back(v);
    }
    return out;
}

} // namespace

class TestTraceView : public QObject {
    Q_OBJECT
private slots:
    void showsMillivolts();
    void thresholdAndSpikeMarkers();
    void pngHasRequestedSize();
    void appendedSamplesScrollInTheWindow();
};

void TestTraceView::showsMillivolts()
{
    const Lif lif = drivenLif(0.2, 1e-4);
    widgets::TraceView view;
    view.setTraces(lif.times, {lif.v}, {QStringLiteral("neuron 0")});
    QCOMPARE(view.traceCount(), 1);
    QCOMPARE(view.sampleCount(0), static_cast<int>(lif.times.size()));
    // -60 mV after a reset is shown as -60 on the axis (1e3 mV per volt), to rounding.
    double lowest = 0.0;
    for (auto it = view.plot()->graph(0)->data()->constBegin(); it != view.plot()->graph(0)->data()->constEnd(); ++it)
        lowest = std::min(lowest, it->value);
    QVERIFY2(std::abs(lowest - (-60.0)) < 1e-9, qPrintable(QString::number(lowest)));
    QVERIFY(view.plot()->yAxis->range().contains(-60.0));
    QVERIFY(view.plot()->yAxis->range().contains(-50.0));
}

void TestTraceView::thresholdAndSpikeMarkers()
{
    const Lif lif = drivenLif(0.2, 1e-4);
    // 200 ms / 21.97 ms per period: 9 spikes.
    QCOMPARE(static_cast<int>(lif.spikes.size()), 9);
    widgets::TraceView view;
    view.setTraces(lif.times, {lif.v, lif.v}, {QStringLiteral("a"), QStringLiteral("b")});
    view.setThreshold(-50e-3);
    view.setSpikes({lif.spikes, {}});
    QCOMPARE(view.spikeMarkerCount(0), 9);
    QCOMPARE(view.spikeMarkerCount(1), 0);
    // Markers stand on the threshold line, in mV.
    for (auto it = view.plot()->graph(1)->data()->constBegin(); it != view.plot()->graph(1)->data()->constEnd(); ++it)
        QVERIFY(std::abs(it->value - (-50.0)) < 1e-9);
    QCOMPARE(view.threshold().value_or(0.0), -50e-3);
    view.clearThreshold();
    QVERIFY(!view.threshold());
    QVERIFY(view.traceColour(0) != view.traceColour(1));
}

void TestTraceView::pngHasRequestedSize()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const Lif lif = drivenLif(0.2, 1e-4);
    widgets::TraceView view;
    view.setTraces(lif.times, {lif.v}, {QStringLiteral("neuron 0")});
    view.setThreshold(-50e-3);
    view.setSpikes({lif.spikes});
    view.setTitle(QStringLiteral("driven LIF"));
    const QString path = dir.filePath(QStringLiteral("trace.png"));
    QVERIFY(view.savePng(path, 500, 300, 1.5));
    QImage img(path);
    QVERIFY(!img.isNull());
    QCOMPARE(img.size(), QSize(750, 450));
    // The trace's colour appears inside the axis rect: 9 charging curves over ~0.7 of its width at
    // 1.2 px pen width give well over 500 pixels of it; the bound is a few times lower.
    const QRect area = view.plot()->axisRect()->rect();
    const QRect inImage(QPoint(qRound(area.left() * 1.5), qRound(area.top() * 1.5)),
                        QSize(qRound(area.width() * 1.5), qRound(area.height() * 1.5)));
    const QColor colour = view.traceColour(0);
    int near = 0;
    for (int y = inImage.top(); y <= inImage.bottom(); ++y)
        for (int x = inImage.left(); x <= inImage.right(); ++x) {
            const QColor c = img.pixelColor(x, y);
            near += std::abs(c.red() - colour.red()) < 30 && std::abs(c.green() - colour.green()) < 30
                    && std::abs(c.blue() - colour.blue()) < 30;
        }
    QVERIFY2(near > 150, qPrintable(QString::number(near)));
}

void TestTraceView::appendedSamplesScrollInTheWindow()
{
    // The same 0.2 s trace handed over live in batches of 10 ms, as the drain timer does: every sample
    // is kept without a window; with a 50 ms window the view keeps the samples of the last 50 ms,
    // 50 ms / 0.1 ms + 1 = 501 (both ends included), and its axis spans exactly that window.
    const Lif lif = drivenLif(0.2, 1e-4);
    widgets::TraceView all, scrolling;
    for (widgets::TraceView* view : {&all, &scrolling})
        view->setTraces({}, {{}}, {QStringLiteral("neuron 0")});
    scrolling.setTimeWindow(0.05);
    for (std::size_t from = 0; from < lif.times.size(); from += 100) {
        const std::size_t to = std::min(from + 100, lif.times.size());
        const std::vector<double> t(lif.times.begin() + static_cast<std::ptrdiff_t>(from), lif.times.begin() + static_cast<std::ptrdiff_t>(to));
        const std::vector<double> v(lif.v.begin() + static_cast<std::ptrdiff_t>(from), lif.v.begin() + static_cast<std::ptrdiff_t>(to));
        all.appendSamples(t, {v});
        scrolling.appendSamples(t, {v});
    }
    QCOMPARE(all.sampleCount(0), static_cast<int>(lif.times.size()));
    QVERIFY2(std::abs(scrolling.sampleCount(0) - 501) <= 1, qPrintable(QString::number(scrolling.sampleCount(0))));
    QCOMPARE(scrolling.plot()->xAxis->range().upper, lif.times.back());
    QVERIFY(std::abs(scrolling.plot()->xAxis->range().size() - 0.05) < 1e-12);
    all.clearSamples();
    QCOMPARE(all.sampleCount(0), 0);
}

QTEST_MAIN(TestTraceView)
#include "test_trace_view.moc"
