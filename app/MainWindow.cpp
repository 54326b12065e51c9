#include "app/MainWindow.h"

#include "app/GradientTraining.h"

#include "app/DemoGallery.h"
#include "app/DocumentEditor.h"
#include "app/DocumentGraphModel.h"
#include "app/FigureActions.h"
#include "app/LessonPanel.h"
#include "app/LiveViews.h"
#include "app/PresenterMode.h"
#include "app/Recovery.h"
#include "app/RunPanel.h"
#include "app/ScriptActions.h"
#include "models/Catalogue.h"
#include "widgets/InspectorWidget.h"
#include "widgets/NodeGraphView.h"
#include "widgets/PaletteWidget.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QJsonArray>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>

namespace ss::app {

namespace {

constexpr int kMaxRecent = 8;
const char* kRecentKey = "recentFiles";

} // namespace

MainWindow::MainWindow(const QString& recoveryPath, QWidget* parent)
    : QMainWindow(parent), m_doc(std::make_unique<GraphDocument>())
{
    setObjectName(QStringLiteral("MainWindow"));
    m_prompts.unsavedChanges = [this](const QString& name) {
        const auto answer = QMessageBox::question(this, tr("Unsaved changes"),
                                                  tr("Save the changes to %1 before closing it?").arg(name),
                                                  QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
        return answer == QMessageBox::Save      ? Prompts::Unsaved::Save
               : answer == QMessageBox::Discard ? Prompts::Unsaved::Discard
                                                : Prompts::Unsaved::Cancel;
    };
    m_prompts.error = [this](const QString& message) { QMessageBox::critical(this, tr("SpikeStudio"), message); };
    m_prompts.restoreRecovery = [this](const QString& original) {
        return QMessageBox::question(this, tr("Recover unsaved work"),
                                     tr("SpikeStudio did not close normally. Restore the unsaved changes%1?")
                                         .arg(original.isEmpty() ? QString() : tr(" to %1").arg(original))) ==
               QMessageBox::Yes;
    };
    m_prompts.openFileName = [this] {
        return QFileDialog::getOpenFileName(this, tr("Open experiment"), QString(), tr("SpikeStudio documents (*.json)"));
    };
    m_prompts.openStateFileName = [this](const QString& folder) {
        return QFileDialog::getOpenFileName(this, tr("Load training state"), folder, tr("Training states (*.state)"));
    };
    m_prompts.saveFileName = [this](const QString& suggestion) {
        return QFileDialog::getSaveFileName(this, tr("Save experiment"), suggestion, tr("SpikeStudio documents (*.json)"));
    };

    m_view = new widgets::NodeGraphView(this);
    m_gallery = new DemoGallery(this);
    m_centre = new QStackedWidget(this);
    m_centre->addWidget(m_view);
    m_centre->addWidget(m_gallery);
    setCentralWidget(m_centre);
    connect(m_gallery, &DemoGallery::demoChosen, this, [this](const QString& name) { openDemo(name); });
    m_model = new DocumentGraphModel(*m_doc, this);
    m_view->setModel(m_model);
    buildDocks();
    m_lesson = new LessonPanel(this);
    addDockWidget(Qt::RightDockWidgetArea, m_lesson);
    m_editor = new DocumentEditor(*m_doc, *m_view, *m_inspector, *m_palette, this);
    m_recovery = new Recovery(*m_doc, recoveryPath, this);
    buildActions();
    m_run = new RunPanel(*this, *m_doc);
    m_presenter = new PresenterMode(*this, *m_lesson, *m_run->speedBox());
    buildMenus();

    connect(m_editor, &DocumentEditor::statusMessage, this, [this](const QString& m) { statusBar()->showMessage(m, 6000); });
    connect(m_editor, &DocumentEditor::logMessage, this, &MainWindow::log);
    connect(&m_run->liveViews(), &LiveViews::statusMessage, this,
            [this](const QString& m) { statusBar()->showMessage(m, 8000); });
    // After the live views' own first layout pass (queued in attach()), the saved one.
    connect(&m_run->liveViews(), &LiveViews::docksCreated, this, [this] {
        if (m_layoutPending) QTimer::singleShot(0, this, &MainWindow::restoreLiveLayout);
    });
    connect(m_doc.get(), &GraphDocument::modifiedChanged, this, &MainWindow::updateTitle);
    connect(m_doc.get(), &GraphDocument::filePathChanged, this, &MainWindow::updateTitle);
    connect(m_doc.get(), &GraphDocument::problemsChanged, this, &MainWindow::updateProblems);

    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_lesson->showFor(QString()); // no lesson until a demo opens
    if (!settings.contains(QStringLiteral("window/geometry"))) {
        // First start: most of the window for the canvas.
        resize(1500, 900);
        if (auto* problems = findChild<QDockWidget*>(QStringLiteral("ProblemsDock")))
            resizeDocks({problems}, {130}, Qt::Vertical);
        if (auto* palette = findChild<QDockWidget*>(QStringLiteral("PaletteDock"))) resizeDocks({palette}, {230}, Qt::Horizontal);
    }
    updateRecentMenu();
    updateTitle();
    updateProblems();
    statusBar()->showMessage(tr("Drag a node from the palette onto the canvas, or open an experiment."));
}

MainWindow::~MainWindow()
{
    // The document outlives everything that follows it: take those down first (QObject children
    // would otherwise go after the document member). The run panel first: it joins the worker.
    delete m_run;
    delete m_editor;
    delete m_recovery;
    delete m_model;
}

void MainWindow::buildDocks()
{
    auto dock = [this](const QString& title, const QString& name, QWidget* w, Qt::DockWidgetArea area) {
        auto* d = new QDockWidget(title, this);
        d->setObjectName(name);
        d->setWidget(w);
        d->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable | QDockWidget::DockWidgetClosable);
        addDockWidget(area, d);
        return d;
    };
    m_palette = new widgets::PaletteWidget(models::catalogue(), this);
    dock(tr("Palette"), QStringLiteral("PaletteDock"), m_palette, Qt::LeftDockWidgetArea);

    m_inspector = new widgets::InspectorWidget(this);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(m_inspector);
    scroll->setWidgetResizable(true);
    scroll->setMinimumWidth(320);
    dock(tr("Inspector"), QStringLiteral("InspectorDock"), scroll, Qt::RightDockWidgetArea);

    m_problems = new QListWidget(this);
    m_problems->setObjectName(QStringLiteral("ProblemsList"));
    auto* problems = dock(tr("Problems"), QStringLiteral("ProblemsDock"), m_problems, Qt::BottomDockWidgetArea);
    connect(m_problems, &QListWidget::itemDoubleClicked, this, [this](QListWidgetItem* item) {
        const QString node = item->data(Qt::UserRole).toString();
        if (!node.isEmpty()) m_view->selectNodes({node});
    });

    m_log = new QPlainTextEdit(this);
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(5000);
    auto* logDock = dock(tr("Log"), QStringLiteral("LogDock"), m_log, Qt::BottomDockWidgetArea);
    tabifyDockWidget(problems, logDock);
    problems->raise();
}

void MainWindow::buildActions()
{
    auto make = [this](const QString& text, QKeySequence key, auto slot) {
        auto* a = new QAction(text, this);
        if (!key.isEmpty()) a->setShortcut(key);
        connect(a, &QAction::triggered, this, slot);
        return a;
    };
    m_newAct = make(tr("&New"), QKeySequence::New, [this] { newDocument(); });
    m_openAct = make(tr("&Open..."), QKeySequence::Open, [this] {
        const QString path = m_prompts.openFileName();
        if (!path.isEmpty()) openFile(path);
    });
    m_saveAct = make(tr("&Save"), QKeySequence::Save, [this] { save(); });
    m_saveAsAct = make(tr("Save &As..."), QKeySequence::SaveAs, [this] {
        const QString path = m_prompts.saveFileName(m_doc->filePath());
        if (!path.isEmpty()) saveAs(path);
    });
    m_undoAct = m_doc->undoStack()->createUndoAction(this, tr("&Undo"));
    m_undoAct->setShortcut(QKeySequence::Undo);
    m_redoAct = m_doc->undoStack()->createRedoAction(this, tr("&Redo"));
    m_redoAct->setShortcut(QKeySequence::Redo);
    m_compileAct = make(tr("&Compile"), QKeySequence(Qt::CTRL | Qt::Key_B), [this] { compile(); });
    m_compileAct->setToolTip(tr("Build the engine network from the document (disabled while problems remain)"));

    auto* tools = addToolBar(tr("Main"));
    tools->setObjectName(QStringLiteral("MainToolBar"));
    tools->addActions({m_newAct, m_openAct, m_saveAct});
    tools->addSeparator();
    tools->addActions({m_undoAct, m_redoAct});
    tools->addSeparator();
    tools->addAction(m_compileAct);
}

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addActions({m_newAct, m_openAct});
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    file->addActions({m_saveAct, m_saveAsAct});
    file->addSeparator();
    file->addAction(m_run->loadStateAction());
    file->addAction(tr("Export &All Figures..."), this, [this] {
        askExportAllFigures(this, m_run->liveViews(), m_doc->filePath(), m_doc->document());
    });
    file->addAction(tr("Export &Canvas..."), this, [this] { askExportCanvas(this, *m_view, m_doc->filePath()); });
    file->addAction(tr("Export to &Brian2..."), this, [this] {
        askExportScript(this, m_doc->document(), m_doc->filePath(), ScriptTarget::Brian2);
    });
    file->addAction(tr("Export to &PyNN..."), this, [this] { askExportScript(this, m_doc->document(), m_doc->filePath(), ScriptTarget::Pynn); });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addActions({m_undoAct, m_redoAct});
    edit->addSeparator();
    edit->addAction(tr("Cu&t"), QKeySequence::Cut, m_editor, &DocumentEditor::cutSelection);
    edit->addAction(tr("&Copy"), QKeySequence::Copy, m_editor, &DocumentEditor::copySelection);
    edit->addAction(tr("&Paste"), QKeySequence::Paste, m_editor, &DocumentEditor::paste);
    edit->addAction(tr("&Duplicate"), QKeySequence(Qt::CTRL | Qt::Key_D), m_editor, &DocumentEditor::duplicateSelection);
    edit->addAction(tr("&Delete"), QKeySequence::Delete, m_editor, &DocumentEditor::deleteSelection);
    edit->addAction(tr("Select &All"), QKeySequence::SelectAll, m_view, &widgets::NodeGraphView::selectAll);
    edit->addSeparator();
    edit->addAction(tr("Add &Note"), QKeySequence(Qt::CTRL | Qt::Key_M), this,
                    [this] { m_editor->addNote(m_view->sceneCenter()); });

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->addAction(tr("Zoom &In"), QKeySequence::ZoomIn, this,
                          [this] { m_view->zoomBy(1.25, m_view->viewport()->rect().center()); });
    m_viewMenu->addAction(tr("Zoom &Out"), QKeySequence::ZoomOut, this,
                          [this] { m_view->zoomBy(0.8, m_view->viewport()->rect().center()); });
    m_viewMenu->addAction(tr("&Fit to View"), QKeySequence(Qt::CTRL | Qt::Key_0), m_view, &widgets::NodeGraphView::fitToView);
    auto* snap = m_viewMenu->addAction(tr("&Snap to Grid"));
    snap->setCheckable(true);
    snap->setChecked(true);
    connect(snap, &QAction::toggled, m_view, &widgets::NodeGraphView::setSnapToGrid);
    m_viewMenu->addAction(m_presenter->action());
    m_viewMenu->addSeparator();
    for (QDockWidget* d : findChildren<QDockWidget*>()) m_viewMenu->addAction(d->toggleViewAction());

    QMenu* run = menuBar()->addMenu(tr("&Run"));
    run->addAction(m_compileAct);
    run->addSeparator();
    m_run->addActionsTo(*run);
    run->addSeparator();
    run->addAction(tr("Surrogate-&gradient training..."), this, [this] {
        if (!m_gradient) m_gradient = new GradientTrainingWindow(this);
        m_gradient->show();
        m_gradient->raise();
    });

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Demos"), this, &MainWindow::showDemos);
    help->addAction(tr("&About SpikeStudio"), this, [this] {
        QMessageBox::about(this, tr("About SpikeStudio"),
                           tr("<b>SpikeStudio %1</b><p>A workbench for spiking neural network experiments.</p>")
                               .arg(QStringLiteral(SPIKESTUDIO_VERSION)));
    });
}

void MainWindow::updateTitle()
{
    const QString name = m_doc->filePath().isEmpty() ? tr("Untitled") : QFileInfo(m_doc->filePath()).fileName();
    setWindowTitle(tr("%1[*] - SpikeStudio").arg(name));
    setWindowModified(m_doc->isModified());
}

void MainWindow::updateProblems()
{
    m_problems->clear();
    for (const auto& p : m_doc->problems()) {
        const QString where = p.node.empty() ? tr("document") : QString::fromStdString(p.node);
        auto* item = new QListWidgetItem(QStringLiteral("%1: %2").arg(where, QString::fromStdString(p.message)), m_problems);
        item->setData(Qt::UserRole, QString::fromStdString(p.node));
        item->setToolTip(p.field.empty() ? QString() : tr("field '%1'").arg(QString::fromStdString(p.field)));
    }
    const auto n = m_doc->problems().size();
    m_compileAct->setEnabled(n == 0 && !m_doc->graph().nodes.empty());
    if (auto* dock = findChild<QDockWidget*>(QStringLiteral("ProblemsDock")))
        dock->setWindowTitle(n == 0 ? tr("Problems") : tr("Problems (%1)").arg(n));
}

void MainWindow::log(const QString& message)
{
    m_log->appendPlainText(QStringLiteral("%1  %2").arg(QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss")), message));
}

void MainWindow::compile()
{
    m_run->compile();
}

bool MainWindow::maybeSave()
{
    if (!m_doc->isModified()) return true;
    const QString name = m_doc->filePath().isEmpty() ? tr("Untitled") : QFileInfo(m_doc->filePath()).fileName();
    switch (m_prompts.unsavedChanges(name)) {
    case Prompts::Unsaved::Save: return save();
    case Prompts::Unsaved::Discard: return true;
    case Prompts::Unsaved::Cancel: return false;
    }
    return false;
}

bool MainWindow::newDocument()
{
    if (!maybeSave()) return false;
    m_doc->reset(Document{});
    m_layout = {};
    m_layoutPending = false;
    m_lesson->showFor(QString());
    m_centre->setCurrentWidget(m_view);
    log(tr("New document."));
    return true;
}

bool MainWindow::openFile(const QString& path)
{
    if (!maybeSave()) return false;
    try {
        // Read first: a bad file leaves the open document untouched.
        Document doc = readDocument(path);
        m_doc->reset(std::move(doc), path);
    } catch (const DocumentError& e) {
        log(QString::fromUtf8(e.what()));
        m_prompts.error(QString::fromUtf8(e.what()));
        return false;
    }
    addRecent(path);
    m_layout = m_doc->document().view;
    m_layoutPending = m_layout.contains(QStringLiteral("docks"));
    m_centre->setCurrentWidget(m_view);
    // The lesson takes two thirds of the height of its dock column, once the dock is laid out.
    if (m_lesson->showFor(path) && !m_lesson->isFloating())
        QTimer::singleShot(0, this, [this] {
            auto* inspector = findChild<QDockWidget*>(QStringLiteral("InspectorDock"));
            if (inspector && inspector->isVisible() && dockWidgetArea(inspector) == dockWidgetArea(m_lesson))
                resizeDocks({inspector, m_lesson}, {height() / 3, height() * 2 / 3}, Qt::Vertical);
        });
    restoreCanvas(m_layout);
    log(tr("Opened %1.").arg(path));
    m_run->announceSavedState();
    return true;
}

void MainWindow::showDemos()
{
    m_gallery->reload();
    m_centre->setCurrentWidget(m_gallery);
    statusBar()->showMessage(tr("Choose a demo, or open a document of your own."));
}

bool MainWindow::demosShown() const { return m_centre->currentWidget() == m_gallery; }

bool MainWindow::openDemo(const QString& name)
{
    for (const Demo& demo : m_gallery->demos())
        if (demo.name == name) return openFile(demo.documentPath);
    log(tr("There is no demo '%1'.").arg(name));
    return false;
}

bool MainWindow::save()
{
    if (m_doc->filePath().isEmpty()) {
        const QString path = m_prompts.saveFileName(QString());
        return !path.isEmpty() && saveAs(path);
    }
    return saveAs(m_doc->filePath());
}

bool MainWindow::saveAs(const QString& path)
{
    // The view goes into the file only: the open document and its undo stack are untouched.
    Document saved = m_doc->document();
    saved.view = viewState();
    try {
        saveDocument(saved, path);
    } catch (const DocumentError& e) {
        log(QString::fromUtf8(e.what()));
        m_prompts.error(QString::fromUtf8(e.what()));
        return false;
    }
    m_layout = saved.view;
    m_doc->setFilePath(path);
    m_doc->setSaved();
    addRecent(path);
    log(tr("Saved %1.").arg(path));
    statusBar()->showMessage(tr("Saved %1").arg(path), 4000);
    return true;
}

QJsonObject MainWindow::viewState() const
{
    QJsonObject view = m_layout;
    const QPointF centre = m_view->sceneCenter();
    view[QStringLiteral("canvas")] = QJsonObject{{QStringLiteral("zoom"), m_view->zoom()},
                                                 {QStringLiteral("x"), centre.x()},
                                                 {QStringLiteral("y"), centre.y()}};
    // Without live docks (no run since the document was opened) the saved layout is kept as it was.
    const QList<QDockWidget*> live = m_run->liveViews().docks();
    if (!live.isEmpty()) {
        QJsonArray shown;
        for (const QDockWidget* d : live)
            if (!d->isHidden()) shown.append(d->objectName());
        view[QStringLiteral("docks")] = QString::fromLatin1(saveState().toBase64());
        view[QStringLiteral("live")] = shown;
    }
    return view;
}

void MainWindow::restoreCanvas(const QJsonObject& view)
{
    const QJsonObject canvas = view.value(QStringLiteral("canvas")).toObject();
    const double zoom = canvas.value(QStringLiteral("zoom")).toDouble();
    if (zoom <= 0.0) {
        m_view->fitToView();
        return;
    }
    m_view->zoomBy(zoom / m_view->zoom(), m_view->viewport()->rect().center());
    m_view->centerOn(canvas.value(QStringLiteral("x")).toDouble(), canvas.value(QStringLiteral("y")).toDouble());
}

void MainWindow::restoreLiveLayout()
{
    if (!m_layoutPending) return;
    m_layoutPending = false;
    restoreState(QByteArray::fromBase64(m_layout.value(QStringLiteral("docks")).toString().toLatin1()));
    // The state holds each known dock's visibility; a monitor added since keeps its place and shows.
    const QJsonArray shown = m_layout.value(QStringLiteral("live")).toArray();
    for (QDockWidget* d : m_run->liveViews().docks())
        if (shown.contains(d->objectName())) d->show();
}

void MainWindow::offerRecovery()
{
    const QString path = m_recovery->path();
    auto pending = Recovery::pending(path);
    if (!pending) return;
    const QString original = Recovery::pendingOriginalPath(path);
    if (!m_prompts.restoreRecovery(original)) {
        m_recovery->discard();
        return;
    }
    m_doc->reset(std::move(*pending), original);
    // The restored work is unsaved until the user saves it.
    m_doc->markModified();
    log(tr("Restored unsaved work from %1.").arg(path));
}

void MainWindow::addRecent(const QString& path)
{
    QSettings settings;
    QStringList recent = settings.value(QLatin1String(kRecentKey)).toStringList();
    recent.removeAll(path);
    recent.prepend(QFileInfo(path).absoluteFilePath());
    while (recent.size() > kMaxRecent) recent.removeLast();
    settings.setValue(QLatin1String(kRecentKey), recent);
    updateRecentMenu();
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(QLatin1String(kRecentKey)).toStringList();
    for (const QString& path : recent)
        m_recentMenu->addAction(QFileInfo(path).fileName(), this, [this, path] { openFile(path); })->setToolTip(path);
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    m_recovery->discard();
    // A run in progress stops here; the worker is joined before the window goes.
    m_run->shutdown();
    event->accept();
}

} // namespace ss::app
