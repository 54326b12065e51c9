#pragma once
// A histogram of plain values (firing rates, weights): equal-width bins over [lo, hi] drawn as bars,
// with n, mean and median of the values in the top right corner.
//
//   bin(v) = floor((v - lo) / width),  width = (hi - lo) / bins;  v = hi goes to the last bin
//
// Values outside [lo, hi] count in n, mean and median but in no bin (the corner says how many);
// values that are not finite (NaN: the blank places of a weight grid) are left out entirely. The
// automatic range is [min, max] of the values, widened by 0.5 on each side when they are all equal.
#include "widgets/FigureFormat.h"

#include <QString>
#include <QWidget>

#include <vector>

class QCustomPlot;
class QCPBars;
class QCPItemText;

namespace ss::widgets {

class HistogramView : public QWidget, public ExportableView {
    Q_OBJECT
public:
    static constexpr int kDefaultBins = 30;

    explicit HistogramView(QWidget* parent = nullptr);

    // Bins the values over [lo, hi] (hi > lo, bins >= 1; anything else falls back to the automatic range).
    void setValues(const std::vector<double>& values, int bins, double lo, double hi);
    // Bins the values over their own range.
    void setValues(const std::vector<double>& values, int bins = kDefaultBins);
    // Removes every value.
    void clear();
    void setLabels(const QString& xLabel, const QString& yLabel);
    void setTitle(const QString& title);
    // An extra line under the statistics (a caveat such as "approximate: 12 skipped"); empty removes it.
    void setNote(const QString& note);

    int binCount() const { return static_cast<int>(m_counts.size()); }
    int count(int bin) const;
    double low() const { return m_lo; }
    double high() const { return m_hi; }
    double binWidth() const { return m_counts.empty() ? 0.0 : (m_hi - m_lo) / binCount(); }
    // Values binned (within [lo, hi]) and the statistics of all finite values.
    int binnedCount() const;
    int valueCount() const { return m_n; }
    int outsideCount() const { return m_outside; }
    double mean() const { return m_mean; }
    double median() const { return m_median; }
    // The corner text as shown: "n = ...", "mean = ...", "median = ..." (4 significant digits), one a line.
    QString statisticsText() const;

    // Renders at widthPx x heightPx logical pixels into a PNG of (widthPx * scale) x (heightPx * scale).
    bool savePng(const QString& path, int widthPx, int heightPx, double scale = 1.0);
    // One row per bin: bin_low, bin_high (in the x axis's unit), count.
    QString csv() const override;
    QCustomPlot* figurePlot() const override { return m_plot; }
    QCustomPlot* plot() const { return m_plot; }

private:
    void rebuild();
    double topOfRange() const; // the tallest bar plus room for the corner text

    QCustomPlot* m_plot;
    QCPBars* m_bars;
    QCPItemText* m_stats;
    std::vector<int> m_counts;
    std::vector<double> m_sorted; // reused between calls
    double m_lo = 0.0, m_hi = 1.0;
    int m_n = 0, m_outside = 0;
    double m_mean = 0.0, m_median = 0.0;
    QString m_note;
};

} // namespace ss::widgets
