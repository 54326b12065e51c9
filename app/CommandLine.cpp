#include "app/CommandLine.h"

#include "app/DocumentIo.h"
#include "app/FigureExport.h"
#include "app/HeadlessRunner.h"
#include "models/Catalogue.h"
#include "models/GraphCompiler.h"

#include <QRegularExpression>

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

int protocolRun(models::CompiledNetwork& compiled, const models::ExperimentProtocol& protocol, const QString& file,
                const QString& outDir, QTextStream& out, QTextStream& err)
{
    models::ProtocolResult result;
    try {
        result = runProtocol(compiled, protocol, &err);
    } catch (const models::ProtocolError& e) {
        throw DocumentError(file, QString(), QStringLiteral("experiment.protocol"), QString::fromUtf8(e.what()));
    }
    printProtocolResult(result, out);
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

int runCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    QString file, outDir, figuresDir;
    std::optional<double> duration;
    std::optional<std::uint64_t> seed;
    std::optional<std::size_t> trainCount, labelCount, testCount;
    std::optional<int> epochs;
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
        } else if (a == QStringLiteral("--set")) sets << value();
        else if (a == QStringLiteral("--out")) outDir = value();
        else if (a == QStringLiteral("--figures")) figuresDir = value();
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
    if ((trainCount || labelCount || testCount || epochs) && !protocol)
        throw UsageError("--train, --label, --test and --epochs need a document with a protocol");
    if (protocol) {
        if (trainCount) protocol->settings.trainCount = *trainCount;
        if (labelCount) protocol->settings.labelCount = *labelCount;
        if (testCount) protocol->settings.testCount = *testCount;
        if (epochs) protocol->settings.epochs = *epochs;
    }

    models::CompiledNetwork compiled = compileOrThrow(doc, file);
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
    out.flush();
    if (protocol) return protocolRun(compiled, *protocol, file, outDir, out, err);
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
    if (!figuresDir.isEmpty()) {
        try {
            const FigureOptions options{.title = doc.name};
            for (const QString& f : writeFigures(compiled, doc.graph, figuresDir, options)) out << "wrote " << f << '\n';
        } catch (const std::runtime_error& e) {
            err << "error: " << e.what() << '\n';
            return 1;
        }
    }
    return 0;
}

} // namespace

QString usage()
{
    return QStringLiteral(
        "usage:\n"
        "  spikestudio [FILE.json]                 open the workbench\n"
        "  spikestudio run FILE.json [--duration T] [--seed N] [--set node.param=value]... [--out DIR]\n"
        "                  [--figures DIR] [--train N] [--label N] [--test N] [--epochs E]\n"
        "                                          run without a window; T as 500ms or 2s (plain numbers are ms);\n"
        "                                          --out writes the monitors' recordings as CSV, --figures as PNG;\n"
        "                                          a document with a protocol trains, labels and tests instead\n"
        "                                          (--train/--label/--test/--epochs override its counts) and\n"
        "                                          --out also writes accuracy.csv and confusion.csv\n"
        "  spikestudio validate FILE.json          check a document\n");
}

int runCommandLine(const QStringList& args, QTextStream& out, QTextStream& err)
{
    try {
        if (args.isEmpty()) throw UsageError("no command given");
        const QString command = args.front();
        const QStringList rest = args.mid(1);
        if (command == QStringLiteral("run")) return runCommand(rest, out, err);
        if (command == QStringLiteral("validate")) return validateCommand(rest, out);
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
