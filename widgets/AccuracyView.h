#pragma once
// The accuracy of a training protocol against the samples shown: one curve per phase (the training
// accuracy of each window, the running test accuracy), in percent from 0 to 100, with a dashed line
// at chance, 100 / classes. Gradient training adds its loss, on an axis of its own on the right.
#include "widgets/FigureFormat.h"

#include <QString>
#include <QWidget>

#include <map>
#include <vector>

class QCustomPlot;
class QCPGraph;
class QCPItemStraightLine;

namespace ss::widgets {

class AccuracyView : public QWidget, public ExportableView {
    Q_OBJECT
public:
    // The y axis spans 0 to 100 % and this much more on each side, so that markers at 0 or 100 %
    // are drawn whole.
    static constexpr double kMargin = 2.0;

    explicit AccuracyView(QWidget* parent = nullptr);

    // Replaces the points of `phase` (a curve is made on first use, coloured in order of creation):
    // x = samples shown, y = accuracy in percent.
    void setCurve(const QString& phase, const std::vector<double>& samples, const std::vector<double>& percent);
    // The loss curve (x = samples shown, y = mean cross-entropy of a batch) on the right axis, which
    // appears with the first call.
    void setLoss(const std::vector<double>& samples, const std::vector<double>& loss);
    int lossPointCount() const;
    QPointF lossPoint(int k) const;
    // The dashed chance line at 100 / classes percent (classes < 1: none).
    void setClasses(int classes);
    // Removes every point; the curves and the chance line stay.
    void clear();
    void setTitle(const QString& title);

    int pointCount(const QString& phase) const;
    // Point k of `phase` as drawn (samples, percent).
    QPointF point(const QString& phase, int k) const;
    double chance() const { return m_chance; }

    // Renders at widthPx x heightPx logical pixels into a PNG of (widthPx * scale) x (heightPx * scale).
    bool savePng(const QString& path, int widthPx, int heightPx, double scale = 1.0);
    // One row per point: phase, samples, accuracy_percent; then the loss as phase "loss" in the
    // accuracy column's place (a cross-entropy, not a percentage).
    QString csv() const override;
    QCustomPlot* figurePlot() const override { return m_plot; }
    QCustomPlot* plot() const { return m_plot; }

private:
    void rescale();

    QCustomPlot* m_plot;
    std::map<QString, QCPGraph*> m_curves;
    QCPGraph* m_loss = nullptr;
    QCPItemStraightLine* m_chanceLine;
    double m_chance = 0.0;
};

} // namespace ss::widgets
