// Exported Brian2 scripts run with Brian2 (Debian's python3-brian) and give the spike counts that
// SpikeStudio gives for the same document. The synapses and weights are the same arrays (the .npz
// beside the script); the Poisson inputs and initial potentials come from different random streams,
// so stochastic counts agree within a stated number of standard errors, measured on SpikeStudio's
// own run, while a network without randomness must give the same counts.
//
// Brian2 runs with --numpy (NumPy code generation): the Cython build of a first run takes minutes on a
// small machine, and the generated equations are the same.
#include "ExportTestSupport.h"
#include "models/export/BrianExport.h"
#include "models/export/ScriptText.h"

#include <QFile>
#include <QTemporaryDir>

using namespace ss;
using namespace ss::exporttest;

namespace {

// Counts from two independent realisations of the inputs differ by sd * sqrt(2); four of those leave a
// chance of a false failure of about 1e-4 for normal counts, with room for the spread measured over
// ten windows to come out low.
constexpr double kStandardErrors = 4.0;

QString exportBrian(const models::Graph& graph, const QTemporaryDir& dir, const QString& name)
{
    const QString script = dir.filePath(name + ".py");
    models::exporting::exportBrian2(graph, models::catalogue(), name.toStdString(), script.toStdString());
    return script;
}

} // namespace

class TestBrianExport : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void fiCurvesAreIdentical();
    void poissonDrivenLayersMatch();
    void cubaMatches();
    void stdpLearnsAlike();
    void devicesFromTheCommandLine();

private:
    // Runs `graph`'s Brian2 script; the printed counts.
    std::map<std::string, double> brianCounts(const models::Graph& graph, const QString& name,
                                              const QStringList& extra = {});
    QString m_python;
    QTemporaryDir m_dir;
};

void TestBrianExport::initTestCase()
{
    m_python = pythonWith(QStringLiteral("brian2"));
    if (m_python.isEmpty())
        QFAIL(
            "no python3 imports brian2: install Debian's python3-brian (scripts/setup does) or set SPIKESTUDIO_PYTHON");
    QVERIFY(m_dir.isValid());
}

std::map<std::string, double> TestBrianExport::brianCounts(const models::Graph& graph, const QString& name,
                                                           const QStringList& extra)
{
    const QString script = exportBrian(graph, m_dir, name);
    QString error;
    const QString output = runPython(m_python, script, QStringList{QStringLiteral("--numpy")} + extra, error);
    if (!error.isEmpty()) qWarning("%s", qPrintable(error));
    return parseCounts(output);
}

// No randomness (fixed initial potential, constant currents, no synapses): Brian2 integrates the same
// linear equations exactly, so the spike counts of every layer are equal; two spikes of slack per
// layer of 20 for a threshold crossing that rounding moves by one step at the end of the run.
void TestBrianExport::fiCurvesAreIdentical()
{
    const models::Graph graph = loadGraph(QStringLiteral("tests/export/fi_curve.json"));
    const Reference ref = reference(graph, 2);
    const auto counts = brianCounts(graph, QStringLiteral("fi_curve"));
    for (const char* pop : {"exp", "delta", "cond"}) {
        qInfo("%s: SpikeStudio %.0f spikes, Brian2 %.0f", pop, ref.counts.at(pop),
              counts.count(pop) ? counts.at(pop) : -1.0);
        QVERIFY2(counts.count(pop), pop);
        QVERIFY(ref.counts.at(pop) > 400); // the ladder drives most neurons well above rheobase
        QVERIFY2(std::fabs(counts.at(pop) - ref.counts.at(pop)) <= 2.0, pop);
    }
}

void TestBrianExport::poissonDrivenLayersMatch()
{
    const models::Graph graph = loadGraph(QStringLiteral("tests/export/poisson_lif.json"));
    const Reference ref = reference(graph, 10);
    const auto counts = brianCounts(graph, QStringLiteral("poisson_lif"));
    for (const char* pop : {"input", "exp", "delta", "cond"}) {
        QVERIFY2(counts.count(pop), pop);
        const double tolerance = kStandardErrors * std::sqrt(2.0) * ref.sd.at(pop);
        qInfo("%s: SpikeStudio %.0f spikes, Brian2 %.0f, window sd %.1f, tolerance %.0f", pop, ref.counts.at(pop),
              counts.at(pop), ref.sd.at(pop), tolerance);
        QVERIFY(ref.counts.at(pop) > 2000);
        QVERIFY2(std::fabs(counts.at(pop) - ref.counts.at(pop)) <= tolerance, pop);
    }
}

// The bundled CUBA network shortened to 300 ms: the same 319,557 synapses, chaotic dynamics from
// different initial potentials.
void TestBrianExport::cubaMatches()
{
    models::Graph graph = loadGraph(QStringLiteral("resources/experiments/cuba.json"));
    graph.experiment.duration = 0.3;
    const Reference ref = reference(graph, 10);
    const auto counts = brianCounts(graph, QStringLiteral("cuba"));
    for (const char* pop : {"exc", "inh"}) {
        QVERIFY2(counts.count(pop), pop);
        const double tolerance = kStandardErrors * std::sqrt(2.0) * ref.sd.at(pop);
        qInfo("%s: SpikeStudio %.0f spikes, Brian2 %.0f, window sd %.1f, tolerance %.0f", pop, ref.counts.at(pop),
              counts.at(pop), ref.sd.at(pop), tolerance);
        QVERIFY2(std::fabs(counts.at(pop) - ref.counts.at(pop)) <= tolerance, pop);
    }
}

// Additive pair STDP whose depression outweighs potentiation: the mean weight falls from 1.5 mV towards
// where the falling output rate balances the rule, and with it the output rate. The spread of the final
// mean weight and of the output count is measured over eight seeds of SpikeStudio (which also redraw
// the initial weights, so it is wider than that of the inputs alone).
void TestBrianExport::stdpLearnsAlike()
{
    const models::Graph graph = loadGraph(QStringLiteral("tests/export/stdp.json"));
    const StdpReference ref = stdpReference(graph);
    const double weightTolerance = kStandardErrors * std::sqrt(2.0) * ref.sdFinal;
    const double spikeTolerance = kStandardErrors * std::sqrt(2.0) * ref.sdOut;
    // A rule that did nothing in Brian2 must fail the comparison by far.
    QVERIFY2(ref.initial - ref.final > 3.0 * weightTolerance, "the rule must move the weights far beyond their spread");

    const QString outDir = m_dir.filePath(QStringLiteral("stdp_out"));
    const auto counts = brianCounts(graph, QStringLiteral("stdp"), {QStringLiteral("--out"), outDir});
    QVERIFY(counts.count("out"));
    const double brian = csvMean(outDir + "/weights_weights.csv");
    qInfo("mean weight %.3f mV -> SpikeStudio %.3f, Brian2 %.3f (tolerance %.3f); output spikes %.0f vs %.0f "
          "(tolerance %.0f)",
          ref.initial, ref.final, brian, weightTolerance, ref.out, counts.at("out"), spikeTolerance);
    QVERIFY2(std::fabs(brian - ref.final) <= weightTolerance, "final mean weight");
    QVERIFY2(std::fabs(counts.at("out") - ref.out) <= spikeTolerance, "output spikes");
}

// One script for every device: it compiles as Python; --device cpp_standalone builds and runs the f-I
// curves in C++ with the counts of SpikeStudio (no randomness: two spikes of slack per layer, as
// above); --device cuda_standalone without Brian2CUDA stops before building anything, with exit code
// 1 and a message that says what to install.
void TestBrianExport::devicesFromTheCommandLine()
{
    const models::Graph graph = loadGraph(QStringLiteral("tests/export/fi_curve.json"));
    const QString script = exportBrian(graph, m_dir, QStringLiteral("fi_devices"));
    QProcess compile;
    compile.start(m_python, {QStringLiteral("-m"), QStringLiteral("py_compile"), script});
    QVERIFY(compile.waitForFinished(60'000));
    QCOMPARE(compile.exitCode(), 0);
    const QString text = QString::fromUtf8([&] {
        QFile f(script);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }());
    QVERIFY(text.contains(QStringLiteral("choices=DEVICES")));

    if (pythonWith(QStringLiteral("brian2cuda")).isEmpty()) {
        QProcess cuda;
        cuda.setWorkingDirectory(m_dir.path());
        cuda.start(m_python, {script, QStringLiteral("--device"), QStringLiteral("cuda_standalone")});
        QVERIFY(cuda.waitForFinished(120'000));
        QCOMPARE(cuda.exitStatus(), QProcess::NormalExit);
        QCOMPARE(cuda.exitCode(), 1);
        const QString message = QString::fromUtf8(cuda.readAllStandardError());
        qInfo("without Brian2CUDA: %s", qPrintable(message.trimmed().split(QLatin1Char('\n')).last()));
        QVERIFY(message.contains(QStringLiteral("--device cuda_standalone needs Brian2CUDA, which is not installed: pip install brian2cuda")));
        QVERIFY(!QDir(m_dir.filePath(QStringLiteral("fi_devices_cuda_standalone"))).exists());
    } else {
        qInfo("Brian2CUDA is installed: its missing-package message is not checked");
    }

    const Reference ref = reference(graph, 2);
    QString error;
    const auto counts = parseCounts(runPython(m_python, script, {QStringLiteral("--device"), QStringLiteral("cpp_standalone")}, error));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(QDir(m_dir.filePath(QStringLiteral("fi_devices_cpp_standalone"))).exists());
    for (const char* pop : {"exp", "delta", "cond"}) {
        qInfo("C++ standalone %s: SpikeStudio %.0f spikes, Brian2 %.0f", pop, ref.counts.at(pop),
              counts.count(pop) ? counts.at(pop) : -1.0);
        QVERIFY2(counts.count(pop), pop);
        QVERIFY2(std::fabs(counts.at(pop) - ref.counts.at(pop)) <= 2.0, pop);
    }
}

QTEST_GUILESS_MAIN(TestBrianExport)
#include "test_brian_export.moc"
