#include "app/RunPanel.h"

#include "app/GraphDocument.h"
#include "app/LiveEdit.h"
#include "app/LiveViews.h"
#include "app/MainWindow.h"
#include "app/SimulationController.h"
#include "app/TrainingStateFile.h"
#include "models/Catalogue.h"
#include "models/GraphCompiler.h"
#include "widgets/ReceptiveFieldView.h"
#include "widgets/TraceView.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>

#include <cmath>

namespace ss::app {

namespace {

// Wall-clock time as "1:05" or "2:03:04".
QString clock(double seconds)
{
    const auto s = static_cast<long long>(std::llround(std::max(seconds, 0.0)));
    if (s >= 3600)
        return QStringLiteral("%1:%2:%3").arg(s / 3600).arg((s / 60) % 60, 2, 10, QLatin1Char('0')).arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

RunPanel::RunPanel(MainWindow& window, GraphDocument& doc)
    : QObject(&window), m_window(window), m_doc(doc), m_controller(std::make_unique<SimulationController>())
{
    m_views = new LiveViews(window, this);
    auto make = [this](const QString& text, QKeySequence key, const QString& tip, void (RunPanel::*slot)()) {
        auto* a = new QAction(text, this);
        if (!key.isEmpty()) a->setShortcut(key);
        a->setToolTip(tip);
        connect(a, &QAction::triggered, this, slot);
        return a;
    };
    m_runAct = make(tr("&Run"), QKeySequence(Qt::Key_F5), tr("Compile if needed and run (disabled while problems remain)"), &RunPanel::run);
    m_pauseAct = make(tr("&Pause"), QKeySequence(), tr("Pause between two steps"), &RunPanel::pause);
    m_stepAct = make(tr("S&tep"), QKeySequence(Qt::Key_F10), tr("Advance one time step"), &RunPanel::step);
    m_stopAct = make(tr("&Stop"), QKeySequence(Qt::SHIFT | Qt::Key_F5), tr("Stop and go back to t = 0"), &RunPanel::stop);
    m_resetAct = make(tr("R&eset"), QKeySequence(), tr("State and clock to zero, learned weights kept"), &RunPanel::reset);
    m_testStateAct = new QAction(tr("Test &with saved state"), this);
    m_testStateAct->setObjectName(QStringLiteral("TestWithSavedState"));
    m_testStateAct->setToolTip(tr("Load the training state saved beside the document and run only the test phase"));
    connect(m_testStateAct, &QAction::triggered, this, [this] { testWithState(trainingStatePath(m_doc.filePath())); });
    m_loadStateAct = new QAction(tr("&Load training state..."), this);
    m_loadStateAct->setObjectName(QStringLiteral("LoadTrainingState"));
    m_loadStateAct->setToolTip(tr("Choose a saved training state, load it into the network and run only the test phase"));
    connect(m_loadStateAct, &QAction::triggered, this, [this] {
        const QString folder = m_doc.filePath().isEmpty() ? QString() : QFileInfo(m_doc.filePath()).absolutePath();
        const QString path = m_window.prompts().openStateFileName(folder);
        if (!path.isEmpty()) testWithState(path);
    });

    m_speed = new QComboBox;
    m_speed->setObjectName(QStringLiteral("SpeedBox"));
    m_speed->setToolTip(tr("Simulated time per second of wall-clock time"));
    m_speed->addItem(tr("0.01x real time"), 0.01);
    m_speed->addItem(tr("0.1x real time"), 0.1);
    m_speed->addItem(tr("1x real time"), 1.0);
    m_speed->addItem(tr("10x real time"), 10.0);
    m_speed->addItem(tr("As fast as possible"), 0.0);
    m_speed->setCurrentIndex(4);
    connect(m_speed, &QComboBox::currentIndexChanged, this,
            [this] { m_controller->setSpeed(m_speed->currentData().toDouble()); });

    m_toolBar = window.addToolBar(tr("Run"));
    m_toolBar->setObjectName(QStringLiteral("RunToolBar"));
    m_toolBar->addActions({m_runAct, m_pauseAct, m_stepAct, m_stopAct, m_resetAct});
    m_toolBar->addWidget(m_speed);

    m_progress = new QLabel;
    m_progress->setObjectName(QStringLiteral("RunProgress"));
    window.statusBar()->addPermanentWidget(m_progress);

    connect(m_controller.get(), &SimulationController::stateChanged, this, [this] { updateActions(); });
    connect(m_controller.get(), &SimulationController::progress, this, [this](double t, double d, double f) {
        if (!m_controller->hasProtocol()) showProgress(t, d, f);
    });
    connect(m_controller.get(), &SimulationController::protocolProgress, this, &RunPanel::showProtocolProgress);
    connect(m_controller.get(), &SimulationController::stateRefused, this, [this](const QString& why) {
        refuseState(tr("Cannot test with the training state %1: %2").arg(QDir::toNativeSeparators(m_testedState), why));
    });
    connect(m_controller.get(), &SimulationController::finished, this, [this] {
        m_views->drain(); // what arrived after the last tick
        if (const auto result = m_controller->protocolResult()) {
            if (m_controller->testedFromState()) {
                m_window.log(tr("Test with the training state %1 finished: test accuracy %2 % (%3 of %4 samples, %5 without a vote).")
                                 .arg(QDir::toNativeSeparators(m_testedState))
                                 .arg(100.0 * result->accuracy, 0, 'f', 1)
                                 .arg(static_cast<qulonglong>(result->correct))
                                 .arg(static_cast<qulonglong>(result->tested))
                                 .arg(static_cast<qulonglong>(result->unanswered)));
                return;
            }
            m_window.log(tr("Protocol finished: test accuracy %1 % (%2 of %3 samples, %4 without a vote), %5 s simulated.")
                             .arg(100.0 * result->accuracy, 0, 'f', 1)
                             .arg(static_cast<qulonglong>(result->correct))
                             .arg(static_cast<qulonglong>(result->tested))
                             .arg(static_cast<qulonglong>(result->unanswered))
                             .arg(m_controller->simulatedTime(), 0, 'g', 4));
            saveTrainingState();
            return;
        }
        showProgress(m_controller->simulatedTime(), m_controller->duration(), m_controller->realTimeFactor());
        m_window.log(tr("Run finished: %1 s simulated, %2 spikes.")
                         .arg(m_controller->simulatedTime(), 0, 'g', 4)
                         .arg(static_cast<qulonglong>(m_controller->totalSpikes())));
    });

    // Structure and parameter edits need a new compile; moving nodes and notes does not.
    for (auto signal : {&GraphDocument::nodeAdded, &GraphDocument::nodeRemoved, &GraphDocument::nodeChanged})
        connect(&doc, signal, this, &RunPanel::documentEdited);
    connect(&doc, &GraphDocument::nodeRenamed, this, &RunPanel::documentEdited);
    connect(&doc, &GraphDocument::wiresChanged, this, &RunPanel::documentEdited);
    connect(&doc, &GraphDocument::experimentChanged, this, &RunPanel::documentEdited);
    connect(&doc, &GraphDocument::documentReset, this, &RunPanel::shutdown);
    connect(&doc, &GraphDocument::problemsChanged, this, &RunPanel::updateActions);
    updateActions();
}

RunPanel::~RunPanel()
{
    // The views read the controller's rings: take them down before the worker goes.
    m_views->detach();
    m_controller.reset();
}

void RunPanel::addActionsTo(QMenu& menu) const
{
    menu.addActions({m_runAct, m_pauseAct, m_stepAct, m_stopAct, m_resetAct});
    menu.addSeparator();
    menu.addActions({m_testStateAct, m_loadStateAct});
}

std::optional<models::CompiledNetwork> RunPanel::compile()
{
    try {
        models::GraphCompiler compiler(m_doc.graph(), models::catalogue());
        models::CompiledNetwork net = compiler.compile();
        std::size_t neurons = 0, synapses = 0;
        for (const auto& p : net.network->populations()) neurons += static_cast<std::size_t>(p->size());
        for (const auto& p : net.network->projections()) synapses += p->synapseCount();
        m_window.log(tr("Compiled: %1 populations (%2 neurons), %3 projections (%4 synapses).")
                         .arg(net.network->populations().size())
                         .arg(neurons)
                         .arg(net.network->projections().size())
                         .arg(synapses));
        m_window.statusBar()->showMessage(tr("The network compiles."), 5000);
        return net;
    } catch (const models::BuildError& e) {
        const QString message = tr("node '%1', field '%2': %3")
                                    .arg(QString::fromStdString(e.node()), QString::fromStdString(e.field()), QString::fromUtf8(e.what()));
        m_window.log(tr("Compile failed: %1").arg(message));
        m_window.statusBar()->showMessage(message, 8000);
        return std::nullopt;
    }
}

bool RunPanel::needsLoad() const
{
    return m_stale || m_controller->state() == SimulationController::State::Empty;
}

bool RunPanel::refuseWhileProblems()
{
    const auto& problems = m_doc.problems();
    if (problems.empty() && !m_doc.graph().nodes.empty()) return false;
    const QString reason = problems.empty() ? tr("the document is empty")
                                            : tr("%n problem(s) remain; the first: %1", nullptr, static_cast<int>(problems.size()))
                                                  .arg(QString::fromStdString(problems.front().message));
    m_window.statusBar()->showMessage(tr("Cannot run: %1").arg(reason), 8000);
    return true;
}

void RunPanel::saveTrainingState()
{
    // Beside the document, as the command line does; an unsaved document has nowhere to put it.
    auto state = m_controller->trainingState();
    if (!state || m_doc.filePath().isEmpty() || m_stale) return;
    state->documentHash = m_loadedHash;
    const QString path = trainingStatePath(m_doc.filePath());
    try {
        app::saveTrainingState(*state, path);
        m_window.log(tr("Saved the training state to %1 (Run > Test with saved state and spikestudio run --test-only reload it).").arg(path));
        updateActions();
    } catch (const DocumentError& e) {
        m_window.log(tr("Cannot save the training state: %1").arg(QString::fromUtf8(e.what())));
    }
}

bool RunPanel::load(std::optional<models::CompiledNetwork> net)
{
    if (!net) net = compile();
    if (!net) return false;
    const auto thresholds = LiveViews::thresholds(*net, m_doc.graph());
    const auto windows = LiveViews::stdpWindows(*net, m_doc.graph());
    const auto axes = LiveViews::stateAxes(*net, m_doc.graph());
    m_views->detach();
    try {
        m_controller->load(std::move(*net), m_doc.graph().experiment.duration, m_doc.graph().experiment.protocol);
        m_loadedHash = models::graphHash(m_doc.graph());
    } catch (const models::ProtocolError& e) {
        const QString message = tr("Cannot run the protocol: %1").arg(QString::fromUtf8(e.what()));
        m_window.log(message);
        m_window.statusBar()->showMessage(message, 8000);
        updateActions();
        return false;
    }
    m_controller->setSpeed(m_speed->currentData().toDouble());
    m_views->attach(*m_controller, thresholds, windows, axes);
    m_running = m_doc.graph();
    m_stale = false;
    return true;
}

void RunPanel::refuseState(const QString& message)
{
    m_window.log(message);
    m_window.statusBar()->showMessage(message, 15000);
    m_window.prompts().error(message);
}

bool RunPanel::testWithState(const QString& path, bool stepOnly)
{
    if (refuseWhileProblems()) return false;
    const QString file = QDir::toNativeSeparators(path);
    if (!m_doc.graph().experiment.protocol) {
        refuseState(tr("Cannot test with the training state %1: the document has no training protocol.").arg(file));
        return false;
    }
    if (m_controller->state() == SimulationController::State::Running) {
        refuseState(tr("Cannot test with the training state %1 while a run is going: stop it first.").arg(file));
        return false;
    }
    models::TrainingState state;
    try {
        state = loadTrainingState(path); // its message names the file
    } catch (const DocumentError& e) {
        refuseState(tr("Cannot test with a saved training state: %1").arg(QString::fromUtf8(e.what())));
        return false;
    }
    // Checked on a network of its own first, so that a refused state leaves the loaded one in place.
    auto net = compile();
    if (!net) return false;
    const std::uint64_t hash = models::graphHash(m_doc.graph());
    try {
        models::checkState(state, hash, *net);
    } catch (const models::StateError& e) {
        refuseState(tr("Cannot test with the training state %1: %2").arg(file, QString::fromUtf8(e.what())));
        return false;
    }
    if (!load(std::move(net))) return false;
    m_testedState = path;
    // The learned receptive fields in front of the live docks they share a tabbed area with, once the
    // new docks are laid out (LiveViews::attach queues that).
    for (const models::Node& node : m_doc.graph().nodes)
        if (QWidget* fields = m_views->fields(QString::fromStdString(node.id)))
            for (QWidget* w = fields; w; w = w->parentWidget())
                if (auto* dock = qobject_cast<QDockWidget*>(w)) {
                    QTimer::singleShot(0, dock, [dock] { dock->raise(); });
                    break;
                }
    try {
        if (!m_controller->testWithState(std::move(state), hash, stepOnly)) return false;
    } catch (const models::StateError& e) {
        refuseState(tr("Cannot test with the training state %1: %2").arg(file, QString::fromUtf8(e.what())));
        return false;
    }
    const QString message = tr("Testing with the training state %1: the learned weights are loaded, only the test phase runs.")
                                .arg(QFileInfo(path).fileName());
    m_window.statusBar()->showMessage(message, 8000);
    m_window.log(message);
    return true;
}

void RunPanel::announceSavedState()
{
    updateActions();
    if (m_doc.filePath().isEmpty() || !m_doc.graph().experiment.protocol) return;
    const QString path = trainingStatePath(m_doc.filePath());
    if (!QFile::exists(path)) return;
    const QString name = QFileInfo(path).fileName();
    QString message;
    try {
        const models::TrainingState state = loadTrainingState(path);
        message = state.documentHash == models::graphHash(m_doc.graph())
                      ? tr("%1 holds a saved training state: Run > Test with saved state tests the trained network without training.").arg(name)
                      : tr("%1 was saved for another version of this document (stale): Run trains again and replaces it.").arg(name);
    } catch (const DocumentError& e) {
        message = tr("The saved training state cannot be used: %1").arg(QString::fromUtf8(e.what()));
    }
    m_window.statusBar()->showMessage(message, 15000);
    m_window.log(message);
}

void RunPanel::run()
{
    if (refuseWhileProblems()) return;
    if (needsLoad()) {
        if (!load()) return;
    } else if (m_controller->state() == SimulationController::State::Finished) {
        // Run again from the start, with the weights learned so far.
        m_controller->reset();
        m_views->clearData();
    }
    m_controller->run();
}

void RunPanel::pause()
{
    m_controller->pause();
}

void RunPanel::step()
{
    if (refuseWhileProblems()) return;
    if (needsLoad() && !load()) return;
    m_controller->step();
}

void RunPanel::stop()
{
    m_controller->stop();
    m_views->drain();
    m_views->clearData();
    if (m_controller->hasProtocol()) m_progress->clear();
    else showProgress(0.0, m_controller->duration(), 0.0);
}

void RunPanel::reset()
{
    m_controller->reset();
    m_views->drain();
    m_views->clearData();
    if (m_controller->hasProtocol()) m_progress->clear();
    else showProgress(0.0, m_controller->duration(), 0.0);
}

void RunPanel::shutdown()
{
    m_views->detach();
    m_controller->unload();
    m_stale = false;
    m_progress->clear();
    updateActions();
}

void RunPanel::documentEdited()
{
    const models::CompiledNetwork* loaded = m_controller->compiled();
    if (!loaded || m_stale) return;
    LiveEdit edit;
    try {
        edit = classifyEdit(m_running, m_doc.graph(), *loaded);
    } catch (const models::BuildError& e) {
        edit.structural = "node '" + e.node() + "', field '" + e.field() + "': " + e.what();
    }
    if (!edit.structural.empty()) {
        m_stale = true;
        const QString why = QString::fromStdString(edit.structural);
        m_window.statusBar()->showMessage(tr("The network must be recompiled (%1): Run restarts from the edited document.").arg(why), 15000);
        m_window.log(tr("The document changed while a network is loaded (%1); the next Run compiles it again and starts from t = 0.").arg(why));
        return;
    }
    if (edit.change.populations.empty()) return;
    // The threshold lines of the traces follow a changed v_th.
    for (const auto& [node, threshold] : LiveViews::thresholds(*edit.change.edited, m_doc.graph()))
        if (widgets::TraceView* trace = m_views->trace(QString::fromStdString(node))) trace->setThreshold(threshold);
    m_controller->changeParameters(std::move(edit.change));
    m_running = m_doc.graph();
    const QString what = QString::fromStdString(edit.adopted);
    m_window.statusBar()->showMessage(tr("Applied to the running network: %1").arg(what), 8000);
    m_window.log(tr("Parameters changed during the run: %1.").arg(what));
}

void RunPanel::updateActions()
{
    using State = SimulationController::State;
    const State s = m_controller->state();
    const bool runnable = m_doc.problems().empty() && !m_doc.graph().nodes.empty();
    m_runAct->setEnabled(runnable && s != State::Running);
    m_pauseAct->setEnabled(s == State::Running);
    m_stepAct->setEnabled(runnable && s != State::Running);
    m_stopAct->setEnabled(s == State::Running || s == State::Paused || s == State::Finished);
    m_resetAct->setEnabled(s == State::Ready || s == State::Paused || s == State::Finished);
    const bool protocol = runnable && m_doc.graph().experiment.protocol && s != State::Running;
    m_loadStateAct->setEnabled(protocol);
    m_testStateAct->setEnabled(protocol && !m_doc.filePath().isEmpty() && QFile::exists(trainingStatePath(m_doc.filePath())));
}

void RunPanel::showProgress(double simulated, double duration, double realTimeFactor)
{
    QString text = tr("%1 / %2 s").arg(simulated, 0, 'f', 3).arg(duration, 0, 'f', 3);
    if (realTimeFactor > 0.0) {
        text += tr("  |  %1x real time").arg(realTimeFactor, 0, 'g', 3);
        if (simulated < duration) text += tr("  |  %1 left").arg(clock((duration - simulated) / realTimeFactor));
    }
    m_progress->setText(text);
}

void RunPanel::showProtocolProgress(const QString& phase, qulonglong sample, qulonglong total, double accuracy)
{
    QString text = tr("%1 %2 / %3").arg(phase).arg(sample).arg(total);
    if (!std::isnan(accuracy)) text += tr(", %1 %").arg(100.0 * accuracy, 0, 'f', 1);
    m_progress->setText(text);
}

} // namespace ss::app
