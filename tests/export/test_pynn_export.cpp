// Exported PyNN scripts: their structure (populations, projections and unit conversions, the .npz of
// synapses), the refusals of what a target cannot express, the `export` command, and, where PyNN's
// NEURON back-end imports (Debian's python3-pynn and python3-neuron with PyNN's NMODL mechanisms
// compiled), runs compared with SpikeStudio's as in test_brian_export.
#include "ExportTestSupport.h"
#include "app/CommandLine.h"
#include "models/export/BrianExport.h"
#include "models/export/PynnExport.h"
#include "models/export/ScriptText.h"

#include <QTemporaryDir>

using namespace ss;
using namespace ss::exporttest;

namespace {

QString readText(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly | QIODevice::Text) ? QString::fromUtf8(f.readAll()) : QString();
}

// The BuildError an export throws, or an empty one when it succeeds.
models::BuildError exportError(const models::Graph& graph, bool brian, const QString& path)
{
    try {
        if (brian)
            models::exporting::exportBrian2(graph, models::catalogue(), "t", path.toStdString());
        else
            models::exporting::exportPynn(graph, models::catalogue(), "t", path.toStdString());
    } catch (const models::BuildError& e) {
        return e;
    }
    return models::BuildError("", "", "");
}

} // namespace

class TestPynnExport : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void cubaScriptStructure();
    void refusesWhatTargetsCannotExpress();
    void exportCommand();
    void runsOnNeuron();

private:
    QTemporaryDir m_dir;
};

// CUBA: two IF_curr_exp populations with cm = tau_m / R_m = 20 ms / 100 MOhm = 0.2 nF, four projections
// whose weights in mV become nA through 1 / R_m = 0.01, and the .npz holds exactly the synapses that
// SpikeStudio builds from the same seed.
void TestPynnExport::cubaScriptStructure()
{
    const models::Graph graph = loadGraph(QStringLiteral("resources/experiments/cuba.json"));
    const QString script = m_dir.filePath(QStringLiteral("cuba_pynn.py"));
    models::exporting::exportPynn(graph, models::catalogue(), "CUBA", script.toStdString());
    const QString text = readText(script);
    QCOMPARE(text.count(QStringLiteral("sim.Population(")), 2);
    QVERIFY(text.contains(QStringLiteral("exc = sim.Population(3200, sim.IF_curr_exp(")));
    QVERIFY(text.contains(QStringLiteral("inh = sim.Population(800, sim.IF_curr_exp(")));
    QVERIFY(text.contains(QStringLiteral("cm=0.2, tau_m=20, v_rest=-49, v_reset=-60, v_thresh=-50, tau_refrac=5")));
    QCOMPARE(text.count(QStringLiteral("sim.Projection(")), 4);
    QVERIFY(text.contains(QStringLiteral("synapse_list('inh_exc', 0.01, 0.1)")));
    QVERIFY(text.contains(QStringLiteral("receptor_type='inhibitory', label='inh_exc'")));
    // Under MPI (mpirun -np N python3 SCRIPT nest) the counts and recordings are gathered and only rank 0
    // prints them and writes files.
    QVERIFY(text.contains(QStringLiteral("RANK, PROCESSES = (sim.rank(), sim.num_processes())")));
    QVERIFY(text.contains(QStringLiteral("population.get_spike_counts(gather=True)")));
    QCOMPARE(text.count(QStringLiteral("    if RANK == 0:\n        print(")), 1);

    const QString python = pythonWith(QStringLiteral("numpy"));
    if (python.isEmpty()) QFAIL("no python3 with numpy");
    QString error;
    QProcess compile;
    compile.start(python, {QStringLiteral("-m"), QStringLiteral("py_compile"), script});
    QVERIFY(compile.waitForFinished(60'000));
    QCOMPARE(compile.exitCode(), 0);

    models::GraphCompiler compiler(graph, models::catalogue());
    models::CompiledNetwork compiled = compiler.compile();
    const QString check = m_dir.filePath(QStringLiteral("npz_check.py"));
    QFile f(check);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Text));
    f.write("import sys, numpy as np\nd = np.load(sys.argv[1])\n"
            "for k in ['exc_exc', 'exc_inh', 'inh_exc', 'inh_inh']:\n"
            "    print(k, len(d[k + '_i']), len(d[k + '_j']), '%.6f' % d[k + '_w'].sum(), d[k + '_i'].max(), d[k + "
            "'_j'].max())\n");
    f.close();
    const QString out = runPython(python, check, {m_dir.filePath(QStringLiteral("cuba_pynn.npz"))}, error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    for (const QString& line : out.split('\n', Qt::SkipEmptyParts)) {
        const QStringList f2 = line.split(' ');
        const auto* proj = compiled.projections.at(f2[0].toStdString());
        const double n = static_cast<double>(proj->synapseCount());
        const double weight = f2[0].startsWith(QStringLiteral("inh")) ? -9.0 : 1.62;
        QCOMPARE(f2[1].toDouble(), n);
        QCOMPARE(f2[2].toDouble(), n);
        // Constant weights, stored as floats in the engine: the sum of n of them to float precision.
        QVERIFY(std::fabs(f2[3].toDouble() - weight * n) < 1e-6 * std::fabs(weight) * n);
        QVERIFY(f2[4].toInt() < proj->pre().size() && f2[5].toInt() < proj->post().size());
    }
}

void TestPynnExport::refusesWhatTargetsCannotExpress()
{
    const QString path = m_dir.filePath(QStringLiteral("refused.py"));
    // A training protocol over a data set.
    const models::Graph dc = loadGraph(QStringLiteral("resources/experiments/diehl_cook_100.json"));
    for (bool brian : {true, false}) QCOMPARE(exportError(dc, brian, path).field(), std::string("experiment.protocol"));
    // A data set without a protocol: its samples would reach the encoders only through SpikeStudio.
    qputenv("SPIKESTUDIO_DATA", sourceFile(QStringLiteral("data")).toUtf8());
    models::Graph plain = dc;
    plain.experiment.protocol.reset();
    for (bool brian : {true, false}) {
        const auto e = exportError(plain, brian, path);
        QCOMPARE(e.node(), std::string("digits"));
        QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("data-set sources")), e.what());
    }

    // Nearest-neighbour pairing: Brian2 writes it (apre = 1), PyNN has no such timing rule.
    models::Graph stdp = loadGraph(QStringLiteral("tests/export/stdp.json"));
    stdp.find("stdp")->params["pairing"] = std::string("nearest");
    QCOMPARE(exportError(stdp, true, path).node(), std::string());
    QVERIFY(readText(path).contains(QStringLiteral("apre = 1")));
    const auto pairing = exportError(stdp, false, path);
    QCOMPARE(pairing.node(), std::string("stdp"));
    QCOMPARE(pairing.field(), std::string("pairing"));
    QVERIFY(QString::fromUtf8(pairing.what()).contains(QStringLiteral("nearest")));
    // Reduced nearest-neighbour pairing is translated by neither.
    stdp.find("stdp")->params["pairing"] = std::string("reduced_nearest");
    for (bool brian : {true, false}) QCOMPARE(exportError(stdp, brian, path).field(), std::string("pairing"));

    // A neuron model the writers do not translate, and winners-take-all.
    models::Graph fi = loadGraph(QStringLiteral("tests/export/fi_curve.json"));
    fi.find("delta")->type = "layer.izhikevich";
    fi.find("delta")->params = {{"size", std::int64_t{20}}};
    for (bool brian : {true, false}) {
        const auto e = exportError(fi, brian, path);
        QCOMPARE(e.node(), std::string("delta"));
        QVERIFY(QString::fromUtf8(e.what()).contains(brian ? QStringLiteral("Brian2") : QStringLiteral("PyNN")));
    }
    models::Graph wta = loadGraph(QStringLiteral("tests/export/fi_curve.json"));
    wta.find("exp")->params["k_wta"] = std::int64_t{1};
    QCOMPARE(exportError(wta, true, path).field(), std::string("k_wta"));
}

void TestPynnExport::exportCommand()
{
    QString outText, errText;
    QTextStream out(&outText), err(&errText);
    const QString doc = sourceFile(QStringLiteral("tests/export/fi_curve.json"));
    const QString script = m_dir.filePath(QStringLiteral("cli.py"));
    QCOMPARE(app::runCommandLine(
                 {QStringLiteral("export"), doc, QStringLiteral("--to"), QStringLiteral("brian2"), script}, out, err),
             0);
    QVERIFY(QFile::exists(script) && QFile::exists(m_dir.filePath(QStringLiteral("cli.npz"))));
    QCOMPARE(app::runCommandLine(
                 {QStringLiteral("export"), doc, QStringLiteral("--to"), QStringLiteral("nest"), script}, out, err),
             2);
    QVERIFY(errText.contains(QStringLiteral("--to expects brian2 or pynn")));
    const QString dc = sourceFile(QStringLiteral("resources/experiments/diehl_cook_100.json"));
    QCOMPARE(app::runCommandLine({QStringLiteral("export"), dc, QStringLiteral("--to"), QStringLiteral("pynn"), script},
                                 out, err),
             2);
    QVERIFY(errText.contains(QStringLiteral("training protocol")));
}

// PyNN's NEURON back-end has no IF_curr_delta, so the voltage-jump layers are left out. The
// deterministic f-I curves agree within 2 % (NEURON integrates with its own fixed-step method, which
// moves threshold crossings by a fraction of a step); Poisson-driven layers within four standard
// errors of the difference, as for Brian2; pair STDP ends at the same mean weight.
void TestPynnExport::runsOnNeuron()
{
    const QString python = pythonWith(QStringLiteral("pyNN.neuron"));
    if (python.isEmpty()) {
        qInfo("PyNN's NEURON back-end does not import here; only the script structure was checked");
        return;
    }
    struct Case {
        QString doc;
        int windows;
    };
    for (const Case& c : {Case{QStringLiteral("fi_curve"), 2}, Case{QStringLiteral("poisson_lif"), 10}}) {
        models::Graph graph = loadGraph("tests/export/" + c.doc + ".json");
        removeNodes(graph, {"delta", "in_delta", "delta_v"});
        const Reference ref = reference(graph, c.windows);
        const QString script = m_dir.filePath(c.doc + "_pynn.py");
        models::exporting::exportPynn(graph, models::catalogue(), c.doc.toStdString(), script.toStdString());
        QString error;
        const auto counts = parseCounts(runPython(python, script, {QStringLiteral("neuron")}, error));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        for (const auto& [pop, n] : ref.counts) {
            QVERIFY2(counts.count(pop), pop.c_str());
            const double tolerance = c.windows == 2 ? 0.02 * n + 1.0 : 4.0 * std::sqrt(2.0) * ref.sd.at(pop);
            qInfo("%s %s: SpikeStudio %.0f spikes, PyNN/NEURON %.0f, tolerance %.1f", qPrintable(c.doc), pop.c_str(), n,
                  counts.at(pop), tolerance);
            QVERIFY2(std::fabs(counts.at(pop) - n) <= tolerance, pop.c_str());
        }
    }
    // Pair STDP: PyNN's amplitudes are fractions of w_max (A = a / w_max for additive weights).
    const models::Graph stdp = loadGraph(QStringLiteral("tests/export/stdp.json"));
    const StdpReference ref = stdpReference(stdp);
    const QString script = m_dir.filePath(QStringLiteral("stdp_pynn.py"));
    models::exporting::exportPynn(stdp, models::catalogue(), "stdp", script.toStdString());
    const QString outDir = m_dir.filePath(QStringLiteral("stdp_pynn_out"));
    QString error;
    const auto counts =
        parseCounts(runPython(python, script, {QStringLiteral("neuron"), QStringLiteral("--out"), outDir}, error));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const double final = csvMean(outDir + "/weights_weights.csv");
    const double tolerance = 4.0 * std::sqrt(2.0) * ref.sdFinal;
    qInfo("stdp mean weight %.3f mV -> SpikeStudio %.3f, PyNN/NEURON %.3f (tolerance %.3f); output spikes %.0f vs %.0f",
          ref.initial, ref.final, final, tolerance, ref.out, counts.count("out") ? counts.at("out") : -1.0);
    QVERIFY(ref.initial - ref.final > 3.0 * tolerance);
    QVERIFY2(std::fabs(final - ref.final) <= tolerance, "final mean weight");
}

QTEST_GUILESS_MAIN(TestPynnExport)
#include "test_pynn_export.moc"
