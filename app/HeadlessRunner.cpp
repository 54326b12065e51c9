#include "app/HeadlessRunner.h"

#include "sim/CpuLoad.h"

#include <QDir>
#include <QFile>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <unistd.h>
#include <cmath>

namespace ss::app {

RunSummary runNetwork(models::CompiledNetwork& compiled, double seconds, QTextStream* progress)
{
    sim::Network& net = *compiled.network;
    const auto total = static_cast<sim::Step>(std::llround(seconds / net.dt()));
    const bool terminal = progress && isatty(fileno(stderr));
    const auto start = std::chrono::steady_clock::now();
    auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
    // Run in chunks so that the progress line updates a few times per second without touching the loop.
    // A chunk starts and ends a run of the thread team in one thread (the members' shares of the
    // refractory lists and state recordings are split and joined), so chunks double until one takes a
    // tenth of a second: 50 ms of simulated time first, then as long as the network allows.
    sim::Step chunk = std::max<sim::Step>(1, static_cast<sim::Step>(0.05 / net.dt()));
    double lastShown = -1.0;
    for (sim::Step done = 0; done < total;) {
        const sim::Step n = std::min(chunk, total - done);
        const double before = elapsed();
        net.run(n);
        done += n;
        if (elapsed() - before < 0.1) chunk = std::min(2 * chunk, total);
        if (terminal && (elapsed() - lastShown > 0.2 || done == total)) {
            lastShown = elapsed();
            const double sim = static_cast<double>(done) * net.dt();
            *progress << QStringLiteral("\r[run] %1 s of %2 s simulated (%3 %), %4x real time   ")
                             .arg(sim, 0, 'f', 2)
                             .arg(seconds, 0, 'f', 2)
                             .arg(100.0 * static_cast<double>(done) / static_cast<double>(total), 0, 'f', 0)
                             .arg(lastShown > 0 ? sim / lastShown : 0.0, 0, 'f', 1);
            progress->flush();
        }
    }
    if (terminal) *progress << "\n";
    RunSummary s;
    s.wallSeconds = elapsed();
    s.simulatedSeconds = static_cast<double>(total) * net.dt();
    s.spikes = net.totalSpikes();
    s.synapticEvents = net.synapticOperations();
    return s;
}

void printSummary(const models::CompiledNetwork& compiled, const RunSummary& summary, QTextStream& out)
{
    const sim::Network& net = *compiled.network;
    out << QStringLiteral("%1 %2 %3 %4\n").arg(QStringLiteral("population"), -20).arg(QStringLiteral("neurons"), 10).arg(QStringLiteral("spikes"), 12).arg(QStringLiteral("rate (Hz)"), 10);
    for (std::size_t i = 0; i < net.populations().size(); ++i) {
        const auto& pop = *net.populations()[i];
        const double rate = summary.simulatedSeconds > 0 ? static_cast<double>(net.spikeCount(i)) / pop.size() / summary.simulatedSeconds : 0.0;
        out << QStringLiteral("%1 %2 %3 %4\n")
                   .arg(QString::fromStdString(pop.name()), -20)
                   .arg(pop.size(), 10)
                   .arg(static_cast<qulonglong>(net.spikeCount(i)), 12)
                   .arg(rate, 10, 'f', 3);
    }
    out << QStringLiteral("simulated %1 s in %2 s wall time (%3x real time); %4 spikes, %5 synaptic events (%6 per second)\n")
               .arg(summary.simulatedSeconds, 0, 'g', 4)
               .arg(summary.wallSeconds, 0, 'f', 3)
               .arg(summary.wallSeconds > 0 ? summary.simulatedSeconds / summary.wallSeconds : 0.0, 0, 'f', 2)
               .arg(static_cast<qulonglong>(summary.spikes))
               .arg(static_cast<qulonglong>(summary.synapticEvents))
               .arg(summary.wallSeconds > 0 ? static_cast<double>(summary.synapticEvents) / summary.wallSeconds : 0.0, 0, 'g', 3);
    if (net.aloneSteps() > 0) {
        // A team gains nothing without a core per member (sim/TeamPace): say which core was missing.
        const int cores = sim::processCpus();
        const QString why = cores > 0 && net.threads() > cores
                                ? QStringLiteral("the team of %1 threads has more threads than the CPUs this process may run on (%2)").arg(net.threads()).arg(cores)
                                : QStringLiteral("another program was using a core, which slows a team of %1 threads below one").arg(net.threads());
        out << QStringLiteral("%1 of %2 steps ran on one thread: %3\n")
                   .arg(static_cast<qulonglong>(net.aloneSteps()))
                   .arg(static_cast<qulonglong>(std::llround(summary.simulatedSeconds / net.dt())))
                   .arg(why);
    }
    for (const auto& m : compiled.monitors) {
        const std::uint64_t dropped = m.spikes ? m.spikes->dropped() : m.state ? m.state->dropped() : 0;
        if (dropped)
            out << QStringLiteral("monitor '%1' was full and dropped %2 records\n").arg(QString::fromStdString(m.node)).arg(dropped);
    }
}

QStringList writeRecordings(const models::CompiledNetwork& compiled, const QString& dir)
{
    if (!QDir().mkpath(dir)) throw std::runtime_error("cannot create the output folder " + dir.toStdString());
    const double dt = compiled.network->dt();
    QStringList written;
    for (const auto& m : compiled.monitors) {
        QString name = QString::fromStdString(m.node) + (m.spikes ? QStringLiteral("_spikes.csv") : QStringLiteral("_%1.csv").arg(QString::fromStdString(m.state ? m.state->variable() : "weights")));
        if (!m.spikes && !m.state && !m.weights) continue;
        if (m.weights && m.weights->snapshots().empty()) continue;
        const QString path = QDir(dir).filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
            throw std::runtime_error("cannot write " + path.toStdString() + ": " + file.errorString().toStdString());
        QTextStream ts(&file);
        ts.setRealNumberPrecision(10);
        if (m.spikes) {
            ts << "neuron,time_s\n";
            // The steps walked in order alongside the neurons: indexing them would search the runs per spike.
            auto step = m.spikes->steps().begin();
            for (sim::Index neuron : m.spikes->neurons()) ts << neuron << ',' << static_cast<double>(*step++) * dt << '\n';
        } else if (m.weights) {
            // The last snapshot: one row per post neuron (or kernel), one column per pre neuron (or
            // kernel weight, c-major then y then x).
            const std::vector<float>& w = m.weights->snapshots().back();
            const auto row = static_cast<std::size_t>(std::max<sim::Index>(1, m.weights->projection().weightRowShape().size()));
            for (std::size_t i = 0; i < row; ++i) ts << (i ? "," : "") << "pre_" << i;
            ts << '\n';
            for (std::size_t k = 0; k + row <= w.size(); k += row) {
                for (std::size_t i = 0; i < row; ++i) ts << (i ? "," : "") << w[k + i];
                ts << '\n';
            }
        } else {
            ts << "time_s";
            for (auto i : m.state->neurons()) ts << ",n" << i;
            ts << '\n';
            const std::size_t width = m.state->neurons().size();
            for (std::size_t k = 0; k < m.state->steps().size(); ++k) {
                ts << static_cast<double>(m.state->steps()[k]) * dt;
                for (std::size_t j = 0; j < width; ++j) ts << ',' << m.state->value(k, j);
                ts << '\n';
            }
        }
        written << path;
    }
    return written;
}

models::ProtocolResult runProtocol(models::CompiledNetwork& compiled, const models::ExperimentProtocol& protocol,
                                   QTextStream* progress, const ProtocolStateOptions& state)
{
    models::ProtocolRunner runner(compiled, protocol.readoutLayer, protocol.settings, protocol.testSource,
                                  protocol.trainSource);
    const bool terminal = progress && isatty(fileno(stderr));
    const auto start = std::chrono::steady_clock::now();
    auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
    double lastShown = -1.0;
    std::size_t lastTenth = 0;
    std::string lastPhase;
    if (state.load) models::applyState(*state.load, state.documentHash, compiled, runner);
    if (state.save)
        runner.setAfterLabel([&] { *state.save = models::captureState(compiled, runner, state.documentHash); });
    if (progress && state.load) {
        *progress << QStringLiteral("[protocol] test %1 samples with the saved training state; %2 classes\n")
                         .arg(static_cast<qulonglong>(runner.testCount()))
                         .arg(runner.classes());
        progress->flush();
    } else if (progress) {
        *progress << QStringLiteral("[protocol] train %1 x %2 epochs, label %3, test %4 samples; %5 classes\n")
                         .arg(static_cast<qulonglong>(runner.trainCount()))
                         .arg(protocol.settings.epochs)
                         .arg(static_cast<qulonglong>(runner.labelCount()))
                         .arg(static_cast<qulonglong>(runner.testCount()))
                         .arg(runner.classes());
        progress->flush();
    }
    runner.setProgress([&](const models::ProtocolProgress& p) {
        if (!progress) return;
        if (p.phase != lastPhase) lastPhase = p.phase, lastTenth = 0;
        const std::size_t tenth = p.total ? p.sample * 10 / p.total : 10;
        const bool last = p.sample == p.total;
        if (terminal ? !(elapsed() - lastShown > 0.2 || last) : tenth == lastTenth && !last) return;
        lastShown = elapsed();
        lastTenth = tenth;
        const QString accuracy = std::isnan(p.accuracy) ? QStringLiteral("-") : QString::number(100.0 * p.accuracy, 'f', 1) + '%';
        *progress << QStringLiteral("%1[%2] %3 / %4 samples, running accuracy %5, %6 s%7")
                         .arg(terminal ? QStringLiteral("\r") : QString())
                         .arg(QString::fromStdString(p.phase))
                         .arg(static_cast<qulonglong>(p.sample))
                         .arg(static_cast<qulonglong>(p.total))
                         .arg(accuracy)
                         .arg(lastShown, 0, 'f', 1)
                         .arg(terminal && !last ? QStringLiteral("   ") : QStringLiteral("\n"));
        progress->flush();
    });
    return state.load ? runner.runTest() : runner.run();
}

void printProtocolResult(const models::ProtocolResult& r, QTextStream& out)
{
    auto perSample = [](double seconds, std::size_t n) { return n ? 1e3 * seconds / static_cast<double>(n) : 0.0; };
    if (r.trainSamples > 0)
        out << QStringLiteral("trained on %1 samples (%2 presentations) in %3 s (%4 ms per sample)\n")
               .arg(static_cast<qulonglong>(r.trainSamples))
               .arg(static_cast<qulonglong>(r.trainPresentations))
               .arg(r.trainSeconds, 0, 'f', 3) // benchmarks read it (bench/engines.py)
               .arg(perSample(r.trainSeconds, r.trainSamples), 0, 'f', 1);
    if (r.trainSamples > 0)
        out << QStringLiteral("training spikes: %1 of the readout layer in the presentations\n")
                   .arg(static_cast<qulonglong>(r.trainSpikes));
    const auto assigned = std::count_if(r.assignments.begin(), r.assignments.end(), [](int a) { return a >= 0; });
    if (r.trainSamples > 0)
        out << QStringLiteral("labelled in %1 s: %2 of %3 neurons assigned to a class\n")
               .arg(r.labelSeconds, 0, 'f', 1)
               .arg(static_cast<qulonglong>(assigned))
               .arg(static_cast<qulonglong>(r.assignments.size()));
    out << QStringLiteral("test accuracy %1 % (%2 of %3 samples; %4 without a vote), tested in %5 s (%6 ms per sample), readout %7\n")
               .arg(100.0 * r.accuracy, 0, 'f', 2)
               .arg(static_cast<qulonglong>(r.correct))
               .arg(static_cast<qulonglong>(r.tested))
               .arg(static_cast<qulonglong>(r.unanswered))
               .arg(r.testSeconds, 0, 'f', 1)
               .arg(perSample(r.testSeconds, r.tested), 0, 'f', 1)
               .arg(QString::fromStdString(r.readout));
    out << "confusion matrix (rows: true class, columns: predicted)\n" << QStringLiteral("%1").arg(QString(), 6);
    for (Eigen::Index c = 0; c < r.confusion.cols(); ++c) out << QStringLiteral("%1").arg(c, 6);
    out << '\n';
    for (Eigen::Index t = 0; t < r.confusion.rows(); ++t) {
        out << QStringLiteral("%1").arg(t, 6);
        for (Eigen::Index c = 0; c < r.confusion.cols(); ++c) out << QStringLiteral("%1").arg(r.confusion(t, c), 6);
        out << '\n';
    }
    if (r.stopped) out << "the protocol was stopped before the end\n";
}

QStringList writeProtocolResult(const models::ProtocolResult& r, const QString& dir)
{
    if (!QDir().mkpath(dir)) throw std::runtime_error("cannot create the output folder " + dir.toStdString());
    auto open = [&](const QString& name, QFile& file) {
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
            throw std::runtime_error("cannot write " + QDir(dir).filePath(name).toStdString() + ": " + file.errorString().toStdString());
    };
    const QString accuracyPath = QDir(dir).filePath(QStringLiteral("accuracy.csv"));
    QFile accuracy(accuracyPath);
    open(QStringLiteral("accuracy.csv"), accuracy);
    QTextStream a(&accuracy);
    a << "phase,samples,accuracy\n";
    for (const auto& p : r.curve) a << QString::fromStdString(p.phase) << ',' << p.seen << ',' << QString::number(p.accuracy, 'g', 8) << '\n';
    const QString confusionPath = QDir(dir).filePath(QStringLiteral("confusion.csv"));
    QFile confusion(confusionPath);
    open(QStringLiteral("confusion.csv"), confusion);
    QTextStream c(&confusion);
    c << "true";
    for (Eigen::Index k = 0; k < r.confusion.cols(); ++k) c << ",predicted_" << k;
    c << '\n';
    for (Eigen::Index t = 0; t < r.confusion.rows(); ++t) {
        c << t;
        for (Eigen::Index k = 0; k < r.confusion.cols(); ++k) c << ',' << r.confusion(t, k);
        c << '\n';
    }
    return {accuracyPath, confusionPath};
}

} // namespace ss::app
