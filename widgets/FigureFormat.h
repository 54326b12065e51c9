#pragma once
// Figures of any view at a size given in centimetres or inches: PNG at a chosen resolution, SVG and
// PDF as vector drawings, and the numbers behind a view as CSV.
//
// Every format is drawn the same way. A view paints in logical pixels, 96 to the inch at the base
// font size (plotFont(), kBaseFontPt), as on screen; a larger font size zooms the whole drawing
// (text, lines, margins) by fontPt / kBaseFontPt about a proportionally smaller logical page, so that
// a figure at 12 pt has the layout of the screen view at 12 pt. A PNG is then
// width x dpi by height x dpi pixels, and SVG and PDF pages are the requested size (a PDF page to the
// nearest point, 0.35 mm, as Qt's page sizes are whole points).
#include <QSize>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

class QCPPainter;
class QCustomPlot;

namespace ss::widgets {

enum class FigureFormat { Png, Svg, Pdf };
enum class LengthUnit { Centimetre, Inch };

// The file suffix ("png", "svg", "pdf") and back; nullopt for anything else.
QString figureSuffix(FigureFormat format);
std::optional<FigureFormat> figureFormatFromName(const QString& name);
QString unitName(LengthUnit unit); // "cm", "in"

struct FigureSpec {
    static constexpr double kLogicalDpi = 96.0; // logical pixels per inch at zoom 1
    static constexpr double kBaseFontPt = 9.5;  // the size of plotFont()

    double width = 17.0; // in `unit` (17 cm: a two-column figure)
    double height = 10.0;
    LengthUnit unit = LengthUnit::Centimetre;
    int dpi = 300; // PNG only
    double fontPt = kBaseFontPt;
    FigureFormat format = FigureFormat::Png;

    // A figure of widthPx x heightPx logical pixels at `scale` PNG pixels per logical pixel (the
    // size of a view on screen, saved at twice its pixels).
    static FigureSpec fromPixels(int widthPx, int heightPx, double scale, FigureFormat format = FigureFormat::Png);
    double widthInches() const;
    double heightInches() const;
    // The PNG's pixels: round(width x dpi) by round(height x dpi).
    QSize pixelSize() const;
    // Text, lines and margins are drawn this much larger than on screen.
    double zoom() const;
    // The page in the view's logical pixels (96 an inch, divided by the zoom).
    QSize logicalSize() const;
};

// Draws a figure: `size` in logical pixels, `ratio` device pixels per logical pixel (for views that
// align their pixels to the device's). The painter is a QCPPainter so that plots can draw into it.
using FigurePainting = std::function<void(QCPPainter& painter, const QSize& size, double ratio)>;

// Writes one figure in spec.format; false (and `error` says why) when the file cannot be written.
bool writeFigure(const QString& path, const FigureSpec& spec, const FigurePainting& paint, QString* error = nullptr);
// Draws a plot at `size` logical pixels (its own size on screen is kept).
void paintPlot(QCustomPlot& plot, QCPPainter& painter, const QSize& size);

// CSV (RFC 4180): numbers with up to 10 significant digits, text quoted where it needs to be.
QString csvNumber(double value);
QString csvField(const QString& text);
QString csvLine(const QStringList& fields);
// Writes text as UTF-8; false when the file cannot be written.
bool writeTextFile(const QString& path, const QString& text);

// What every view can export: its figure at any FigureSpec and the numbers it shows.
class ExportableView {
public:
    virtual ~ExportableView() = default;
    // The numbers shown, as CSV with a header line whose names carry the units.
    virtual QString csv() const = 0;
    // Draws the view at `size` logical pixels; by default figurePlot().
    virtual void paintFigure(QCPPainter& painter, const QSize& size, double ratio) const;
    // The plot a QCustomPlot view draws with; nullptr for views that paint themselves.
    virtual QCustomPlot* figurePlot() const { return nullptr; }

    bool exportFigure(const QString& path, const FigureSpec& spec, QString* error = nullptr) const;
    bool writeCsv(const QString& path) const { return writeTextFile(path, csv()); }
};

} // namespace ss::widgets
