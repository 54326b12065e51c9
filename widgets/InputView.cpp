#include "widgets/InputView.h"

#include "widgets/PlotStyle.h"
#include "widgets/ReceptiveFieldView.h"

#include <qcustomplot.h>

#include <QFontMetricsF>
#include <QLinearGradient>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace ss::widgets {

namespace {

constexpr double kMargin = 8.0;
constexpr double kBarWidth = 12.0;
constexpr double kBarSpace = 56.0; // bar, gap and its labels

// channels x height x width values as one image, channels side by side; a flat input (height =
// width = 1) as a near-square block. `pixel` maps a value (NaN: a blank place) to a colour.
template <class Pixel> QImage picture(const std::vector<float>& v, int channels, int height, int width, Pixel pixel)
{
    if (height == 1 && width == 1 && channels > 1) {
        width = static_cast<int>(std::ceil(std::sqrt(static_cast<double>(channels))));
        height = (channels + width - 1) / width;
        channels = 1;
    }
    if (channels < 1 || height < 1 || width < 1) return {};
    QImage image(channels * width, height, QImage::Format_RGB32);
    image.fill(Qt::white);
    for (int c = 0; c < channels; ++c)
        for (int y = 0; y < height; ++y)
            for (int x = 0; x < width; ++x) {
                const auto k = static_cast<std::size_t>((c * height + y) * width + x);
                if (k < v.size()) image.setPixel(c * width + x, y, pixel(v[k]));
            }
    return image;
}

// The largest rectangle of the image's aspect ratio in `box`, whole device pixels per image pixel
// when there is room for that.
QRectF fit(const QImage& image, const QRectF& box, double ratio)
{
    if (image.isNull() || box.width() <= 0 || box.height() <= 0) return {};
    double s = std::min(box.width() / image.width(), box.height() / image.height());
    if (s * ratio >= 1.0) s = std::floor(s * ratio) / ratio;
    const QSizeF size(image.width() * s, image.height() * s);
    return {box.center().x() - size.width() / 2, box.top(), size.width(), size.height()};
}

} // namespace

InputView::InputView(QWidget* parent) : QWidget(parent)
{
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void InputView::setSample(const QString& caption, int label, const std::vector<float>& values, int channels, int height,
                          int width)
{
    m_caption = caption;
    m_label = label;
    m_values = values;
    m_sample = picture(values, channels, height, width, [](float v) {
        const int g = static_cast<int>(std::lround(std::clamp(std::isfinite(v) ? v : 0.0f, 0.0f, 1.0f) * 255.0f));
        return qRgb(g, g, g);
    });
    update();
}

void InputView::setSpikeCounts(const std::vector<float>& counts, int channels, int height, int width, double seconds)
{
    m_counts = counts;
    m_seconds = seconds;
    m_total = 0.0;
    m_max = 0.0;
    for (float c : counts) {
        m_total += c;
        m_max = std::max(m_max, static_cast<double>(c));
    }
    const double top = m_max > 0.0 ? m_max : 1.0;
    m_spikes = picture(counts, channels, height, width, [top](float c) {
        return ReceptiveFieldView::colour(ReceptiveFieldView::ColourMap::Viridis, c / top);
    });
    update();
}

void InputView::setTitle(const QString& title)
{
    m_title = title;
    update();
}

void InputView::clear()
{
    m_caption.clear();
    m_label = -1;
    m_values.clear();
    m_counts.clear();
    m_sample = m_spikes = QImage();
    m_total = m_max = m_seconds = 0.0;
    update();
}

void InputView::render(QPainter& painter, const QSize& size, double ratio) const
{
    painter.fillRect(QRect(QPoint(0, 0), size), Qt::white);
    const QFont font = plotFont();
    const QFont titleFont = plotFont(true);
    const QFontMetricsF fm(font);
    const double line = fm.height();
    double top = kMargin;
    if (!m_title.isEmpty()) {
        painter.setFont(titleFont);
        const double h = QFontMetricsF(titleFont).height();
        painter.setPen(Qt::black);
        painter.drawText(QRectF(0, top, size.width(), h), Qt::AlignHCenter | Qt::AlignVCenter, m_title);
        top += h + 4;
    }
    if (m_sample.isNull()) {
        painter.setFont(font);
        painter.setPen(Qt::gray);
        painter.drawText(QRectF(QPoint(0, 0), size), Qt::AlignCenter, tr("no sample yet"));
        return;
    }
    // Two equal boxes: the sample, and the spike counts with their scale bar to the right.
    const double half = (size.width() - 3 * kMargin - kBarSpace) / 2.0;
    // The captions below them, wrapped to the boxes' width: room for at least three lines (the
    // caption of a repeated sample has three, "train #7424, / label 1, / intensity x3"), and as
    // much as the wrapped text takes, line spacing included.
    const int flags = Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap;
    const QString spikes = tr("%1 spikes in %2 ms").arg(m_total, 0, 'f', 0).arg(1e3 * m_seconds, 0, 'f', 0);
    auto textHeight = [&](const QString& text) {
        return text.isEmpty() ? 0.0 : fm.boundingRect(QRectF(0, 0, std::max(1.0, half), 1e6), flags, text).height();
    };
    const double captionH = std::ceil(std::max({2 * fm.lineSpacing() + line, textHeight(m_caption), textHeight(spikes)}));
    const double h = size.height() - top - kMargin - captionH - 4;
    QRectF left = fit(m_sample, QRectF(kMargin, top, half, h), ratio);
    QRectF right = fit(m_spikes, QRectF(2 * kMargin + half, top, half, h), ratio);
    // The pictures and their captions centred in the height left.
    const double dy = std::floor(std::max(0.0, h - std::max(left.height(), right.height())) / 2.0);
    left.translate(0, dy);
    right.translate(0, dy);
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
    painter.drawImage(left, m_sample);
    painter.setPen(QColor(160, 160, 160));
    painter.drawRect(left);
    if (!right.isEmpty()) painter.drawImage(right, m_spikes);
    painter.setFont(font);
    painter.setPen(Qt::black);
    const double textTop = std::max(left.bottom(), right.bottom()) + 4;
    painter.drawText(QRectF(kMargin, textTop, half, captionH), flags, m_caption);
    painter.drawText(QRectF(2 * kMargin + half, textTop, half, captionH), flags, spikes);
    if (right.isEmpty()) return;
    // Scale bar: zero to the largest count of one neuron.
    const QRectF bar(right.right() + kMargin, right.top(), kBarWidth, right.height());
    QLinearGradient gradient(bar.bottomLeft(), bar.topLeft());
    for (int i = 0; i <= 10; ++i)
        gradient.setColorAt(i / 10.0, QColor(ReceptiveFieldView::colour(ReceptiveFieldView::ColourMap::Viridis, i / 10.0)));
    painter.fillRect(bar, gradient);
    painter.drawText(QRectF(bar.right() + 3, bar.top() - line / 2, kBarSpace, line), Qt::AlignLeft | Qt::AlignVCenter,
                     QString::number(m_max, 'f', 0));
    painter.drawText(QRectF(bar.right() + 3, bar.bottom() - line / 2, kBarSpace, line), Qt::AlignLeft | Qt::AlignVCenter,
                     QStringLiteral("0"));
}

void InputView::paintEvent(QPaintEvent* /*event*/)
{
    QPainter painter(this);
    render(painter, size(), devicePixelRatioF());
}

void InputView::paintFigure(QCPPainter& painter, const QSize& size, double ratio) const
{
    render(painter, size, ratio);
}

bool InputView::savePng(const QString& path, int widthPx, int heightPx, double scale) const
{
    return exportFigure(path, FigureSpec::fromPixels(widthPx, heightPx, scale));
}

QString InputView::csv() const
{
    QString out = csvLine({QStringLiteral("index"), QStringLiteral("value"), QStringLiteral("spikes")});
    const std::size_t n = std::max(m_values.size(), m_counts.size());
    for (std::size_t k = 0; k < n; ++k)
        out += QStringLiteral("%1,%2,%3\n")
                   .arg(k)
                   .arg(k < m_values.size() ? csvNumber(m_values[k]) : QString())
                   .arg(k < m_counts.size() ? csvNumber(m_counts[k]) : QString());
    return out;
}

} // namespace ss::widgets
