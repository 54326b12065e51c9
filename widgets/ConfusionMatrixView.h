#pragma once
// A confusion matrix (rows: true class, columns: predicted class): each cell shows its count and is
// shaded by its share of the row (count / row sum, white 0 to dark blue 1), so that classes of
// different sizes read alike; the diagonal is the recall of each class.
#include "widgets/FigureFormat.h"

#include <QString>
#include <QWidget>

#include <vector>

namespace ss::widgets {

class ConfusionMatrixView : public QWidget, public ExportableView {
    Q_OBJECT
public:
    explicit ConfusionMatrixView(QWidget* parent = nullptr);

    // counts: classes x classes, row-major, rows the true class.
    void setMatrix(int classes, const std::vector<int>& counts);
    void clear();
    void setTitle(const QString& title);

    int classes() const { return m_classes; }
    int count(int trueClass, int predicted) const;
    int total() const;
    // count / row sum, 0 for an empty row.
    double rowShare(int trueClass, int predicted) const;
    // The fill colour of a share in [0, 1].
    static QColor shade(double share);

    // Renders at widthPx x heightPx logical pixels into a PNG of (widthPx * scale) x (heightPx * scale).
    bool savePng(const QString& path, int widthPx, int heightPx, double scale = 1.0);
    // One row per cell: true_class, predicted_class, count, row_share.
    QString csv() const override;
    void paintFigure(QCPPainter& painter, const QSize& size, double ratio) const override;

    QSize sizeHint() const override { return {360, 320}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    void paint(QPainter& painter, const QSize& size) const;

    int m_classes = 0;
    std::vector<int> m_counts;
    QString m_title;
};

} // namespace ss::widgets
