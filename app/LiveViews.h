#pragma once
// The live views of a running network: one dock per monitor node (a spike raster for a spike monitor,
// membrane traces for a state monitor, receptive fields for a weight monitor), fed from the controller's
// rings by a 30 Hz timer on the GUI thread. Each tick drains every ring, appends the batch to its view
// and leaves one queued replot per view, so that the cost of drawing does not grow with the number of
// spikes per tick. The engine never waits for a view: what a full ring could not take is counted by the
// controller and shown in the dock's title ("skipped N").
// Spike and weight monitors have a second tab with a histogram: the firing rate of each neuron of the
// population (its drained spikes / simulated time so far, Hz; an underestimate when spikes were
// skipped, which the histogram says) or the weights of the latest snapshot, redrawn at most kHistogramHz
// times a second while running and once more when the run stops.
// An STDP window monitor's dock plots each synapse's weight change per pairing against its pre-post
// interval beside the rule's window (LiveStdpWindow.cpp), with the weight histogram as second tab.
#include "app/MonitorDisplay.h"
#include "app/SimulationController.h"
#include "models/BuildContext.h"
#include "widgets/FigureExportDialog.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

class QCustomPlot;
class QDockWidget;
class QMainWindow;
class QWidget;

namespace ss::widgets {
class AccuracyView;
class ConfusionMatrixView;
class ExportableView;
class HistogramView;
class InputView;
class RateView;
class ReceptiveFieldView;
class SpikeRasterView;
class StdpWindowView;
class TraceView;
} // namespace ss::widgets

namespace ss::app {

class LiveViews : public QObject {
    Q_OBJECT
public:
    static constexpr int kTickHz = 30;
    // Seconds of simulated time on screen: this, or the whole run when it is shorter (a run of a
    // protocol: this).
    static constexpr double kDefaultWindow = 1.0;
    static constexpr int kHistogramHz = 4;
    static constexpr int kHistogramBins = 30;

    explicit LiveViews(QMainWindow& window, QObject* parent = nullptr);
    ~LiveViews() override;

    // Firing thresholds (V) of the layers watched by state monitors of 'v', by monitor node id, for the
    // layers whose declaration has a fixed 'v_th' in mV (adaptive thresholds get no line). Read from the
    // compiled network before it is handed to the controller.
    static std::map<std::string, double> thresholds(const models::CompiledNetwork& compiled, const models::Graph& graph);

    // An STDP window monitor (monitor.stdp_window) as its view needs it (LiveStdpWindow.cpp).
    struct StdpWindowSetup {
        double firstMs = 0.0, stepMs = 0.0; // the synapses of pre neuron k are paired at first + k step
        double unit = 1e-3;                 // SI value of one weight unit (weights are drawn in it)
        QString unitName;                   // "mV", or "relative conductance"
        bool rule = false;                  // a rule.stdp is wired to the synapses (amplitudes in the unit)
        double aPlus = 0.0, aMinus = 0.0, tauPlusMs = 0.0, tauMinusMs = 0.0;
    };
    // The STDP window monitors of a compiled graph, by node id: their intervals, the synapses' weight
    // unit and the window of the pair rule wired to the synapse node (additive amplitudes; for the
    // multiplicative and soft-bound rules, whose changes depend on w, the curve is left out).
    static std::map<std::string, StdpWindowSetup> stdpWindows(const models::CompiledNetwork& compiled, const models::Graph& graph);

    // The value axes of the state monitors of a compiled graph, by node id (app::stateAxisOf).
    using StateAxis = app::StateAxis;
    static std::map<std::string, StateAxis> stateAxes(const models::CompiledNetwork& compiled, const models::Graph& graph);

    // Opens one dock per channel of the loaded network and starts draining; replaces any earlier docks.
    // Without an entry in `axes`, a state monitor's axis is stateAxis(variable).
    void attach(SimulationController& controller, const std::map<std::string, double>& thresholds,
                const std::map<std::string, StdpWindowSetup>& windows = {},
                const std::map<std::string, StateAxis>& axes = {});
    // Stops draining and removes the docks (before the controller unloads or replaces the network).
    void detach();
    bool attached() const { return m_controller != nullptr; }
    // One tick: drains every ring into its view. Called by the timer and once more when a run finishes.
    void drain();
    // Empties every view (after stop or reset), keeping the docks.
    void clearData();

    QList<QDockWidget*> docks() const;
    widgets::SpikeRasterView* raster(const QString& node) const;
    widgets::TraceView* trace(const QString& node) const;
    // The receptive fields of a weight monitor.
    widgets::ReceptiveFieldView* fields(const QString& node) const;
    // The window plot of an STDP window monitor.
    widgets::StdpWindowView* stdpWindow(const QString& node) const;
    // The population rate under a spike monitor's raster.
    widgets::RateView* rate(const QString& node) const;
    // The firing-rate histogram of a spike monitor, or the weight histogram of a weight monitor.
    widgets::HistogramView* histogram(const QString& node) const;
    // Protocol runs: the "accuracy" dock (the accuracy curve beside the confusion matrix, the latter
    // filled when the protocol finishes); nullptr without a protocol.
    QDockWidget* accuracyDock() const { return m_accuracyDock; }
    widgets::AccuracyView* accuracy() const { return m_accuracy; }
    widgets::ConfusionMatrixView* confusion() const { return m_confusion; }
    // The "input" dock (LiveInputView.cpp), when the network has an encoder fed by a data source: the
    // sample on show and the encoder's spikes for it; nullptr otherwise.
    QDockWidget* inputDock() const { return m_inputDock; }
    widgets::InputView* input() const { return m_input; }
    // Ticks that drained since attach (the redraw rate is at most this per second).
    std::uint64_t ticks() const { return m_ticks; }

    // Saves a view at its on-screen size, twice the pixels (scale 2).
    bool exportPng(const QString& node, const QString& path) const;
    // The save dialog of "Export..."; tests replace it so that nothing blocks.
    std::function<QString(const QString& suggestion)> exportFileName;

    // LiveViewExport.cpp. Every open view that can be exported, with the stem of its file name
    // ("<node>_raster", "<node>_rate", "<node>_rates", "<node>_trace", "<node>_fields", "<node>_window",
    // "<node>_histogram", "accuracy", "confusion").
    std::vector<std::pair<QString, const widgets::ExportableView*>> exportableViews() const;
    // Writes every view into `dir` (created if missing) as <stem>.<format>, and <stem>.csv when
    // request.csv; returns the files. Throws std::runtime_error when a file cannot be written.
    QStringList exportAll(const QString& dir, const widgets::FigureExportRequest& request) const;
    // "Export..." of one view: the dialog (exportDialog), the file (exportFileName), the figure and its CSV.
    bool exportView(const widgets::ExportableView& view, const QString& stem);
    // The "Export..." dialog; tests replace it so that nothing blocks (false: cancelled).
    std::function<bool(widgets::FigureExportRequest& request)> exportDialog;
    // The settings of the last export, where the next one starts.
    widgets::FigureExportRequest exportSettings;

signals:
    // The docks of a freshly loaded network exist (the window may now restore a saved layout).
    void docksCreated();
    // A line for the status bar (what a click in a raster did).
    void statusMessage(const QString& message);

private:
    struct View {
        LiveChannel* channel = nullptr;
        QString node;
        QString title;
        QDockWidget* dock = nullptr;
        widgets::SpikeRasterView* raster = nullptr;
        widgets::TraceView* trace = nullptr;
        widgets::ReceptiveFieldView* fields = nullptr;
        widgets::StdpWindowView* window = nullptr;
        StdpWindowSetup windowSetup;
        double weightScale = 1.0; // weight monitors: document weight units per engine unit (1e3: mV)
        std::vector<float> initialWeights; // STDP window: the weights at step 0
        std::uint64_t shownVersion = 0; // weight snapshot on screen
        widgets::RateView* rate = nullptr;
        std::uint64_t shownSkipped = 0;
        double shownTime = -1.0;
        widgets::HistogramView* histogram = nullptr;
        std::vector<std::uint64_t> spikeCounts; // per neuron, of the drained spikes since the last clear
        std::vector<double> histogramValues;    // reused: rates (Hz) or weights
        bool histogramStale = false;
        qint64 histogramShownAt = -1; // m_clock ms
    };
    void addView(LiveChannel& channel, const std::map<std::string, double>& thresholds,
                 const std::map<std::string, StdpWindowSetup>& windows, const std::map<std::string, StateAxis>& axes);
    // The weights of a weight monitor as the documents give them (SynapseCommon: mV for layers with a
    // voltage input, conductance relative to the leak for conductance-based ones; e^w where the
    // monitor shows that): the histogram's axis label, the unit of the fields' colour bar and the scale.
    struct WeightDisplay {
        QString label, unit;
        double scale = 1.0;
    };
    WeightDisplay weightDisplay(const LiveChannel& channel) const;
    void drainSpikes(View& view);
    void drainTrace(View& view);
    void drainWeights(View& view);
    // LiveStdpWindow.cpp: each synapse's change per pairing from the weight snapshot of `step` just
    // copied into m_weightBuffer, m_preCounts and m_postCounts.
    void showWindow(View& view, sim::Step step);
    // Redraws a stale histogram when the last redraw is 1 / kHistogramHz old, or at once if `force`.
    void refreshHistogram(View& view, bool force);
    QWidget* histogramTab(View& view, QWidget* main, const QString& mainName);
    // "Export..." (exportView) on a right click in `host`.
    void addExportMenu(QWidget* host, const QString& stem, const widgets::ExportableView* view);
    void showContextMenu(const View& view, QWidget* plot, const QPoint& pos);
    const View* find(const QString& node) const;
    // LiveProtocolViews.cpp: the accuracy dock, redrawn when the controller's curve changes.
    void addProtocolDock();
    void removeProtocolDock();
    void refreshProtocol();
    void refreshAccuracy();  // the curve, and the result of a finished run
    void refreshConfusion(); // the test so far, while no result is on show
    void clearProtocol();
    // The class vote's assignments as captions of the readout layer's receptive fields.
    void showAssignments(const std::vector<int>& assignments);
    // LiveInputView.cpp: the input dock, redrawn when the controller's input snapshot changes.
    void addInputDock();
    void removeInputDock();
    void refreshInput();
    // A neuron clicked in a raster: highlighted in the state monitor that records it, if any.
    void showNeuron(const QString& rasterNode, int neuron);

    QMainWindow& m_window;
    SimulationController* m_controller = nullptr;
    std::vector<View> m_views;
    QTimer m_timer;
    std::uint64_t m_ticks = 0;
    QElapsedTimer m_clock;
    double m_dt = 0.0;
    double m_timeWindow = kDefaultWindow; // of this run's views
    // Reused between ticks: no allocation once they have grown.
    std::vector<SpikeEvent> m_spikeBuffer;
    std::vector<TraceSample> m_traceBuffer;
    std::vector<float> m_weightBuffer;
    std::vector<std::uint32_t> m_preCounts, m_postCounts; // of the weight snapshot being shown
    std::vector<double> m_windowIntervals, m_windowChanges;
    std::vector<int> m_neurons;
    std::vector<double> m_times;
    std::vector<std::vector<double>> m_values;
    QDockWidget* m_accuracyDock = nullptr;
    widgets::AccuracyView* m_accuracy = nullptr;
    widgets::ConfusionMatrixView* m_confusion = nullptr;
    std::uint64_t m_shownAccuracy = 0; // curve version on screen
    std::uint64_t m_shownConfusion = 0; // version of the test so far on screen
    bool m_shownResult = false;        // the confusion matrix of the finished run is on screen
    QDockWidget* m_inputDock = nullptr;
    widgets::InputView* m_input = nullptr;
    std::uint64_t m_shownInput = 0; // input snapshot version on screen
    std::vector<float> m_inputValues, m_inputCounts;
};

} // namespace ss::app
