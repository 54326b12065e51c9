#include "widgets/PlotStyle.h"

#include <qcustomplot.h>

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

} // namespace ss::widgets
