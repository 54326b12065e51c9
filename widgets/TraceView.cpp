#include "widgets/TraceView.h"

#include "widgets/PlotStyle.h"

#include <qcustomplot.h>

#include <QVBoxLayout>

#include <algorithm>
#include <limits>

namespace ss::widgets {

namespace {

// A vertical tick 10 px tall standing on the data point (custom paths are in pixels at size 6).
QPainterPath spikeTick()
{
    QPainterPath p;
    p.moveTo(0, 0);
    p.lineTo(0, -10);
    return p;
}

} // namespace

TraceView::TraceView(QWidget* parent)
    : QWidget(parent), m_plot(new QCustomPlot(this)), m_thresholdLine(new QCPItemStraightLine(m_plot)),
      m_thresholdLabel(new QCPItemText(m_plot)), m_legendRow(new QCPLayoutGrid)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    applyPlotStyle(*m_plot);
    m_plot->xAxis->setLabel(QStringLiteral("time (s)"));
    m_plot->yAxis->setLabel(QStringLiteral("membrane potential (mV)"));

    QPen dashed(QColor(0x40, 0x40, 0x40), 1.0, Qt::DashLine);
    m_thresholdLine->setPen(dashed);
    m_thresholdLine->setVisible(false);
    m_thresholdLabel->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
    m_thresholdLabel->position->setTypeY(QCPItemPosition::ptPlotCoords);
    m_thresholdLabel->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
    m_thresholdLabel->setPadding(QMargins(0, 0, 4, 2));
    m_thresholdLabel->setFont(plotFont());
    m_thresholdLabel->setColor(QColor(0x40, 0x40, 0x40));
    m_thresholdLabel->setText(QStringLiteral("threshold"));
    m_thresholdLabel->setVisible(false);

    // The legend is one row between the title and the axes, where it never hides a trace.
    m_plot->legend->setFont(plotFont());
    m_plot->legend->setBorderPen(Qt::NoPen);
    m_plot->legend->setBrush(Qt::NoBrush);
    m_plot->legend->setFillOrder(QCPLegend::foColumnsFirst);
    m_plot->legend->setColumnSpacing(16);
    m_plot->legend->setMargins(QMargins(0, 2, 0, 0));
    m_plot->axisRect()->insetLayout()->take(m_plot->legend);
    m_legendRow->setParent(m_plot); // owned by the plot while it is out of the layout
    // Empty elements, not empty cells: a grid without a plot cannot adopt empty cells later.
    m_legendRow->addElement(0, 0, new QCPLayoutElement(m_plot));
    m_legendRow->addElement(0, 1, m_plot->legend);
    m_legendRow->addElement(0, 2, new QCPLayoutElement(m_plot));
    m_legendRow->setColumnStretchFactors({1.0, 0.001, 1.0});
    m_plot->legend->setVisible(false);
    updateRanges();
}

void TraceView::highlightTrace(int index)
{
    // A layer above "main" holds the highlighted trace, so that it is drawn over the others.
    QCPLayer* front = m_plot->layer(QStringLiteral("highlight"));
    if (!front) {
        m_plot->addLayer(QStringLiteral("highlight"), m_plot->layer(QStringLiteral("main")), QCustomPlot::limAbove);
        front = m_plot->layer(QStringLiteral("highlight"));
    }
    m_highlight = trace(index) ? index : -1;
    for (std::size_t i = 0; i < m_traces.size(); ++i) {
        const bool on = static_cast<int>(i) == m_highlight;
        QPen pen = m_traces[i].line->pen();
        pen.setWidthF(plotLineWidth(on ? 2.6 : 1.2));
        m_traces[i].line->setPen(pen);
        m_traces[i].line->setLayer(on ? front : m_plot->layer(QStringLiteral("main")));
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TraceView::clearTraces()
{
    m_highlight = -1;
    for (const Trace& t : m_traces) {
        m_plot->removeGraph(t.line);
        m_plot->removeGraph(t.spikes);
    }
    m_traces.clear();
}

void TraceView::setTraces(const std::vector<double>& timesSeconds, const std::vector<std::vector<double>>& values,
                          const QStringList& labels)
{
    clearTraces();
    m_low = std::numeric_limits<double>::infinity();
    m_high = -m_low;
    QVector<double> keys(timesSeconds.begin(), timesSeconds.end());
    for (std::size_t i = 0; i < values.size(); ++i) {
        const auto row = static_cast<qsizetype>(i);
        Trace& t = makeTrace(row < labels.size() ? labels[row] : QString::number(i));
        const std::size_t n = std::min(values[i].size(), timesSeconds.size());
        QVector<double> v(static_cast<qsizetype>(n));
        for (std::size_t k = 0; k < n; ++k) {
            v[static_cast<qsizetype>(k)] = values[i][k] * m_scale;
            m_low = std::min(m_low, v[static_cast<qsizetype>(k)]);
            m_high = std::max(m_high, v[static_cast<qsizetype>(k)]);
        }
        t.line->setData(keys.mid(0, static_cast<qsizetype>(n)), v, true);
    }
    m_start = timesSeconds.empty() ? 0.0 : timesSeconds.front();
    m_end = timesSeconds.empty() ? 0.0 : timesSeconds.back();
    showLegend(m_traces.size() > 1);
    updateMarkers();
}

TraceView::Trace& TraceView::makeTrace(const QString& label)
{
    const QColor colour = paletteColour(static_cast<int>(m_traces.size()));
    Trace t;
    t.line = m_plot->addGraph();
    t.line->setPen(QPen(colour, plotLineWidth(1.2)));
    t.line->setName(label);
    t.spikes = m_plot->addGraph();
    t.spikes->setLineStyle(QCPGraph::lsNone);
    t.spikes->setScatterStyle(QCPScatterStyle(spikeTick(), QPen(colour, 1.5), Qt::NoBrush, 6.0));
    t.spikes->removeFromLegend();
    m_traces.push_back(t);
    return m_traces.back();
}

void TraceView::addTrace(const QString& label)
{
    makeTrace(label);
    showLegend(m_traces.size() > 1);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TraceView::appendSamples(const std::vector<double>& timesSeconds, const std::vector<std::vector<double>>& values)
{
    if (timesSeconds.empty()) return;
    const auto n = static_cast<qsizetype>(timesSeconds.size());
    QVector<double> keys(timesSeconds.begin(), timesSeconds.end());
    const bool sorted = std::is_sorted(timesSeconds.begin(), timesSeconds.end());
    for (std::size_t i = 0; i < m_traces.size() && i < values.size(); ++i) {
        if (static_cast<qsizetype>(values[i].size()) < n) continue;
        QVector<double> v(n);
        for (qsizetype k = 0; k < n; ++k) {
            v[k] = values[i][static_cast<std::size_t>(k)] * m_scale;
            m_low = std::min(m_low, v[k]);
            m_high = std::max(m_high, v[k]);
        }
        m_traces[i].line->addData(keys, v, sorted);
    }
    m_end = std::max(m_end, timesSeconds.back());
    setTimeWindow(m_window);
}

void TraceView::setTimeWindow(double seconds)
{
    m_window = std::max(seconds, 0.0);
    if (m_window > 0.0) {
        m_start = m_end - m_window;
        for (Trace& t : m_traces) {
            t.line->data()->removeBefore(m_start);
            t.spikes->data()->removeBefore(m_start);
            std::erase_if(t.spikeTimes, [this](double time) { return time < m_start; });
        }
    }
    updateRanges();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TraceView::clearSamples()
{
    for (Trace& t : m_traces) {
        t.line->data()->clear();
        t.spikeTimes.clear();
    }
    m_low = std::numeric_limits<double>::infinity();
    m_high = -m_low;
    m_start = m_end = 0.0;
    updateMarkers();
}

void TraceView::showLegend(bool show)
{
    QCPLayoutGrid* layout = m_plot->plotLayout();
    const bool placed = m_legendRow->layout() != nullptr;
    if (show && !placed) {
        int row = 0;
        while (row < layout->rowCount() && layout->element(row, 0) != m_plot->axisRect()) ++row;
        layout->insertRow(row);
        layout->addElement(row, 0, m_legendRow);
        layout->setRowStretchFactor(row, 0.001);
    } else if (!show && placed) {
        layout->take(m_legendRow);
        layout->simplify();
    }
    m_plot->legend->setVisible(show);
}

const TraceView::Trace* TraceView::trace(int index) const
{
    return index >= 0 && index < traceCount() ? &m_traces[static_cast<std::size_t>(index)] : nullptr;
}

int TraceView::sampleCount(int index) const
{
    const Trace* t = trace(index);
    return t ? t->line->dataCount() : 0;
}

QColor TraceView::traceColour(int index) const
{
    const Trace* t = trace(index);
    return t ? t->line->pen().color() : QColor();
}

void TraceView::setThreshold(double value)
{
    m_threshold = value;
    updateMarkers();
}

void TraceView::clearThreshold()
{
    m_threshold.reset();
    updateMarkers();
}

void TraceView::setSpikes(const std::vector<std::vector<double>>& timesPerTrace)
{
    for (std::size_t i = 0; i < m_traces.size(); ++i)
        m_traces[i].spikeTimes = i < timesPerTrace.size() ? timesPerTrace[i] : std::vector<double>{};
    updateMarkers();
}

void TraceView::setTraceNeurons(const std::vector<int>& neurons)
{
    m_traceOf.clear();
    for (std::size_t j = 0; j < neurons.size(); ++j) {
        if (neurons[j] < 0) continue;
        const auto n = static_cast<std::size_t>(neurons[j]);
        if (n >= m_traceOf.size()) m_traceOf.resize(n + 1, -1);
        m_traceOf[n] = static_cast<int>(j);
    }
}

void TraceView::appendSpikes(const std::vector<int>& neurons, const std::vector<double>& timesSeconds)
{
    bool added = false;
    for (std::size_t e = 0; e < std::min(neurons.size(), timesSeconds.size()); ++e) {
        const auto n = static_cast<std::size_t>(neurons[e]);
        if (neurons[e] < 0 || n >= m_traceOf.size() || m_traceOf[n] < 0 || m_traceOf[n] >= traceCount()) continue;
        m_traces[static_cast<std::size_t>(m_traceOf[n])].spikeTimes.push_back(timesSeconds[e]);
        added = true;
    }
    if (added) updateMarkers();
}

int TraceView::spikeMarkerCount(int index) const
{
    const Trace* t = trace(index);
    return t ? t->spikes->dataCount() : 0;
}

void TraceView::setTimeRange(double startSeconds, double endSeconds)
{
    m_start = startSeconds;
    m_end = endSeconds;
    updateRanges();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TraceView::setValueAxis(const QString& label, double scale)
{
    m_plot->yAxis->setLabel(label);
    m_scale = scale;
}

void TraceView::setTitle(const QString& title)
{
    setPlotTitle(*m_plot, title);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

bool TraceView::savePng(const QString& path, int widthPx, int heightPx, double scale)
{
    return exportFigure(path, FigureSpec::fromPixels(widthPx, heightPx, scale));
}

void TraceView::updateMarkers()
{
    const bool haveData = m_low <= m_high;
    const double span = haveData ? std::max(m_high - m_low, 1e-9) : 1.0;
    const double markerY = m_threshold ? *m_threshold * m_scale : (haveData ? m_high + 0.02 * span : 0.0);
    for (Trace& t : m_traces) {
        QVector<double> y(static_cast<qsizetype>(t.spikeTimes.size()), markerY);
        t.spikes->setData(QVector<double>(t.spikeTimes.begin(), t.spikeTimes.end()), y);
    }
    m_thresholdLine->setVisible(m_threshold.has_value());
    m_thresholdLabel->setVisible(m_threshold.has_value());
    if (m_threshold) {
        m_thresholdLine->point1->setCoords(0.0, markerY);
        m_thresholdLine->point2->setCoords(1.0, markerY);
        m_thresholdLabel->position->setCoords(1.0, markerY);
    }
    updateRanges();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TraceView::updateRanges()
{
    double low = m_low, high = m_high;
    if (m_threshold) {
        low = std::min(low, *m_threshold * m_scale);
        high = std::max(high, *m_threshold * m_scale);
    }
    if (!(low <= high)) {
        low = 0.0;
        high = 1.0;
    }
    const double span = std::max(high - low, 1e-9);
    // Headroom above for the spike ticks (10 px of a few hundred) and a little below.
    m_plot->yAxis->setRange(low - 0.05 * span, high + 0.12 * span);
    m_plot->xAxis->setRange(m_start, m_end > m_start ? m_end : m_start + 1e-3);
}

QString TraceView::csv() const
{
    // The unit in the value axis's label ("membrane potential (mV)" -> mV).
    const QString label = m_plot->yAxis->label();
    const qsizetype open = label.lastIndexOf(QLatin1Char('('));
    const QString unit = open >= 0 && label.endsWith(QLatin1Char(')')) ? label.mid(open) : QString();
    QStringList header = {QStringLiteral("time_s")};
    for (const Trace& t : m_traces) header << (unit.isEmpty() ? t.line->name() : t.line->name() + QLatin1Char(' ') + unit);
    QString out = csvLine(header);
    // Traces share their sample times (setTraces, appendSamples); a shorter one leaves its cells empty.
    const QCPGraphDataContainer* keys = m_traces.empty() ? nullptr : m_traces.front().line->data().data();
    for (int k = 0; keys && k < keys->size(); ++k) {
        QStringList row = {csvNumber((keys->constBegin() + k)->key)};
        for (const Trace& t : m_traces)
            row << (k < t.line->dataCount() ? csvNumber((t.line->data()->constBegin() + k)->value) : QString());
        out += row.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    return out;
}

} // namespace ss::widgets
