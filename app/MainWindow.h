#pragma once
// The workbench window: the canvas in the centre; palette, inspector, problems and log in docks that
// can be moved, tabbed and floated (their layout is remembered); menus, toolbar and status bar; the
// file commands with an unsaved-changes prompt, recent files and crash recovery.
#include "app/GraphDocument.h"

#include <QJsonObject>
#include <QMainWindow>

#include <functional>
#include <memory>

class QAction;
class QListWidget;
class QMenu;
class QPlainTextEdit;
class QStackedWidget;

namespace ss::widgets {
class InspectorWidget;
class NodeGraphView;
class PaletteWidget;
} // namespace ss::widgets

namespace ss::app {

class DemoGallery;
class DocumentEditor;
class DocumentGraphModel;
class GradientTrainingWindow;
class LessonPanel;
class PresenterMode;
class Recovery;
class RunPanel;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // The questions the window asks; tests replace them so that nothing blocks.
    struct Prompts {
        enum class Unsaved { Save, Discard, Cancel };
        std::function<Unsaved(const QString& documentName)> unsavedChanges;
        std::function<void(const QString& message)> error;
        std::function<bool(const QString& originalPath)> restoreRecovery;
        std::function<QString()> openFileName;
        std::function<QString(const QString& folder)> openStateFileName; // a training state (*.state)
        std::function<QString(const QString& suggestion)> saveFileName;
    };

    // recoveryPath: where the autosave goes (empty: the default location).
    explicit MainWindow(const QString& recoveryPath = QString(), QWidget* parent = nullptr);
    ~MainWindow() override;

    Prompts& prompts() { return m_prompts; }
    GraphDocument& document() { return *m_doc; }
    widgets::NodeGraphView& canvas() { return *m_view; }
    widgets::PaletteWidget& palette() { return *m_palette; }
    widgets::InspectorWidget& inspector() { return *m_inspector; }
    DocumentEditor& editor() { return *m_editor; }
    QListWidget& problemsList() { return *m_problems; }
    Recovery& recovery() { return *m_recovery; }
    // The run controls, the simulation controller and the live views.
    RunPanel& runPanel() { return *m_run; }
    // The welcome page of demos (in place of the canvas while shown), the lesson dock, presenter mode.
    DemoGallery& demoGallery() { return *m_gallery; }
    LessonPanel& lessonPanel() { return *m_lesson; }
    PresenterMode& presenterMode() { return *m_presenter; }
    bool demosShown() const;

    // File commands; each returns false when it did not happen (cancelled or failed).
    bool newDocument();
    bool openFile(const QString& path);
    bool save();
    bool saveAs(const QString& path);
    // Shows the welcome page of demos (Help > Demos); opening a document shows the canvas again.
    void showDemos();
    // Opens the bundled demo `name` and its lesson; false when there is no such demo or it fails to open.
    bool openDemo(const QString& name);
    // Offers the recovery file left by a crash, if any.
    void offerRecovery();
    void log(const QString& message);

    // The view layout saved with the document (Document::view): {"canvas": {"zoom", "x", "y"} (the
    // canvas zoom and the scene point at its centre), "docks": QMainWindow::saveState() in base64,
    // "live": [object names of the live docks shown]}. Written at save time only, so that moving a
    // dock or zooming never marks the document modified; the docks are restored once the live docks
    // of the next Run exist, the canvas on open.
    QJsonObject viewState() const;

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildActions();
    void buildMenus();
    void buildDocks();
    void updateTitle();
    void updateProblems();
    void updateRecentMenu();
    void addRecent(const QString& path);
    bool maybeSave();
    void compile();
    void restoreCanvas(const QJsonObject& view);
    void restoreLiveLayout();

    Prompts m_prompts;
    std::unique_ptr<GraphDocument> m_doc;
    widgets::NodeGraphView* m_view = nullptr;
    widgets::PaletteWidget* m_palette = nullptr;
    widgets::InspectorWidget* m_inspector = nullptr;
    QListWidget* m_problems = nullptr;
    QPlainTextEdit* m_log = nullptr;
    DocumentGraphModel* m_model = nullptr;
    DocumentEditor* m_editor = nullptr;
    Recovery* m_recovery = nullptr;
    RunPanel* m_run = nullptr;
    QStackedWidget* m_centre = nullptr;
    DemoGallery* m_gallery = nullptr;
    LessonPanel* m_lesson = nullptr;
    PresenterMode* m_presenter = nullptr;
    GradientTrainingWindow* m_gradient = nullptr;
    QMenu* m_recentMenu = nullptr;
    QJsonObject m_layout;         // the view last opened or saved
    bool m_layoutPending = false; // its docks wait for the next Run
    QMenu* m_viewMenu = nullptr;
    QAction *m_newAct, *m_openAct, *m_saveAct, *m_saveAsAct, *m_undoAct, *m_redoAct, *m_compileAct;
};

} // namespace ss::app
