#pragma once
// The input of a running network: the sample on show (grey, 0 black to 1 white, with its caption:
// phase, index, label) beside the spikes that the encoder fired for it, counted per input neuron and
// drawn in the sample's geometry (viridis from zero to the largest count, with a scale bar). A flat
// input (height = width = 1) is reshaped to a near-square block, ceil(sqrt(n)) columns; the channels
// of an image (the on and off maps of a DoG encoder) lie side by side. Both pictures are scaled
// without smoothing, one value one sharp square.
#include "widgets/FigureFormat.h"

#include <QImage>
#include <QString>
#include <QWidget>

#include <vector>

class QPainter;

namespace ss::widgets {

class InputView : public QWidget, public ExportableView {
    Q_OBJECT
public:
    explicit InputView(QWidget* parent = nullptr);

    // values: channels x height x width in [0, 1], row-major (c, y, x). label -1: unlabelled.
    void setSample(const QString& caption, int label, const std::vector<float>& values, int channels, int height, int width);
    // Spikes per encoder neuron over `seconds` of the presentation, in the encoder's shape.
    void setSpikeCounts(const std::vector<float>& counts, int channels, int height, int width, double seconds);
    void setTitle(const QString& title);
    void clear();

    int label() const { return m_label; }
    const QString& caption() const { return m_caption; }
    const std::vector<float>& values() const { return m_values; }
    // One grey pixel per value (round(255 v)), channels side by side; a flat input reshaped.
    const QImage& sampleImage() const { return m_sample; }
    const QImage& spikeImage() const { return m_spikes; }
    double spikeTotal() const { return m_total; }
    double spikeMaximum() const { return m_max; }

    bool savePng(const QString& path, int widthPx, int heightPx, double scale = 1.0) const;
    QString csv() const override;
    void paintFigure(QCPPainter& painter, const QSize& size, double ratio) const override;
    QSize sizeHint() const override { return {520, 300}; }
    QSize minimumSizeHint() const override { return {200, 120}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    void render(QPainter& painter, const QSize& size, double ratio) const;

    QString m_title, m_caption;
    int m_label = -1;
    std::vector<float> m_values, m_counts;
    QImage m_sample, m_spikes;
    double m_total = 0.0, m_max = 0.0, m_seconds = 0.0;
};

} // namespace ss::widgets
