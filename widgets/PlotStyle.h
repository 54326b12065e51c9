#pragma once
// The look shared by every plot view: a colour-blind-safe palette and a plain publication style
// (white background, no grid, outward ticks, readable fonts) that reads the same on screen and in PNG.
#include <QColor>
#include <QFont>

class QCustomPlot;

namespace ss::widgets {

// Okabe & Ito (2008), "Color Universal Design": eight colours told apart under the common forms of
// colour blindness; index i wraps around.
QColor paletteColour(int i);
// Text of axes, ticks and labels; titles are one step larger and bold.
QFont plotFont(bool title = false);
// Applies the shared style to a freshly made plot.
void applyPlotStyle(QCustomPlot& plot);
// Adds (or replaces) a title row above the axis rect; an empty title removes it.
void setPlotTitle(QCustomPlot& plot, const QString& title);

} // namespace ss::widgets
