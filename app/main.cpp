// The spikestudio executable: the command line (run, validate) without a display, the workbench
// otherwise. Everything else lives in the libraries that the tests link.
#include "app/CommandLine.h"

#include <QApplication>

#include <cstring>
#include <memory>

int main(int argc, char* argv[])
{
    // Plain runs need no GUI at all. Figures are drawn with widgets even on a machine without a
    // display (a server, a cluster node): there the offscreen platform stands in, unless the user
    // chose a platform.
    bool widgets = false;
    for (int i = 1; i < argc; ++i) widgets = widgets || std::strcmp(argv[i], "--figures") == 0;
    if (widgets && qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") &&
        !qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    std::unique_ptr<QCoreApplication> app;
    if (widgets) app = std::make_unique<QApplication>(argc, argv);
    else app = std::make_unique<QCoreApplication>(argc, argv);
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
