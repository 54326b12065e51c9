#include "widgets/FigureFormat.h"

#include <qcustomplot.h>

#include <QBuffer>
#include <QFile>
#include <QImage>
#include <QPageSize>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSvgGenerator>

#include <algorithm>
#include <cmath>

namespace ss::widgets {

namespace {

constexpr double kCmPerInch = 2.54;

int roundPx(double v)
{
    return std::max(1, static_cast<int>(std::lround(v)));
}

QString lengthText(double v, LengthUnit unit)
{
    return QString::number(v, 'g', 10) + unitName(unit);
}

bool fail(QString* error, const QString& message)
{
    if (error) *error = message;
    return false;
}

// Paints the page: the painter is scaled so that `size` logical pixels fill `deviceUnits` device units.
void paintPage(QCPPainter& painter, const FigureSpec& spec, const FigurePainting& paint, double devicePerLogical)
{
    const QSize logical = spec.logicalSize();
    painter.scale(devicePerLogical, devicePerLogical);
    painter.fillRect(QRect(QPoint(0, 0), logical), Qt::white);
    paint(painter, logical, devicePerLogical);
}

bool writePng(const QString& path, const FigureSpec& spec, const FigurePainting& paint, QString* error)
{
    const QSize pixels = spec.pixelSize();
    QImage image(pixels, QImage::Format_ARGB32_Premultiplied);
    if (image.isNull()) return fail(error, QStringLiteral("%1: %2 x %3 pixels is too large").arg(path).arg(pixels.width()).arg(pixels.height()));
    image.fill(Qt::white);
    // Text is laid out at 96 dpi in logical pixels, as on screen; the file then says its real resolution.
    const int logicalDpm = static_cast<int>(std::lround(FigureSpec::kLogicalDpi / 0.0254));
    image.setDotsPerMeterX(logicalDpm);
    image.setDotsPerMeterY(logicalDpm);
    {
        QCPPainter painter(&image);
        painter.setMode(QCPPainter::pmNoCaching);
        paintPage(painter, spec, paint, spec.dpi * spec.zoom() / FigureSpec::kLogicalDpi);
    }
    const int dpm = static_cast<int>(std::lround(spec.dpi / 0.0254));
    image.setDotsPerMeterX(dpm);
    image.setDotsPerMeterY(dpm);
    if (!image.save(path, "PNG")) return fail(error, QStringLiteral("cannot write %1").arg(path));
    return true;
}

bool writeSvg(const QString& path, const FigureSpec& spec, const FigurePainting& paint, QString* error)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    const double w = spec.widthInches() * FigureSpec::kLogicalDpi, h = spec.heightInches() * FigureSpec::kLogicalDpi;
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    svg.setResolution(static_cast<int>(FigureSpec::kLogicalDpi));
    svg.setSize(QSize(roundPx(w), roundPx(h)));
    svg.setViewBox(QRectF(0.0, 0.0, w, h));
    svg.setTitle(QStringLiteral("SpikeStudio figure"));
    {
        QCPPainter painter(&svg);
        painter.setMode(QCPPainter::pmVectorized);
        painter.setMode(QCPPainter::pmNoCaching);
        paintPage(painter, spec, paint, spec.zoom());
    }
    // The generator states the size in whole pixels (mm rounded to 1/96 in); the page is the size asked for.
    QString text = QString::fromUtf8(buffer.data());
    static const QRegularExpression size(QStringLiteral("<svg width=\"[^\"]*\" height=\"[^\"]*\""));
    text.replace(size, QStringLiteral("<svg width=\"%1\" height=\"%2\"")
                           .arg(lengthText(spec.width, spec.unit), lengthText(spec.height, spec.unit)));
    if (!writeTextFile(path, text)) return fail(error, QStringLiteral("cannot write %1").arg(path));
    return true;
}

bool writePdf(const QString& path, const FigureSpec& spec, const FigurePainting& paint, QString* error)
{
    QFile probe(path);
    if (!probe.open(QIODevice::WriteOnly)) return fail(error, QStringLiteral("cannot write %1").arg(path));
    probe.close();
    QPdfWriter pdf(path);
    pdf.setResolution(static_cast<int>(FigureSpec::kLogicalDpi));
    pdf.setCreator(QStringLiteral("SpikeStudio"));
    const bool cm = spec.unit == LengthUnit::Centimetre;
    const QSizeF page = cm ? QSizeF(spec.width * 10.0, spec.height * 10.0) : QSizeF(spec.width, spec.height);
    pdf.setPageSize(QPageSize(page, cm ? QPageSize::Millimeter : QPageSize::Inch, QString(), QPageSize::ExactMatch));
    pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
    QCPPainter painter;
    if (!painter.begin(&pdf)) return fail(error, QStringLiteral("cannot write %1").arg(path));
    painter.setMode(QCPPainter::pmVectorized);
    painter.setMode(QCPPainter::pmNoCaching);
    // Weights drawn as images stay exact (Qt would otherwise store them as JPEG).
    painter.setRenderHint(QPainter::LosslessImageRendering);
    paintPage(painter, spec, paint, spec.zoom());
    painter.end();
    return true;
}

} // namespace

QString figureSuffix(FigureFormat format)
{
    switch (format) {
    case FigureFormat::Svg: return QStringLiteral("svg");
    case FigureFormat::Pdf: return QStringLiteral("pdf");
    case FigureFormat::Png: break;
    }
    return QStringLiteral("png");
}

std::optional<FigureFormat> figureFormatFromName(const QString& name)
{
    for (FigureFormat f : {FigureFormat::Png, FigureFormat::Svg, FigureFormat::Pdf})
        if (name.compare(figureSuffix(f), Qt::CaseInsensitive) == 0) return f;
    return std::nullopt;
}

QString unitName(LengthUnit unit)
{
    return unit == LengthUnit::Inch ? QStringLiteral("in") : QStringLiteral("cm");
}

FigureSpec FigureSpec::fromPixels(int widthPx, int heightPx, double scale, FigureFormat format)
{
    FigureSpec spec;
    spec.unit = LengthUnit::Inch;
    spec.width = std::max(1, widthPx) / kLogicalDpi;
    spec.height = std::max(1, heightPx) / kLogicalDpi;
    spec.dpi = static_cast<int>(std::lround(kLogicalDpi * (scale > 0.0 ? scale : 1.0)));
    spec.format = format;
    return spec;
}

double FigureSpec::widthInches() const
{
    return unit == LengthUnit::Inch ? width : width / kCmPerInch;
}

double FigureSpec::heightInches() const
{
    return unit == LengthUnit::Inch ? height : height / kCmPerInch;
}

QSize FigureSpec::pixelSize() const
{
    return {roundPx(widthInches() * dpi), roundPx(heightInches() * dpi)};
}

double FigureSpec::zoom() const
{
    return fontPt > 0.0 ? fontPt / kBaseFontPt : 1.0;
}

QSize FigureSpec::logicalSize() const
{
    return {roundPx(widthInches() * kLogicalDpi / zoom()), roundPx(heightInches() * kLogicalDpi / zoom())};
}

bool writeFigure(const QString& path, const FigureSpec& spec, const FigurePainting& paint, QString* error)
{
    if (!(spec.width > 0.0 && spec.height > 0.0 && spec.dpi > 0 && spec.fontPt > 0.0))
        return fail(error, QStringLiteral("%1: the figure needs a positive width, height, resolution and font size").arg(path));
    switch (spec.format) {
    case FigureFormat::Svg: return writeSvg(path, spec, paint, error);
    case FigureFormat::Pdf: return writePdf(path, spec, paint, error);
    case FigureFormat::Png: break;
    }
    return writePng(path, spec, paint, error);
}

void paintPlot(QCustomPlot& plot, QCPPainter& painter, const QSize& size)
{
    plot.toPainter(&painter, size.width(), size.height());
    // toPainter() laid the plot out for the page; the screen gets its own layout back at the next frame.
    plot.replot(QCustomPlot::rpQueuedReplot);
}

QString csvNumber(double value)
{
    return std::isfinite(value) ? QString::number(value, 'g', 10) : QString();
}

QString csvField(const QString& text)
{
    static const QRegularExpression special(QStringLiteral("[,\"\\n\\r]"));
    if (!text.contains(special)) return text;
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString csvLine(const QStringList& fields)
{
    QStringList out;
    out.reserve(fields.size());
    for (const QString& f : fields) out << csvField(f);
    return out.join(QLatin1Char(',')) + QLatin1Char('\n');
}

bool writeTextFile(const QString& path, const QString& text)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly)) return false;
    f.write(text.toUtf8());
    return f.commit();
}

void ExportableView::paintFigure(QCPPainter& painter, const QSize& size, double) const
{
    if (QCustomPlot* plot = figurePlot()) paintPlot(*plot, painter, size);
}

bool ExportableView::exportFigure(const QString& path, const FigureSpec& spec, QString* error) const
{
    return writeFigure(path, spec, [this](QCPPainter& painter, const QSize& size, double ratio) {
        paintFigure(painter, size, ratio);
    }, error);
}

} // namespace ss::widgets
