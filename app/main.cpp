// The spikestudio executable: the workbench window, or the command line (run, validate, export) without a
// display. Everything else lives in the libraries that the tests link.
#include "app/CommandLine.h"
#include "app/MainWindow.h"
#include "app/RunPanel.h"
#include "app/TrainingStateFile.h"

#include <QApplication>
#include <QFileInfo>
#include <QTimer>

#include <cstring>
#include <memory>

namespace {

bool hasDisplay()
{
    return !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") ||
           qEnvironmentVariableIsSet("QT_QPA_PLATFORM");
}

// `spikestudio [FILE.json] [--run | --test-state]`: --run starts the document at once (for demos and
// lectures); --test-state tests it at once with the training state saved beside it (FILE.state).
int workbench(int argc, char* argv[], const QString& file, bool runAtOnce, bool testState)
{
    QApplication app(argc, argv);
    QApplication::setApplicationDisplayName(QStringLiteral("SpikeStudio"));
    ss::app::MainWindow window;
    window.show();
    window.offerRecovery();
    if (!file.isEmpty() && !window.document().isModified() && window.openFile(file)) {
        if (testState)
            QTimer::singleShot(0, &window, [&window, file] { window.runPanel().testWithState(ss::app::trainingStatePath(file)); });
        else if (runAtOnce)
            QTimer::singleShot(0, &window, [&window] { window.runPanel().run(); });
    }
    // Without a file, and without restored work, the welcome page of demos.
    if (file.isEmpty() && !window.document().isModified()) window.showDemos();
    return QApplication::exec();
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication::setOrganizationName(QStringLiteral("SpikeStudio"));
    QCoreApplication::setApplicationName(QStringLiteral("SpikeStudio"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SPIKESTUDIO_VERSION));

    const bool command = argc > 1 && (std::strcmp(argv[1], "run") == 0 || std::strcmp(argv[1], "validate") == 0 ||
                                      std::strcmp(argv[1], "export") == 0 || std::strcmp(argv[1], "train-gradient") == 0);
    const bool help = argc > 1 && (std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0);
    // A first word that is neither a command, an option nor a document (`spikestudio vaildate x.json`) is
    // a mistyped command: say so rather than open a window that a script would wait on.
    const bool mistyped = argc > 1 && !command && argv[1][0] != '-' && !QString::fromLocal8Bit(argv[1]).endsWith(QStringLiteral(".json")) &&
                          !QFileInfo::exists(QString::fromLocal8Bit(argv[1]));
    if (!command && !help && !mistyped) {
        QString file;
        bool runAtOnce = false, testState = false;
        for (int i = 1; i < argc; ++i) {
            if (std::strcmp(argv[i], "--run") == 0) runAtOnce = true;
            else if (std::strcmp(argv[i], "--test-state") == 0) testState = true;
            else if (file.isEmpty()) file = QString::fromLocal8Bit(argv[i]);
        }
        if (hasDisplay()) return workbench(argc, argv, file, runAtOnce, testState);
        // No display: run the document headless instead of failing to open a window.
        QCoreApplication app(argc, argv);
        QTextStream out(stdout), err(stderr);
        const QString doc = file.isEmpty() ? QStringLiteral("resources/experiments/cuba.json") : file;
        err << "SpikeStudio: no display; running " << doc << " headless\n";
        err.flush();
        return ss::app::runCommandLine({QStringLiteral("run"), doc}, out, err);
    }

    // Figures are drawn with widgets even on a machine without a display (a server, a cluster node):
    // there the offscreen platform stands in, unless the user chose a platform.
    bool figures = false;
    for (int i = 1; i < argc; ++i) figures = figures || std::strcmp(argv[i], "--figures") == 0;
    if (figures && !hasDisplay()) qputenv("QT_QPA_PLATFORM", "offscreen");
    std::unique_ptr<QCoreApplication> app;
    if (figures) app = std::make_unique<QApplication>(argc, argv);
    else app = std::make_unique<QCoreApplication>(argc, argv);
    QTextStream out(stdout), err(stderr);
    if (help) {
        out << ss::app::usage();
        return 0;
    }
    return ss::app::runCommandLine(QCoreApplication::arguments().mid(1), out, err);
}
