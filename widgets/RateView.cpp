#include "widgets/RateView.h"

#include "widgets/PlotStyle.h"

#include <qcustomplot.h>

#include <QFontMetrics>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace ss::widgets {

namespace {

constexpr double kEdgeMargin = 1e-9; // bins

} // namespace

RateView::RateView(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    applyPlotStyle(*m_plot);
    m_plot->xAxis->setLabel(QStringLiteral("time (s)"));
    m_plot->yAxis->setLabel(QStringLiteral("rate (Hz)"));
    // A strip under a raster, never too short to read, whose rate ticks follow its height.
    setMinimumHeight(90);
    m_rateTicks = QSharedPointer<QCPAxisTickerFixed>::create();
    m_rateTicks->setScaleStrategy(QCPAxisTickerFixed::ssNone);
    m_plot->yAxis->setTicker(m_rateTicks);
    // After each layout: room for three lines of rate labels at least, whatever the fonts (presenter
    // mode enlarges them), and the tick step for the height there is. A figure export lays the plot
    // out at the figure's size and fonts: its ticks follow, the widget's minimum height does not.
    connect(m_plot, &QCustomPlot::afterLayout, this, [this] {
        if (m_plot->viewport() == m_plot->rect()) {
            const int frame = m_plot->viewport().height() - m_plot->axisRect()->height();
            const int least = frame + 3 * QFontMetrics(m_plot->yAxis->tickLabelFont()).height();
            if (least != minimumHeight()) setMinimumHeight(least);
        }
        if (updateRateTicks()) m_plot->replot(QCustomPlot::rpQueuedReplot);
    });
    rebuild();
}

int RateView::addPopulation(const QString& name, int size)
{
    Population p;
    p.name = name;
    p.size = std::max(size, 1);
    p.graph = m_plot->addGraph();
    p.graph->setName(name);
    p.graph->setLineStyle(QCPGraph::lsStepLeft);
    p.graph->setPen(QPen(paletteColour(populationCount()), plotLineWidth(1.4)));
    p.counts.assign(static_cast<std::size_t>(std::max<std::int64_t>(completeBins() - m_first, 0)), 0u);
    m_pops.push_back(p);
    rebuild();
    return populationCount() - 1;
}

QColor RateView::populationColour(int population) const
{
    if (population < 0 || population >= populationCount()) return {};
    return m_pops[static_cast<std::size_t>(population)].graph->pen().color();
}

void RateView::setBinWidth(double seconds)
{
    if (seconds <= 0.0) return;
    m_bin = seconds;
    const double now = m_now;
    clear();
    m_now = now;
    m_first = m_window > 0.0 ? std::max<std::int64_t>(binOf(m_now - m_window), 0) : 0;
    rebuild();
}

std::int64_t RateView::binOf(double t) const
{
    return static_cast<std::int64_t>(std::floor(t / m_bin + kEdgeMargin));
}

std::int64_t RateView::completeBins() const
{
    return binOf(m_now);
}

void RateView::appendSpikeTimes(int population, const std::vector<double>& timesSeconds)
{
    if (population < 0 || population >= populationCount()) return;
    Population& p = m_pops[static_cast<std::size_t>(population)];
    double latest = m_now;
    for (double t : timesSeconds) {
        const std::int64_t b = binOf(t);
        if (b < m_first) continue; // older than the window
        const auto k = static_cast<std::size_t>(b - m_first);
        if (k >= p.counts.size()) p.counts.resize(k + 1, 0u);
        ++p.counts[k];
        latest = std::max(latest, t);
    }
    // A spike at t means the simulation has reached t; its bin completes when time passes its end.
    m_now = latest;
    rebuild();
}

void RateView::advanceTo(double seconds)
{
    m_now = std::max(m_now, seconds);
    rebuild();
}

void RateView::setTimeWindow(double seconds)
{
    m_window = std::max(seconds, 0.0);
    rebuild();
}

void RateView::clear()
{
    for (Population& p : m_pops) p.counts.clear();
    m_now = 0.0;
    m_first = 0;
    rebuild();
}

int RateView::binCount() const
{
    return static_cast<int>(std::max<std::int64_t>(completeBins() - m_first, 0));
}

double RateView::binStart(int bin) const
{
    return static_cast<double>(m_first + bin) * m_bin;
}

double RateView::rate(int population, int bin) const
{
    if (population < 0 || population >= populationCount() || bin < 0 || bin >= binCount()) return 0.0;
    const Population& p = m_pops[static_cast<std::size_t>(population)];
    const auto k = static_cast<std::size_t>(bin);
    const double count = k < p.counts.size() ? p.counts[k] : 0.0;
    return count / (p.size * m_bin);
}

void RateView::rebuild()
{
    // Forget bins that ended before the window; the window starts on a bin edge.
    if (m_window > 0.0) {
        const std::int64_t first = std::max<std::int64_t>(binOf(m_now - m_window), 0);
        if (first > m_first) {
            for (Population& p : m_pops) {
                const auto drop = static_cast<std::size_t>(first - m_first);
                const auto n = static_cast<std::ptrdiff_t>(std::min(drop, p.counts.size()));
                p.counts.erase(p.counts.begin(), p.counts.begin() + n);
            }
            m_first = first;
        }
    }
    const int n = binCount();
    double top = 1.0;
    for (std::size_t i = 0; i < m_pops.size(); ++i) {
        QVector<double> keys(n + (n > 0 ? 1 : 0)), values(keys.size());
        for (int b = 0; b < n; ++b) {
            keys[b] = binStart(b);
            values[b] = rate(static_cast<int>(i), b);
            top = std::max(top, values[b]);
        }
        // One more point at the end of the last bin, so that its step is drawn to full width.
        if (n > 0) {
            keys[n] = binStart(n);
            values[n] = values[n - 1];
        }
        m_pops[i].graph->setData(keys, values, true);
    }
    m_plot->xAxis->setRange(liveTimeRange(m_now, m_window));
    m_plot->yAxis->setRange(0.0, top * 1.1);
    updateRateTicks();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

// The smallest nice step that leaves a label's height between ticks and shows at most five: the numbers
// of a short strip never overlap, and with three lines of room (the minimum height) two ticks or more
// fit, as nice steps are at most 2.5 times apart. A tall strip shows more.
bool RateView::updateRateTicks()
{
    const double range = m_plot->yAxis->range().size();
    const int height = m_plot->axisRect()->height();
    if (!(range > 0.0) || height <= 0) return false; // not laid out yet
    const double line = QFontMetrics(m_plot->yAxis->tickLabelFont()).height();
    const double step = niceStep(std::max(range / 5.0, line * range / height));
    if (step == m_rateTicks->tickStep()) return false;
    m_rateTicks->setTickStep(step);
    return true;
}

void RateView::alignWith(QCustomPlot* reference)
{
    connect(reference, &QCustomPlot::afterLayout, this, [this, reference] {
        const QMargins theirs = reference->axisRect()->margins();
        QCPAxisRect* rect = m_plot->axisRect();
        const QMargins mine = rect->margins();
        const bool same = mine.left() == theirs.left() && mine.right() == theirs.right();
        if (same && rect->autoMargins() == (QCP::msTop | QCP::msBottom)) return;
        rect->setAutoMargins(QCP::msTop | QCP::msBottom);
        rect->setMargins(QMargins(theirs.left(), mine.top(), theirs.right(), mine.bottom()));
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    });
}

void RateView::setTitle(const QString& title)
{
    setPlotTitle(*m_plot, title);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

bool RateView::savePng(const QString& path, int widthPx, int heightPx, double scale)
{
    return exportFigure(path, FigureSpec::fromPixels(widthPx, heightPx, scale));
}

QString RateView::csv() const
{
    QStringList header = {QStringLiteral("bin_start_s")};
    for (const Population& p : m_pops) header << p.name + QStringLiteral(" rate_Hz");
    QString out = csvLine(header);
    for (int b = 0; b < binCount(); ++b) {
        QStringList row = {csvNumber(binStart(b))};
        for (int p = 0; p < populationCount(); ++p) row << csvNumber(rate(p, b));
        out += row.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    return out;
}

} // namespace ss::widgets
