// `spikestudio run ... --figures DIR`: one PNG per monitor, decodable, at the size the export asks
// for, drawn without a display, and figures.txt saying what made them; --figure-format svg or pdf
// writes the same figures as vector files; an unwritable folder is exit code 1 with one message.
#include "app/CommandLine.h"
#include "app/FigureExport.h"

#include <QDir>
#include <QFileInfo>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>

using namespace ss;

namespace {

QJsonObject node(const char* id, const char* type, QJsonObject params)
{
    return QJsonObject{{QStringLiteral("id"), QLatin1String(id)}, {QStringLiteral("type"), QLatin1String(type)},
                       {QStringLiteral("position"), QJsonArray{0, 0}}, {QStringLiteral("params"), params}};
}

QJsonObject wire(const char* from, const char* to)
{
    return QJsonObject{{QStringLiteral("from"), QLatin1String(from)}, {QStringLiteral("to"), QLatin1String(to)}};
}

// A small network: 100 Poisson inputs at 20 Hz -> sparse synapses -> 50 LIF, a spike monitor on
// both layers and a state monitor on three LIF neurons.
QJsonObject smallNetwork()
{
    return QJsonObject{
        {QStringLiteral("format"), QStringLiteral("spikestudio")},
        {QStringLiteral("version"), 2},
        {QStringLiteral("name"), QStringLiteral("small network")},
        {QStringLiteral("experiment"),
         QJsonObject{{QStringLiteral("dt"), 0.1}, {QStringLiteral("duration"), 200}, {QStringLiteral("seed"), 3}}},
        {QStringLiteral("nodes"),
         QJsonArray{node("input", "encoder.poisson", {{QStringLiteral("size"), 100}, {QStringLiteral("rate"), 20}}),
                    node("syn", "synapses.sparse", {{QStringLiteral("p"), 0.2}, {QStringLiteral("weight"), 2.0}}),
                    node("layer", "layer.lif", {{QStringLiteral("size"), 50}, {QStringLiteral("tau_m"), 20}}),
                    node("input_raster", "monitor.spikes", {}),
                    node("raster", "monitor.spikes", {}),
                    node("trace", "monitor.state", {{QStringLiteral("neurons"), QStringLiteral("0-2")}})}},
        {QStringLiteral("wires"),
         QJsonArray{wire("input.out", "syn.pre"), wire("syn.post", "layer.in"),
                    wire("input.out", "input_raster.spikes"), wire("layer.out", "raster.spikes"),
                    wire("layer.out", "trace.layer")}},
    };
}

} // namespace

class TestFigures : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void writesOnePngPerMonitor();
    void vectorFormatsAndProvenance();
    void unwritableFolderIsRefused();
    void stateAxesAsInTheWorkbench();
    void afterAProtocolTheLearntFields();
    void oneNeuronsFieldFillsItsFigure();

private:
    int run(const QStringList& args, QString& out, QString& err)
    {
        QTextStream o(&out), e(&err);
        const int code = app::runCommandLine(args, o, e);
        o.flush();
        e.flush();
        return code;
    }
    // Writes `doc` (the small network by default) into the test folder as `name`; empty when it cannot.
    QString writeDocument(const QJsonObject& doc = smallNetwork(), const QString& name = QStringLiteral("small.json"))
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly)) return {};
        f.write(QJsonDocument(doc).toJson());
        return path;
    }
    QTemporaryDir m_dir;
};

void TestFigures::writesOnePngPerMonitor()
{
    const QString file = writeDocument();
    const QString figures = m_dir.filePath(QStringLiteral("figures/nested")); // created if missing
    QString out, err;
    QCOMPARE(run({QStringLiteral("run"), file, QStringLiteral("--figures"), figures}, out, err), 0);
    // Two spike monitors (each alone, and both stacked) and one state monitor of 'v'.
    const QStringList expected = {QStringLiteral("input_raster_raster.png"), QStringLiteral("raster_raster.png"),
                                  QStringLiteral("raster.png"), QStringLiteral("trace_v.png")};
    const app::FigureOptions defaults;
    const QSize size(qRound(defaults.width * defaults.scale), qRound(defaults.height * defaults.scale));
    for (const QString& name : expected) {
        const QString path = QDir(figures).filePath(name);
        QVERIFY2(out.contains(QStringLiteral("wrote ") + path), qPrintable(out));
        QImage img(path);
        QVERIFY2(!img.isNull(), qPrintable(path));
        QCOMPARE(img.size(), size);
        // Not a blank page: a publication figure has far more than a few hundred non-white pixels
        // (axes, tick labels, title, data).
        int ink = 0;
        for (int y = 0; y < img.height(); y += 2)
            for (int x = 0; x < img.width(); x += 2) ink += img.pixel(x, y) != qRgb(255, 255, 255);
        QVERIFY2(ink > 500, qPrintable(name + QStringLiteral(": ") + QString::number(ink)));
    }
    // And the provenance beside them.
    QVERIFY2(out.contains(QStringLiteral("wrote ") + QDir(figures).filePath(QStringLiteral("figures.txt"))), qPrintable(out));
    QCOMPARE(QDir(figures).entryList(QDir::Files).size(), expected.size() + 1);
}

void TestFigures::vectorFormatsAndProvenance()
{
    const QString file = writeDocument();
    for (const QString& format : {QStringLiteral("svg"), QStringLiteral("pdf")}) {
        const QString figures = m_dir.filePath(QStringLiteral("figures-") + format);
        QString out, err;
        QCOMPARE(run({QStringLiteral("run"), file, QStringLiteral("--seed"), QStringLiteral("7"), QStringLiteral("--set"),
                      QStringLiteral("layer.tau_m=25"), QStringLiteral("--figures"), figures,
                      QStringLiteral("--figure-format"), format},
                     out, err),
                 0);
        const QDir dir(figures);
        for (const QString& stem : {QStringLiteral("input_raster_raster"), QStringLiteral("raster_raster"),
                                   QStringLiteral("raster"), QStringLiteral("trace_v")}) {
            const QString path = dir.filePath(stem + QLatin1Char('.') + format);
            QFile f(path);
            QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(path));
            const QByteArray head = f.read(512);
            if (format == QStringLiteral("pdf")) QVERIFY2(head.startsWith("%PDF-"), qPrintable(path));
            else QVERIFY2(QSvgRenderer(path).isValid(), qPrintable(path));
        }
        QFile provenance(dir.filePath(QStringLiteral("figures.txt")));
        QVERIFY(provenance.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(provenance.readAll());
        QVERIFY2(text.startsWith(QStringLiteral("SpikeStudio " SPIKESTUDIO_VERSION "\n")), qPrintable(text.left(80)));
        QVERIFY2(text.contains(QStringLiteral("document: ") + QFileInfo(file).absoluteFilePath()), qPrintable(text.left(400)));
        QVERIFY(text.contains(QStringLiteral("seed: 7\n")));
        QVERIFY(text.contains(QStringLiteral("  trace_v.") + format + QLatin1Char('\n')));
        // The document as run, with the parameter set on the command line.
        QVERIFY2(text.contains(QStringLiteral("\"tau_m\": 25")), qPrintable(text));
    }
    QString out, err;
    QCOMPARE(run({QStringLiteral("run"), file, QStringLiteral("--figures"), m_dir.filePath(QStringLiteral("x")),
                  QStringLiteral("--figure-format"), QStringLiteral("jpeg")},
                 out, err),
             2); // invalid input (CommandLine.h)
    QVERIFY2(err.startsWith(QStringLiteral("error: --figure-format expects png, svg or pdf, not 'jpeg'")), qPrintable(err));
}

void TestFigures::unwritableFolderIsRefused()
{
    const QString file = writeDocument();
    // A folder below a plain file can never be created.
    const QString blocker = m_dir.filePath(QStringLiteral("plain-file"));
    QFile f(blocker);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    QString out, err;
    const QString below = blocker + QStringLiteral("/figs");
    QCOMPARE(run({QStringLiteral("run"), file, QStringLiteral("--figures"), below}, out, err), 1);
    QCOMPARE(err, QStringLiteral("error: %1: cannot create or write this folder\n").arg(below));
    QVERIFY2(!out.contains(QStringLiteral("simulated")), qPrintable(out)); // refused before the run
    QCOMPARE(err.count(QLatin1Char('\n')), 1);
}

// A figure's value axis follows the same rule as the live trace (app::stateAxisOf): SRM0's potential u
// (its layer declares u_rest in mV) reads "u (mV)" with values near its -70 mV rest, Izhikevich's
// recovery variable u keeps its name and value. Checked in the SVG's text and path data.
void TestFigures::stateAxesAsInTheWorkbench()
{
    const QString file = m_dir.filePath(QStringLiteral("units.json"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({
  "format": "spikestudio", "version": 2, "name": "units",
  "experiment": {"dt": 0.1, "duration": 50, "seed": 1},
  "nodes": [
    {"id": "srm", "type": "layer.srm0", "position": [0, 0], "params": {"size": 1}},
    {"id": "izh", "type": "layer.izhikevich", "position": [0, 200], "params": {"size": 1}},
    {"id": "potential", "type": "monitor.state", "position": [240, 0], "params": {"variable": "u", "neurons": "0"}},
    {"id": "recovery", "type": "monitor.state", "position": [240, 200], "params": {"variable": "u", "neurons": "0"}}
  ],
  "wires": [{"from": "srm.out", "to": "potential.layer"}, {"from": "izh.out", "to": "recovery.layer"}]
})");
    f.close();
    const QString figures = m_dir.filePath(QStringLiteral("units"));
    QString out, err;
    QCOMPARE(run({QStringLiteral("run"), file, QStringLiteral("--figures"), figures, QStringLiteral("--figure-format"),
                  QStringLiteral("svg")},
                 out, err),
             0);
    auto textOf = [&](const QString& name) {
        QFile svg(QDir(figures).filePath(name));
        return svg.open(QIODevice::ReadOnly) ? QString::fromUtf8(svg.readAll()) : QString();
    };
    const QString potential = textOf(QStringLiteral("potential_u.svg"));
    QVERIFY2(potential.contains(QStringLiteral(">u (mV)<")), qPrintable(potential.left(200)));
    QVERIFY2(potential.contains(QStringLiteral(">-70<")), "the -70 mV rest has a tick label");
    const QString recovery = textOf(QStringLiteral("recovery_u.svg"));
    QVERIFY2(recovery.contains(QStringLiteral(">u<")), qPrintable(recovery.left(200)));
    QVERIFY(!recovery.contains(QStringLiteral("(mV)")));
}

void TestFigures::afterAProtocolTheLearntFields()
{
    // A document with a protocol trains, labels and tests, then draws its monitors as the run left them:
    // the fields its rule learnt and the spikes of the whole protocol.
    const QByteArray data = qgetenv("SPIKESTUDIO_DATA");
    if (data.isEmpty() || !QFile::exists(QString::fromUtf8(data) + QStringLiteral("/mnist/train-images-idx3-ubyte")))
        QSKIP("the MNIST digits of the set-up are not present (SPIKESTUDIO_DATA)");
    const QString file = m_dir.filePath(QStringLiteral("nessler_mnist.json")); // its state is written beside it
    QVERIFY(QFile::copy(QString::fromUtf8(qgetenv("SPIKESTUDIO_SOURCE")) + QStringLiteral("/resources/experiments/nessler_mnist.json"),
                        file));
    const QString figures = m_dir.filePath(QStringLiteral("protocol-figures"));
    QString out, err;
    QCOMPARE(run({QStringLiteral("run"), file, QStringLiteral("--train"), QStringLiteral("60"), QStringLiteral("--label"),
                  QStringLiteral("30"), QStringLiteral("--test"), QStringLiteral("20"), QStringLiteral("--figures"), figures},
                 out, err),
             0);
    QVERIFY2(out.contains(QStringLiteral("test accuracy")), qPrintable(out));
    // 100 neurons of 2 x 28 x 28 weights (a pixel's on and off inputs): 10 rows of 10 fields, each two
    // images wide, so that the grid is about twice as wide as tall and the figure as tall as it needs.
    const QImage fields(QDir(figures).filePath(QStringLiteral("fields_fields.png")));
    QVERIFY(!fields.isNull());
    QCOMPARE(fields.width(), 1800);
    QVERIFY2(fields.height() > 700 && fields.height() < 1100, qPrintable(QString::number(fields.height())));
    QVERIFY(!QImage(QDir(figures).filePath(QStringLiteral("raster_raster.png"))).isNull());
    QFile provenance(QDir(figures).filePath(QStringLiteral("figures.txt")));
    QVERIFY(provenance.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(provenance.readAll());
    QVERIFY2(text.contains(QStringLiteral("protocol: train 60, label 30, test 20 samples")), qPrintable(text.left(400)));
    QVERIFY(!text.contains(QStringLiteral("duration: ")));
}

void TestFigures::oneNeuronsFieldFillsItsFigure()
{
    // 400 inputs onto one neuron (Song et al.'s picture): the view shows the flat row as a 20 x 20
    // block, so the figure is as tall as it is wide less the colour bar's margin (80 logical pixels)
    // plus the title's 48: 868 logical pixels, 1736 at the default scale of 2. Sized by the raw row
    // (1 x 400) it was a strip 520 pixels tall with the block shrunk into it.
    QJsonObject doc = smallNetwork();
    doc[QStringLiteral("nodes")] = QJsonArray{
        node("input", "encoder.poisson", {{QStringLiteral("size"), 400}, {QStringLiteral("rate"), 10}}),
        node("syn", "synapses.dense", {{QStringLiteral("weight"), 0.1}}),
        node("neuron", "layer.lif", {{QStringLiteral("size"), 1}}),
        node("weights", "monitor.weights", {{QStringLiteral("interval"), 50}})};
    doc[QStringLiteral("wires")] = QJsonArray{wire("input.out", "syn.pre"), wire("syn.post", "neuron.in"),
                                              wire("syn.post", "weights.synapses")};
    const QString file = writeDocument(doc, QStringLiteral("one_neuron.json"));
    QVERIFY(!file.isEmpty());
    const QString figures = m_dir.filePath(QStringLiteral("one-neuron-figures"));
    QString out, err;
    QCOMPARE(run({QStringLiteral("run"), file, QStringLiteral("--figures"), figures}, out, err), 0);
    const QImage fields(QDir(figures).filePath(QStringLiteral("weights_fields.png")));
    QVERIFY2(!fields.isNull(), qPrintable(out + err));
    QCOMPARE(fields.size(), QSize(1800, 1736));
}

QTEST_MAIN(TestFigures)
#include "test_figures.moc"
