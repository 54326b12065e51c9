#include "app/CommandLine.h"

#include "app/DocumentIo.h"
#include "app/GradientCommand.h"
#include "app/FigureExport.h"
#include "app/HeadlessRunner.h"
#include "app/TrainingStateFile.h"
#include "models/Catalogue.h"
#include "models/GraphCompiler.h"
#include "models/export/BrianExport.h"
#include "models/export/PynnExport.h"
#include "models/export/ScriptText.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

#include <chrono>

namespace ss::app {

namespace {

constexpr int kInvalidInput = 2;

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// "250", "250ms", "2.5s" -> seconds (a plain number is in milliseconds).
double parseDuration(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("^\\s*([0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*(ms|s)?\\s*$"));
    const auto m = re.match(text);
    if (!m.hasMatch()) throw UsageError("--duration expects a time such as 500ms or 2s, not '" + text.toStdString() + "'");
    const double v = m.captured(1).toDouble();
    return m.captured(2) == QStringLiteral("s") ? v : v * 1e-3;
}

DocumentError fromBuildError(const QString& file, const models::BuildError& e)
{
    return DocumentError(file, QString::fromStdString(e.node()), QString::fromStdString(e.field()), QString::fromUtf8(e.what()));
}

models::CompiledNetwork compileOrThrow(const Document& doc, const QString& file)
{
    try {
        models::GraphCompiler compiler(doc.graph, models::catalogue());
        return compiler.compile();
    } catch (const models::BuildError& e) {
        throw fromBuildError(file, e);
    }
}

int validateCommand(const QStringList& args, QTextStream& out)
{
    if (args.size() != 1) throw UsageError("validate takes one file");
    const Document doc = readDocument(args[0]);
    const auto problems = models::validate(doc.graph, models::catalogue());
    if (!problems.empty()) {
        const auto& p = problems.front();
        throw DocumentError(args[0], QString::fromStdString(p.node), QString::fromStdString(p.field), QString::fromStdString(p.message));
    }
    compileOrThrow(doc, args[0]); // shapes, connectivity and memory are only known by building
    out << args[0] << ": valid (" << doc.graph.nodes.size() << " nodes, " << doc.graph.wires.size() << " wires)\n";
    return 0;
}

// A full run saves the training state beside the document (FILE.state); testOnly loads it instead and
// runs only the test phase.
int protocolRun(models::CompiledNetwork& compiled, const models::ExperimentProtocol& protocol, const QString& file,
                const QString& outDir, QTextStream& out, QTextStream& err, std::uint64_t documentHash, bool testOnly)
{
    const QString statePath = trainingStatePath(file);
    std::optional<models::TrainingState> loaded;
    if (testOnly) loaded = loadTrainingState(statePath);
    // A document in a read-only folder still trains and tests; only its state is not kept.
    const bool saveState = !testOnly && QFileInfo(QFileInfo(statePath).absolutePath()).isWritable() &&
                           (!QFileInfo::exists(statePath) || QFileInfo(statePath).isWritable());
    if (!testOnly && !saveState)
        err << "warning: " << statePath << " cannot be written: the training state will not be saved\n";
    models::TrainingState saved;
    models::ProtocolResult result;
    try {
        result = runProtocol(compiled, protocol, &err, {documentHash, loaded ? &*loaded : nullptr, testOnly ? nullptr : &saved});
    } catch (const models::ProtocolError& e) {
        throw DocumentError(file, QString(), QStringLiteral("experiment.protocol"), QString::fromUtf8(e.what()));
    } catch (const models::StateError& e) {
        throw DocumentError(statePath, QString(), QString(), QString::fromUtf8(e.what()));
    }
    printProtocolResult(result, out);
    if (saveState && !result.stopped) {
        try {
            saveTrainingState(saved, statePath);
            out << "wrote " << statePath << '\n';
        } catch (const DocumentError& e) {
            err << "error: " << e.what() << '\n';
            return 1;
        }
    }
    if (!outDir.isEmpty()) {
        try {
            for (const QString& f : writeProtocolResult(result, outDir)) out << "wrote " << f << '\n';
            for (const QString& f : writeRecordings(compiled, outDir)) out << "wrote " << f << '\n';
        } catch (const std::runtime_error& e) {
            err << "error: " << e.what() << '\n';
            return 1;
        }
    }
    return 0;
}

bool writableFolder(const QString& dir)
{
    if (!QDir().mkpath(dir)) return false;
    const QFileInfo info(dir);
    return info.isDir() && info.isWritable();
}

int runCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    QString file, outDir, figuresDir;
    widgets::FigureFormat figureFormat = widgets::FigureFormat::Png;
    std::optional<double> duration;
    std::optional<std::uint64_t> seed;
    std::optional<std::size_t> trainCount, labelCount, testCount;
    std::optional<int> epochs;
    int threads = 1;
    bool testOnly = false;
    QStringList sets;
    for (int i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        auto value = [&]() -> QString {
            if (i + 1 >= args.size()) throw UsageError(a.toStdString() + " needs a value");
            return args[++i];
        };
        if (a == QStringLiteral("--duration")) duration = parseDuration(value());
        else if (a == QStringLiteral("--seed")) {
            bool ok = false;
            const QString v = value();
            seed = v.toULongLong(&ok);
            if (!ok) throw UsageError("--seed expects a whole number, not '" + v.toStdString() + "'");
        } else if (a == QStringLiteral("--train") || a == QStringLiteral("--label") || a == QStringLiteral("--test") ||
                   a == QStringLiteral("--epochs")) {
            bool ok = false;
            const QString v = value();
            const qulonglong n = v.toULongLong(&ok);
            if (!ok || (a == QStringLiteral("--epochs") && (n < 1 || n > 1'000'000)))
                throw UsageError(a.toStdString() + " expects a whole number" + (a == QStringLiteral("--epochs") ? " from 1" : "") +
                                 ", not '" + v.toStdString() + "'");
            if (a == QStringLiteral("--train")) trainCount = n;
            else if (a == QStringLiteral("--label")) labelCount = n;
            else if (a == QStringLiteral("--test")) testCount = n;
            else epochs = static_cast<int>(n);
        } else if (a == QStringLiteral("--threads")) {
            bool ok = false;
            const QString v = value();
            threads = v.toInt(&ok);
            if (!ok || threads < 1 || threads > 256)
                throw UsageError("--threads expects a whole number from 1 to 256, not '" + v.toStdString() + "'");
        } else if (a == QStringLiteral("--test-only") || a == QStringLiteral("--load-state")) testOnly = true;
        else if (a == QStringLiteral("--set")) sets << value();
        else if (a == QStringLiteral("--out")) outDir = value();
        else if (a == QStringLiteral("--figures")) figuresDir = value();
        else if (a == QStringLiteral("--figure-format")) {
            const QString v = value();
            const auto format = widgets::figureFormatFromName(v);
            if (!format) throw UsageError("--figure-format expects png, svg or pdf, not '" + v.toStdString() + "'");
            figureFormat = *format;
        }
        else if (a.startsWith(QStringLiteral("--"))) throw UsageError("unknown option " + a.toStdString());
        else if (file.isEmpty()) file = a;
        else throw UsageError("more than one document given");
    }
    if (file.isEmpty()) throw UsageError("run needs a document");

    Document doc = readDocument(file);
    for (const QString& s : sets) {
        const int eq = s.indexOf(QLatin1Char('='));
        const int dot = s.left(eq).indexOf(QLatin1Char('.'));
        if (eq < 0 || dot <= 0) throw UsageError("--set expects node.param=value, not '" + s.toStdString() + "'");
        const std::string nodeId = s.left(dot).toStdString();
        models::Node* node = doc.graph.find(nodeId);
        if (!node) throw DocumentError(file, s.left(dot), QString(), QStringLiteral("--set names no node of this document"));
        const QString key = s.mid(dot + 1, eq - dot - 1);
        node->params[key.toStdString()] = parseParamValue(file, *node, key, s.mid(eq + 1));
    }
    if (seed) doc.graph.experiment.seed = *seed;
    if (duration) doc.graph.experiment.duration = *duration;
    auto& protocol = doc.graph.experiment.protocol;
    if ((trainCount || labelCount || testCount || epochs || testOnly) && !protocol)
        throw UsageError("--train, --label, --test, --epochs and --test-only need a document with a protocol");
    if (protocol && duration)
        throw UsageError("--duration needs a document without a protocol; a protocol's length is set by --train, --label, "
                         "--test and --epochs");
    if (figuresDir.isEmpty() && args.contains(QStringLiteral("--figure-format")))
        throw UsageError("--figure-format needs --figures");
    // Output folders are checked before the work, not after it.
    for (const QString& dir : {outDir, figuresDir})
        if (!dir.isEmpty() && !writableFolder(dir)) {
            err << "error: " << dir << ": cannot create or write this folder\n";
            return 1;
        }
    if (protocol) {
        if (trainCount) protocol->settings.trainCount = *trainCount;
        if (labelCount) protocol->settings.labelCount = *labelCount;
        if (testCount) protocol->settings.testCount = *testCount;
        if (epochs) protocol->settings.epochs = *epochs;
    }

    const auto buildStart = std::chrono::steady_clock::now();
    models::CompiledNetwork compiled = compileOrThrow(doc, file);
    compiled.network->setThreads(threads);
    const double buildSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - buildStart).count();
    out << QStringLiteral("%1: %2 populations, %3 projections, %4 synapses; dt %5 ms, seed %6\n")
               .arg(doc.name.isEmpty() ? file : doc.name)
               .arg(compiled.network->populations().size())
               .arg(compiled.network->projections().size())
               .arg([&] {
                   std::size_t n = 0;
                   for (const auto& p : compiled.network->projections()) n += p->synapseCount();
                   return static_cast<qulonglong>(n);
               }())
               .arg(compiled.network->dt() * 1e3)
               .arg(static_cast<qulonglong>(doc.graph.experiment.seed));
    // Construction apart from the simulation loop, as benchmarks compare them separately (bench/harness.py).
    out << QStringLiteral("built in %1 s; synapses %2 bytes, neuron state %3 bytes\n")
               .arg(buildSeconds, 0, 'f', 3)
               .arg(static_cast<qulonglong>(compiled.network->synapseBytes()))
               .arg(static_cast<qulonglong>(compiled.network->stateBytes()));
    out.flush();
    // The figures show the monitors as the run left them: after a protocol, the weights it learnt and the
    // spikes its monitors kept.
    auto writeFigureFolder = [&] {
        if (figuresDir.isEmpty()) return 0;
        try {
            const FigureOptions options{.title = doc.name, .format = figureFormat};
            QStringList written = writeFigures(compiled, doc.graph, figuresDir, options);
            written << writeProvenance(figuresDir, file, doc, written);
            for (const QString& f : written) out << "wrote " << f << '\n';
        } catch (const std::runtime_error& e) {
            err << "error: " << e.what() << '\n';
            return 1;
        }
        return 0;
    };
    if (protocol) {
        const int code = protocolRun(compiled, *protocol, file, outDir, out, err, models::graphHash(doc.graph), testOnly);
        return code != 0 ? code : writeFigureFolder();
    }
    const RunSummary summary = runNetwork(compiled, doc.graph.experiment.duration, &err);
    printSummary(compiled, summary, out);
    if (!outDir.isEmpty()) {
        try {
            for (const QString& f : writeRecordings(compiled, outDir)) out << "wrote " << f << '\n';
        } catch (const std::runtime_error& e) {
            err << "error: " << e.what() << '\n';
            return 1;
        }
    }
    return writeFigureFolder();
}

// export FILE.json --to brian2|pynn OUT.py: a script beside an .npz of the synapses SpikeStudio drew.
int exportCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    QString file, target, script;
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == QStringLiteral("--to")) {
            if (i + 1 >= args.size()) throw UsageError("--to needs a value: brian2 or pynn");
            target = args[++i];
        }
        else if (args[i].startsWith(QStringLiteral("--"))) throw UsageError("unknown option " + args[i].toStdString());
        else if (file.isEmpty()) file = args[i];
        else if (script.isEmpty()) script = args[i];
        else throw UsageError("export takes one document and one script");
    }
    if (file.isEmpty() || script.isEmpty()) throw UsageError("export needs a document and a script to write");
    if (target != QStringLiteral("brian2") && target != QStringLiteral("pynn"))
        throw UsageError("--to expects brian2 or pynn, not '" + target.toStdString() + "'");
    const Document doc = readDocument(file);
    // The script and the .npz beside it are written only where both can be: checked first, so that a
    // failure leaves no half of the pair behind. Missing folders are created, as for --out.
    const QFileInfo scriptInfo(script);
    if (scriptInfo.isDir() || !writableFolder(scriptInfo.absolutePath())) {
        err << "error: " << script << ": cannot write this script (a folder, or in a folder that cannot be written)\n";
        return 1;
    }
    const std::string title = (doc.name.isEmpty() ? QFileInfo(file).completeBaseName() : doc.name).toStdString();
    try {
        const std::string path = script.toStdString();
        const auto& specs = models::catalogue();
        if (target == QStringLiteral("brian2")) models::exporting::exportBrian2(doc.graph, specs, title, path);
        else models::exporting::exportPynn(doc.graph, specs, title, path);
    } catch (const models::BuildError& e) {
        throw fromBuildError(file, e);
    } catch (const std::runtime_error& e) {
        err << "error: " << e.what() << '\n';
        return 1;
    }
    out << "wrote " << script << " and "
        << QString::fromStdString(models::exporting::dataPathFor(script.toStdString())) << '\n';
    return 0;
}

} // namespace

QString usage()
{
    return QStringLiteral(
        "usage:\n"
        "  spikestudio [FILE.json]                 open the workbench\n"
        "  spikestudio run FILE.json [--duration T] [--seed N] [--threads N] [--set node.param=value]... [--out DIR]\n"
        "                  [--figures DIR [--figure-format png|svg|pdf]] [--train N] [--label N] [--test N] [--epochs E]\n"
        "                                          run without a window; T as 500ms or 2s (plain numbers are ms);\n"
        "                                          --threads splits every step over N threads (same spikes);\n"
        "                                          --out writes the monitors' recordings as CSV, --figures as figures\n"
        "                                          (PNG by default) with figures.txt, what made them;\n"
        "                                          a document with a protocol trains, labels and tests instead\n"
        "                                          (--train/--label/--test/--epochs override its counts) and\n"
        "                                          --out also writes accuracy.csv and confusion.csv, --figures\n"
        "                                          draws the learnt weights and what the monitors kept; the learnt\n"
        "                                          weights, thresholds and readout go to FILE.state beside it\n"
        "  spikestudio run FILE.json --test-only   load FILE.state and run only the test phase (--load-state)\n"
        "  spikestudio validate FILE.json          check a document\n"
        "  spikestudio export FILE.json --to brian2|pynn OUT.py\n"
        "                                          write a Brian2 or PyNN script of the network and, beside it,\n"
        "                                          OUT.npz with the synapses SpikeStudio draws from the seed\n"
        "  spikestudio train-gradient [--data DIR] [--train N] [--test N] [--hidden H] [--steps T] [--epochs E]\n"
        "                             [--batch B] [--lr X] [--seed S] [--out DIR]\n"
        "                                          surrogate-gradient training of a 784-H-10 spiking network on\n"
        "                                          IDX files (default ${DATA}/mnist); --out writes gradient_curves.csv\n");
}

int runCommandLine(const QStringList& args, QTextStream& out, QTextStream& err)
{
    try {
        if (args.isEmpty()) throw UsageError("no command given");
        const QString command = args.front();
        const QStringList rest = args.mid(1);
        if (command == QStringLiteral("run")) return runCommand(rest, out, err);
        if (command == QStringLiteral("validate")) return validateCommand(rest, out);
        if (command == QStringLiteral("export")) return exportCommand(rest, out, err);
        if (command == QStringLiteral("train-gradient")) {
            try {
                return trainGradientCommand(rest, out, err);
            } catch (const std::invalid_argument& e) {
                throw UsageError(e.what());
            }
        }
        throw UsageError("unknown command '" + command.toStdString() + "'");
    } catch (const UsageError& e) {
        err << "error: " << e.what() << "\n" << usage();
    } catch (const DocumentError& e) {
        err << "error: " << e.what() << '\n';
    } catch (const std::bad_alloc&) {
        err << "error: out of memory while building the network\n";
    }
    err.flush();
    return kInvalidInput;
}

} // namespace ss::app
