#include "widgets/HistogramView.h"

#include "widgets/PlotStyle.h"

#include <qcustomplot.h>

#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace ss::widgets {

HistogramView::HistogramView(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    applyPlotStyle(*m_plot);
    m_plot->yAxis->setLabel(QStringLiteral("count"));
    m_bars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    const QColor colour = paletteColour(0);
    m_bars->setPen(QPen(colour.darker(130), 0.8));
    m_bars->setBrush(colour.lighter(125));
    m_bars->setWidthType(QCPBars::wtPlotCoords);
    m_stats = new QCPItemText(m_plot);
    m_stats->setClipToAxisRect(false);
    m_stats->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_stats->position->setCoords(0.98, 0.02);
    m_stats->setPositionAlignment(Qt::AlignRight | Qt::AlignTop);
    m_stats->setTextAlignment(Qt::AlignLeft);
    m_stats->setFont(plotFont());
    m_stats->setColor(QColor(0x20, 0x20, 0x20));
    m_stats->setBrush(QColor(255, 255, 255, 210));
    m_stats->setPadding(QMargins(4, 2, 4, 2));
    setMinimumHeight(120);
    // The vertical range leaves room above the tallest bar for the corner text, which needs the axis
    // rect's height in pixels: known after each layout; a changed range is drawn by one more replot.
    connect(m_plot, &QCustomPlot::afterLayout, this, [this] {
        const double upper = topOfRange();
        if (std::abs(m_plot->yAxis->range().upper - upper) <= 1e-3 * upper) return;
        m_plot->yAxis->setRange(0.0, upper);
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    });
    setValues({}, kDefaultBins);
}

void HistogramView::setValues(const std::vector<double>& values, int bins)
{
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (double v : values) {
        if (!std::isfinite(v)) continue;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    if (!(lo <= hi)) { // no finite values
        lo = 0.0;
        hi = 1.0;
    } else if (lo == hi) { // one value: a bin of width 1 around it
        lo -= 0.5;
        hi += 0.5;
    }
    setValues(values, bins, lo, hi);
}

void HistogramView::setValues(const std::vector<double>& values, int bins, double lo, double hi)
{
    if (bins < 1 || !(hi > lo) || !std::isfinite(lo) || !std::isfinite(hi)) {
        setValues(values, std::max(bins, 1));
        return;
    }
    m_lo = lo;
    m_hi = hi;
    m_counts.assign(static_cast<std::size_t>(bins), 0);
    m_sorted.clear();
    m_outside = 0;
    const double width = (hi - lo) / bins;
    double sum = 0.0;
    for (double v : values) {
        if (!std::isfinite(v)) continue;
        m_sorted.push_back(v);
        sum += v;
        if (v < lo || v > hi) {
            ++m_outside;
            continue;
        }
        const auto b = std::min(static_cast<int>(std::floor((v - lo) / width)), bins - 1);
        ++m_counts[static_cast<std::size_t>(b)];
    }
    m_n = static_cast<int>(m_sorted.size());
    m_mean = m_n > 0 ? sum / m_n : 0.0;
    m_median = 0.0;
    if (m_n > 0) {
        // The middle value, or the mean of the two middle values of an even count.
        const auto half = m_sorted.begin() + m_n / 2;
        std::nth_element(m_sorted.begin(), half, m_sorted.end());
        m_median = *half;
        if (m_n % 2 == 0) m_median = 0.5 * (m_median + *std::max_element(m_sorted.begin(), half));
    }
    rebuild();
}

void HistogramView::clear()
{
    setValues({}, binCount() > 0 ? binCount() : kDefaultBins);
}

void HistogramView::setLabels(const QString& xLabel, const QString& yLabel)
{
    m_plot->xAxis->setLabel(xLabel);
    m_plot->yAxis->setLabel(yLabel);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void HistogramView::setTitle(const QString& title)
{
    setPlotTitle(*m_plot, title);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void HistogramView::setNote(const QString& note)
{
    if (note == m_note) return;
    m_note = note;
    rebuild();
}

int HistogramView::count(int bin) const
{
    return bin < 0 || bin >= binCount() ? 0 : m_counts[static_cast<std::size_t>(bin)];
}

int HistogramView::binnedCount() const
{
    int total = 0;
    for (int c : m_counts) total += c;
    return total;
}

QString HistogramView::statisticsText() const
{
    QString text = QStringLiteral("n = %1\nmean = %2\nmedian = %3")
                       .arg(m_n)
                       .arg(QString::number(m_mean, 'g', 4), QString::number(m_median, 'g', 4));
    if (m_outside > 0) text += QStringLiteral("\noutside range: %1").arg(m_outside);
    if (!m_note.isEmpty()) text += QLatin1Char('\n') + m_note;
    return text;
}

void HistogramView::rebuild()
{
    const double width = binWidth();
    QVector<double> keys(binCount()), heights(binCount());
    for (int b = 0; b < binCount(); ++b) {
        keys[b] = m_lo + (b + 0.5) * width;
        heights[b] = m_counts[static_cast<std::size_t>(b)];
    }
    m_bars->setWidth(width);
    m_bars->setData(keys, heights, true);
    m_plot->xAxis->setRange(m_lo, m_hi);
    m_stats->setText(statisticsText());
    m_plot->yAxis->setRange(0.0, topOfRange());
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

double HistogramView::topOfRange() const
{
    const int top = std::max(1, m_counts.empty() ? 1 : *std::max_element(m_counts.begin(), m_counts.end()));
    // The text's share of the axis rect's height (a guess of 200 px before the first layout).
    const int lines = static_cast<int>(m_stats->text().count(QLatin1Char('\n'))) + 1;
    const double textPx = QFontMetricsF(m_stats->font()).lineSpacing() * lines + 12.0;
    const int rectPx = m_plot->axisRect()->height() > 0 ? m_plot->axisRect()->height() : 200;
    const double share = std::clamp(textPx / rectPx, 0.1, 0.7);
    return top / (1.0 - share);
}

bool HistogramView::savePng(const QString& path, int widthPx, int heightPx, double scale)
{
    return exportFigure(path, FigureSpec::fromPixels(widthPx, heightPx, scale));
}

QString HistogramView::csv() const
{
    const QString x = m_plot->xAxis->label().isEmpty() ? QStringLiteral("value") : m_plot->xAxis->label();
    const QString y = m_plot->yAxis->label().isEmpty() ? QStringLiteral("count") : m_plot->yAxis->label();
    QString out = csvLine({x + QStringLiteral(" from"), x + QStringLiteral(" to"), y});
    for (int b = 0; b < binCount(); ++b)
        out += csvLine({csvNumber(m_lo + b * binWidth()), csvNumber(m_lo + (b + 1) * binWidth()), QString::number(count(b))});
    return out;
}

} // namespace ss::widgets
