#pragma once
// The run controls of the workbench window: the Run toolbar and menu (Run, Pause, Step, Stop, Reset and
// the speed), the simulation controller that runs the compiled document in its worker thread, the live
// views it feeds, and the progress line in the status bar.
//
// Edits made while a network is loaded (app/LiveEdit.h): parameters of layers and encoders go to the
// running engine between two steps, whatever the state of the run; any other edit needs a new network,
// which the status bar says, and the next Run compiles the document again and restarts with it.
#include "models/BuildContext.h"
#include "models/Graph.h"

#include <QObject>

#include <memory>
#include <optional>

class QAction;
class QComboBox;
class QLabel;
class QMenu;
class QToolBar;

namespace ss::app {

class GraphDocument;
class LiveViews;
class MainWindow;
class SimulationController;

class RunPanel : public QObject {
    Q_OBJECT
public:
    RunPanel(MainWindow& window, GraphDocument& doc);
    ~RunPanel() override;

    SimulationController& controller() { return *m_controller; }
    LiveViews& liveViews() { return *m_views; }
    QAction* runAction() const { return m_runAct; }
    QAction* pauseAction() const { return m_pauseAct; }
    QAction* stepAction() const { return m_stepAct; }
    QAction* stopAction() const { return m_stopAct; }
    QAction* resetAction() const { return m_resetAct; }
    // Run > Test with saved state (FILE.state beside the document) and Load training state... (a state
    // file the user chooses): testWithState() on it.
    QAction* testStateAction() const { return m_testStateAct; }
    QAction* loadStateAction() const { return m_loadStateAct; }
    QComboBox* speedBox() const { return m_speed; }
    QToolBar* toolBar() const { return m_toolBar; }
    void addActionsTo(QMenu& menu) const;

    // Builds the engine network from the document; logs the outcome and shows failures in the status
    // bar. nullopt when it does not compile.
    std::optional<models::CompiledNetwork> compile();
    // True when the next Run compiles and loads the document again.
    bool needsLoad() const;
    // Stops the run and removes the live views (the window is closing or the document was replaced).
    void shutdown();

    void run();
    void pause();
    void step();
    void stop();
    void reset();

    // Tests the document's protocol with the training state saved in `path` (TrainingStateFile.h), as
    // `spikestudio run --test-only` does: compiles the document, loads the state's weights, thresholds
    // and readout into it (the weight views show the learned fields at once) and runs the test phase
    // live. A state that cannot be read, is stale or does not fit is refused with a message naming the
    // file and what does not match (prompts().error, the log and the status bar); then the loaded
    // network and the document are left as they were, and the result is false. `stepOnly`: pause after
    // the first test sample (Run goes on).
    bool testWithState(const QString& path, bool stepOnly = false);
    // Says in the status bar (and the log) whether the document has a training state beside it
    // (FILE.state) that Run > Test with saved state can test, or why that state cannot be used.
    void announceSavedState();

private:
    bool load(std::optional<models::CompiledNetwork> compiled = std::nullopt);
    void refuseState(const QString& message);
    // After a protocol run: the training state to FILE.state beside the document (TrainingStateFile.h).
    void saveTrainingState();
    bool refuseWhileProblems();
    void documentEdited();
    void updateActions();
    void showProgress(double simulated, double duration, double realTimeFactor);
    // "train 1200 / 8000, 68.2 %" (accuracy: fraction, NaN while there is none).
    void showProtocolProgress(const QString& phase, qulonglong sample, qulonglong total, double accuracy);

    MainWindow& m_window;
    GraphDocument& m_doc;
    std::unique_ptr<SimulationController> m_controller;
    LiveViews* m_views = nullptr;
    QToolBar* m_toolBar = nullptr;
    QComboBox* m_speed = nullptr;
    QLabel* m_progress = nullptr;
    QAction *m_runAct, *m_pauseAct, *m_stepAct, *m_stopAct, *m_resetAct, *m_testStateAct, *m_loadStateAct;
    QString m_testedState; // the state file of the last testWithState()
    bool m_stale = false; // the document changed since the loaded network was compiled
    models::Graph m_running; // what the loaded network was compiled from, with the changes adopted since
    std::uint64_t m_loadedHash = 0; // models::graphHash of the document the loaded network was compiled from
};

} // namespace ss::app
