#include "widgets/PlotStyle.h"

#include <qcustomplot.h>

#include <QFontMetricsF>

#include <algorithm>
#include <array>
#include <cmath>

namespace ss::widgets {

QColor paletteColour(int i)
{
    // Blue first and vermilion second, so that the usual excitatory / inhibitory pair differs most.
    static const std::array<QColor, 8> colours = {QColor(0x00, 0x72, 0xB2), QColor(0xD5, 0x5E, 0x00),
                                                  QColor(0x00, 0x9E, 0x73), QColor(0xCC, 0x79, 0xA7),
                                                  QColor(0xE6, 0x9F, 0x00), QColor(0x56, 0xB4, 0xE9),
                                                  QColor(0x00, 0x00, 0x00), QColor(0xF0, 0xE4, 0x42)};
    const int n = static_cast<int>(colours.size());
    return colours[static_cast<std::size_t>(((i % n) + n) % n)];
}

namespace {
double g_presenterScale = 1.0;
} // namespace

void setPresenterScale(double scale) { g_presenterScale = scale > 0.0 ? scale : 1.0; }

double presenterScale() { return g_presenterScale; }

double plotLineWidth(double width) { return width * g_presenterScale; }

QFont plotFont(bool title)
{
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setStyleHint(QFont::SansSerif);
    f.setPointSizeF((title ? 11.0 : 9.5) * g_presenterScale);
    f.setBold(title);
    return f;
}

void applyPlotStyle(QCustomPlot& plot)
{
    plot.setBackground(Qt::white);
    plot.setNoAntialiasingOnDrag(true);
    applyPlotFonts(plot);
    for (QCPAxis* axis : {plot.xAxis, plot.yAxis, plot.xAxis2, plot.yAxis2}) {
        axis->setTickLabelColor(QColor(0x20, 0x20, 0x20));
        axis->setLabelColor(QColor(0x20, 0x20, 0x20));
        axis->setTickLengthIn(0);
        axis->setTickLengthOut(4);
        axis->setSubTickLengthIn(0);
        axis->setSubTickLengthOut(2);
        axis->setLabelPadding(4);
        axis->grid()->setVisible(false);
    }
    // Only the left and bottom spines: the open box of most journals' figures.
    plot.xAxis2->setVisible(false);
    plot.yAxis2->setVisible(false);
}

void applyPlotFonts(QCustomPlot& plot)
{
    const QPen axisPen(QColor(0x30, 0x30, 0x30), plotLineWidth(1.0));
    for (QCPAxisRect* rect : plot.axisRects())
        for (QCPAxis* axis : rect->axes()) {
            axis->setBasePen(axisPen);
            axis->setTickPen(axisPen);
            axis->setSubTickPen(axisPen);
            axis->setTickLabelFont(plotFont());
            axis->setLabelFont(plotFont());
        }
    if (plot.legend) plot.legend->setFont(plotFont());
    for (int i = 0; i < plot.plotLayout()->elementCount(); ++i)
        if (auto* title = qobject_cast<QCPTextElement*>(plot.plotLayout()->elementAt(i))) title->setFont(plotFont(true));
}

void setPlotTitle(QCustomPlot& plot, const QString& title)
{
    QCPLayoutGrid* layout = plot.plotLayout();
    auto* existing = layout->rowCount() > 1 ? qobject_cast<QCPTextElement*>(layout->element(0, 0)) : nullptr;
    if (title.isEmpty()) {
        if (existing) {
            layout->remove(existing);
            layout->simplify();
        }
        return;
    }
    if (!existing) {
        layout->insertRow(0);
        existing = new QCPTextElement(&plot, title, plotFont(true));
        existing->setTextColor(QColor(0x20, 0x20, 0x20));
        existing->setMargins(QMargins(0, 6, 0, 0));
        layout->addElement(0, 0, existing);
    }
    existing->setText(title);
}

double niceStep(double least)
{
    const double power = std::pow(10.0, std::floor(std::log10(least)));
    for (double mantissa : {1.0, 2.0, 5.0})
        if (least <= mantissa * power * (1.0 + 1e-9)) return mantissa * power;
    return 10.0 * power;
}

QCPRange liveTimeRange(double now, double window)
{
    const double start = window > 0.0 ? std::max(0.0, now - window) : 0.0;
    const double end = window > 0.0 ? std::max(now, window) : std::max(now, 1e-3);
    return {start > 0.0 ? start : start - kTimeMargin * (end - start), end};
}

namespace {

class ReadableTicker : public QCPAxisTicker {
public:
    explicit ReadableTicker(QCPAxis* axis) : m_axis(axis) {}

    void generate(const QCPRange& range, const QLocale& locale, QChar formatChar, int precision, QVector<double>& ticks,
                  QVector<double>* subTicks, QVector<QString>* tickLabels) override
    {
        m_locale = locale;
        m_format = formatChar;
        m_precision = precision;
        QCPAxisTicker::generate(range, locale, formatChar, precision, ticks, subTicks, tickLabels);
    }

    // The axis length in pixels that the last ticks were made for.
    int usedLength() const { return m_usedLength; }
    int axisLength() const
    {
        if (!m_axis || !m_axis->axisRect()) return 0;
        return m_axis->orientation() == Qt::Horizontal ? m_axis->axisRect()->width() : m_axis->axisRect()->height();
    }

protected:
    double getTickStep(const QCPRange& range) override
    {
        double step = QCPAxisTicker::getTickStep(range);
        m_usedLength = axisLength();
        if (!m_axis || m_usedLength < 20 || !(range.size() > 0.0) || !(step > 0.0)) return step;
        const QFontMetricsF metrics(m_axis->tickLabelFont());
        const double perUnit = m_usedLength / range.size();
        const bool horizontal = m_axis->orientation() == Qt::Horizontal;
        for (int tries = 0; tries < 64; ++tries) {
            double room = 1.5 * metrics.height();
            if (horizontal) {
                // The labels at both ends of the range are the widest (most digits or a sign).
                double widest = 0.0;
                for (double tick : {std::ceil(range.lower / step) * step, std::floor(range.upper / step) * step})
                    widest = std::max(widest, metrics.horizontalAdvance(getTickLabel(tick, m_locale, m_format, m_precision)));
                room = widest + metrics.horizontalAdvance(QLatin1Char('0'));
            }
            if (step * perUnit >= room) break;
            step = niceStep(step * (1.0 + 1e-6));
        }
        return step;
    }

private:
    QPointer<QCPAxis> m_axis;
    QLocale m_locale;
    QChar m_format = QLatin1Char('g');
    int m_precision = 6;
    int m_usedLength = 0;
};

} // namespace

void useReadableTicks(QCPAxis& axis)
{
    auto ticker = QSharedPointer<ReadableTicker>::create(&axis);
    axis.setTicker(ticker);
    QCustomPlot* plot = axis.parentPlot();
    QPointer<QCPAxis> guarded(&axis);
    QObject::connect(plot, &QCustomPlot::afterLayout, &axis, [plot, guarded] {
        if (!guarded) return;
        const auto t = guarded->ticker().dynamicCast<ReadableTicker>();
        if (t && t->axisLength() != t->usedLength()) plot->replot(QCustomPlot::rpQueuedReplot);
    });
}

} // namespace ss::widgets
