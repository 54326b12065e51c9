#pragma once
// The look shared by every plot view: a colour-blind-safe palette and a plain publication style
// (white background, no grid, outward ticks, readable fonts) that reads the same on screen and in PNG.
#include <QColor>
#include <QFont>

class QCustomPlot;
class QCPAxis;
class QCPRange;

namespace ss::widgets {

// Okabe & Ito (2008), "Color Universal Design": eight colours told apart under the common forms of
// colour blindness; index i wraps around.
QColor paletteColour(int i);
// Presenter mode: every font and line width of the plot views is multiplied by this factor (1 normally,
// larger for a lecture hall). Views read it when they style themselves; applyPlotFonts restyles a plot
// that already exists.
void setPresenterScale(double scale);
double presenterScale();
// A line width in pixels at the current presenter scale.
double plotLineWidth(double width);
// Text of axes, ticks and labels; titles are one step larger and bold. Scaled by presenterScale().
QFont plotFont(bool title = false);
// Applies the shared style to a freshly made plot.
void applyPlotStyle(QCustomPlot& plot);
// Sets the fonts and axis pens of an existing plot (its axes, legend and title) at the current scale.
void applyPlotFonts(QCustomPlot& plot);
// Adds (or replaces) a title row above the axis rect; an empty title removes it.
void setPlotTitle(QCustomPlot& plot, const QString& title);
// The smallest tick step of 1, 2 or 5 times a power of ten that is at least `least` (> 0).
double niceStep(double least);
// Time axes of the live views (spike raster, rates) that show t = 0 start this fraction of the shown
// span before it, so that a spike at t = 0 is drawn whole, clear of the neuron axis, and the raster
// and the rates below it stay aligned.
inline constexpr double kTimeMargin = 0.01;
// The time range of a live view at time `now` (seconds) that shows the last `window` seconds (all of
// the run when window <= 0): a scrolling window that starts at t = 0 until the run has filled it, then
// with room of kTimeMargin of the span before t = 0 while it shows t = 0.
QCPRange liveTimeRange(double now, double window);
// Gives `axis` a ticker whose labels never collide: the usual step (about five ticks of 1, 2, 2.5 or
// 5 times a power of ten), raised to the next step of 1, 2 or 5 times a power of ten until the widest
// tick label plus one digit's room fits between two ticks at the axis's length in pixels (a line and
// a half of text on a vertical axis). When a layout changes the length (a resize), the plot replots
// once more with ticks for the new length.
void useReadableTicks(QCPAxis& axis);

} // namespace ss::widgets
