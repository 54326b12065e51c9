#include "app/HeadlessRunner.h"


#include <QDir>
#include <QFile>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <unistd.h>

namespace ss::app {

RunSummary runNetwork(models::CompiledNetwork& compiled, double seconds, QTextStream* progress)
{
    sim::Network& net = *compiled.network;
    const auto total = static_cast<sim::Step>(std::llround(seconds / net.dt()));
    const bool terminal = progress && isatty(fileno(stderr));
    const auto start = std::chrono::steady_clock::now();
    auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
    // Run in chunks so that the progress line updates a few times per second without touching the loop.
    const sim::Step chunk = std::max<sim::Step>(1, std::min<sim::Step>(total / 100, static_cast<sim::Step>(0.05 / net.dt())));
    double lastShown = -1.0;
    for (sim::Step done = 0; done < total;) {
        const sim::Step n = std::min(chunk, total - done);
        net.run(n);
        done += n;
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
            const auto& n = m.spikes->neurons();
            const auto& s = m.spikes->steps();
            for (std::size_t k = 0; k < n.size(); ++k) ts << n[k] << ',' << static_cast<double>(s[k]) * dt << '\n';
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

} // namespace ss::app
