#include "widgets/ConfusionMatrixView.h"

#include "widgets/PlotStyle.h"

#include <qcustomplot.h>

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace ss::widgets {

ConfusionMatrixView::ConfusionMatrixView(QWidget* parent) : QWidget(parent)
{
    setMinimumSize(160, 140);
    setAutoFillBackground(false);
}

void ConfusionMatrixView::setMatrix(int classes, const std::vector<int>& counts)
{
    m_classes = std::max(0, classes);
    m_counts.assign(static_cast<std::size_t>(m_classes * m_classes), 0);
    std::copy_n(counts.begin(), std::min(counts.size(), m_counts.size()), m_counts.begin());
    update();
}

void ConfusionMatrixView::clear()
{
    std::fill(m_counts.begin(), m_counts.end(), 0);
    update();
}

void ConfusionMatrixView::setTitle(const QString& title)
{
    m_title = title;
    update();
}

int ConfusionMatrixView::count(int trueClass, int predicted) const
{
    if (trueClass < 0 || predicted < 0 || trueClass >= m_classes || predicted >= m_classes) return 0;
    return m_counts[static_cast<std::size_t>(trueClass * m_classes + predicted)];
}

int ConfusionMatrixView::total() const
{
    int sum = 0;
    for (int c : m_counts) sum += c;
    return sum;
}

double ConfusionMatrixView::rowShare(int trueClass, int predicted) const
{
    int row = 0;
    for (int j = 0; j < m_classes; ++j) row += count(trueClass, j);
    return row > 0 ? static_cast<double>(count(trueClass, predicted)) / row : 0.0;
}

QColor ConfusionMatrixView::shade(double share)
{
    // White to the palette's blue (Okabe & Ito #0072B2), linear in each channel.
    const double s = std::clamp(share, 0.0, 1.0);
    const QColor top(0x00, 0x50, 0x8a);
    auto mix = [s](int a, int b) { return static_cast<int>(std::lround(a + (b - a) * s)); };
    return QColor(mix(255, top.red()), mix(255, top.green()), mix(255, top.blue()));
}

void ConfusionMatrixView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    paint(painter, size());
}

void ConfusionMatrixView::paint(QPainter& painter, const QSize& size) const
{
    painter.fillRect(QRect(QPoint(0, 0), size), Qt::white);
    painter.setRenderHint(QPainter::Antialiasing, false);
    const QFont font = plotFont(), titleFont = plotFont(true);
    const QFontMetrics fm(font), tm(titleFont);
    const int top = (m_title.isEmpty() ? 6 : tm.height() + 10) + fm.height() + 4; // title, "predicted"
    const int left = fm.height() + 8 + fm.horizontalAdvance(QStringLiteral("00")) + 6; // "true", class labels
    const int bottom = fm.height() + 6, right = 8;
    if (!m_title.isEmpty()) {
        painter.setFont(titleFont);
        painter.setPen(QColor(0x20, 0x20, 0x20));
        painter.drawText(QRect(0, 4, size.width(), tm.height()), Qt::AlignHCenter,
                         tm.elidedText(m_title, Qt::ElideRight, size.width() - 8));
    }
    painter.setFont(font);
    const int n = std::max(1, m_classes);
    const double cell = std::max(1.0, std::min((size.width() - left - right) / double(n), (size.height() - top - bottom) / double(n)));
    const double x0 = left + (size.width() - left - right - cell * n) / 2.0, y0 = top;
    painter.setPen(QColor(0x20, 0x20, 0x20));
    painter.drawText(QRectF(x0, y0 - fm.height() - 2, cell * n, fm.height()), Qt::AlignHCenter, tr("predicted"));
    const int labelWidth = fm.horizontalAdvance(QString::number(std::max(0, m_classes - 1)));
    painter.save();
    painter.translate(x0 - labelWidth - 14 - fm.height(), y0 + cell * n / 2.0);
    painter.rotate(-90);
    painter.drawText(QRectF(-cell * n / 2.0, 0, cell * n, fm.height()), Qt::AlignHCenter, tr("true"));
    painter.restore();
    // The counts in the largest font (at most the axis font) whose widest count fits a cell.
    int widest = 0;
    for (int c : m_counts) widest = std::max(widest, c);
    QFont countFont = font;
    const QString widestText = QString::number(widest);
    while (countFont.pointSizeF() > 5.0 && (QFontMetricsF(countFont).horizontalAdvance(widestText) > cell - 4.0 ||
                                            QFontMetricsF(countFont).height() > cell - 2.0))
        countFont.setPointSizeF(countFont.pointSizeF() - 0.5);
    const bool counts = QFontMetricsF(countFont).horizontalAdvance(widestText) <= cell - 4.0;
    for (int i = 0; i < m_classes; ++i) {
        painter.setFont(font);
        painter.setPen(QColor(0x20, 0x20, 0x20));
        painter.drawText(QRectF(x0 - labelWidth - 6, y0 + i * cell, labelWidth, cell), Qt::AlignRight | Qt::AlignVCenter,
                         QString::number(i));
        painter.drawText(QRectF(x0 + i * cell, y0 + cell * n + 2, cell, fm.height()), Qt::AlignHCenter, QString::number(i));
        for (int j = 0; j < m_classes; ++j) {
            const double share = rowShare(i, j);
            const QRectF r(x0 + j * cell, y0 + i * cell, cell, cell);
            painter.fillRect(r, shade(share));
            painter.setPen(QColor(0xd0, 0xd0, 0xd0));
            painter.drawRect(r);
            if (counts) {
                painter.setFont(countFont);
                painter.setPen(share > 0.5 ? Qt::white : QColor(0x20, 0x20, 0x20));
                painter.drawText(r, Qt::AlignCenter, QString::number(count(i, j)));
            }
        }
    }
}

bool ConfusionMatrixView::savePng(const QString& path, int widthPx, int heightPx, double scale)
{
    return exportFigure(path, FigureSpec::fromPixels(widthPx, heightPx, scale));
}

QString ConfusionMatrixView::csv() const
{
    QString out = csvLine({QStringLiteral("true_class"), QStringLiteral("predicted_class"), QStringLiteral("count"),
                           QStringLiteral("row_share")});
    for (int i = 0; i < m_classes; ++i)
        for (int j = 0; j < m_classes; ++j)
            out += csvLine({QString::number(i), QString::number(j), QString::number(count(i, j)), csvNumber(rowShare(i, j))});
    return out;
}

void ConfusionMatrixView::paintFigure(QCPPainter& painter, const QSize& size, double) const
{
    paint(painter, size);
}

} // namespace ss::widgets
