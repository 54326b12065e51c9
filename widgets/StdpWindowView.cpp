#include "widgets/StdpWindowView.h"

#include "widgets/PlotStyle.h"

#include <qcustomplot.h>

#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace ss::widgets {

namespace {

constexpr int kCurveSamples = 200; // per side
constexpr double kDefaultSpanMs = 50.0; // the range before any interval is known: -50..50 ms

} // namespace

StdpWindowView::StdpWindowView(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    applyPlotStyle(*m_plot);
    m_plot->xAxis->setLabel(QStringLiteral("pre-post interval t_post - t_pre (ms)"));
    setWeightUnit(m_unit);
    const QPen axisLine(QColor(0xA0, 0xA0, 0xA0), plotLineWidth(0.8), Qt::DashLine);
    for (const auto& [x, y] : {std::pair{1.0, 0.0}, std::pair{0.0, 1.0}}) {
        auto* line = new QCPItemStraightLine(m_plot);
        line->point1->setCoords(0.0, 0.0);
        line->point2->setCoords(x, y);
        line->setPen(axisLine);
    }
    // The rule in the second colour, the measured points in the first over it.
    const QColor rule = paletteColour(1), measured = paletteColour(0);
    m_depression = m_plot->addGraph();
    m_potentiation = m_plot->addGraph();
    for (QCPGraph* g : {m_depression, m_potentiation}) g->setPen(QPen(rule, plotLineWidth(1.6)));
    m_depression->setName(QStringLiteral("rule"));
    m_potentiation->removeFromLegend();
    m_points = m_plot->addGraph();
    m_points->setLineStyle(QCPGraph::lsNone);
    m_points->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, measured, measured, 6.0 * presenterScale()));
    m_points->setName(QStringLiteral("measured"));
    m_plot->legend->setVisible(true);
    m_plot->legend->setFont(plotFont());
    m_plot->legend->setBrush(QColor(255, 255, 255, 210));
    m_plot->legend->setBorderPen(Qt::NoPen);
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight); // dt > 0, dw < 0: empty
    setMinimumHeight(120);
    rescale();
}

void StdpWindowView::setWeightUnit(const QString& unit)
{
    m_unit = unit;
    m_plot->yAxis->setLabel(QStringLiteral("weight change per pairing (%1)").arg(unit));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void StdpWindowView::setTitle(const QString& title)
{
    setPlotTitle(*m_plot, title);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void StdpWindowView::setRule(double aPlus, double aMinus, double tauPlusMs, double tauMinusMs)
{
    m_hasRule = tauPlusMs > 0.0 && tauMinusMs > 0.0;
    m_aPlus = aPlus;
    m_aMinus = aMinus;
    m_tauPlus = tauPlusMs;
    m_tauMinus = tauMinusMs;
    rebuildCurves();
    rescale();
}

void StdpWindowView::clearRule()
{
    m_hasRule = false;
    rebuildCurves();
    rescale();
}

double StdpWindowView::ruleAt(double dtMs) const
{
    if (!m_hasRule) return 0.0;
    if (dtMs > 0.0) return m_aPlus * std::exp(-dtMs / m_tauPlus);
    if (dtMs < 0.0) return -m_aMinus * std::exp(dtMs / m_tauMinus);
    return 0.0;
}

void StdpWindowView::setPoints(const std::vector<double>& intervalsMs, const std::vector<double>& changes)
{
    const std::size_t n = std::min(intervalsMs.size(), changes.size());
    const bool sameIntervals = m_intervals.size() == n && std::equal(m_intervals.begin(), m_intervals.end(), intervalsMs.begin());
    m_intervals.assign(intervalsMs.begin(), intervalsMs.begin() + static_cast<std::ptrdiff_t>(n));
    m_changes.assign(changes.begin(), changes.begin() + static_cast<std::ptrdiff_t>(n));
    QVector<double> x, y;
    x.reserve(static_cast<int>(n));
    y.reserve(static_cast<int>(n));
    for (std::size_t k = 0; k < n; ++k) {
        if (!std::isfinite(m_changes[k]) || !std::isfinite(m_intervals[k])) continue;
        x << m_intervals[k];
        y << m_changes[k];
    }
    m_points->setData(x, y, false);
    if (!sameIntervals) rebuildCurves();
    rescale();
}

void StdpWindowView::clearPoints()
{
    setPoints({}, {});
}

int StdpWindowView::pointCount() const { return m_points->dataCount(); }

int StdpWindowView::curveSampleCount() const { return m_depression->dataCount() + m_potentiation->dataCount(); }

void StdpWindowView::rebuildCurves()
{
    if (!m_hasRule) {
        m_depression->data()->clear();
        m_potentiation->data()->clear();
        return;
    }
    double lo = -kDefaultSpanMs, hi = kDefaultSpanMs;
    if (!m_intervals.empty()) {
        const auto [mn, mx] = std::minmax_element(m_intervals.begin(), m_intervals.end());
        lo = std::min(*mn, 0.0);
        hi = std::max(*mx, 0.0);
    }
    // Each side up to dt = 0, where the rule jumps from -A- to +A+.
    const auto side = [this](QCPGraph* g, double from, double to, double sign) {
        QVector<double> x(kCurveSamples), y(kCurveSamples);
        for (int k = 0; k < kCurveSamples; ++k) {
            x[k] = from + (to - from) * k / (kCurveSamples - 1);
            y[k] = sign > 0 ? m_aPlus * std::exp(-x[k] / m_tauPlus) : -m_aMinus * std::exp(x[k] / m_tauMinus);
        }
        g->setData(x, y, true);
    };
    if (lo < 0.0) side(m_depression, lo, 0.0, -1.0);
    else m_depression->data()->clear();
    if (hi > 0.0) side(m_potentiation, 0.0, hi, +1.0);
    else m_potentiation->data()->clear();
}

void StdpWindowView::rescale()
{
    double lo = -kDefaultSpanMs, hi = kDefaultSpanMs;
    if (!m_intervals.empty()) {
        const auto [mn, mx] = std::minmax_element(m_intervals.begin(), m_intervals.end());
        lo = *mn;
        hi = *mx;
    }
    const double pad = std::max(1.0, 0.05 * (hi - lo));
    m_plot->xAxis->setRange(lo - pad, hi + pad);
    // Symmetric about zero, to the largest of the points and the rule's amplitudes.
    double top = m_hasRule ? std::max(m_aPlus, m_aMinus) : 0.0;
    for (double c : m_changes)
        if (std::isfinite(c)) top = std::max(top, std::abs(c));
    if (!(top > 0.0)) top = 1.0;
    m_plot->yAxis->setRange(-1.15 * top, 1.15 * top);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

bool StdpWindowView::savePng(const QString& path, int widthPx, int heightPx, double scale)
{
    return exportFigure(path, FigureSpec::fromPixels(widthPx, heightPx, scale));
}

QString StdpWindowView::csv() const
{
    QString out = csvLine({QStringLiteral("interval (ms)"), QStringLiteral("weight change per pairing (%1)").arg(m_unit),
                           QStringLiteral("rule (%1)").arg(m_unit)});
    for (std::size_t k = 0; k < m_intervals.size(); ++k)
        out += csvLine({csvNumber(m_intervals[k]), std::isfinite(m_changes[k]) ? csvNumber(m_changes[k]) : QString(),
                        m_hasRule ? csvNumber(ruleAt(m_intervals[k])) : QString()});
    return out;
}

} // namespace ss::widgets
