// The headless runner: every bad input gets one message naming the file, the node and the field,
// and exit code 2; a good document runs and writes its recordings.
#include "app/CommandLine.h"
#include "app/DocumentIo.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace ss;

namespace {

// A small valid network: 100 Poisson inputs at 20 Hz -> sparse synapses -> 50 LIF, monitored.
QJsonObject smallNetwork()
{
    auto node = [](const char* id, const char* type, QJsonObject params) {
        return QJsonObject{{QStringLiteral("id"), QLatin1String(id)}, {QStringLiteral("type"), QLatin1String(type)},
                           {QStringLiteral("position"), QJsonArray{0, 0}}, {QStringLiteral("params"), params}};
    };
    auto wire = [](const char* from, const char* to) {
        return QJsonObject{{QStringLiteral("from"), QLatin1String(from)}, {QStringLiteral("to"), QLatin1String(to)}};
    };
    return QJsonObject{
        {QStringLiteral("format"), QStringLiteral("spikestudio")},
        {QStringLiteral("version"), 2},
        {QStringLiteral("experiment"), QJsonObject{{QStringLiteral("dt"), 0.1}, {QStringLiteral("duration"), 200}, {QStringLiteral("seed"), 3}}},
        {QStringLiteral("nodes"),
         QJsonArray{node("input", "encoder.poisson", {{QStringLiteral("size"), 100}, {QStringLiteral("rate"), 20}}),
                    node("syn", "synapses.sparse", {{QStringLiteral("p"), 0.2}, {QStringLiteral("weight"), 2.0}}),
                    node("layer", "layer.lif", {{QStringLiteral("size"), 50}, {QStringLiteral("tau_m"), 20}}),
                    node("raster", "monitor.spikes", {}),
                    node("trace", "monitor.state", {{QStringLiteral("neurons"), QStringLiteral("0-2")}})}},
        {QStringLiteral("wires"),
         QJsonArray{wire("input.out", "syn.pre"), wire("syn.post", "layer.in"), wire("layer.out", "raster.spikes"),
                    wire("layer.out", "trace.layer")}},
    };
}

} // namespace

class TestCommandLine : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void runsAndWritesRecordings();
    void badInputIsRefused_data();
    void badInputIsRefused();
    void outputFolderIsCheckedFirst();
    void exportToAFolderLeavesNothing();
    void setOverridesAParameter();
    void trainGradientWritesCurves();

private:
    QString write(const QString& name, const QByteArray& content)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly)) return {};
        f.write(content);
        return path;
    }
    int run(const QStringList& args, QString& out, QString& err)
    {
        QTextStream o(&out), e(&err);
        const int code = app::runCommandLine(args, o, e);
        o.flush();
        e.flush();
        return code;
    }
    QTemporaryDir m_dir;
};

void TestCommandLine::runsAndWritesRecordings()
{
    const QString file = write(QStringLiteral("ok.json"), QJsonDocument(smallNetwork()).toJson());
    const QString outDir = m_dir.filePath(QStringLiteral("out"));
    QString out, err;
    QCOMPARE(run({QStringLiteral("run"), file, QStringLiteral("--out"), outDir}, out, err), 0);
    QVERIFY2(out.contains(QStringLiteral("layer")), qPrintable(out));
    QFile spikes(QDir(outDir).filePath(QStringLiteral("raster_spikes.csv")));
    QVERIFY(spikes.open(QIODevice::ReadOnly));
    QCOMPARE(spikes.readLine().trimmed(), QByteArray("neuron,time_s"));
    QFile trace(QDir(outDir).filePath(QStringLiteral("trace_v.csv")));
    QVERIFY(trace.open(QIODevice::ReadOnly));
    QCOMPARE(trace.readLine().trimmed(), QByteArray("time_s,n0,n1,n2"));
    // 200 ms at dt 0.1 ms: one row per step.
    int rows = 0;
    while (!trace.atEnd()) rows += trace.readLine().isEmpty() ? 0 : 1;
    QCOMPARE(rows, 2000);
    QCOMPARE(run({QStringLiteral("validate"), file}, out, err), 0);
}

void TestCommandLine::badInputIsRefused_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QString>("expected"); // what the one message must contain

    QTest::newRow("malformed JSON") << QByteArray("{\"format\": \"spikestudio\",\n \"version\": 1,,}") << QStringList()
                                    << QStringLiteral("malformed JSON at line 2");
    QJsonObject root = smallNetwork();
    auto withNode = [&](int index, const QString& key, const QJsonValue& v) {
        QJsonObject r = smallNetwork();
        QJsonArray nodes = r[QStringLiteral("nodes")].toArray();
        QJsonObject n = nodes[index].toObject();
        if (key == QStringLiteral("type")) n[key] = v;
        else {
            QJsonObject p = n[QStringLiteral("params")].toObject();
            p[key] = v;
            n[QStringLiteral("params")] = p;
        }
        nodes[index] = n;
        r[QStringLiteral("nodes")] = nodes;
        return QJsonDocument(r).toJson();
    };
    QTest::newRow("unknown type") << withNode(2, QStringLiteral("type"), QStringLiteral("layer.lfi")) << QStringList()
                                  << QStringLiteral("node 'layer', field 'type': unknown node type 'layer.lfi'");
    QTest::newRow("negative time constant") << withNode(2, QStringLiteral("tau_m"), -20.0) << QStringList()
                                            << QStringLiteral("node 'layer', field 'tau_m'");
    QTest::newRow("dt not below the fastest time constant") << withNode(2, QStringLiteral("tau_m"), 0.05) << QStringList()
                                                            << QStringLiteral("node 'layer', field 'tau_m': time constant");
    QTest::newRow("unknown parameter") << withNode(2, QStringLiteral("tau_n"), 5.0) << QStringList()
                                       << QStringLiteral("node 'layer', field 'tau_n'");
    {
        QJsonObject r = smallNetwork();
        QJsonArray wires = r[QStringLiteral("wires")].toArray();
        wires[1] = QJsonObject{{QStringLiteral("from"), QStringLiteral("syn.post")}, {QStringLiteral("to"), QStringLiteral("layer.input")}};
        r[QStringLiteral("wires")] = wires;
        QTest::newRow("missing port") << QJsonDocument(r).toJson() << QStringList()
                                      << QStringLiteral("node 'layer', field 'input': wire syn.post -> layer.input");
    }
    {
        QJsonObject r = smallNetwork();
        QJsonArray wires = r[QStringLiteral("wires")].toArray();
        wires.removeAt(0);
        r[QStringLiteral("wires")] = wires;
        QTest::newRow("unconnected input") << QJsonDocument(r).toJson() << QStringList()
                                           << QStringLiteral("node 'syn', field 'pre': required input");
    }
    // 3 million x 3 million dense synapses: 36 TB.
    {
        QJsonObject r = smallNetwork();
        QJsonArray nodes = r[QStringLiteral("nodes")].toArray();
        QJsonObject in = nodes[0].toObject(), syn = nodes[1].toObject(), layer = nodes[2].toObject();
        in[QStringLiteral("params")] = QJsonObject{{QStringLiteral("size"), 3000000}};
        syn[QStringLiteral("type")] = QStringLiteral("synapses.dense");
        syn[QStringLiteral("params")] = QJsonObject{};
        layer[QStringLiteral("params")] = QJsonObject{{QStringLiteral("size"), 3000000}};
        nodes[0] = in, nodes[1] = syn, nodes[2] = layer;
        r[QStringLiteral("nodes")] = nodes;
        QTest::newRow("too large for memory") << QJsonDocument(r).toJson() << QStringList()
                                              << QStringLiteral("node 'syn', field 'memory': the network needs about 3.6e+04 GB");
    }
    {
        QJsonObject r = smallNetwork();
        r[QStringLiteral("version")] = 99;
        QTest::newRow("newer version") << QJsonDocument(r).toJson() << QStringList()
                                       << QStringLiteral("field 'version': version 99 was written by a newer SpikeStudio");
    }
    {
        // An id names the node's files in --out and --figures folders: a path in it would write elsewhere.
        QJsonObject r = smallNetwork();
        QJsonArray nodes = r[QStringLiteral("nodes")].toArray(), wires = r[QStringLiteral("wires")].toArray();
        QJsonObject raster = nodes[3].toObject();
        raster[QStringLiteral("id")] = QStringLiteral("../raster");
        nodes[3] = raster;
        wires[2] = QJsonObject{{QStringLiteral("from"), QStringLiteral("layer.out")}, {QStringLiteral("to"), QStringLiteral("../raster.spikes")}};
        r[QStringLiteral("nodes")] = nodes, r[QStringLiteral("wires")] = wires;
        QTest::newRow("path in a node id") << QJsonDocument(r).toJson() << QStringList()
                                           << QStringLiteral("node '../raster', field 'id': node id '../raster' must be non-empty, without dots, spaces or slashes");
    }
    {
        // Spikes of one layer wired straight into another's synaptic input carry no weights: refused.
        QJsonObject r = smallNetwork();
        QJsonArray wires = r[QStringLiteral("wires")].toArray();
        wires.append(QJsonObject{{QStringLiteral("from"), QStringLiteral("input.out")}, {QStringLiteral("to"), QStringLiteral("layer.in")}});
        r[QStringLiteral("wires")] = wires;
        QTest::newRow("layer input without synapses") << QJsonDocument(r).toJson() << QStringList()
                                                      << QStringLiteral("node 'layer', field 'in': wire input.out -> layer.in: input 'in' takes Synapses nodes");
    }
    {
        QJsonObject r = smallNetwork();
        QJsonArray nodes = r[QStringLiteral("nodes")].toArray();
        QJsonObject layer = nodes[2].toObject();
        layer[QStringLiteral("params")] = QJsonArray{1, 2};
        nodes[2] = layer;
        r[QStringLiteral("nodes")] = nodes;
        QTest::newRow("params not an object") << QJsonDocument(r).toJson() << QStringList()
                                              << QStringLiteral("node 'layer', field 'params': must be an object of parameter values");
        QJsonArray wires = smallNetwork()[QStringLiteral("wires")].toArray();
        wires.append(QStringLiteral("layer.out -> raster.spikes"));
        QJsonObject w = smallNetwork();
        w[QStringLiteral("wires")] = wires;
        QTest::newRow("wire not an object") << QJsonDocument(w).toJson() << QStringList()
                                            << QStringLiteral("field 'wires': every wire must be an object");
    }
    // 1e18 ms is 1e19 steps of 0.1 ms, past the engine's step counters.
    QTest::newRow("duration past the step counters") << QJsonDocument(root).toJson() << QStringList{QStringLiteral("--duration"), QStringLiteral("1e18")}
                                                     << QStringLiteral("field 'duration': the duration (1e+15 s) is more than 1e+09 steps of dt (0.1 ms)");
    // A refractory period of 1e20 ms once rounded to a negative step count and turned refractoriness off.
    QTest::newRow("period past the step counters") << QJsonDocument(root).toJson() << QStringList{QStringLiteral("--set"), QStringLiteral("layer.t_ref=1e20")}
                                                   << QStringLiteral("node 'layer', field 't_ref': 't_ref' is 1e+20 ms, more than 1e+09 steps of dt (0.1 ms)");
    // A delay of 1e8 ms at dt 0.1 ms: 1e9 columns of 150 neurons (input and layer) in two rings of doubles.
    QTest::newRow("delay rings too large for memory") << QJsonDocument(root).toJson() << QStringList{QStringLiteral("--set"), QStringLiteral("syn.delay=1e8")}
                                                      << QStringLiteral("node 'syn', field 'memory': the network needs about 2.4e+03 GB");
    QTest::newRow("--set a whole number written as 1e9") << QJsonDocument(root).toJson() << QStringList{QStringLiteral("--set"), QStringLiteral("layer.size=1e9")}
                                                         << QStringLiteral("node 'layer', field 'size': 'size' is 1e+09 but must be at most");
    QTest::newRow("--set unknown parameter") << QJsonDocument(root).toJson() << QStringList{QStringLiteral("--set"), QStringLiteral("layer.tau=3")}
                                             << QStringLiteral("node 'layer', field 'tau'");
}

void TestCommandLine::badInputIsRefused()
{
    QFETCH(QByteArray, content);
    QFETCH(QStringList, extra);
    QFETCH(QString, expected);
    const QString file = write(QStringLiteral("bad.json"), content);
    QString out, err;
    QCOMPARE(run(QStringList{QStringLiteral("run"), file} + extra, out, err), 2);
    QVERIFY2(err.startsWith(QStringLiteral("error: ") + file), qPrintable(err));
    QVERIFY2(err.contains(expected), qPrintable(err));
    QCOMPARE(err.count(QLatin1Char('\n')), 1); // one message
    if (extra.isEmpty()) QCOMPARE(run({QStringLiteral("validate"), file}, out, err), 2);
}

void TestCommandLine::outputFolderIsCheckedFirst()
{
    const QString file = write(QStringLiteral("ok.json"), QJsonDocument(smallNetwork()).toJson());
    const QString notAFolder = write(QStringLiteral("a_file"), QByteArray("x"));
    QString out, err;
    QCOMPARE(run({QStringLiteral("run"), file, QStringLiteral("--out"), notAFolder}, out, err), 1);
    QCOMPARE(err, QStringLiteral("error: %1: cannot create or write this folder\n").arg(notAFolder));
    QVERIFY2(!out.contains(QStringLiteral("simulated")), qPrintable(out)); // refused before the run
    out.clear(), err.clear();
    QCOMPARE(run({QStringLiteral("run"), file, QStringLiteral("--figure-format"), QStringLiteral("svg")}, out, err), 2);
    QVERIFY2(err.startsWith(QStringLiteral("error: --figure-format needs --figures")), qPrintable(err));
}

void TestCommandLine::exportToAFolderLeavesNothing()
{
    const QString file = write(QStringLiteral("ok.json"), QJsonDocument(smallNetwork()).toJson());
    const QString folder = m_dir.filePath(QStringLiteral("script_folder"));
    QVERIFY(QDir().mkpath(folder));
    QString out, err;
    QCOMPARE(run({QStringLiteral("export"), file, QStringLiteral("--to"), QStringLiteral("brian2"), folder}, out, err), 1);
    QVERIFY2(err.startsWith(QStringLiteral("error: %1: cannot write this script").arg(folder)), qPrintable(err));
    QVERIFY(!QFile::exists(folder + QStringLiteral(".npz")));
    // A script in folders that do not exist yet: they are created.
    const QString deep = m_dir.filePath(QStringLiteral("a/b/net.py"));
    QCOMPARE(run({QStringLiteral("export"), file, QStringLiteral("--to"), QStringLiteral("brian2"), deep}, out, err), 0);
    QVERIFY(QFile::exists(deep));
}

void TestCommandLine::setOverridesAParameter()
{
    const QString file = write(QStringLiteral("set.json"), QJsonDocument(smallNetwork()).toJson());
    QString firing, quiet, err;
    // With CUBA's resting potential (-49 mV) above threshold (-50 mV) the layer fires on its own;
    // at rest below threshold and with no synaptic weight it stays silent.
    QCOMPARE(run({QStringLiteral("run"), file}, firing, err), 0);
    QVERIFY2(!firing.contains(QRegularExpression(QStringLiteral("layer\\s+50\\s+0\\s"))), qPrintable(firing));
    QCOMPARE(run({QStringLiteral("run"), file, QStringLiteral("--set"), QStringLiteral("syn.weight=0"), QStringLiteral("--set"),
                  QStringLiteral("layer.v_rest=-65")}, quiet, err), 0);
    QVERIFY2(quiet.contains(QRegularExpression(QStringLiteral("layer\\s+50\\s+0\\s"))), qPrintable(quiet + err));
}

// train-gradient on 500 real digits for one epoch: the curve file has its header and one row, and the
// 200 test digits score well above chance (10 %; measured 49.0 % after these eight Adam steps, floor 30 %). A
// missing data folder is refused with the file named.
void TestCommandLine::trainGradientWritesCurves()
{
    const QString data = qEnvironmentVariable("SPIKESTUDIO_DATA");
    if (data.isEmpty() || !QFile::exists(data + QStringLiteral("/mnist/train-images-idx3-ubyte")))
        QSKIP("the MNIST digits of the set-up are not present (SPIKESTUDIO_DATA)");
    const QString outDir = m_dir.filePath(QStringLiteral("gradient"));
    QString out, err;
    QCOMPARE(run({QStringLiteral("train-gradient"), QStringLiteral("--data"), data + QStringLiteral("/mnist"), QStringLiteral("--train"),
                  QStringLiteral("500"), QStringLiteral("--test"), QStringLiteral("200"), QStringLiteral("--epochs"), QStringLiteral("1"),
                  QStringLiteral("--out"), outDir},
                 out, err),
             0);
    QFile csv(outDir + QStringLiteral("/gradient_curves.csv"));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(csv.readAll()).trimmed().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 2);
    QVERIFY(lines[0].startsWith(QStringLiteral("epoch,samples_seen,train_loss")));
    const QStringList row = lines[1].split(QLatin1Char(','));
    QCOMPARE(row[1], QStringLiteral("500"));
    qInfo("train-gradient, 500 digits, 1 epoch: test accuracy %s", qPrintable(row[5]));
    QVERIFY(row[5].toDouble() > 0.30);

    err.clear();
    QCOMPARE(run({QStringLiteral("train-gradient"), QStringLiteral("--data"), m_dir.filePath(QStringLiteral("none"))}, out, err), 2);
    QVERIFY2(err.contains(QStringLiteral("train-images-idx3-ubyte")), qPrintable(err));
}

QTEST_MAIN(TestCommandLine)
#include "test_command_line.moc"
