// Exporting the live views of a finished run in the workbench: "Export..." on one view writes the figure
// in the format and size of the dialog and its data as CSV; "Export All Figures" writes every open view
// and figures.txt with the document, the seed and the version; the live membrane traces carry a spike
// marker for every spike the raster of the same layer shows for the traced neurons; after a protocol
// run, each receptive field of the readout layer is captioned with its neuron's assigned class.
#include "app/FigureActions.h"
#include "app/GraphDocument.h"
#include "app/LiveViews.h"
#include "app/MainWindow.h"
#include "app/RunPanel.h"
#include "widgets/ReceptiveFieldView.h"
#include "widgets/SpikeRasterView.h"
#include "widgets/TraceView.h"

#include <qcustomplot.h>

#include "LiveTestDocument.h"
#include "WorkbenchTestSupport.h"

#include <QApplication>
#include <QDir>
#include <QMenu>
#include <QTimer>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace ss;

namespace {

constexpr int kRunTimeoutMs = 120000;

QString readText(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

} // namespace

class TestLiveExport : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void traceMarksTheRastersSpikes();
    void exportOneViewThroughTheDialog();
    void exportAllFiguresWithProvenance();
    void everyViewHasTheExportMenu();
    void fieldsShowAssignedClasses();

private:
    void checkExportMenus(const QString& folder);
    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<app::MainWindow> m_window;
};

void TestLiveExport::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("SpikeStudioTests"));
    QCoreApplication::setApplicationName(QStringLiteral("test_live_export"));
    m_path = m_dir.filePath(QStringLiteral("live.json"));
    QVERIFY(test::writeFile(m_path, test::liveTestDocument(500)));
    m_window = test::openInWorkbench(m_path, m_dir.filePath(QStringLiteral("recovery.json")), {1200, 800});
    QVERIFY(m_window);
    QVERIFY(test::runToEnd(*m_window, kRunTimeoutMs));
    m_window->runPanel().liveViews().drain();
}

void TestLiveExport::traceMarksTheRastersSpikes()
{
    app::LiveViews& views = m_window->runPanel().liveViews();
    widgets::SpikeRasterView* raster = views.raster(QStringLiteral("raster"));
    widgets::TraceView* trace = views.trace(QStringLiteral("trace"));
    QVERIFY(raster && trace);
    // The raster's spikes of neurons 0, 1 and 2 (the traced ones), from its own CSV.
    std::vector<int> expected(3, 0);
    const QStringList lines = raster->csv().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (qsizetype k = 1; k < lines.size(); ++k) {
        const int neuron = lines[k].section(QLatin1Char(','), 1, 1).toInt();
        if (neuron < 3) ++expected[static_cast<std::size_t>(neuron)];
    }
    // 200 LIF neurons driven by 10 Poisson inputs at 20 Hz each on average (p = 0.1 of 100): the
    // population fires, so a 500 ms run gives the raster spikes to compare with.
    QVERIFY(raster->spikeCount(0) > 0);
    int total = 0;
    for (int j = 0; j < 3; ++j) {
        QCOMPARE(trace->spikeMarkerCount(j), expected[static_cast<std::size_t>(j)]);
        total += expected[static_cast<std::size_t>(j)];
    }
    qInfo("spike markers on the three traces: %d, %d, %d", expected[0], expected[1], expected[2]);
    QVERIFY2(total > 0, "the traced neurons never fired: the comparison above says nothing");
}

void TestLiveExport::exportOneViewThroughTheDialog()
{
    app::LiveViews& views = m_window->runPanel().liveViews();
    widgets::TraceView* trace = views.trace(QStringLiteral("trace"));
    QVERIFY(trace);
    // The dialog answers 12 x 8 cm SVG at 10 pt with CSV; the file dialog the path without a suffix.
    int dialogs = 0;
    views.exportDialog = [&](widgets::FigureExportRequest& r) {
        ++dialogs;
        r.spec.format = widgets::FigureFormat::Svg;
        r.spec.width = 12.0;
        r.spec.height = 8.0;
        r.spec.unit = widgets::LengthUnit::Centimetre;
        r.spec.fontPt = 10.0;
        r.csv = true;
        return true;
    };
    QString suggested;
    const QString base = m_dir.filePath(QStringLiteral("membrane"));
    views.exportFileName = [&](const QString& suggestion) {
        suggested = suggestion;
        return base;
    };
    QVERIFY(views.exportView(*trace, QStringLiteral("trace_trace")));
    QCOMPARE(dialogs, 1);
    QVERIFY2(suggested.endsWith(QStringLiteral("trace_trace.svg")), qPrintable(suggested));
    const QString svg = base + QStringLiteral(".svg");
    QVERIFY(QSvgRenderer(svg).isValid());
    QFile f(svg);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&f);
    while (!xml.atEnd() && !(xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QStringLiteral("svg"))) {
    }
    QCOMPARE(xml.attributes().value(QStringLiteral("width")).toString(), QStringLiteral("12cm"));
    QCOMPARE(xml.attributes().value(QStringLiteral("height")).toString(), QStringLiteral("8cm"));
    // The CSV: a header with the unit, then one row per sample held by the view.
    const QStringList rows = readText(base + QStringLiteral(".csv")).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(rows.value(0), QStringLiteral("time_s,neuron 0 (mV),neuron 1 (mV),neuron 2 (mV)"));
    QCOMPARE(rows.size() - 1, trace->sampleCount(0));
    // The settings are remembered for the next export.
    QCOMPARE(views.exportSettings.spec.format, widgets::FigureFormat::Svg);
    // Cancelled: nothing written.
    views.exportDialog = [](widgets::FigureExportRequest&) { return false; };
    QVERIFY(!views.exportView(*trace, QStringLiteral("trace_trace")));
}

void TestLiveExport::exportAllFiguresWithProvenance()
{
    app::LiveViews& views = m_window->runPanel().liveViews();
    // Two spike monitors (raster, rate and rate histogram each) and one state monitor.
    QStringList stems;
    for (const auto& [stem, view] : views.exportableViews()) stems << stem;
    QCOMPARE(stems, QStringList({QStringLiteral("input_raster_raster"), QStringLiteral("input_raster_rate"),
                                 QStringLiteral("input_raster_rates"), QStringLiteral("raster_raster"),
                                 QStringLiteral("raster_rate"), QStringLiteral("raster_rates"), QStringLiteral("trace_trace")}));
    widgets::FigureExportRequest request;
    request.spec.format = widgets::FigureFormat::Png;
    request.spec.unit = widgets::LengthUnit::Inch;
    request.spec.width = 4.0;
    request.spec.height = 3.0;
    request.spec.dpi = 150;
    request.csv = true;
    const QString dir = m_dir.filePath(QStringLiteral("all"));
    const QStringList written =
        app::exportAllFigures(views, dir, request, m_path, m_window->document().document());
    QCOMPARE(written.size(), 2 * stems.size() + 1);
    for (const QString& stem : stems) {
        const QImage image(QDir(dir).filePath(stem + QStringLiteral(".png")));
        QCOMPARE(image.size(), QSize(600, 450)); // 4 x 3 in at 150 dpi
        QVERIFY(QFile::exists(QDir(dir).filePath(stem + QStringLiteral(".csv"))));
    }
    const QString provenance = readText(QDir(dir).filePath(QStringLiteral("figures.txt")));
    QVERIFY2(provenance.startsWith(QStringLiteral("SpikeStudio " SPIKESTUDIO_VERSION "\n")), qPrintable(provenance.left(80)));
    QVERIFY(provenance.contains(QStringLiteral("document: ") + QFileInfo(m_path).absoluteFilePath() + QLatin1Char('\n')));
    QVERIFY(provenance.contains(QStringLiteral("seed: 7\n")));
    QVERIFY(provenance.contains(QStringLiteral("  raster_raster.png\n")));
    QVERIFY(provenance.contains(QStringLiteral("\"rate\": 20")));
}

void TestLiveExport::everyViewHasTheExportMenu()
{
    checkExportMenus(QStringLiteral("menus"));
}

void TestLiveExport::checkExportMenus(const QString& folder)
{
    // A right click on each view opens a menu whose "Export..." writes that view.
    app::LiveViews& views = m_window->runPanel().liveViews();
    views.exportDialog = [](widgets::FigureExportRequest& r) {
        r.spec.format = widgets::FigureFormat::Pdf;
        r.csv = false;
        return true;
    };
    const QString dir = m_dir.filePath(folder);
    QVERIFY(QDir().mkpath(dir));
    views.exportFileName = [&](const QString& suggestion) { return QDir(dir).filePath(QFileInfo(suggestion).fileName()); };
    for (const auto& [stem, view] : views.exportableViews()) {
        // The plot of a QCustomPlot view takes the right click; a view that paints itself takes it itself.
        QWidget* host = view->figurePlot() ? static_cast<QWidget*>(view->figurePlot())
                                           : const_cast<QWidget*>(dynamic_cast<const QWidget*>(view));
        QVERIFY(host);
        QCOMPARE(host->contextMenuPolicy(), Qt::CustomContextMenu);
        bool triggered = false;
        QTimer::singleShot(0, this, [&triggered] {
            auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
            if (!menu) return;
            for (QAction* a : menu->actions())
                if (a->text() == QStringLiteral("Export...")) {
                    triggered = true;
                    a->trigger();
                }
            menu->close();
        });
        emit host->customContextMenuRequested(QPoint(10, 10));
        QVERIFY2(triggered, qPrintable(stem));
        const QString pdf = QDir(dir).filePath(stem + QStringLiteral(".pdf"));
        QFile f(pdf);
        QVERIFY2(f.open(QIODevice::ReadOnly) && f.read(5) == "%PDF-", qPrintable(pdf));
    }
}

void TestLiveExport::fieldsShowAssignedClasses()
{
    // The Diehl & Cook network of the examples (100 neurons, real MNIST digits), trained on 20 digits,
    // labelled with 20 and tested on 10: enough for some neurons to win a digit.
    const QString source = qEnvironmentVariable("SPIKESTUDIO_SOURCE", QStringLiteral(SPIKESTUDIO_SOURCE_DIR));
    if (qEnvironmentVariableIsEmpty("SPIKESTUDIO_DATA")) qputenv("SPIKESTUDIO_DATA", (source + QStringLiteral("/data")).toUtf8());
    QFile f(source + QStringLiteral("/resources/experiments/diehl_cook_100.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QJsonObject root = QJsonDocument::fromJson(f.readAll()).object();
    QJsonObject experiment = root[QStringLiteral("experiment")].toObject();
    QJsonObject protocol = experiment[QStringLiteral("protocol")].toObject();
    protocol[QStringLiteral("train")] = 20;
    protocol[QStringLiteral("label")] = 20;
    protocol[QStringLiteral("test")] = 10;
    experiment[QStringLiteral("protocol")] = protocol;
    root[QStringLiteral("experiment")] = experiment;
    const QString path = m_dir.filePath(QStringLiteral("diehl_cook.json"));
    QVERIFY(test::writeFile(path, QJsonDocument(root).toJson()));
    QVERIFY(m_window->openFile(path));
    QVERIFY(test::runToEnd(*m_window, kRunTimeoutMs));
    app::LiveViews& views = m_window->runPanel().liveViews();
    views.drain();
    const auto result = m_window->runPanel().controller().protocolResult();
    QVERIFY(result.has_value());
    QCOMPARE(result->assignments.size(), std::size_t(100));
    const widgets::ReceptiveFieldView* fields = views.fields(QStringLiteral("fields")); // the weight monitor's node
    QVERIFY(fields);
    QCOMPARE(fields->labels().size(), 100);
    int assigned = 0;
    for (int j = 0; j < 100; ++j) {
        const int c = result->assignments[static_cast<std::size_t>(j)];
        assigned += c >= 0;
        QCOMPARE(fields->labels()[j], c < 0 ? QStringLiteral("-") : QString::number(c));
    }
    qInfo("%d of 100 neurons assigned a class", assigned);
    QVERIFY2(assigned > 0, "no neuron was assigned: the captions above say nothing");
    // An artefact to look at: the captioned fields.
    widgets::FigureSpec spec;
    spec.width = 17.0;
    spec.height = 17.0;
    spec.dpi = 150;
    QVERIFY(QDir().mkpath(QStringLiteral("artefacts")));
    QVERIFY(fields->exportFigure(QStringLiteral("artefacts/live_fields_assigned.png"), spec));
    // The protocol's views (fields, weight histogram, accuracy, confusion matrix) have the menu too.
    checkExportMenus(QStringLiteral("protocol_menus"));
    QVERIFY(QFile::exists(m_dir.filePath(QStringLiteral("protocol_menus/confusion.pdf"))));
    QVERIFY(QFile::exists(m_dir.filePath(QStringLiteral("protocol_menus/fields_fields.pdf"))));
}

QTEST_MAIN(TestLiveExport)
#include "test_live_export.moc"
