// Figures of every view in PNG, SVG and PDF at a size in centimetres or inches, and the numbers behind
// them as CSV: each file is valid in its format and has the page size asked for (PNG: size x dpi
// pixels; SVG: width and height attributes; PDF: the MediaBox in points, 72 an inch), and each CSV
// holds exactly the data put into the view.
#include "tests/widgets/FakeGraphModel.h"
#include "widgets/AccuracyView.h"
#include "widgets/ConfusionMatrixView.h"
#include "widgets/FigureExportDialog.h"
#include "widgets/HistogramView.h"
#include "widgets/NodeGraphView.h"
#include "widgets/RateView.h"
#include "widgets/ReceptiveFieldView.h"
#include "widgets/SpikeRasterView.h"
#include "widgets/TraceView.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QRegularExpression>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <memory>

using namespace ss::widgets;

namespace {

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Non-white pixels, every second row and column.
int ink(const QImage& image)
{
    int n = 0;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2) n += (image.pixel(x, y) & 0xffffff) != 0xffffff;
    return n;
}

// The root element's width and height attributes of an SVG file ("8cm").
std::pair<QString, QString> svgSize(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    QXmlStreamReader xml(&f);
    while (!xml.atEnd())
        if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QStringLiteral("svg"))
            return {xml.attributes().value(QStringLiteral("width")).toString(),
                    xml.attributes().value(QStringLiteral("height")).toString()};
    return {};
}

// The first page's MediaBox of a PDF, in points.
QSizeF pdfPage(const QByteArray& pdf)
{
    static const QRegularExpression box(QStringLiteral("/MediaBox\\s*\\[\\s*0\\s+0\\s+([0-9.]+)\\s+([0-9.]+)\\s*\\]"));
    const auto m = box.match(QString::fromLatin1(pdf));
    return m.hasMatch() ? QSizeF(m.captured(1).toDouble(), m.captured(2).toDouble()) : QSizeF();
}

// One of each view, filled with a little data.
std::vector<std::pair<QString, std::unique_ptr<QWidget>>> views()
{
    std::vector<std::pair<QString, std::unique_ptr<QWidget>>> out;
    auto raster = std::make_unique<SpikeRasterView>();
    raster->addPopulation(QStringLiteral("exc"), 20);
    raster->appendSpikes(0, {1, 5, 7}, {0.010, 0.020, 0.030});
    raster->setTitle(QStringLiteral("raster"));
    out.emplace_back(QStringLiteral("raster"), std::move(raster));
    auto trace = std::make_unique<TraceView>();
    trace->setTraces({0.0, 0.001, 0.002}, {{-0.065, -0.060, -0.055}}, {QStringLiteral("neuron 0")});
    trace->setThreshold(-0.052);
    trace->setSpikes({{0.002}});
    out.emplace_back(QStringLiteral("trace"), std::move(trace));
    auto rate = std::make_unique<RateView>();
    rate->addPopulation(QStringLiteral("exc"), 10);
    rate->appendSpikeTimes(0, {0.001, 0.002, 0.015});
    rate->advanceTo(0.02);
    out.emplace_back(QStringLiteral("rate"), std::move(rate));
    auto histogram = std::make_unique<HistogramView>();
    histogram->setLabels(QStringLiteral("firing rate (Hz)"), QStringLiteral("neurons"));
    histogram->setValues({1.0, 2.0, 2.5, 4.0}, 3, 1.0, 4.0);
    out.emplace_back(QStringLiteral("histogram"), std::move(histogram));
    auto accuracy = std::make_unique<AccuracyView>();
    accuracy->setClasses(10);
    accuracy->setCurve(QStringLiteral("train"), {100, 200}, {40.0, 62.5});
    out.emplace_back(QStringLiteral("accuracy"), std::move(accuracy));
    auto confusion = std::make_unique<ConfusionMatrixView>();
    confusion->setMatrix(2, {8, 2, 1, 9});
    out.emplace_back(QStringLiteral("confusion"), std::move(confusion));
    auto fields = std::make_unique<ReceptiveFieldView>();
    fields->setFields({0.0f, 0.25f, 0.5f, 1.0f, 1.0f, 0.5f, 0.25f, 0.0f}, 2, 1, 2, 2);
    fields->setLabels({QStringLiteral("3"), QStringLiteral("7")});
    out.emplace_back(QStringLiteral("fields"), std::move(fields));
    return out;
}

const ExportableView& exportable(const QWidget& w)
{
    return *dynamic_cast<const ExportableView*>(&w);
}

} // namespace

class TestFigureFormat : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void specArithmetic();
    void everyViewInEveryFormat_data();
    void everyViewInEveryFormat();
    void csvHoldsTheViewsNumbers();
    void largerFontZoomsTheDrawing();
    void unwritablePathFails();
    void canvasExportsSvgAndPng();
    void dialogConvertsUnits();

private:
    QTemporaryDir m_dir;
};

void TestFigureFormat::specArithmetic()
{
    FigureSpec spec;
    spec.width = 8.0;
    spec.height = 5.0;
    spec.dpi = 300;
    // 8 cm / 2.54 cm per inch x 300 dpi = 944.9 -> 945; 5 cm -> 590.6 -> 591.
    QCOMPARE(spec.pixelSize(), QSize(945, 591));
    spec.fontPt = 19.0; // twice the base size: half the logical page
    QCOMPARE(spec.zoom(), 2.0);
    QCOMPARE(spec.logicalSize(), QSize(151, 94)); // 8 / 2.54 x 96 / 2 = 151.2; 5 / 2.54 x 96 / 2 = 94.49
    const FigureSpec px = FigureSpec::fromPixels(600, 400, 2.0);
    QCOMPARE(px.pixelSize(), QSize(1200, 800));
    QCOMPARE(px.dpi, 192);
    QCOMPARE(figureFormatFromName(QStringLiteral("SVG")), std::optional<FigureFormat>(FigureFormat::Svg));
    QVERIFY(!figureFormatFromName(QStringLiteral("jpeg")));
}

void TestFigureFormat::everyViewInEveryFormat_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<int>("unit");
    QTest::newRow("png cm") << int(FigureFormat::Png) << int(LengthUnit::Centimetre);
    QTest::newRow("png in") << int(FigureFormat::Png) << int(LengthUnit::Inch);
    QTest::newRow("svg cm") << int(FigureFormat::Svg) << int(LengthUnit::Centimetre);
    QTest::newRow("svg in") << int(FigureFormat::Svg) << int(LengthUnit::Inch);
    QTest::newRow("pdf cm") << int(FigureFormat::Pdf) << int(LengthUnit::Centimetre);
    QTest::newRow("pdf in") << int(FigureFormat::Pdf) << int(LengthUnit::Inch);
}

void TestFigureFormat::everyViewInEveryFormat()
{
    QFETCH(int, format);
    QFETCH(int, unit);
    FigureSpec spec;
    spec.format = static_cast<FigureFormat>(format);
    spec.unit = static_cast<LengthUnit>(unit);
    const bool cm = spec.unit == LengthUnit::Centimetre;
    spec.width = cm ? 8.5 : 3.5;
    spec.height = cm ? 6.0 : 2.5;
    spec.dpi = 200;
    spec.fontPt = 8.0;
    const double inchesW = cm ? 8.5 / 2.54 : 3.5, inchesH = cm ? 6.0 / 2.54 : 2.5;
    const auto all = views();
    QCOMPARE(static_cast<int>(all.size()), 7);
    // Artefacts to look at: every view as exported.
    const QString artefacts = QDir::currentPath() + QStringLiteral("/artefacts/figures/");
    QVERIFY(QDir().mkpath(artefacts));
    for (const auto& [name, widget] : all) {
        const QString file = name + QLatin1Char('_') + unitName(spec.unit) + QLatin1Char('.') + figureSuffix(spec.format);
        const QString path = m_dir.filePath(file);
        QString error;
        QVERIFY2(exportable(*widget).exportFigure(path, spec, &error), qPrintable(error));
        QVERIFY(exportable(*widget).exportFigure(artefacts + file, spec));
        switch (spec.format) {
        case FigureFormat::Png: {
            const QImage image(path);
            QVERIFY2(!image.isNull(), qPrintable(path));
            QCOMPARE(image.size(), QSize(qRound(inchesW * 200), qRound(inchesH * 200)));
            QCOMPARE(image.dotsPerMeterX(), qRound(200 / 0.0254));
            // A figure, not a blank page: axes, ticks and labels are far more than 300 sampled pixels.
            QVERIFY2(ink(image) > 300, qPrintable(name + QStringLiteral(": ") + QString::number(ink(image))));
            break;
        }
        case FigureFormat::Svg: {
            QSvgRenderer svg(path);
            QVERIFY2(svg.isValid(), qPrintable(path));
            const auto [w, h] = svgSize(path);
            QCOMPARE(w, cm ? QStringLiteral("8.5cm") : QStringLiteral("3.5in"));
            QCOMPARE(h, cm ? QStringLiteral("6cm") : QStringLiteral("2.5in"));
            // The drawing fills the page: the view box is the page at 96 units an inch.
            QVERIFY(std::abs(svg.viewBoxF().width() - inchesW * 96) < 1e-3);
            QVERIFY(std::abs(svg.viewBoxF().height() - inchesH * 96) < 1e-3);
            break;
        }
        case FigureFormat::Pdf: {
            const QByteArray pdf = readAll(path);
            QVERIFY2(pdf.startsWith("%PDF-"), qPrintable(path));
            const QSizeF page = pdfPage(pdf);
            // Points, 72 an inch; Qt's page sizes are whole points, so within half a point (0.18 mm).
            QVERIFY2(std::abs(page.width() - inchesW * 72) <= 0.5 && std::abs(page.height() - inchesH * 72) <= 0.5,
                     qPrintable(QStringLiteral("%1 x %2").arg(page.width()).arg(page.height())));
            break;
        }
        }
    }
}

void TestFigureFormat::csvHoldsTheViewsNumbers()
{
    const auto all = views();
    QStringList got;
    for (const auto& [name, widget] : all) {
        const QString path = m_dir.filePath(name + QStringLiteral(".csv"));
        QVERIFY(exportable(*widget).writeCsv(path));
        got << QString::fromUtf8(readAll(path));
    }
    QCOMPARE(got[0], QStringLiteral("time_ms,neuron,population\n10,1,exc\n20,5,exc\n30,7,exc\n"));
    QCOMPARE(got[1], QStringLiteral("time_s,neuron 0 (mV)\n0,-65\n0.001,-60\n0.002,-55\n"));
    // 10 ms bins of 10 neurons: 2 spikes -> 2 / (10 x 0.01 s) = 20 Hz, then 1 spike -> 10 Hz.
    QCOMPARE(got[2], QStringLiteral("bin_start_s,exc rate_Hz\n0,20\n0.01,10\n"));
    // Bins of width 1 over [1, 4]: 1 | 2, 2.5 | 4 (the top edge belongs to the last bin).
    QCOMPARE(got[3], QStringLiteral("firing rate (Hz) from,firing rate (Hz) to,neurons\n1,2,1\n2,3,2\n3,4,1\n"));
    QCOMPARE(got[4], QStringLiteral("phase,samples,accuracy_percent\ntrain,100,40\ntrain,200,62.5\n"));
    QCOMPARE(got[5], QStringLiteral("true_class,predicted_class,count,row_share\n0,0,8,0.8\n0,1,2,0.2\n1,0,1,0.1\n1,1,9,0.9\n"));
    QCOMPARE(got[6], QStringLiteral("neuron,channel,y,x,weight,caption\n0,0,0,0,0,3\n0,0,0,1,0.25,3\n0,0,1,0,0.5,3\n"
                                    "0,0,1,1,1,3\n1,0,0,0,1,7\n1,0,0,1,0.5,7\n1,0,1,0,0.25,7\n1,0,1,1,0,7\n"));
    // Text with a comma is quoted (RFC 4180).
    QCOMPARE(csvLine({QStringLiteral("a,b"), QStringLiteral("say \"hi\"")}), QStringLiteral("\"a,b\",\"say \"\"hi\"\"\"\n"));
}

void TestFigureFormat::largerFontZoomsTheDrawing()
{
    // The same page at twice the font size draws text and lines twice as large: more ink.
    ConfusionMatrixView view;
    view.setMatrix(3, {5, 1, 0, 2, 6, 1, 0, 0, 9});
    view.setTitle(QStringLiteral("test"));
    FigureSpec small;
    small.width = 8.0;
    small.height = 8.0;
    small.dpi = 150;
    FigureSpec large = small;
    large.fontPt = 2 * small.fontPt;
    const QString a = m_dir.filePath(QStringLiteral("small.png")), b = m_dir.filePath(QStringLiteral("large.png"));
    QVERIFY(view.exportFigure(a, small));
    QVERIFY(view.exportFigure(b, large));
    const QImage ia(a), ib(b);
    QCOMPARE(ia.size(), ib.size());
    // The matrix's cells fill the same page either way; what grows is the text and the margins, so the
    // grid's left edge moves right: find the first column with the cell border in the middle row.
    auto firstInk = [](const QImage& img) {
        const int y = img.height() / 2;
        for (int x = 0; x < img.width(); ++x)
            if ((img.pixel(x, y) & 0xffffff) != 0xffffff) return x;
        return -1;
    };
    QVERIFY2(firstInk(ib) > firstInk(ia), qPrintable(QStringLiteral("%1 vs %2").arg(firstInk(ib)).arg(firstInk(ia))));
}

void TestFigureFormat::unwritablePathFails()
{
    const QString blocker = m_dir.filePath(QStringLiteral("plain-file"));
    QFile f(blocker);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    HistogramView view;
    FigureSpec spec;
    for (FigureFormat format : {FigureFormat::Png, FigureFormat::Svg, FigureFormat::Pdf}) {
        spec.format = format;
        QString error;
        QVERIFY(!view.exportFigure(blocker + QStringLiteral("/x.") + figureSuffix(format), spec, &error));
        QVERIFY2(error.contains(QStringLiteral("plain-file/x.")), qPrintable(error));
    }
    QVERIFY(!view.writeCsv(blocker + QStringLiteral("/x.csv")));
}

void TestFigureFormat::canvasExportsSvgAndPng()
{
    FakeGraphModel model;
    model.reset({FakeGraphModel::make("poisson", "encoder.poisson", {0, 0}, "Poisson, 784 neurons"),
                 FakeGraphModel::make("lif", "layer.lif", {260, 0}, "LIF, 100 neurons")},
                {}, {});
    NodeGraphView view;
    view.resize(400, 300);
    view.setModel(&model);
    const QString png = m_dir.filePath(QStringLiteral("canvas.png")), svg = m_dir.filePath(QStringLiteral("canvas.svg"));
    QVERIFY(view.exportImage(png, FigureFormat::Png, 2.0));
    QVERIFY(view.exportImage(svg, FigureFormat::Svg));
    const QImage image(png);
    // Two nodes 260 px apart, each wider than 100 px, plus the 20 px margins: wider than 2 x 380 pixels.
    QVERIFY2(image.width() > 760 && image.height() > 80, qPrintable(QStringLiteral("%1 x %2").arg(image.width()).arg(image.height())));
    QVERIFY(ink(image) > 1000);
    QVERIFY(QSvgRenderer(svg).isValid());
    QVERIFY(view.exportImage(QDir::currentPath() + QStringLiteral("/artefacts/figures/canvas.png"), FigureFormat::Png));
}

void TestFigureFormat::dialogConvertsUnits()
{
    FigureExportDialog dialog;
    FigureExportRequest r;
    r.spec.width = 25.4;
    r.spec.height = 12.7;
    r.spec.format = FigureFormat::Pdf;
    r.spec.fontPt = 11.0;
    r.csv = false;
    dialog.setRequest(r);
    FigureExportRequest back = dialog.request();
    QCOMPARE(back.spec.width, 25.4);
    QCOMPARE(back.spec.format, FigureFormat::Pdf);
    QCOMPARE(back.spec.fontPt, 11.0);
    QVERIFY(!back.csv);
    // Switching to inches keeps the figure: 25.4 cm = 10 in, 12.7 cm = 5 in.
    auto* unit = dialog.findChild<QComboBox*>(QStringLiteral("unit"));
    QVERIFY(unit);
    unit->setCurrentIndex(unit->findText(QStringLiteral("in")));
    back = dialog.request();
    QCOMPARE(back.spec.unit, LengthUnit::Inch);
    QCOMPARE(back.spec.width, 10.0);
    QCOMPARE(back.spec.height, 5.0);
    QCOMPARE(csvPathFor(QStringLiteral("/tmp/a.b/raster.svg")), QStringLiteral("/tmp/a.b/raster.csv"));
    QVERIFY(dialog.grab().save(QDir::currentPath() + QStringLiteral("/artefacts/figures/export_dialog.png")));
}

QTEST_MAIN(TestFigureFormat)
#include "test_figure_format.moc"
