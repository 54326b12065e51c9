// The Brunel (2000) demos compiled from their bundled documents: the asynchronous irregular state
// (irregular neurons, a population rate without large swings) against Brian2 on the same network, and the
// synchronous regular state.
#include "app/DocumentIo.h"
#include "models/Catalogue.h"
#include "models/GraphCompiler.h"

#include <QTest>

#include <algorithm>
#include <cmath>

using namespace ss;

namespace {

struct BrunelStats {
    double rate = 0.0;      // Hz, all neurons
    double cv = 0.0;        // mean ISI CV of the neurons with at least 3 spikes
    double sdMean2ms = 0.0; // sd / mean of the population spike count in 2 ms bins
    double poisson2ms = 0.0; // the same for independent Poisson neurons at that rate
};

// Runs a bundled Brunel document for `seconds` with `seed` and measures over [skip, seconds), as
// bench/brian2/brunel_stats.py does for Brian2's spikes.
BrunelStats runBrunel(const QString& name, double seconds, double skip, std::uint64_t seed)
{
    app::Document doc = app::readDocument(QStringLiteral(SPIKESTUDIO_SOURCE_DIR "/resources/experiments/") + name);
    doc.graph.experiment.seed = seed;
    models::GraphCompiler compiler(doc.graph, models::catalogue());
    models::CompiledNetwork net = compiler.compile();
    net.network->runFor(seconds);
    const double dt = net.network->dt();
    const sim::Step first = std::llround(skip / dt), last = std::llround(seconds / dt);
    constexpr sim::Step binSteps = 20; // 2 ms
    std::vector<double> bins(static_cast<std::size_t>((last - first) / binSteps), 0.0);
    std::vector<std::vector<sim::Step>> trains;
    std::size_t spikes = 0;
    for (const char* id : {"exc_raster", "inh_raster"}) {
        const auto it = std::find_if(net.monitors.begin(), net.monitors.end(), [&](const auto& m) { return m.node == id; });
        if (it == net.monitors.end() || !it->spikes) qFatal("%s has no monitor %s", qPrintable(name), id);
        const std::size_t offset = trains.size();
        trains.resize(offset + static_cast<std::size_t>(it->spikes->population().size()));
        const auto& neurons = it->spikes->neurons();
        const auto& steps = it->spikes->steps();
        for (std::size_t k = 0; k < neurons.size(); ++k) {
            if (steps[k] < first) continue;
            trains[offset + static_cast<std::size_t>(neurons[k])].push_back(steps[k]);
            ++spikes;
            const auto bin = static_cast<std::size_t>((steps[k] - first) / binSteps);
            if (bin < bins.size()) bins[bin] += 1.0;
        }
    }
    BrunelStats s;
    const double n = static_cast<double>(trains.size());
    s.rate = static_cast<double>(spikes) / n / (seconds - skip);
    double cvSum = 0.0;
    int counted = 0;
    for (const auto& t : trains) {
        if (t.size() < 3) continue;
        double sum = 0.0, sumSq = 0.0;
        for (std::size_t k = 1; k < t.size(); ++k) {
            const double isi = static_cast<double>(t[k] - t[k - 1]);
            sum += isi;
            sumSq += isi * isi;
        }
        const double m = sum / static_cast<double>(t.size() - 1);
        cvSum += std::sqrt(std::max(0.0, sumSq / static_cast<double>(t.size() - 1) - m * m)) / m;
        ++counted;
    }
    s.cv = counted ? cvSum / counted : 0.0;
    double sum = 0.0, sumSq = 0.0;
    for (double b : bins) {
        sum += b;
        sumSq += b * b;
    }
    const double mean = sum / static_cast<double>(bins.size());
    s.sdMean2ms = std::sqrt(std::max(0.0, sumSq / static_cast<double>(bins.size()) - mean * mean)) / mean;
    s.poisson2ms = 1.0 / std::sqrt(n * s.rate * binSteps * dt);
    return s;
}

} // namespace

class TestBrunel : public QObject {
    Q_OBJECT
private slots:
    void asynchronousIrregular();
    void synchronousRegular();
};

// brunel_ai.json: N_E 10,000, N_I 2,500, C_E 200, C_I 50, J 0.5 mV, g 5, nu_ext = 2 nu_thr = 20 Hz,
// D 1.5 ms. Brunel's mean-field theory (the diffusion approximation, self-consistent rate and ISI CV of
// the stationary state) gives 49.3 Hz and CV 1.13. Brian2 2.5.1 on the same network
// (bench/brian2/brunel.py --ne 10000 --ce 200 --j 0.5 --duration 600 --skip 100, seeds 1-3): 46.1-48.2 Hz,
// ISI CV 1.12-1.13, population-rate sd/mean in 2 ms bins 0.211-0.229 (independent Poisson neurons: 0.029;
// the ripples are the O(sqrt(epsilon)) shared-input fluctuations of a finite sparse network, 1.5
// sqrt(epsilon) here). Checked over 0.1-0.6 s, seed 1: rate within 10 % of Brian2's 47 Hz, ISI CV above 0.8
// (irregular), sd/mean below 0.28 (Brian2's largest 0.229 plus 20 %). Brunel's Fig. 8C parameters
// (J 0.1 mV, C_E 1,000) give 0.47 in Brian2 and the previous demo 0.53: both fail the bound.
void TestBrunel::asynchronousIrregular()
{
    const BrunelStats s = runBrunel(QStringLiteral("brunel_ai.json"), 0.6, 0.1, 1);
    qInfo("brunel_ai: rate %.2f Hz (Brian2 47), ISI CV %.3f (Brian2 1.13), sd/mean 2 ms %.3f (Brian2 0.21-0.23, "
          "Poisson %.3f)",
          s.rate, s.cv, s.sdMean2ms, s.poisson2ms);
    QVERIFY2(std::abs(s.rate - 47.0) < 0.1 * 47.0, qPrintable(QString::number(s.rate)));
    QVERIFY2(s.cv > 0.8, qPrintable(QString::number(s.cv)));
    QVERIFY2(s.sdMean2ms < 0.28, qPrintable(QString::number(s.sdMean2ms)));
}

// brunel_sr.json (g = 3): excitation dominates and every neuron fires in lock step with the others, once
// per 3 ms cycle (the 2 ms refractory period and the climb from V_r back to theta under the synchronous
// volley), 333 Hz: the rate within 5 % of it and an ISI CV below 0.05 (regular; Poisson firing gives 1,
// the asynchronous irregular demo 1.15).
void TestBrunel::synchronousRegular()
{
    const BrunelStats s = runBrunel(QStringLiteral("brunel_sr.json"), 0.2, 0.1, 1);
    qInfo("brunel_sr: rate %.2f Hz, ISI CV %.4f, sd/mean 2 ms %.3f (Poisson %.3f)", s.rate, s.cv, s.sdMean2ms,
          s.poisson2ms);
    QVERIFY2(s.cv < 0.05, qPrintable(QString::number(s.cv)));
    QVERIFY2(std::abs(s.rate - 1000.0 / 3.0) < 0.05 * 1000.0 / 3.0, qPrintable(QString::number(s.rate)));
}

QTEST_APPLESS_MAIN(TestBrunel)
#include "test_brunel.moc"
