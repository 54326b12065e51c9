#pragma once
// Population firing rate against time: the spikes of each population counted in bins of equal width
// and divided by (neurons x bin width), in Hz, drawn as steps in the population's colour.
//
//   rate(bin) = count of spikes with binStart <= t < binStart + width / (size * width)
//
// Only complete bins are shown (a bin still filling would read low); a spike that arrives late, in a
// bin already shown, is counted at the next redraw. With a time window the axis scrolls like the
// raster's and older bins are forgotten.
#include "widgets/FigureFormat.h"

#include <QSharedPointer>
#include <QString>
#include <QWidget>

#include <cstdint>
#include <deque>
#include <vector>

class QCustomPlot;
class QCPGraph;
class QCPAxisTickerFixed;

namespace ss::widgets {

class RateView : public QWidget, public ExportableView {
    Q_OBJECT
public:
    static constexpr double kDefaultBin = 0.010; // s

    explicit RateView(QWidget* parent = nullptr);

    // Adds a population of `size` neurons; returns its index.
    int addPopulation(const QString& name, int size);
    int populationCount() const { return static_cast<int>(m_pops.size()); }
    QColor populationColour(int population) const;
    // Bin width in seconds; clears the counts.
    void setBinWidth(double seconds);
    double binWidth() const { return m_bin; }

    // Spike times (s) of one population, in any order; each goes to the bin floor(t / width), with
    // a margin of 1e-9 bins so that a time computed as step * dt that lands on an edge counts in
    // the bin that starts there.
    void appendSpikeTimes(int population, const std::vector<double>& timesSeconds);
    // Moves the present forward: bins that end at or before it are complete and shown.
    void advanceTo(double seconds);
    double now() const { return m_now; }
    // Shows the last `seconds` and forgets older bins; 0 shows everything since time 0.
    void setTimeWindow(double seconds);
    double timeWindow() const { return m_window; }
    // Removes every count and goes back to time 0; the populations stay.
    void clear();

    // Complete bins held (after the window dropped old ones), the start (s) and rate (Hz) of one.
    int binCount() const;
    double binStart(int bin) const;
    double rate(int population, int bin) const;

    // Follows the left and right margins of another plot's axis rect (the raster above it), so that
    // both time axes line up; the margins are copied after each layout of `reference`.
    void alignWith(QCustomPlot* reference);

    void setTitle(const QString& title);
    // Renders at widthPx x heightPx logical pixels into a PNG of (widthPx * scale) x (heightPx * scale).
    bool savePng(const QString& path, int widthPx, int heightPx, double scale = 1.0);
    // One row per complete bin: bin_start_s, then each population's rate_Hz.
    QString csv() const override;
    QCustomPlot* figurePlot() const override { return m_plot; }
    QCustomPlot* plot() const { return m_plot; }

private:
    struct Population {
        QString name;
        int size = 0;
        QCPGraph* graph = nullptr;
        std::deque<std::uint32_t> counts; // bins m_first, m_first + 1, ...
    };
    std::int64_t binOf(double t) const;
    std::int64_t completeBins() const; // bins [0, n) have ended by m_now
    void rebuild();
    // Sets the rate axis's tick step for its present range and height; true when it changed.
    bool updateRateTicks();

    QCustomPlot* m_plot;
    QSharedPointer<QCPAxisTickerFixed> m_rateTicks;
    std::vector<Population> m_pops;
    double m_bin = kDefaultBin;
    double m_now = 0.0;
    double m_window = 0.0;
    std::int64_t m_first = 0; // index of the oldest bin held
};

} // namespace ss::widgets
