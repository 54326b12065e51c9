#pragma once
// A spike raster: dots at (time, neuron) for one or more populations stacked on the neuron axis,
// each in its own colour with its name beside its band.
//
// Built for streams of 100,000+ spikes: each population is one QCPGraph (no line, small squares)
// whose sorted data container takes whole batches with add(); a scrolling window drops old points
// with removeBefore(), and every call ends in one queued replot, so that several appends between two
// frames cost one redraw (QCustomPlot's real-time demo).
//
// Interaction: hovering names the spike (or at least the population and neuron row) under the cursor
// in a tooltip; the wheel zooms time about the cursor, Shift + wheel the neuron axis; dragging pans;
// a click emits neuronClicked(). Zooming or panning stops the window following the present (old
// spikes that are still on screen are then kept); a double-click follows it again.
#include "widgets/FigureFormat.h"

#include <QPointF>
#include <QString>
#include <QWidget>

#include <vector>

class QCustomPlot;
class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;

namespace ss::widgets {

class SpikeRasterView : public QWidget, public ExportableView {
    Q_OBJECT
public:
    explicit SpikeRasterView(QWidget* parent = nullptr);

    // Adds a band of `size` neurons above the bands already there; returns its index.
    int addPopulation(const QString& name, int size);
    int populationCount() const { return static_cast<int>(m_bands.size()); }
    QString populationName(int population) const;
    QColor populationColour(int population) const;
    // Bands take the palette colours in order; this overrides one (to match another figure).
    void setPopulationColour(int population, const QColor& colour);
    // First row of the population's band on the neuron axis.
    int populationOffset(int population) const;

    // Spikes of one population: neuron indices within it and times in seconds, in time order and
    // later than (or at) everything appended before.
    void appendSpikes(int population, const std::vector<int>& neurons, const std::vector<double>& timesSeconds);
    // Moves the present forward without spikes (a silent stretch still scrolls the window).
    void advanceTo(double seconds);
    // Shows the last `seconds` and forgets older spikes; 0 shows everything since time 0.
    void setTimeWindow(double seconds);
    double timeWindow() const { return m_window; }
    // Removes every spike and goes back to time 0; the populations stay.
    void clearSpikes();
    // Spikes held for a population (after the window dropped the old ones).
    int spikeCount(int population) const;

    void setTitle(const QString& title);
    // Renders at widthPx x heightPx logical pixels into a PNG of (widthPx * scale) x (heightPx * scale).
    bool savePng(const QString& path, int widthPx, int heightPx, double scale = 1.0);
    // The spikes held, population after population: time_ms,neuron,population (neuron within its population).
    QString csv() const override;
    QCustomPlot* figurePlot() const override { return m_plot; }
    QCustomPlot* plot() const { return m_plot; }

    // What lies under a point of the plot widget: the nearest drawn spike within kHitRadius pixels
    // (spike true, time the spike's), or else the population and neuron row under the cursor (spike
    // false, time the cursor's). population -1 when the point is outside every band.
    struct Hit {
        int population = -1;
        int neuron = -1;
        double time = 0.0;
        bool spike = false;
    };
    static constexpr double kHitRadius = 5.0; // px
    static constexpr double kWheelZoom = 0.85; // range factor per wheel notch (zoom in)
    Hit hitAt(QPointF plotPos) const;
    // The tooltip text for a hit ("exc: neuron 12, spike at 0.3410 s").
    QString describe(const Hit& hit) const;
    // Scales the time (or, vertical, the neuron) axis by `factor` about the plot point `plotPos`, and
    // stops following the present.
    void zoomAbout(QPointF plotPos, double factor, bool vertical);
    // Whether the axes follow the scrolling window (false after the user zoomed or panned).
    bool following() const { return m_follow; }
    void follow();

signals:
    void neuronClicked(int population, int neuron);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct Band {
        QString name;
        int offset = 0;
        int size = 0;
        QCPGraph* graph = nullptr;
        QCPItemText* label = nullptr;
        QCPItemStraightLine* separator = nullptr; // below the band; none for the first
    };
    const Band* band(int population) const;
    void updateRanges();
    void updateLabelMargin();
    void updateNeuronTicks();
    void stopFollowing();

    QCustomPlot* m_plot;
    std::vector<Band> m_bands;
    int m_rows = 0;
    double m_now = 0.0;
    double m_window = 0.0;
    bool m_follow = true;
    QPointF m_pressPos;
    bool m_pressed = false;
    bool m_dragged = false;
};

} // namespace ss::widgets
