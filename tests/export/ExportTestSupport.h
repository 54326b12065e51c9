#pragma once
// Running exported scripts beside SpikeStudio: a Python that has the simulator, the table of spike
// counts a script prints, and SpikeStudio's own counts of the same document.
#include "app/DocumentIo.h"
#include "models/Catalogue.h"
#include "models/GraphCompiler.h"

#include <QDir>
#include <QProcess>
#include <QTest>

#include <cmath>
#include <map>
#include <set>
#include <string>

namespace ss::exporttest {

inline QString sourceFile(const QString& relative)
{
    return qEnvironmentVariable("SPIKESTUDIO_SOURCE") + "/" + relative;
}

inline models::Graph loadGraph(const QString& relative) { return app::readDocument(sourceFile(relative)).graph; }

// A Python 3 that imports `module`: $SPIKESTUDIO_PYTHON, then Debian's /usr/bin/python3 (a python3
// earlier on PATH, as pyenv's, may lack the Debian packages), then python3. Empty when none does.
inline QString pythonWith(const QString& module)
{
    QStringList candidates{qEnvironmentVariable("SPIKESTUDIO_PYTHON"), QStringLiteral("/usr/bin/python3"),
                           QStringLiteral("python3")};
    for (const QString& python : candidates) {
        if (python.isEmpty()) continue;
        QProcess p;
        p.start(python, {QStringLiteral("-c"), "import " + module});
        if (p.waitForFinished(120'000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0) return python;
    }
    return {};
}

// Runs `python script args...` in the script's folder; the script's standard output, or a failure
// message in `error`.
inline QString runPython(const QString& python, const QString& script, const QStringList& args, QString& error)
{
    QProcess p;
    p.setWorkingDirectory(QFileInfo(script).absolutePath());
    p.start(python, QStringList{script} + args);
    if (!p.waitForFinished(480'000)) {
        p.kill();
        error = script + " did not finish";
        return {};
    }
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        error = script + " failed: " + QString::fromUtf8(p.readAllStandardError()).right(3000);
    return QString::fromUtf8(p.readAllStandardOutput());
}

// The "population neurons spikes rate" table that both `spikestudio run` and the scripts print.
inline std::map<std::string, double> parseCounts(const QString& output)
{
    std::map<std::string, double> counts;
    bool table = false;
    for (const QString& line : output.split('\n')) {
        const QStringList f = line.split(' ', Qt::SkipEmptyParts);
        if (!f.isEmpty() && f[0] == QStringLiteral("population"))
            table = true;
        else if (table && f.size() == 4)
            counts[f[0].toStdString()] = f[2].toDouble();
    }
    return counts;
}

// Sample standard deviation.
inline double sampleSd(const std::vector<double>& x)
{
    double m = 0.0, s = 0.0;
    for (double v : x) m += v / static_cast<double>(x.size());
    for (double v : x) s += (v - m) * (v - m);
    return std::sqrt(s / static_cast<double>(x.size() - 1));
}

// Spike counts of every population in SpikeStudio's run of `graph` for its duration, and the standard
// deviation of those counts between consecutive windows of the same length that follow (`windows` of
// them): the spread of a count from one realisation of the Poisson inputs and initial states to the next.
struct Reference {
    std::map<std::string, double> counts;
    std::map<std::string, double> sd;
};

inline Reference reference(const models::Graph& graph, int windows)
{
    models::GraphCompiler compiler(graph, models::catalogue());
    models::CompiledNetwork compiled = compiler.compile();
    sim::Network& net = *compiled.network;
    const auto steps = static_cast<sim::Step>(std::llround(graph.experiment.duration / net.dt()));
    const auto& pops = net.populations();
    std::vector<std::vector<double>> perWindow(pops.size());
    Reference r;
    for (int w = 0; w <= windows; ++w) {
        std::vector<std::uint64_t> before(pops.size());
        for (std::size_t k = 0; k < pops.size(); ++k) before[k] = net.spikeCount(k);
        net.run(steps);
        for (std::size_t k = 0; k < pops.size(); ++k) {
            const auto n = static_cast<double>(net.spikeCount(k) - before[k]);
            if (w == 0)
                r.counts[pops[k]->name()] = n;
            else
                perWindow[k].push_back(n);
        }
    }
    for (std::size_t k = 0; k < pops.size(); ++k) {
        r.sd[pops[k]->name()] = sampleSd(perWindow[k]);
    }
    return r;
}

// Mean of every number of a CSV file with one header line (NaN when it cannot be read).
inline double csvMean(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text)) return std::nan("");
    f.readLine();
    double sum = 0.0;
    std::size_t n = 0;
    while (!f.atEnd())
        for (const QByteArray& v : f.readLine().trimmed().split(',')) {
            sum += v.toDouble();
            ++n;
        }
    return n ? sum / static_cast<double>(n) : std::nan("");
}

// tests/export/stdp.json in SpikeStudio: the mean weight of "plastic" (mV) before and after the run and
// the spike count of "out" with the document's seed, and the spread of the final mean weight and of
// the count over eight seeds (which also redraw the initial weights, so it is wider than that of the
// inputs alone).
struct StdpReference {
    double initial = 0.0, final = 0.0, out = 0.0;
    double sdFinal = 0.0, sdOut = 0.0;
};

inline StdpReference stdpReference(const models::Graph& graph)
{
    auto meanWeightMv = [](models::CompiledNetwork& compiled) {
        std::vector<float> w;
        compiled.projections.at("plastic")->copyWeights(w);
        double sum = 0.0;
        for (float x : w) sum += x;
        return sum / static_cast<double>(w.size()) / 1e-3;
    };
    std::vector<double> finals, outs;
    StdpReference r;
    for (std::uint64_t k = 0; k < 8; ++k) {
        models::Graph g = graph;
        g.experiment.seed = graph.experiment.seed + k;
        models::GraphCompiler compiler(g, models::catalogue());
        models::CompiledNetwork compiled = compiler.compile();
        if (k == 0) r.initial = meanWeightMv(compiled);
        compiled.network->runFor(g.experiment.duration);
        finals.push_back(meanWeightMv(compiled));
        const auto& pops = compiled.network->populations();
        for (std::size_t p = 0; p < pops.size(); ++p)
            if (pops[p]->name() == "out") outs.push_back(static_cast<double>(compiled.network->spikeCount(p)));
    }
    r.final = finals.front();
    r.out = outs.front();
    r.sdFinal = sampleSd(finals);
    r.sdOut = sampleSd(outs);
    return r;
}

// Removes nodes and every wire that touches them.
inline void removeNodes(models::Graph& graph, const std::set<std::string>& ids)
{
    std::erase_if(graph.nodes, [&](const models::Node& n) { return ids.count(n.id) > 0; });
    std::erase_if(graph.wires, [&](const models::Wire& w) { return ids.count(w.from.node) || ids.count(w.to.node); });
}

} // namespace ss::exporttest
