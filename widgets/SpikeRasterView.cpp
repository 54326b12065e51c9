#include "widgets/SpikeRasterView.h"

#include "widgets/PlotStyle.h"

#include <qcustomplot.h>

#include <QMouseEvent>
#include <QToolTip>
#include <QVBoxLayout>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace ss::widgets {

SpikeRasterView::SpikeRasterView(QWidget* parent)
    : QWidget(parent), m_plot(new QCustomPlot(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    applyPlotStyle(*m_plot);
    m_plot->xAxis->setLabel(QStringLiteral("time (s)"));
    m_plot->yAxis->setLabel(QStringLiteral("neuron"));
    auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssNone);
    m_plot->yAxis->setTicker(ticker);
    // Scatter dots are drawn crisp: at raster densities smoothing only blurs neighbouring rows together.
    m_plot->setNotAntialiasedElements(QCP::aeScatters);
    // QCustomPlot pans; the wheel, hover, click and double-click go through eventFilter().
    m_plot->setInteractions(QCP::iRangeDrag);
    m_plot->axisRect()->setRangeDrag(Qt::Horizontal | Qt::Vertical);
    m_plot->setMouseTracking(true);
    m_plot->installEventFilter(this);
    connect(m_plot->yAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, [this] { updateNeuronTicks(); });
    updateRanges();
}

int SpikeRasterView::addPopulation(const QString& name, int size)
{
    Band band;
    band.name = name;
    band.offset = m_rows;
    band.size = std::max(size, 0);
    const QColor colour = paletteColour(populationCount());

    band.graph = m_plot->addGraph();
    band.graph->setName(name);
    band.graph->setLineStyle(QCPGraph::lsNone);
    // A scatter style without a pen falls back to the graph's pen: none, so that dots are filled squares.
    band.graph->setPen(Qt::NoPen);
    band.graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, QPen(Qt::NoPen), QBrush(colour), 2.0));
    band.graph->setAntialiasedScatters(false);

    band.label = new QCPItemText(m_plot);
    band.label->setClipToAxisRect(false);
    band.label->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
    band.label->position->setTypeY(QCPItemPosition::ptPlotCoords);
    band.label->position->setCoords(1.0, band.offset + 0.5 * band.size - 0.5);
    band.label->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    band.label->setPadding(QMargins(8, 0, 0, 0));
    band.label->setFont(plotFont());
    band.label->setColor(colour);
    band.label->setText(name);

    if (band.offset > 0) {
        band.separator = new QCPItemStraightLine(m_plot);
        band.separator->setPen(QPen(QColor(0x90, 0x90, 0x90), 0.8));
        band.separator->point1->setCoords(0.0, band.offset - 0.5);
        band.separator->point2->setCoords(1.0, band.offset - 0.5);
    }
    m_rows += band.size;
    m_bands.push_back(band);
    updateLabelMargin();
    updateRanges();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    return populationCount() - 1;
}

const SpikeRasterView::Band* SpikeRasterView::band(int population) const
{
    return population >= 0 && population < populationCount() ? &m_bands[static_cast<std::size_t>(population)] : nullptr;
}

QString SpikeRasterView::populationName(int population) const
{
    const Band* b = band(population);
    return b ? b->name : QString();
}

QColor SpikeRasterView::populationColour(int population) const
{
    const Band* b = band(population);
    return b ? b->graph->scatterStyle().brush().color() : QColor();
}

void SpikeRasterView::setPopulationColour(int population, const QColor& colour)
{
    const Band* b = band(population);
    if (!b) return;
    QCPScatterStyle style = b->graph->scatterStyle();
    style.setBrush(colour);
    b->graph->setScatterStyle(style);
    b->label->setColor(colour);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

int SpikeRasterView::populationOffset(int population) const
{
    const Band* b = band(population);
    return b ? b->offset : -1;
}

void SpikeRasterView::appendSpikes(int population, const std::vector<int>& neurons,
                                   const std::vector<double>& timesSeconds)
{
    const Band* b = band(population);
    if (!b) return;
    const std::size_t n = std::min(neurons.size(), timesSeconds.size());
    if (n > 0) {
        QVector<QCPGraphData> batch;
        batch.reserve(static_cast<qsizetype>(n));
        for (std::size_t k = 0; k < n; ++k) batch.append(QCPGraphData(timesSeconds[k], b->offset + neurons[k]));
        const auto end = timesSeconds.begin() + static_cast<std::ptrdiff_t>(n);
        b->graph->data()->add(batch, std::is_sorted(timesSeconds.begin(), end));
        m_now = std::max(m_now, (b->graph->data()->constEnd() - 1)->key);
    }
    advanceTo(m_now);
}

void SpikeRasterView::advanceTo(double seconds)
{
    m_now = std::max(m_now, seconds);
    // While the user looks at an older stretch, what is on screen stays.
    const double keep = m_follow ? m_now - m_window : std::min(m_now - m_window, m_plot->xAxis->range().lower);
    if (m_window > 0.0)
        for (const Band& b : m_bands) b.graph->data()->removeBefore(keep);
    updateRanges();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void SpikeRasterView::setTimeWindow(double seconds)
{
    m_window = std::max(seconds, 0.0);
    advanceTo(m_now);
}

void SpikeRasterView::clearSpikes()
{
    for (const Band& b : m_bands) b.graph->data()->clear();
    m_now = 0.0;
    updateRanges();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

int SpikeRasterView::spikeCount(int population) const
{
    const Band* b = band(population);
    return b ? b->graph->dataCount() : 0;
}

void SpikeRasterView::setTitle(const QString& title)
{
    setPlotTitle(*m_plot, title);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

bool SpikeRasterView::savePng(const QString& path, int widthPx, int heightPx, double scale)
{
    return exportFigure(path, FigureSpec::fromPixels(widthPx, heightPx, scale));
}

void SpikeRasterView::updateRanges()
{
    if (!m_follow) return;
    m_plot->xAxis->setRange(liveTimeRange(m_now, m_window));
    const int rows = std::max(m_rows, 1);
    m_plot->yAxis->setRange(-0.5, rows - 0.5);
    updateNeuronTicks();
}

void SpikeRasterView::updateNeuronTicks()
{
    const QCPRange range = m_plot->yAxis->range();
    if (auto ticker = m_plot->yAxis->ticker().dynamicCast<QCPAxisTickerFixed>())
        ticker->setTickStep(std::max(1.0, niceStep(range.size() / 5.0))); // whole neurons
    // Labels sit outside the axis rect (not clipped): hide those of bands scrolled out of view.
    for (const Band& b : m_bands) b.label->setVisible(range.contains(b.offset + 0.5 * b.size - 0.5));
}

void SpikeRasterView::stopFollowing()
{
    m_follow = false;
}

void SpikeRasterView::follow()
{
    m_follow = true;
    advanceTo(m_now);
}

SpikeRasterView::Hit SpikeRasterView::hitAt(QPointF plotPos) const
{
    Hit hit;
    const QRect area = m_plot->axisRect()->rect();
    if (!area.contains(plotPos.toPoint()) || m_bands.empty()) return hit;
    const QCPAxis* x = m_plot->xAxis;
    const QCPAxis* y = m_plot->yAxis;
    const double r = kHitRadius;
    const double tLow = std::min(x->pixelToCoord(plotPos.x() - r), x->pixelToCoord(plotPos.x() + r));
    const double tHigh = std::max(x->pixelToCoord(plotPos.x() - r), x->pixelToCoord(plotPos.x() + r));
    const double rowLow = std::min(y->pixelToCoord(plotPos.y() - r), y->pixelToCoord(plotPos.y() + r));
    const double rowHigh = std::max(y->pixelToCoord(plotPos.y() - r), y->pixelToCoord(plotPos.y() + r));
    double best = r * r;
    for (std::size_t p = 0; p < m_bands.size(); ++p) {
        const Band& b = m_bands[p];
        if (b.offset + b.size - 0.5 < rowLow || b.offset - 0.5 > rowHigh) continue;
        const auto& spikes = *b.graph->data();
        for (auto it = spikes.findBegin(tLow, false); it != spikes.constEnd() && it->key <= tHigh; ++it) {
            if (it->value < rowLow || it->value > rowHigh) continue;
            const double dx = x->coordToPixel(it->key) - plotPos.x();
            const double dy = y->coordToPixel(it->value) - plotPos.y();
            if (dx * dx + dy * dy > best) continue;
            best = dx * dx + dy * dy;
            hit = Hit{static_cast<int>(p), static_cast<int>(std::lround(it->value)) - b.offset, it->key, true};
        }
    }
    if (hit.spike) return hit;
    const auto row = static_cast<int>(std::lround(y->pixelToCoord(plotPos.y())));
    for (std::size_t p = 0; p < m_bands.size(); ++p)
        if (row >= m_bands[p].offset && row < m_bands[p].offset + m_bands[p].size)
            return Hit{static_cast<int>(p), row - m_bands[p].offset, x->pixelToCoord(plotPos.x()), false};
    return hit;
}

QString SpikeRasterView::describe(const Hit& hit) const
{
    if (hit.population < 0) return {};
    const QString where = tr("%1: neuron %2").arg(populationName(hit.population)).arg(hit.neuron);
    return hit.spike ? tr("%1\nspike at %2 s").arg(where).arg(hit.time, 0, 'f', 4)
                     : tr("%1\nt = %2 s").arg(where).arg(hit.time, 0, 'f', 4);
}

void SpikeRasterView::zoomAbout(QPointF plotPos, double factor, bool vertical)
{
    stopFollowing();
    if (vertical) m_plot->yAxis->scaleRange(factor, m_plot->yAxis->pixelToCoord(plotPos.y()));
    else m_plot->xAxis->scaleRange(factor, m_plot->xAxis->pixelToCoord(plotPos.x()));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

bool SpikeRasterView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched != m_plot) return QWidget::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::Wheel: {
        auto* e = static_cast<QWheelEvent*>(event);
        // Shift turns a vertical wheel into a horizontal one on some platforms: take either delta.
        const QPoint delta = e->angleDelta();
        const double notches = (delta.y() != 0 ? delta.y() : delta.x()) / 120.0;
        if (notches != 0.0) zoomAbout(e->position(), std::pow(kWheelZoom, notches), e->modifiers() & Qt::ShiftModifier);
        return true;
    }
    case QEvent::MouseButtonPress: {
        auto* e = static_cast<QMouseEvent*>(event);
        m_pressed = e->button() == Qt::LeftButton;
        m_dragged = false;
        m_pressPos = e->position();
        QToolTip::hideText();
        return false;
    }
    case QEvent::MouseMove: {
        auto* e = static_cast<QMouseEvent*>(event);
        if (e->buttons() & Qt::LeftButton) {
            if (m_pressed && !m_dragged && (e->position() - m_pressPos).manhattanLength() > 4.0) {
                m_dragged = true;
                stopFollowing();
            }
            return false;
        }
        const QString text = describe(hitAt(e->position()));
        if (text.isEmpty()) QToolTip::hideText();
        else QToolTip::showText(e->globalPosition().toPoint(), text, m_plot);
        return false;
    }
    case QEvent::MouseButtonRelease: {
        auto* e = static_cast<QMouseEvent*>(event);
        if (m_pressed && !m_dragged && e->button() == Qt::LeftButton) {
            const Hit hit = hitAt(e->position());
            if (hit.population >= 0) emit neuronClicked(hit.population, hit.neuron);
        }
        m_pressed = false;
        return false;
    }
    case QEvent::MouseButtonDblClick:
        follow();
        return true;
    default: return false;
    }
}

void SpikeRasterView::updateLabelMargin()
{
    const QFontMetrics metrics(plotFont());
    int widest = 0;
    for (const Band& b : m_bands) widest = std::max(widest, metrics.horizontalAdvance(b.name));
    m_plot->axisRect()->setMinimumMargins(QMargins(0, 0, widest + 16, 0));
}

QString SpikeRasterView::csv() const
{
    QString out = csvLine({QStringLiteral("time_ms"), QStringLiteral("neuron"), QStringLiteral("population")});
    for (const Band& b : m_bands) {
        const QString name = csvField(b.name);
        for (const QCPGraphData& d : *b.graph->data())
            out += csvNumber(d.key * 1e3) + QLatin1Char(',') + QString::number(std::lround(d.value) - b.offset) +
                   QLatin1Char(',') + name + QLatin1Char('\n');
    }
    return out;
}

} // namespace ss::widgets
