#include "app/LiveViews.h"

#include "widgets/HistogramView.h"
#include "widgets/PlotStyle.h"
#include "widgets/RateView.h"
#include "widgets/ReceptiveFieldView.h"
#include "widgets/SpikeRasterView.h"
#include "widgets/StdpWindowView.h"
#include "widgets/TraceView.h"

#include <qcustomplot.h>

#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QMainWindow>
#include <QMenu>
#include <QSplitter>
#include <QTabWidget>

#include <algorithm>
#include <cmath>
#include <limits>
#include <mutex>

namespace ss::app {

std::map<std::string, LiveViews::StateAxis> LiveViews::stateAxes(const models::CompiledNetwork& compiled,
                                                                  const models::Graph& graph)
{
    std::map<std::string, StateAxis> out;
    for (const auto& m : compiled.monitors)
        if (m.state) out[m.node] = stateAxisOf(graph, m.node, m.state->variable());
    return out;
}

LiveViews::WeightDisplay LiveViews::weightDisplay(const LiveChannel& channel) const
{
    if (channel.weights && channel.weights->exponential) return {tr("e^w"), {}, 1.0};
    const models::CompiledNetwork* compiled = m_controller ? m_controller->compiled() : nullptr;
    if (compiled) {
        if (const auto p = compiled->projections.find(channel.projection); p != compiled->projections.end()) {
            const double unit = p->second->post().synapticUnit();
            if (std::abs(unit - 1e-3) < 1e-12) return {tr("weight (mV)"), QStringLiteral("mV"), 1e3};
            if (unit == 1.0) return {tr("weight (relative conductance)"), {}, 1.0};
        }
    }
    return {tr("weight"), {}, 1.0};
}

LiveViews::LiveViews(QMainWindow& window, QObject* parent) : QObject(parent), m_window(window)
{
    m_timer.setInterval(1000 / kTickHz);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &LiveViews::drain);
    exportFileName = [this](const QString& suggestion) {
        return QFileDialog::getSaveFileName(&m_window, tr("Export figure"), suggestion,
                                            tr("Figures (*.png *.svg *.pdf)"));
    };
}

LiveViews::~LiveViews()
{
    detach();
}

std::map<std::string, double> LiveViews::thresholds(const models::CompiledNetwork& compiled, const models::Graph& graph)
{
    std::map<std::string, double> out;
    for (const auto& m : compiled.monitors) {
        if (!m.state || m.state->variable() != "v") continue;
        const models::Node* layer = watchedLayer(graph, m.node);
        const auto found = layer ? compiled.populations.find(layer->id) : compiled.populations.end();
        if (found == compiled.populations.end()) continue;
        if (const auto threshold = fixedThreshold(*layer, *found->second)) out[m.node] = *threshold;
    }
    return out;
}

void LiveViews::attach(SimulationController& controller, const std::map<std::string, double>& thresholds,
                       const std::map<std::string, StdpWindowSetup>& windows, const std::map<std::string, StateAxis>& axes)
{
    detach();
    m_controller = &controller;
    m_dt = controller.dt();
    m_timeWindow = !controller.hasProtocol() && controller.duration() > 0.0 ? std::min(kDefaultWindow, controller.duration())
                                                                            : kDefaultWindow;
    m_ticks = 0;
    m_clock.start();
    for (LiveChannel* channel : controller.channels())
        if (channel && (channel->spikes || channel->trace || channel->weights)) addView(*channel, thresholds, windows, axes);
    // All live docks share one tabbed area at the bottom, the first one raised; the accuracy of a
    // protocol run sits beside them (to the right), visible while the others change tabs.
    // (Split before tabifying: a dock split from a tabbed one would become one more tab.)
    if (controller.hasProtocol()) addProtocolDock();
    addInputDock();
    for (std::size_t k = 1; k < m_views.size(); ++k) m_window.tabifyDockWidget(m_views.front().dock, m_views[k].dock);
    if (!m_views.empty()) {
        QDockWidget* first = m_views.front().dock;
        first->raise();
        // Once the new docks are laid out: beside the problems and the log, the plots take most of the width.
        QTimer::singleShot(0, first, [this, first] {
            m_window.resizeDocks({first}, {340}, Qt::Vertical);
            auto* problems = m_window.findChild<QDockWidget*>(QStringLiteral("ProblemsDock"));
            if (problems && !problems->isFloating())
                m_window.resizeDocks({problems, first}, {m_window.width() / 4, m_window.width() * 3 / 4}, Qt::Horizontal);
            else
                m_window.resizeDocks({first}, {m_window.width() * 3 / 4}, Qt::Horizontal);
            if (m_accuracyDock) m_window.resizeDocks({first, m_accuracyDock}, {m_window.width() * 2 / 5, m_window.width() * 2 / 5}, Qt::Horizontal);
        });
    }
    m_timer.start();
    emit docksCreated();
}

void LiveViews::addView(LiveChannel& channel, const std::map<std::string, double>& thresholds,
                        const std::map<std::string, StdpWindowSetup>& windows, const std::map<std::string, StateAxis>& axes)
{
    View v;
    v.channel = &channel;
    v.node = QString::fromStdString(channel.node);
    const QString population = QString::fromStdString(channel.population);
    v.title = population.isEmpty() ? v.node : QStringLiteral("%1: %2").arg(v.node, population);
    QWidget* content = nullptr;
    QCustomPlot* plot = nullptr;
    if (channel.spikes) {
        v.raster = new widgets::SpikeRasterView;
        v.raster->addPopulation(population, static_cast<int>(channel.size));
        v.raster->setTimeWindow(m_timeWindow);
        v.raster->setTitle(v.title);
        plot = v.raster->plot();
        const QString node = v.node;
        connect(v.raster, &widgets::SpikeRasterView::neuronClicked, this,
                [this, node](int, int neuron) { showNeuron(node, neuron); });
        // The population rate under the raster, from the same spikes: 70 % raster, 30 % rate.
        v.rate = new widgets::RateView;
        v.rate->addPopulation(population, static_cast<int>(channel.size));
        v.rate->setTimeWindow(m_timeWindow);
        v.rate->alignWith(v.raster->plot());
        widgets::RateView* rate = v.rate;
        addExportMenu(rate->plot(), node + QStringLiteral("_rate"), rate);
        v.spikeCounts.assign(channel.size, 0);
        auto* split = new QSplitter(Qt::Vertical);
        split->addWidget(v.raster);
        split->addWidget(v.rate);
        split->setStretchFactor(0, 7);
        split->setStretchFactor(1, 3);
        split->setSizes({700, 300});
        content = histogramTab(v, split, tr("raster"));
    } else if (const auto window = windows.find(channel.node); channel.weights && window != windows.end()) {
        // Each synapse's weight change per pairing against its pre-post interval, beside the rule.
        v.window = new widgets::StdpWindowView;
        v.windowSetup = window->second;
        v.title = QStringLiteral("%1: %2 (STDP window)").arg(v.node, QString::fromStdString(channel.projection));
        v.window->setTitle(v.title);
        v.window->setWeightUnit(v.windowSetup.unitName);
        if (v.windowSetup.rule)
            v.window->setRule(v.windowSetup.aPlus, v.windowSetup.aMinus, v.windowSetup.tauPlusMs, v.windowSetup.tauMinusMs);
        plot = v.window->plot();
        content = histogramTab(v, v.window, tr("window"));
    } else if (channel.weights) {
        // Each post neuron's (or feature's) incoming weights in the input's shape, redrawn when the
        // worker publishes a new snapshot.
        v.fields = new widgets::ReceptiveFieldView;
        v.title = QStringLiteral("%1: %2 (weights)").arg(v.node, QString::fromStdString(channel.projection));
        v.fields->setTitle(v.title);
        const WeightDisplay display = weightDisplay(channel);
        v.fields->setValueUnit(display.unit, display.scale);
        content = histogramTab(v, v.fields, tr("fields"));
    } else {
        v.trace = new widgets::TraceView;
        const auto found = axes.find(channel.node);
        const StateAxis axis = found != axes.end() ? found->second : stateAxis(channel.variable);
        v.trace->setValueAxis(axis.label, axis.scale);
        QStringList labels;
        for (sim::Index i : channel.neurons) labels << QStringLiteral("neuron %1").arg(i);
        v.trace->setTraces({}, std::vector<std::vector<double>>(channel.neurons.size()), labels);
        v.trace->setTraceNeurons(channel.neurons); // spike markers from a raster of the same population
        if (const auto t = thresholds.find(channel.node); t != thresholds.end()) v.trace->setThreshold(t->second);
        v.trace->setTimeWindow(m_timeWindow);
        v.trace->setTitle(v.title);
        content = v.trace;
        plot = v.trace->plot();
    }
    v.dock = new QDockWidget(v.title, &m_window);
    v.dock->setObjectName(QStringLiteral("live:") + v.node);
    v.dock->setWidget(content);
    v.dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable | QDockWidget::DockWidgetClosable);
    m_window.addDockWidget(Qt::BottomDockWidgetArea, v.dock);
    QWidget* menuHost = plot ? static_cast<QWidget*>(plot) : v.fields ? v.fields : content;
    menuHost->setContextMenuPolicy(Qt::CustomContextMenu);
    const QString node = v.node;
    connect(menuHost, &QWidget::customContextMenuRequested, this, [this, node, menuHost](const QPoint& pos) {
        if (const View* view = find(node)) showContextMenu(*view, menuHost, pos);
    });
    if (v.fields || v.window) drainWeights(v);
    m_views.push_back(v);
}

QWidget* LiveViews::histogramTab(View& v, QWidget* main, const QString& mainName)
{
    v.histogram = new widgets::HistogramView;
    const bool rates = v.raster != nullptr;
    v.histogram->setTitle(rates ? tr("%1: firing rates").arg(v.title) : v.title);
    // Weights in the documents' unit (weightDisplay; the STDP window's weights as its own view draws them).
    WeightDisplay weights = weightDisplay(*v.channel);
    if (v.window) weights = {tr("weight (%1)").arg(v.windowSetup.unitName), {}, 1.0 / v.windowSetup.unit};
    if (!rates) v.weightScale = weights.scale;
    v.histogram->setLabels(rates ? tr("firing rate (Hz)") : weights.label, rates ? tr("neurons") : tr("synapses"));
    widgets::HistogramView* histogram = v.histogram;
    addExportMenu(histogram->plot(), v.node + (rates ? QStringLiteral("_rates") : QStringLiteral("_histogram")), histogram);
    auto* tabs = new QTabWidget;
    tabs->setDocumentMode(true);
    tabs->setTabPosition(QTabWidget::South);
    tabs->addTab(main, mainName);
    tabs->addTab(v.histogram, rates ? tr("rates") : tr("histogram"));
    return tabs;
}

void LiveViews::addExportMenu(QWidget* host, const QString& stem, const widgets::ExportableView* view)
{
    host->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(host, &QWidget::customContextMenuRequested, this, [this, host, stem, view](const QPoint& pos) {
        QMenu menu(host);
        menu.addAction(tr("Export..."), this, [this, stem, view] { exportView(*view, stem); });
        menu.exec(host->mapToGlobal(pos));
    });
}

void LiveViews::refreshHistogram(View& v, bool force)
{
    if (!v.histogram || !v.histogramStale) return;
    const qint64 now = m_clock.elapsed();
    if (!force && v.histogramShownAt >= 0 && now - v.histogramShownAt < 1000 / kHistogramHz) return;
    v.histogramShownAt = now;
    v.histogramStale = false;
    if (!v.raster) {
        v.histogram->setValues(v.histogramValues, kHistogramBins);
        return;
    }
    const double elapsed = m_controller->simulatedTime();
    v.histogramValues.resize(v.spikeCounts.size());
    double top = 0.0;
    for (std::size_t k = 0; k < v.spikeCounts.size(); ++k) {
        v.histogramValues[k] = elapsed > 0.0 ? static_cast<double>(v.spikeCounts[k]) / elapsed : 0.0;
        top = std::max(top, v.histogramValues[k]);
    }
    // Skipped spikes never reach the counts: the rates read low by those.
    const std::uint64_t skipped = v.channel->skipped.load(std::memory_order_relaxed);
    v.histogram->setNote(skipped == 0 ? QString() : tr("(approximate: %1 skipped)").arg(skipped));
    v.histogram->setValues(v.histogramValues, kHistogramBins, 0.0, top > 0.0 ? top : 1.0);
}

void LiveViews::detach()
{
    m_timer.stop();
    for (View& v : m_views) {
        m_window.removeDockWidget(v.dock);
        delete v.dock;
    }
    m_views.clear();
    removeProtocolDock();
    removeInputDock();
    m_controller = nullptr;
}

void LiveViews::drain()
{
    if (!m_controller) return;
    ++m_ticks;
    // A paused or finished run shows its final histograms at once.
    const bool running = m_controller->state() == SimulationController::State::Running;
    for (View& v : m_views) {
        if (v.raster) drainSpikes(v);
        else if (v.fields || v.window) drainWeights(v);
        else drainTrace(v);
        const std::uint64_t skipped = v.channel->skipped.load(std::memory_order_relaxed);
        if (skipped != v.shownSkipped) {
            v.shownSkipped = skipped;
            v.dock->setWindowTitle(skipped == 0 ? v.title : tr("%1 (skipped %2)").arg(v.title).arg(skipped));
            v.histogramStale = true;
        }
        refreshHistogram(v, !running);
    }
    refreshProtocol();
    refreshInput();
}

void LiveViews::drainSpikes(View& v)
{
    m_spikeBuffer.clear();
    v.channel->spikes->popInto(m_spikeBuffer);
    m_neurons.resize(m_spikeBuffer.size());
    m_times.resize(m_spikeBuffer.size());
    const std::size_t size = v.spikeCounts.size();
    for (std::size_t k = 0; k < m_spikeBuffer.size(); ++k) {
        m_neurons[k] = m_spikeBuffer[k].neuron;
        if (static_cast<std::size_t>(m_neurons[k]) < size) ++v.spikeCounts[static_cast<std::size_t>(m_neurons[k])];
        m_times[k] = static_cast<double>(m_spikeBuffer[k].step) * m_dt;
    }
    if (!m_spikeBuffer.empty()) v.raster->appendSpikes(0, m_neurons, m_times);
    if (!m_spikeBuffer.empty()) v.rate->appendSpikeTimes(0, m_times);
    for (View& t : m_views)
        if (t.trace && !m_spikeBuffer.empty() && t.channel->population == v.channel->population) t.trace->appendSpikes(m_neurons, m_times);
    // A silent stretch still scrolls the window; a paused run costs no redraw.
    const double now = m_controller->simulatedTime();
    if (!m_spikeBuffer.empty() || now != v.shownTime) {
        v.raster->advanceTo(now);
        v.rate->advanceTo(now);
        v.histogramStale = true;
    }
    v.shownTime = now;
}

void LiveViews::drainTrace(View& v)
{
    m_traceBuffer.clear();
    v.channel->trace->popInto(m_traceBuffer);
    if (m_traceBuffer.empty()) return;
    const std::size_t width = v.channel->neurons.size();
    m_values.resize(width);
    m_times.resize(m_traceBuffer.size());
    for (auto& column : m_values) column.resize(m_traceBuffer.size());
    for (std::size_t k = 0; k < m_traceBuffer.size(); ++k) {
        const TraceSample& s = m_traceBuffer[k];
        m_times[k] = static_cast<double>(s.step) * m_dt;
        for (std::size_t j = 0; j < width; ++j)
            m_values[j][k] = static_cast<int>(j) < s.count ? s.values[j] : std::numeric_limits<double>::quiet_NaN();
    }
    v.trace->appendSamples(m_times, m_values);
}

void LiveViews::clearData()
{
    clearProtocol();
    for (View& v : m_views) {
        if (v.raster) v.raster->clearSpikes();
        if (v.rate) v.rate->clear();
        v.shownTime = -1.0;
        if (v.trace) v.trace->clearSamples();
        if (v.window) v.window->clearPoints();
        if (!v.raster || !v.histogram) continue;
        std::fill(v.spikeCounts.begin(), v.spikeCounts.end(), 0);
        v.histogram->setNote({});
        v.histogram->clear();
        v.histogramStale = false;
    }
}

QList<QDockWidget*> LiveViews::docks() const
{
    QList<QDockWidget*> out;
    for (const View& v : m_views) out << v.dock;
    return out;
}

const LiveViews::View* LiveViews::find(const QString& node) const
{
    const auto it = std::find_if(m_views.begin(), m_views.end(), [&](const View& v) { return v.node == node; });
    return it == m_views.end() ? nullptr : &*it;
}

widgets::SpikeRasterView* LiveViews::raster(const QString& node) const
{
    const View* v = find(node);
    return v ? v->raster : nullptr;
}

widgets::TraceView* LiveViews::trace(const QString& node) const
{
    const View* v = find(node);
    return v ? v->trace : nullptr;
}

widgets::RateView* LiveViews::rate(const QString& node) const
{
    const View* v = find(node);
    return v ? v->rate : nullptr;
}

void LiveViews::showNeuron(const QString& rasterNode, int neuron)
{
    // Traces come from state monitors compiled in advance: a clicked neuron can only be shown if one
    // of them already records it.
    const View* raster = find(rasterNode);
    if (!raster) return;
    const std::string& population = raster->channel->population;
    for (const View& v : m_views) {
        if (!v.trace || v.channel->population != population) continue;
        const auto& recorded = v.channel->neurons;
        const auto it = std::find(recorded.begin(), recorded.end(), static_cast<sim::Index>(neuron));
        if (it == recorded.end()) continue;
        v.trace->highlightTrace(static_cast<int>(it - recorded.begin()));
        if (v.dock->isHidden()) v.dock->show();
        emit statusMessage(tr("Neuron %1 of %2: trace highlighted in %3")
                               .arg(neuron)
                               .arg(QString::fromStdString(population), v.node));
        return;
    }
    // Not traced yet: the first state monitor of the population with room traces it from the next
    // sample on (until the network is compiled again; the monitor's 'neurons' keep it for good).
    for (View& v : m_views) {
        if (!v.trace || v.channel->population != population || !v.channel->traceRequests) continue;
        auto& traced = v.channel->neurons;
        if (traced.size() >= static_cast<std::size_t>(TraceSample::kMaxTraceNeurons)) continue;
        if (!v.channel->traceRequests->push(static_cast<sim::Index>(neuron))) continue;
        traced.push_back(static_cast<sim::Index>(neuron));
        v.trace->addTrace(QStringLiteral("neuron %1").arg(neuron));
        v.trace->setTraceNeurons(std::vector<int>(traced.begin(), traced.end()));
        v.trace->highlightTrace(static_cast<int>(traced.size()) - 1);
        if (v.dock->isHidden()) v.dock->show();
        emit statusMessage(tr("Neuron %1 of %2: traced in %3 from now on (add it to the monitor's 'neurons' to keep it)")
                               .arg(neuron)
                               .arg(QString::fromStdString(population), v.node));
        return;
    }
    emit statusMessage(tr("Add neuron %1 of %2 to a state monitor's 'neurons' to trace it")
                           .arg(neuron)
                           .arg(QString::fromStdString(population)));
}

void LiveViews::drainWeights(View& v)
{
    sim::WeightSnapshot& s = *v.channel->weights;
    if (s.version.load(std::memory_order_acquire) == v.shownVersion) return;
    // The version is read under the mutex, so that it names the data copied with it.
    sim::Step step = 0;
    {
        std::lock_guard lock(s.mutex);
        const std::uint64_t version = s.version.load(std::memory_order_acquire);
        if (version == v.shownVersion) return;
        v.shownVersion = version;
        m_weightBuffer.assign(s.data.begin(), s.data.end());
        m_preCounts.assign(s.preSpikes.begin(), s.preSpikes.end());
        m_postCounts.assign(s.postSpikes.begin(), s.postSpikes.end());
        step = s.step;
    }
    if (s.exponential)
        for (float& w : m_weightBuffer) w = std::exp(w);
    v.histogramValues.assign(m_weightBuffer.begin(), m_weightBuffer.end());
    if (v.weightScale != 1.0)
        for (double& w : v.histogramValues) w *= v.weightScale;
    v.histogramStale = true;
    if (v.window) {
        showWindow(v, step);
        return;
    }
    v.fields->setFields(m_weightBuffer, static_cast<int>(s.count), static_cast<int>(s.row.channels),
                        static_cast<int>(s.row.height), static_cast<int>(s.row.width));
}

widgets::HistogramView* LiveViews::histogram(const QString& node) const
{
    const View* v = find(node);
    return v ? v->histogram : nullptr;
}

widgets::ReceptiveFieldView* LiveViews::fields(const QString& node) const
{
    const View* v = find(node);
    return v ? v->fields : nullptr;
}

bool LiveViews::exportPng(const QString& node, const QString& path) const
{
    const View* v = find(node);
    if (!v) return false;
    if (v->window) return v->window->savePng(path, v->window->width(), v->window->height(), 2.0);
    if (v->fields) return v->fields->savePng(path, v->fields->width(), v->fields->height(), 2.0);
    if (v->raster) return v->raster->savePng(path, v->raster->width(), v->raster->height(), 2.0);
    return v->trace->savePng(path, v->trace->width(), v->trace->height(), 2.0);
}

void LiveViews::showContextMenu(const View& view, QWidget* plot, const QPoint& pos)
{
    QMenu menu(plot);
    const widgets::ExportableView* target = view.raster   ? static_cast<const widgets::ExportableView*>(view.raster)
                                            : view.fields ? static_cast<const widgets::ExportableView*>(view.fields)
                                            : view.window ? static_cast<const widgets::ExportableView*>(view.window)
                                                          : view.trace;
    const QString stem = view.node + (view.raster   ? QStringLiteral("_raster")
                                      : view.fields ? QStringLiteral("_fields")
                                      : view.window ? QStringLiteral("_window")
                                                    : QStringLiteral("_trace"));
    menu.addAction(tr("Export..."), this, [this, target, stem] { exportView(*target, stem); });
    menu.exec(plot->mapToGlobal(pos));
}

} // namespace ss::app
