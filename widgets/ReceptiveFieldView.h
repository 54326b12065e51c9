#pragma once
// Receptive fields: each post neuron's incoming weights reshaped to the input's geometry, drawn as a
// grid of small images (about sqrt(count) columns), the channels of a field side by side within its
// cell (the on and off channels of a DoG input), one colour scale shared by all fields from the
// smallest to the largest weight, and a scale bar with both values. Convolution kernels are the same
// picture: one field per feature map, channels = input channels, height = width = kernel.
// The weights are kept as one image of data pixels, rebuilt when they change; painting scales its
// parts without smoothing, so that one weight is one sharp square.
#include "widgets/FigureFormat.h"

#include <QImage>
#include <QRectF>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <vector>

class QPainter;

namespace ss::widgets {

class ReceptiveFieldView : public QWidget, public ExportableView {
    Q_OBJECT
public:
    // Viridis (van der Walt & Smith 2015, perceptually uniform, readable in grey) or plain grey.
    enum class ColourMap { Viridis, Grey };

    explicit ReceptiveFieldView(QWidget* parent = nullptr);

    // `count` rows of channels x height x width weights, row-major as sim::Projection::copyWeights
    // writes them: field j's weight (c, y, x) at j * C*H*W + (c * H + y) * W + x. Fewer weights than
    // that leave the rest at the minimum. A flat input (height = width = 1) is shown as one channel
    // reshaped to a near-square block: ceil(sqrt(n)) columns, row after row, the rest left blank.
    void setFields(const std::vector<float>& weights, int count, int channels, int height, int width);
    // A caption under each field (the neuron's assigned class); an empty list removes them.
    void setLabels(const QStringList& labels);
    void setTitle(const QString& title);
    void setColourMap(ColourMap map);
    // The colour bar's values in a display unit: the weights times `scale`, followed by `unit` ("mV"
    // with scale 1e3 for weights held in volts). Empty: the weights as given, without a unit. The
    // weights themselves (weights(), csv()) stay as given.
    void setValueUnit(const QString& unit, double scale = 1.0);
    const QString& valueUnit() const { return m_unit; }
    // The colour bar's two labels as drawn (maximum, minimum).
    QString barLabel(bool maximum) const;

    int fieldCount() const { return m_count; }
    int channels() const { return m_channels; }
    int fieldHeight() const { return m_height; }
    int fieldWidth() const { return m_width; }
    int columns() const;
    int rows() const;
    double minimum() const { return m_min; }
    double maximum() const { return m_max; }
    const QStringList& labels() const { return m_labels; }
    // The weights shown, field after field in the shape above (blank places of a flat input are NaN).
    const std::vector<float>& weights() const { return m_weights; }

    // The colour of a value at fraction t of the scale (0 = minimum, 1 = maximum).
    static QRgb colour(ColourMap map, double t);
    ColourMap colourMap() const { return m_map; }
    // Where weight (channel, y, x) of a field is drawn when the view is `size` large (logical pixels).
    // `ratio` is device pixels per logical pixel: a weight covers a whole number of device pixels.
    QRectF pixelRect(int field, int channel, int y, int x, const QSize& size, double ratio) const;
    QRectF pixelRect(int field, int channel, int y, int x) const
    {
        return pixelRect(field, channel, y, x, size(), devicePixelRatioF());
    }

    // Renders at widthPx x heightPx logical pixels into a PNG of (widthPx * scale) x (heightPx * scale).
    bool savePng(const QString& path, int widthPx, int heightPx, double scale = 1.0) const;
    // One row per weight: neuron, channel, y, x, weight (and the neuron's caption when there are any).
    QString csv() const override;
    void paintFigure(QCPPainter& painter, const QSize& size, double ratio) const override;
    QSize sizeHint() const override { return {480, 360}; }
    QSize minimumSizeHint() const override { return {160, 120}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    struct Layout {
        QRectF grid;      // the fields
        QRectF bar;       // the colour bar
        double pixel = 1; // logical pixels per weight
        double cellW = 0, cellH = 0, cellGap = 0, channelGap = 0, caption = 0;
    };
    Layout layout(const QSize& size, double ratio) const;
    void render(QPainter& painter, const QSize& size, double ratio) const;
    void rebuildImage();

    std::vector<float> m_weights;
    int m_count = 0, m_channels = 1, m_height = 1, m_width = 1;
    double m_min = 0.0, m_max = 0.0;
    QStringList m_labels;
    QString m_title;
    QString m_unit;
    double m_unitScale = 1.0;
    ColourMap m_map = ColourMap::Viridis;
    QImage m_image; // channels * width * count columns x height rows of data pixels, field after field
};

} // namespace ss::widgets
