#pragma once
// Helpers of the GUI tests that run documents in the workbench window.
#include "app/MainWindow.h"
#include "app/RunPanel.h"
#include "app/SimulationController.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QTest>

#include <memory>

namespace ss::test {

// Writes `content` to `path`; false when the file cannot be written.
inline bool writeFile(const QString& path, const QByteArray& content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

// A shown workbench window whose prompts never block, with `path` open; nullptr when the window is
// not exposed or the document does not open.
inline std::unique_ptr<app::MainWindow> openInWorkbench(const QString& path, const QString& recoveryPath, QSize size)
{
    auto window = std::make_unique<app::MainWindow>(recoveryPath);
    window->prompts().unsavedChanges = [](const QString&) { return app::MainWindow::Prompts::Unsaved::Discard; };
    window->prompts().error = [](const QString& m) { qWarning("%s", qPrintable(m)); };
    window->resize(size);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()) || !window->openFile(path)) return nullptr;
    return window;
}

// Presses Run and waits until the controller reaches Finished.
inline bool runToEnd(app::MainWindow& window, int timeoutMs)
{
    window.runPanel().runAction()->trigger();
    const auto& controller = window.runPanel().controller();
    return QTest::qWaitFor([&] { return controller.state() == app::SimulationController::State::Finished; }, timeoutMs);
}

// Saves a picture of `widget` as a test artefact in ./artefacts/.
inline bool saveArtefact(QWidget& widget, const QString& file)
{
    const QString out = QDir::currentPath() + QStringLiteral("/artefacts/");
    return QDir().mkpath(out) && widget.grab().save(out + file);
}

} // namespace ss::test
