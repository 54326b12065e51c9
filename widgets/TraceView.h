#pragma once
// Membrane traces of chosen neurons against time, with an optional dashed threshold line and spike
// markers (short ticks in the trace's colour, at the threshold, since a reset model never shows the
// spike itself in v). Values arrive in SI units and are shown in display units (mV by default).
#include "widgets/FigureFormat.h"

#include <QString>
#include <QStringList>
#include <QWidget>

#include <optional>
#include <vector>

class QCustomPlot;
class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;
class QCPLayoutGrid;

namespace ss::widgets {

class TraceView : public QWidget, public ExportableView {
    Q_OBJECT
public:
    explicit TraceView(QWidget* parent = nullptr);

    // One trace per entry of `values` (each as long as `timesSeconds`), labelled for the legend;
    // replaces what was shown before.
    void setTraces(const std::vector<double>& timesSeconds, const std::vector<std::vector<double>>& values,
                   const QStringList& labels);
    int traceCount() const { return static_cast<int>(m_traces.size()); }
    // One more, empty trace (a neuron added to a live run); NaN samples leave gaps in a trace.
    void addTrace(const QString& label);
    // Live data: appends samples to the traces set up by setTraces() (times in seconds, later than
    // everything before; values[trace][k] in SI units). With a time window the axis follows the last
    // `window` seconds and older samples are dropped.
    void appendSamples(const std::vector<double>& timesSeconds, const std::vector<std::vector<double>>& values);
    // Length of the scrolling window in seconds; 0 (the default) keeps and shows everything.
    void setTimeWindow(double seconds);
    double timeWindow() const { return m_window; }
    // Removes every sample and spike marker; the traces stay.
    void clearSamples();
    // Points held by one trace.
    int sampleCount(int index) const;
    QColor traceColour(int index) const;

    // Draws one trace thicker and in front of the others (-1: none), e.g. the neuron clicked in a raster.
    void highlightTrace(int index);
    int highlightedTrace() const { return m_highlight; }

    // Dashed line at the firing threshold, in the SI unit of the values.
    void setThreshold(double value);
    void clearThreshold();
    std::optional<double> threshold() const { return m_threshold; }
    // Spike times (s) of each trace, in trace order; markers sit at the threshold, or just above the
    // highest sample when there is none.
    void setSpikes(const std::vector<std::vector<double>>& timesPerTrace);
    // The population index of each trace's neuron (in trace order), for appendSpikes().
    void setTraceNeurons(const std::vector<int>& neurons);
    // Spikes of the traced population, as a spike monitor records them (neuron indices and times in
    // seconds): those of traced neurons are added to the markers; the time window drops old ones.
    void appendSpikes(const std::vector<int>& neurons, const std::vector<double>& timesSeconds);
    int spikeMarkerCount(int index) const;

    // Time axis span; by default the first to the last sample.
    void setTimeRange(double startSeconds, double endSeconds);
    // What the value axis shows: its label and the factor from SI values (1e3 for volts -> mV).
    void setValueAxis(const QString& label, double scale);
    void setTitle(const QString& title);
    // Renders at widthPx x heightPx logical pixels into a PNG of (widthPx * scale) x (heightPx * scale).
    bool savePng(const QString& path, int widthPx, int heightPx, double scale = 1.0);
    // One row per sample: time_s, then each trace in the value axis's unit (its header names it).
    QString csv() const override;
    QCustomPlot* figurePlot() const override { return m_plot; }
    QCustomPlot* plot() const { return m_plot; }

private:
    struct Trace {
        QCPGraph* line = nullptr;
        QCPGraph* spikes = nullptr;
        std::vector<double> spikeTimes;
    };
    const Trace* trace(int index) const;
    Trace& makeTrace(const QString& label);
    void clearTraces();
    void showLegend(bool show);
    void updateMarkers();
    void updateRanges();

    QCustomPlot* m_plot;
    std::vector<Trace> m_traces;
    std::vector<int> m_traceOf; // population neuron -> trace, -1 when untraced
    std::optional<double> m_threshold;
    QCPItemStraightLine* m_thresholdLine;
    QCPItemText* m_thresholdLabel;
    QCPLayoutGrid* m_legendRow; // the legend centred between two empty cells
    double m_scale = 1e3;
    double m_low = 0.0, m_high = 0.0; // data range in display units
    double m_start = 0.0, m_end = 0.0;
    double m_window = 0.0;
    int m_highlight = -1;
};

} // namespace ss::widgets
