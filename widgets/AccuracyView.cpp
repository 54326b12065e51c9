#include "widgets/AccuracyView.h"

#include "widgets/PlotStyle.h"

#include <qcustomplot.h>

#include <QVBoxLayout>

#include <algorithm>

namespace ss::widgets {

AccuracyView::AccuracyView(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    applyPlotStyle(*m_plot);
    m_plot->xAxis->setLabel(QStringLiteral("samples shown"));
    useReadableTicks(*m_plot->xAxis); // "10000" and beyond need room at the width of a dock
    m_plot->yAxis->setLabel(QStringLiteral("accuracy (%)"));
    m_plot->yAxis->setRange(-kMargin, 100.0 + kMargin);
    m_plot->xAxis->setRange(0.0, 1.0);
    m_plot->legend->setVisible(true);
    m_plot->legend->setFont(plotFont());
    m_plot->legend->setBrush(QColor(255, 255, 255, 210));
    m_plot->legend->setBorderPen(Qt::NoPen);
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
    m_chanceLine = new QCPItemStraightLine(m_plot);
    m_chanceLine->setPen(QPen(QColor(0x70, 0x70, 0x70), 1.0, Qt::DashLine));
    m_chanceLine->setVisible(false);
    setMinimumHeight(120);
}

void AccuracyView::setCurve(const QString& phase, const std::vector<double>& samples, const std::vector<double>& percent)
{
    auto it = m_curves.find(phase);
    if (it == m_curves.end()) {
        QCPGraph* g = m_plot->addGraph();
        const QColor colour = paletteColour(static_cast<int>(m_curves.size()));
        g->setPen(QPen(colour, plotLineWidth(1.8)));
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, colour, colour, 5));
        g->setName(phase);
        it = m_curves.emplace(phase, g).first;
    }
    const auto n = static_cast<int>(std::min(samples.size(), percent.size()));
    QVector<double> x(n), y(n);
    for (int k = 0; k < n; ++k) {
        x[k] = samples[static_cast<std::size_t>(k)];
        y[k] = percent[static_cast<std::size_t>(k)];
    }
    it->second->setData(x, y, true);
    rescale();
}

void AccuracyView::setLoss(const std::vector<double>& samples, const std::vector<double>& loss)
{
    if (!m_loss) {
        m_loss = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis2);
        m_loss->setPen(QPen(QColor(0x40, 0x40, 0x40), plotLineWidth(1.2)));
        m_loss->setName(QStringLiteral("loss (right axis)"));
        m_plot->yAxis2->setVisible(true);
        m_plot->yAxis2->setLabel(QStringLiteral("loss (cross-entropy)"));
    }
    const auto n = static_cast<int>(std::min(samples.size(), loss.size()));
    QVector<double> x(n), y(n);
    for (int k = 0; k < n; ++k) {
        x[k] = samples[static_cast<std::size_t>(k)];
        y[k] = loss[static_cast<std::size_t>(k)];
    }
    m_loss->setData(x, y, true);
    rescale();
}

int AccuracyView::lossPointCount() const { return m_loss ? m_loss->dataCount() : 0; }

QPointF AccuracyView::lossPoint(int k) const
{
    if (!m_loss || k < 0 || k >= m_loss->dataCount()) return {};
    const auto p = m_loss->data()->at(k);
    return {p->key, p->value};
}

void AccuracyView::setClasses(int classes)
{
    m_chance = classes >= 1 ? 100.0 / classes : 0.0;
    m_chanceLine->setVisible(classes >= 1);
    m_chanceLine->point1->setCoords(0.0, m_chance);
    m_chanceLine->point2->setCoords(1.0, m_chance);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void AccuracyView::clear()
{
    for (auto& [phase, g] : m_curves) g->data()->clear();
    rescale();
}

void AccuracyView::setTitle(const QString& title)
{
    setPlotTitle(*m_plot, title);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

int AccuracyView::pointCount(const QString& phase) const
{
    const auto it = m_curves.find(phase);
    return it == m_curves.end() ? 0 : it->second->dataCount();
}

QPointF AccuracyView::point(const QString& phase, int k) const
{
    const auto it = m_curves.find(phase);
    if (it == m_curves.end() || k < 0 || k >= it->second->dataCount()) return {};
    const auto p = it->second->data()->at(k);
    return {p->key, p->value};
}

void AccuracyView::rescale()
{
    double right = 0.0;
    for (const auto& [phase, g] : m_curves)
        if (!g->data()->isEmpty()) right = std::max(right, (g->data()->constEnd() - 1)->key);
    if (m_loss && !m_loss->data()->isEmpty()) {
        right = std::max(right, (m_loss->data()->constEnd() - 1)->key);
        bool found = false;
        const QCPRange range = m_loss->data()->valueRange(found);
        m_plot->yAxis2->setRange(0.0, found && range.upper > 0.0 ? range.upper * 1.05 : 1.0);
    }
    m_plot->xAxis->setRange(0.0, right > 0.0 ? right * 1.03 : 1.0);
    m_plot->yAxis->setRange(-kMargin, 100.0 + kMargin);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

bool AccuracyView::savePng(const QString& path, int widthPx, int heightPx, double scale)
{
    return exportFigure(path, FigureSpec::fromPixels(widthPx, heightPx, scale));
}

QString AccuracyView::csv() const
{
    QString out = csvLine({QStringLiteral("phase"), QStringLiteral("samples"), QStringLiteral("accuracy_percent")});
    for (const auto& [phase, graph] : m_curves)
        for (const QCPGraphData& d : *graph->data()) out += csvLine({phase, csvNumber(d.key), csvNumber(d.value)});
    if (m_loss)
        for (const QCPGraphData& d : *m_loss->data())
            out += csvLine({QStringLiteral("loss"), csvNumber(d.key), csvNumber(d.value)});
    return out;
}

} // namespace ss::widgets
