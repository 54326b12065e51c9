#include "widgets/ReceptiveFieldView.h"

#include "widgets/PlotStyle.h"

#include <qcustomplot.h>

#include <QFontMetricsF>
#include <QLinearGradient>
#include <QPaintEngine>
#include <QPainter>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace ss::widgets {

namespace {

constexpr double kMargin = 8.0;
constexpr double kBarWidth = 14.0;   // the colour bar
constexpr double kBarSpace = 64.0;   // bar, gap and its labels
constexpr double kCellGap = 6.0;     // between fields
constexpr double kChannelGap = 2.0;  // between the channels of one field
constexpr int kSvgFieldPixels = 128; // an SVG's field images are at least this wide or tall

// Viridis as a degree-6 polynomial fit per channel (Zucker 2020, after van der Walt & Smith 2015);
// within 0.01 of the published table.
QRgb viridis(double t)
{
    static constexpr std::array<std::array<double, 7>, 3> c = {{
        {0.2777273272234177, 0.1050930431085774, -0.3308618287255563, -4.634230498983486, 6.228269936347081,
         4.776384997670288, -5.435455855934631},
        {0.005407344544966578, 1.404613529898575, 0.214847559468213, -5.799100973351585, 14.17993336680509,
         -13.74514537774601, 4.645852612178535},
        {0.3340998053353061, 1.384590162594685, 0.09509516302823659, -19.33244095627987, 56.69055260068105,
         -65.35303263337234, 26.3124352495832},
    }};
    std::array<int, 3> rgb{};
    for (std::size_t k = 0; k < 3; ++k) {
        double v = c[k][6];
        for (int i = 5; i >= 0; --i) v = v * t + c[k][static_cast<std::size_t>(i)];
        rgb[k] = static_cast<int>(std::lround(std::clamp(v, 0.0, 1.0) * 255.0));
    }
    return qRgb(rgb[0], rgb[1], rgb[2]);
}

const std::array<QRgb, 256>& table(ReceptiveFieldView::ColourMap map)
{
    auto make = [](ReceptiveFieldView::ColourMap m) {
        std::array<QRgb, 256> t{};
        for (int i = 0; i < 256; ++i)
            t[static_cast<std::size_t>(i)] = m == ReceptiveFieldView::ColourMap::Grey ? qRgb(i, i, i) : viridis(i / 255.0);
        return t;
    };
    static const std::array<QRgb, 256> v = make(ReceptiveFieldView::ColourMap::Viridis);
    static const std::array<QRgb, 256> g = make(ReceptiveFieldView::ColourMap::Grey);
    return map == ReceptiveFieldView::ColourMap::Grey ? g : v;
}

// Three significant digits, the exponent without its padding zeros: 1.29e-5, not 1.29e-05.
QString compact(double v)
{
    QString s = QString::number(v, 'g', 3);
    const qsizetype e = s.indexOf(QLatin1Char('e'));
    if (e < 0) return s;
    qsizetype digits = e + 1;
    if (digits < s.size() && (s[digits] == QLatin1Char('-') || s[digits] == QLatin1Char('+'))) ++digits;
    while (digits + 1 < s.size() && s[digits] == QLatin1Char('0')) s.remove(digits, 1);
    if (s[e + 1] == QLatin1Char('+')) s.remove(e + 1, 1);
    return s;
}

// Both ends of the scale with the same decimals, three significant digits of the span.
QString number(double v, double span)
{
    if (!(span > 0.0)) return compact(v);
    const int decimals = std::clamp(2 - static_cast<int>(std::floor(std::log10(span))), 0, 8);
    if (std::abs(v) >= 1e5 || decimals >= 6) return compact(v);
    return QString::number(v, 'f', decimals);
}

} // namespace

ReceptiveFieldView::ReceptiveFieldView(QWidget* parent) : QWidget(parent)
{
    setAttribute(Qt::WA_OpaquePaintEvent);
}

QRgb ReceptiveFieldView::colour(ColourMap map, double t)
{
    const int i = static_cast<int>(std::lround(std::clamp(std::isfinite(t) ? t : 0.0, 0.0, 1.0) * 255.0));
    return table(map)[static_cast<std::size_t>(i)];
}

int ReceptiveFieldView::columns() const
{
    return m_count <= 0 ? 0 : static_cast<int>(std::ceil(std::sqrt(static_cast<double>(m_count)) - 1e-9));
}

int ReceptiveFieldView::rows() const
{
    const int c = columns();
    return c == 0 ? 0 : (m_count + c - 1) / c;
}

void ReceptiveFieldView::setFields(const std::vector<float>& weights, int count, int channels, int height, int width)
{
    m_count = std::max(0, count);
    m_channels = std::max(1, channels);
    m_height = std::max(1, height);
    m_width = std::max(1, width);
    const int flat = m_height == 1 && m_width == 1 && m_channels > 1 ? m_channels : 0;
    if (flat) {
        m_channels = 1;
        m_width = static_cast<int>(std::ceil(std::sqrt(static_cast<double>(flat)) - 1e-9));
        m_height = (flat + m_width - 1) / m_width;
    }
    const std::size_t per = static_cast<std::size_t>(m_channels * m_height * m_width);
    const std::size_t n = static_cast<std::size_t>(m_count) * per;
    if (flat) {
        const std::size_t given = static_cast<std::size_t>(flat);
        m_weights.assign(n, std::numeric_limits<float>::quiet_NaN());
        for (std::size_t f = 0; f < static_cast<std::size_t>(m_count); ++f)
            for (std::size_t i = 0; i < given && f * given + i < weights.size(); ++i) m_weights[f * per + i] = weights[f * given + i];
    } else {
        m_weights.assign(weights.begin(), weights.begin() + static_cast<std::ptrdiff_t>(std::min(n, weights.size())));
    }
    m_min = 0.0, m_max = 0.0;
    bool first = true;
    for (float w : m_weights) {
        if (!std::isfinite(w)) continue;
        if (first) m_min = m_max = w, first = false;
        m_min = std::min(m_min, static_cast<double>(w));
        m_max = std::max(m_max, static_cast<double>(w));
    }
    m_weights.resize(n, static_cast<float>(m_min));
    if (flat)
        for (std::size_t f = 0; f < static_cast<std::size_t>(m_count); ++f)
            for (std::size_t i = static_cast<std::size_t>(flat); i < per; ++i) m_weights[f * per + i] = std::numeric_limits<float>::quiet_NaN();
    rebuildImage();
    update();
}

void ReceptiveFieldView::setLabels(const QStringList& labels)
{
    m_labels = labels;
    update();
}

void ReceptiveFieldView::setTitle(const QString& title)
{
    m_title = title;
    update();
}

void ReceptiveFieldView::setColourMap(ColourMap map)
{
    m_map = map;
    rebuildImage();
    update();
}

void ReceptiveFieldView::rebuildImage()
{
    const int cols = columns(), rws = rows();
    if (m_count == 0) {
        m_image = QImage();
        return;
    }
    const QSize size(cols * m_channels * m_width, rws * m_height);
    if (m_image.size() != size) m_image = QImage(size, QImage::Format_RGB32);
    const auto& lut = table(m_map);
    m_image.fill(lut[0]);
    const double span = m_max - m_min;
    const double toIndex = span > 0.0 ? 255.0 / span : 0.0;
    const std::size_t per = static_cast<std::size_t>(m_channels * m_height * m_width);
    for (int f = 0; f < m_count; ++f) {
        const int x0 = (f % cols) * m_channels * m_width, y0 = (f / cols) * m_height;
        const float* w = m_weights.data() + static_cast<std::size_t>(f) * per;
        for (int c = 0; c < m_channels; ++c)
            for (int y = 0; y < m_height; ++y) {
                auto* line = reinterpret_cast<QRgb*>(m_image.scanLine(y0 + y)) + x0 + c * m_width;
                for (int x = 0; x < m_width; ++x, ++w) {
                    if (!std::isfinite(*w)) {
                        line[x] = qRgb(255, 255, 255);
                        continue;
                    }
                    // A flat field (span 0) takes the middle of the map.
                    const double i = span > 0.0 ? (static_cast<double>(*w) - m_min) * toIndex : 127.5;
                    line[x] = lut[static_cast<std::size_t>(std::clamp(static_cast<int>(std::lround(i)), 0, 255))];
                }
            }
    }
}

ReceptiveFieldView::Layout ReceptiveFieldView::layout(const QSize& size, double ratio) const
{
    Layout l;
    const QFontMetricsF fm(plotFont());
    const double top = kMargin + (m_title.isEmpty() ? 0.0 : QFontMetricsF(plotFont(true)).height() + 6.0);
    // Room for the labels of the bar above and below it, and for its unit beside them; a long label
    // ("-1.29e-5 mV") takes what it needs: the bar 12 pixels right of the grid, the labels 4 right of it.
    const double labels = std::max(fm.horizontalAdvance(barLabel(true)), fm.horizontalAdvance(barLabel(false)));
    const double barSpace = std::max(kBarSpace + (m_unit.isEmpty() ? 0.0 : fm.horizontalAdvance(QLatin1Char(' ') + m_unit)),
                                     std::ceil(12.0 + kBarWidth + 4.0 + labels));
    const QRectF area(kMargin, top + fm.height() / 2, std::max(1.0, size.width() - 2 * kMargin - barSpace),
                      std::max(1.0, size.height() - top - kMargin - fm.height()));
    const int cols = std::max(1, columns()), rws = std::max(1, rows());
    l.caption = m_labels.isEmpty() ? 0.0 : fm.height();
    const double dataW = static_cast<double>(cols * m_channels * m_width), dataH = static_cast<double>(rws * m_height);
    auto fit = [&](double cellGap, double channelGap) {
        const double gapsW = (cols - 1) * cellGap + cols * (m_channels - 1) * channelGap;
        const double gapsH = (rws - 1) * cellGap + rws * l.caption;
        return std::min((area.width() - gapsW) / dataW, (area.height() - gapsH) / dataH);
    };
    // Gaps scale with the fields (a tenth of a field, 1 to 6 pixels), so that a large grid in a small
    // view still shows its weights.
    const double rough = std::max(0.05, fit(0.0, 0.0));
    l.cellGap = std::clamp(0.1 * std::max(m_width, m_height) * rough, 1.0, kCellGap);
    l.channelGap = m_channels > 1 ? std::clamp(0.05 * m_width * rough, 1.0, kChannelGap) : 0.0;
    double p = fit(l.cellGap, l.channelGap);
    const double r = ratio > 0.0 ? ratio : 1.0;
    if (p * r >= 2.0) p = std::floor(p * r) / r; // whole device pixels per weight: every square alike
    l.pixel = std::max(0.05, p);
    l.cellW = m_channels * m_width * l.pixel + (m_channels - 1) * l.channelGap;
    l.cellH = m_height * l.pixel + l.caption;
    const double w = cols * l.cellW + (cols - 1) * l.cellGap, h = rws * l.cellH + (rws - 1) * l.cellGap;
    auto snap = [r](double v) { return std::round(v * r) / r; };
    l.grid = QRectF(snap(area.left() + std::max(0.0, (area.width() - w) / 2)),
                    snap(area.top() + std::max(0.0, (area.height() - h) / 2)), w, h);
    // The bar as tall as the grid (at least 60 pixels), beside it.
    const double barH = std::max(60.0, h - l.caption);
    l.bar = QRectF(snap(l.grid.right() + 12.0), snap(l.grid.top() + (h - l.caption - barH) / 2), kBarWidth, barH);
    return l;
}

QRectF ReceptiveFieldView::pixelRect(int field, int channel, int y, int x, const QSize& size, double ratio) const
{
    if (field < 0 || field >= m_count) return {};
    const Layout l = layout(size, ratio);
    const int cols = columns();
    const double cx = l.grid.left() + (field % cols) * (l.cellW + l.cellGap) + channel * (m_width * l.pixel + l.channelGap);
    const double cy = l.grid.top() + (field / cols) * (l.cellH + l.cellGap);
    return QRectF(cx + x * l.pixel, cy + y * l.pixel, l.pixel, l.pixel);
}

void ReceptiveFieldView::render(QPainter& painter, const QSize& size, double ratio) const
{
    painter.fillRect(QRect(QPoint(0, 0), size), Qt::white);
    painter.setPen(Qt::black);
    if (!m_title.isEmpty()) {
        painter.setFont(plotFont(true));
        painter.drawText(QRectF(kMargin, kMargin, size.width() - 2 * kMargin, QFontMetricsF(plotFont(true)).height()),
                         Qt::AlignHCenter | Qt::AlignVCenter, m_title);
    }
    painter.setFont(plotFont());
    if (m_count == 0 || m_image.isNull()) {
        painter.drawText(QRect(QPoint(0, 0), size), Qt::AlignCenter, tr("no weights yet"));
        return;
    }
    const Layout l = layout(size, ratio);
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
    const int cols = columns();
    const bool svg = painter.paintEngine() && painter.paintEngine()->type() == QPaintEngine::SVG;
    const int upscale = std::clamp((kSvgFieldPixels + std::max(m_width, m_height) - 1) / std::max(m_width, m_height), 1, 32);
    for (int f = 0; f < m_count; ++f) {
        for (int c = 0; c < m_channels; ++c) {
            const QRectF source((f % cols * m_channels + c) * m_width, f / cols * m_height, m_width, m_height);
            const QRectF first = pixelRect(f, c, 0, 0, size, ratio);
            const QRectF target(first.topLeft(), QSizeF(m_width * l.pixel, m_height * l.pixel));
            // An SVG embeds the whole image whatever the source rectangle, and viewers smooth it when
            // they scale it up: give it the field alone, each weight already `upscale` pixels wide.
            if (svg)
                painter.drawImage(target, m_image.copy(source.toRect())
                                              .scaled(m_width * upscale, m_height * upscale, Qt::IgnoreAspectRatio,
                                                      Qt::FastTransformation));
            else
                painter.drawImage(target, m_image, source);
        }
        if (l.caption > 0.0 && f < m_labels.size()) {
            const QRectF cell = pixelRect(f, 0, m_height, 0, size, ratio);
            painter.drawText(QRectF(cell.left(), cell.top(), l.cellW, l.caption), Qt::AlignCenter, m_labels[f]);
        }
    }
    // Scale bar: the map from bottom (minimum) to top (maximum), with both values.
    QLinearGradient g(l.bar.bottomLeft(), l.bar.topLeft());
    for (int i = 0; i <= 16; ++i) g.setColorAt(i / 16.0, QColor::fromRgb(colour(m_map, i / 16.0)));
    painter.fillRect(l.bar, g);
    painter.setPen(QPen(Qt::black, 0));
    painter.drawRect(l.bar);
    const QFontMetricsF fm(plotFont());
    const double tx = l.bar.right() + 4.0, tw = size.width() - tx;
    painter.drawText(QRectF(tx, l.bar.top() - fm.height() / 2, tw, fm.height()), Qt::AlignLeft | Qt::AlignVCenter, barLabel(true));
    painter.drawText(QRectF(tx, l.bar.bottom() - fm.height() / 2, tw, fm.height()), Qt::AlignLeft | Qt::AlignVCenter, barLabel(false));
}

QString ReceptiveFieldView::barLabel(bool maximum) const
{
    const double span = (m_max - m_min) * m_unitScale;
    const QString value = number((maximum ? m_max : m_min) * m_unitScale, span);
    return m_unit.isEmpty() ? value : value + QLatin1Char(' ') + m_unit;
}

void ReceptiveFieldView::setValueUnit(const QString& unit, double scale)
{
    m_unit = unit;
    m_unitScale = scale > 0.0 ? scale : 1.0;
    update();
}

void ReceptiveFieldView::paintEvent(QPaintEvent* /*event*/)
{
    QPainter painter(this);
    render(painter, size(), devicePixelRatioF());
}

bool ReceptiveFieldView::savePng(const QString& path, int widthPx, int heightPx, double scale) const
{
    return exportFigure(path, FigureSpec::fromPixels(widthPx, heightPx, scale));
}

QString ReceptiveFieldView::csv() const
{
    QStringList header = {QStringLiteral("neuron"), QStringLiteral("channel"), QStringLiteral("y"), QStringLiteral("x"),
                          QStringLiteral("weight")};
    if (!m_labels.isEmpty()) header << QStringLiteral("caption");
    QString out = csvLine(header);
    const std::size_t perField = static_cast<std::size_t>(m_channels * m_height * m_width);
    for (int f = 0; f < m_count; ++f) {
        const QString tail = m_labels.isEmpty() ? QString()
                             : QLatin1Char(',') + (f < m_labels.size() ? csvField(m_labels[f]) : QString());
        for (int c = 0; c < m_channels; ++c)
            for (int y = 0; y < m_height; ++y)
                for (int x = 0; x < m_width; ++x) {
                    const std::size_t k = static_cast<std::size_t>(f) * perField +
                                          static_cast<std::size_t>((c * m_height + y) * m_width + x);
                    // Blank places of a reshaped flat input are no weights.
                    if (k >= m_weights.size() || !std::isfinite(m_weights[k])) continue;
                    out += QStringLiteral("%1,%2,%3,%4,").arg(f).arg(c).arg(y).arg(x) + csvNumber(m_weights[k]) + tail +
                           QLatin1Char('\n');
                }
    }
    return out;
}

void ReceptiveFieldView::paintFigure(QCPPainter& painter, const QSize& size, double ratio) const
{
    render(painter, size, ratio);
}

} // namespace ss::widgets
