// The cost of watching: 10,000 current-based LIF neurons driven by Poisson inputs to about 10 Hz each
// (about 100,000 spikes per simulated second), 5 s of biological time,
//   (a) headless: Network::runFor on a freshly compiled copy, no window;
//   (b) windowed: the workbench window (offscreen platform, shown) runs the same document through its
//       Run action at full speed, with a live raster of all 10,000 neurons.
// Alternates a and b (three rounds, or --rounds N) and prints the medians, the ratio of windowed to
// headless speed (target >= 0.90) both as the ratio of the medians and as the median of each round's
// ratio (its two runs a second apart, so that a machine whose speed drifts from minute to minute weighs
// less), and the raster's redraw rate in frames per wall-clock second (target >= 30).
// Prints the figures, asserts nothing.
#include "app/GraphDocument.h"
#include "app/LiveViews.h"
#include "app/MainWindow.h"
#include "app/RunPanel.h"
#include "app/SimulationController.h"
#include "models/Catalogue.h"
#include "models/GraphCompiler.h"
#include "widgets/SpikeRasterView.h"

#include <qcustomplot.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace ss;

namespace {

constexpr double kSeconds = 5.0;
constexpr int kNeurons = 10000;

// 1,000 Poisson inputs at 10 Hz, 2 % connectivity (20 inputs per neuron), 0.62 mV exponential currents
// (tau 5 ms) onto LIF neurons resting 0.5 mV below threshold (defaults; both can be given on the command
// line: bench_live [V_REST_MV [WEIGHT_MV]] [--headless] [--rounds N] [--screenshot FILE.png]). Tuned by
// hand to about 10 Hz; the measured rate is printed.
QByteArray document(double vRestMv, double weightMv)
{
    return QStringLiteral(R"({
  "format": "spikestudio", "version": 1, "name": "cost of watching",
  "experiment": {"dt": 0.1, "duration": %1, "seed": 3},
  "nodes": [
    {"id": "input", "type": "encoder.poisson", "position": [0, 0], "params": {"rate": 10, "size": 1000}},
    {"id": "syn", "type": "synapses.sparse", "position": [250, 0],
     "params": {"connectivity": "probability", "p": 0.02, "weight": %3, "target": "excitatory", "delay": 1.0}},
    {"id": "lif", "type": "layer.lif", "position": [500, 0], "params": {"size": %4, "v_rest": %2}},
    {"id": "raster", "type": "monitor.spikes", "position": [750, 0], "params": {}}
  ],
  "wires": [
    {"from": "input.out", "to": "syn.pre"},
    {"from": "syn.post", "to": "lif.in"},
    {"from": "lif.out", "to": "raster.spikes"}
  ]
})")
        .arg(kSeconds * 1000.0)
        .arg(vRestMv)
        .arg(weightMv)
        .arg(kNeurons)
        .toUtf8();
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

struct Headless {
    double wall = 0.0, rate = 0.0;
};

Headless runHeadless(const app::Document& doc)
{
    models::GraphCompiler compiler(doc.graph, models::catalogue());
    models::CompiledNetwork net = compiler.compile();
    QElapsedTimer timer;
    timer.start();
    net.network->runFor(kSeconds);
    Headless h;
    h.wall = static_cast<double>(timer.nsecsElapsed()) * 1e-9;
    const auto* lif = net.populations.at("lif");
    for (std::size_t i = 0; i < net.network->populations().size(); ++i)
        if (net.network->populations()[i].get() == lif)
            h.rate = static_cast<double>(net.network->spikeCount(i)) / kNeurons / kSeconds;
    return h;
}

struct Windowed {
    double wall = 0.0, fps = 0.0, ticksPerSecond = 0.0;
    std::uint64_t shown = 0, produced = 0, skipped = 0;
};

Windowed runWindowed(app::MainWindow& window)
{
    app::RunPanel& panel = window.runPanel();
    app::SimulationController& controller = panel.controller();
    QElapsedTimer timer;
    double start = -1.0, end = -1.0;
    QEventLoop loop;
    auto watch = QObject::connect(&controller, &app::SimulationController::stateChanged, &loop,
                                  [&](app::SimulationController::State s) {
                                      if (s == app::SimulationController::State::Running && start < 0)
                                          start = static_cast<double>(timer.nsecsElapsed()) * 1e-9;
                                      if (s == app::SimulationController::State::Finished) {
                                          end = static_cast<double>(timer.nsecsElapsed()) * 1e-9;
                                          loop.quit();
                                      }
                                  });
    std::uint64_t produced0 = 0, skipped0 = 0;
    for (app::LiveChannel* c : controller.channels())
        if (c->node == "raster") {
            produced0 = c->produced.load();
            skipped0 = c->skipped.load();
        }
    timer.start();
    panel.stop();
    panel.runAction()->trigger();
    // The views exist once the network is loaded (inside the trigger).
    widgets::SpikeRasterView* raster = panel.liveViews().raster(QStringLiteral("raster"));
    int replots = 0;
    const std::uint64_t ticks0 = panel.liveViews().ticks();
    auto count = QObject::connect(raster->plot(), &QCustomPlot::afterReplot, &loop, [&] { ++replots; });
    loop.exec();
    QObject::disconnect(watch);
    QObject::disconnect(count);
    Windowed w;
    w.wall = end - start;
    w.fps = replots / w.wall;
    w.ticksPerSecond = static_cast<double>(panel.liveViews().ticks() - ticks0) / w.wall;
    // The channel's counters run on across runs of one loaded network: this run's share.
    for (app::LiveChannel* c : controller.channels())
        if (c->node == "raster") {
            w.produced = c->produced.load() - produced0;
            w.skipped = c->skipped.load() - skipped0;
        }
    QEventLoop settle;
    QTimer::singleShot(200, &settle, &QEventLoop::quit);
    settle.exec();
    w.shown = static_cast<std::uint64_t>(raster->spikeCount(0));
    return w;
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication qapp(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("SpikeStudioBench"));
    QCoreApplication::setApplicationName(QStringLiteral("live_bench"));
    const QStringList args = qapp.arguments();
    // Options (--headless, --rounds N, --screenshot FILE) apart, the arguments are V_REST_MV and WEIGHT_MV.
    QStringList numbers;
    for (int k = 1; k < args.size(); ++k) {
        if (args[k] == QStringLiteral("--rounds") || args[k] == QStringLiteral("--screenshot")) ++k;
        else if (!args[k].startsWith(QStringLiteral("--"))) numbers << args[k];
    }
    auto number = [](const QStringList& list, int at, double fallback) {
        bool ok = false;
        const double v = at < list.size() ? list[at].toDouble(&ok) : 0.0;
        return ok ? v : fallback;
    };
    const double vRest = number(numbers, 0, -50.5);
    const double weight = number(numbers, 1, 0.62);
    const bool headlessOnly = args.contains(QStringLiteral("--headless"));
    const auto roundsAt = args.indexOf(QStringLiteral("--rounds"));
    const int rounds = roundsAt >= 0 ? std::max(1, static_cast<int>(number(args, static_cast<int>(roundsAt) + 1, 3))) : 3;

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("watch.json"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) return 1;
    file.write(document(vRest, weight));
    file.close();
    const app::Document doc = app::readDocument(path);

    if (headlessOnly) {
        const Headless h = runHeadless(doc);
        std::printf("headless: %.3f s wall for %.1f s, rate %.2f Hz\n", h.wall, kSeconds, h.rate);
        return 0;
    }

    app::MainWindow window(dir.filePath(QStringLiteral("recovery.json")));
    window.prompts().unsavedChanges = [](const QString&) { return app::MainWindow::Prompts::Unsaved::Discard; };
    window.resize(1600, 1000);
    window.show();
    if (!window.openFile(path)) return 1;

    std::vector<double> headless, windowed, ratios, fps, tps;
    double rate = 0.0;
    for (int k = 0; k < rounds; ++k) {
        const Headless h = runHeadless(doc);
        headless.push_back(h.wall);
        rate = h.rate;
        const Windowed w = runWindowed(window);
        windowed.push_back(w.wall);
        fps.push_back(w.fps);
        tps.push_back(w.ticksPerSecond);
        ratios.push_back(h.wall / w.wall);
        std::printf("round %d: headless %.3f s (%.2f Hz), windowed %.3f s (ratio %.3f), raster %.1f replots/s, %.1f ticks/s, "
                    "spikes produced %llu, skipped %llu, in the raster's 1 s window %llu\n",
                    k + 1, h.wall, h.rate, w.wall, h.wall / w.wall, w.fps, w.ticksPerSecond, static_cast<unsigned long long>(w.produced),
                    static_cast<unsigned long long>(w.skipped), static_cast<unsigned long long>(w.shown));
        std::fflush(stdout);
    }
    const double a = median(headless), b = median(windowed);
    std::printf("\n%d LIF neurons at %.2f Hz (%.0f spikes per simulated second), %.0f s simulated\n", kNeurons, rate,
                rate * kNeurons, kSeconds);
    std::printf("headless: median %.3f s wall (%.2fx real time)\n", a, kSeconds / a);
    std::printf("windowed: median %.3f s wall (%.2fx real time)\n", b, kSeconds / b);
    std::printf("ratio windowed/headless speed: %.3f of the medians, %.3f the median of %d rounds' (target >= 0.90)\n", a / b,
                median(ratios), rounds);
    std::printf("raster redraw rate: median %.1f frames/s (target >= 30); drain ticks %.1f/s\n", median(fps), median(tps));
    // bench_live ... --screenshot FILE.png: the window as it stands after the last run.
    if (const auto at = args.indexOf(QStringLiteral("--screenshot")); at >= 0 && at + 1 < args.size())
        window.grab().save(args[at + 1]);
    window.runPanel().shutdown();
    return 0;
}
