// The spikestudio executable: the command line (run, validate) without a display, the workbench
// otherwise. Everything else lives in the libraries that the tests link.
#include "app/CommandLine.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("SpikeStudio"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SPIKESTUDIO_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    QStringList args = QCoreApplication::arguments().mid(1);
    if (args.contains(QStringLiteral("--help")) || args.contains(QStringLiteral("-h"))) {
        out << ss::app::usage();
        return 0;
    }
    if (args.isEmpty() || args.front().endsWith(QStringLiteral(".json"))) {
        // The workbench window arrives with the editor; until then a document opens headless.
        const QString file = args.isEmpty() ? QStringLiteral("resources/experiments/cuba.json") : args.front();
        err << "SpikeStudio " << SPIKESTUDIO_VERSION << ": no workbench window in this build; running " << file
            << " headless\n";
        err.flush();
        args = QStringList{QStringLiteral("run"), file} + args.mid(1);
    }
    return ss::app::runCommandLine(args, out, err);
}
