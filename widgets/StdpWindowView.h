#pragma once
// The window of spike-timing-dependent plasticity as a pairing protocol measures it (Bi & Poo 1998):
// one point per synapse, its weight change per pairing against its pre-post interval
// dt = t_post - t_pre, beside the window of the pair rule (Song, Miller & Abbott 2000)
//
//   dw(dt) = +A+ exp(-dt / tau+)  for dt > 0,   -A- exp(dt / tau-)  for dt < 0,   0 at dt = 0
//
// drawn as two curves that meet the axis at dt = 0. Intervals in ms, weight changes in the unit the
// caller names (mV for voltage-input synapses).
#include "widgets/FigureFormat.h"

#include <QString>
#include <QWidget>

#include <vector>

class QCustomPlot;
class QCPGraph;

namespace ss::widgets {

class StdpWindowView : public QWidget, public ExportableView {
    Q_OBJECT
public:
    explicit StdpWindowView(QWidget* parent = nullptr);

    // The unit of the weight changes on the vertical axis ("mV").
    void setWeightUnit(const QString& unit);
    void setTitle(const QString& title);
    // The rule's window: amplitudes in the weight unit, time constants in ms; clearRule() removes it
    // (no pair rule is wired to the synapses).
    void setRule(double aPlus, double aMinus, double tauPlusMs, double tauMinusMs);
    void clearRule();
    bool hasRule() const { return m_hasRule; }
    // The rule's dw at an interval (ms); 0 without a rule.
    double ruleAt(double dtMs) const;
    // One point per synapse; a change that is not finite (a synapse not yet paired, or absent from a
    // sparse matrix) is not drawn. The intervals set the horizontal range.
    void setPoints(const std::vector<double>& intervalsMs, const std::vector<double>& changes);
    void clearPoints();

    const std::vector<double>& intervals() const { return m_intervals; }
    const std::vector<double>& changes() const { return m_changes; }
    // Points drawn (finite changes).
    int pointCount() const;
    // Samples of the rule's curves drawn (both sides), for tests.
    int curveSampleCount() const;

    bool savePng(const QString& path, int widthPx, int heightPx, double scale = 1.0);
    // One row per synapse: interval (ms), weight change per pairing, and the rule's value there.
    QString csv() const override;
    QCustomPlot* figurePlot() const override { return m_plot; }
    QCustomPlot* plot() const { return m_plot; }

private:
    void rebuildCurves();
    void rescale();

    QCustomPlot* m_plot;
    QCPGraph* m_points;
    QCPGraph* m_depression; // dt < 0
    QCPGraph* m_potentiation; // dt > 0
    QString m_unit = QStringLiteral("mV");
    bool m_hasRule = false;
    double m_aPlus = 0.0, m_aMinus = 0.0, m_tauPlus = 20.0, m_tauMinus = 20.0;
    std::vector<double> m_intervals, m_changes;
};

} // namespace ss::widgets
