// Masquelier, Guyonneau & Thorpe (2008, PLoS ONE 3:e1377): one neuron with STDP on 2000 afferents
// finds a 50 ms spike pattern repeating at random times in equally dense activity, and then fires
// at its start. Runs the bundled document resources/experiments/masquelier_pattern.json (seed 1).
//
// Mapping of their neuron onto layer.srm0 (one unit of their potential = 0.02 mV):
//   PSP     K (exp(-s/tau_m) - exp(-s/tau_s)), peak 1 per unit weight, tau_m 10 ms, tau_s 2.5 ms: the
//           SRM0 kernel, whose weight is also the PSP peak; w in [0, 1] units -> [0, 0.02] mV, initial
//           0.475 -> 0.0095 mV, a+ = 2^-5 units -> 6.25e-4 mV, a- = 0.85 a+.
//   theta   T = 500 units -> 10 mV above u_rest = -70 mV: theta = -60 mV.
//   eta     T (K1 exp(-s/tau_m) - K2 (exp(-s/tau_m) - exp(-s/tau_s))), K1 = 2, K2 = 4, i.e.
//           T (-2 exp(-s/tau_m) + 4 exp(-s/tau_s)): its positive start is the drawn spike (gone after
//           ~2 ms), beyond ~5 ms it is -2 T exp(-s/tau_m): eta_0 = 2 T = 20 mV, tau_r = tau_m, t_ref 0.
//   flush   their EPSPs are cleared at each discharge: reset_psp on.
//   STDP    additive, reduced nearest-neighbour pairing (Hathway & Goodman 2018 found it in the
//           authors' code), tau+ 16.8 ms, tau- 33.7 ms; dt 0.1 ms (they show larger steps fail), the
//           shortest delay, one step.
//
// The paper's criteria of success (over the last 150 s of 450 s): a hit rate above 98 %, no false
// alarm and a mean latency under 10 ms; it finds the pattern after about 700 discharges (13.5 s),
// Hathway & Goodman (2018, ReScience) after about 1400 (20 s) with a 0.1 ms step. The test runs
// kSeconds and checks the last kJudged seconds: the neuron fires within the pattern in at least 90 %
// of the repeats and outside it at under 1 Hz (untrained, it fires at about 60 Hz everywhere, as the
// paper's 63 Hz); over the phase in which it is selective its mean latency after the onset falls, and
// in the last quarter it is below the paper's 10 ms.
// Measured with seed 1: last false alarm at 12.4 s after 605 discharges; 67 of 67 repeats hit, no
// false alarm in the last 15 s; latency 5.3 ms -> 4.0 ms; mean final weight 0.38 w_max on the
// pattern afferents, 0.04 on the others. Seeds 2-6 give the same verdict: found after 680-910
// discharges (15-27 s), all repeats hit and no false alarm in the last 15 s, latency from 11-33 ms in
// the first quarter of the selective phase down to 4-9 ms in the last.
#include "app/DocumentIo.h"
#include "models/Catalogue.h"
#include "models/GraphCompiler.h"
#include "models/encoders/RepeatingPatternSource.h"
#include "sim/DenseProjection.h"

#include <QtTest/QtTest>

#include <algorithm>

using namespace ss;

namespace {

constexpr double kSeconds = 100.0;
constexpr double kJudged = 15.0;

struct Outcome {
    double dt = 1e-4;
    sim::Step patternSteps = 0;
    std::vector<sim::Step> onsets;   // pattern onsets
    std::vector<sim::Step> spikes;   // output spikes
    Eigen::VectorXf weights;         // final, in units of w_max
    sim::Index involved = 0;
};

Outcome simulate()
{
    const app::Document doc = app::readDocument(qEnvironmentVariable("SPIKESTUDIO_SOURCE") +
                                                QStringLiteral("/resources/experiments/masquelier_pattern.json"));
    models::GraphCompiler compiler(doc.graph, models::catalogue());
    models::CompiledNetwork net = compiler.compile();
    auto* source = dynamic_cast<models::RepeatingPatternSource*>(net.populations.at("afferents"));
    sim::Population* neuron = net.populations.at("neuron");
    auto* synapses = dynamic_cast<sim::DenseProjection*>(net.projections.at("synapses"));
    Q_ASSERT(source && synapses);
    Outcome out;
    out.dt = net.network->dt();
    net.network->prepare();
    const auto steps = static_cast<sim::Step>(kSeconds / out.dt);
    for (sim::Step k = 0; k < steps; ++k) {
        net.network->step();
        if (!neuron->spikes().empty()) out.spikes.push_back(k);
    }
    out.onsets = source->patternOnsets();
    out.patternSteps = source->patternSteps();
    out.involved = source->patternAfferents();
    out.weights = synapses->weights().row(0).transpose() / synapses->weights().maxCoeff();
    return out;
}

// Per onset in [from, to): the latency of the first output spike in the pattern (steps), or -1.
std::vector<sim::Step> latencies(const Outcome& o, sim::Step from, sim::Step to)
{
    std::vector<sim::Step> result;
    for (sim::Step onset : o.onsets) {
        if (onset < from || onset >= to) continue;
        const auto it = std::lower_bound(o.spikes.begin(), o.spikes.end(), onset);
        result.push_back(it != o.spikes.end() && *it < onset + o.patternSteps ? *it - onset : -1);
    }
    return result;
}

bool insidePattern(const Outcome& o, sim::Step s)
{
    auto it = std::upper_bound(o.onsets.begin(), o.onsets.end(), s);
    return it != o.onsets.begin() && s < *std::prev(it) + o.patternSteps;
}

// Output spikes in [from, to) outside every pattern window, and the time outside them (s).
std::pair<int, double> falseAlarms(const Outcome& o, sim::Step from, sim::Step to)
{
    int count = 0;
    for (sim::Step s : o.spikes)
        if (s >= from && s < to && !insidePattern(o, s)) ++count;
    std::size_t windows = 0;
    for (sim::Step onset : o.onsets) windows += onset >= from && onset < to;
    const double outside = (static_cast<double>(to - from) - static_cast<double>(windows * o.patternSteps)) * o.dt;
    return {count, outside};
}

double meanLatencyMs(const std::vector<sim::Step>& lat, double dt)
{
    double sum = 0.0;
    int n = 0;
    for (sim::Step l : lat)
        if (l >= 0) sum += static_cast<double>(l) * dt * 1e3, ++n;
    return n ? sum / n : 0.0;
}

} // namespace

class TestMasquelier : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { m_o = simulate(); }
    void selectiveAtTheEnd();
    void latencyDecreases();

private:
    Outcome m_o;
};

void TestMasquelier::selectiveAtTheEnd()
{
    const auto end = static_cast<sim::Step>(kSeconds / m_o.dt);
    const auto from = end - static_cast<sim::Step>(kJudged / m_o.dt);
    const auto lat = latencies(m_o, from, end - m_o.patternSteps);
    const auto hits = std::count_if(lat.begin(), lat.end(), [](sim::Step l) { return l >= 0; });
    const double hitRate = static_cast<double>(hits) / static_cast<double>(lat.size());
    const auto [alarms, outside] = falseAlarms(m_o, from, end);
    const auto [earlyAlarms, earlyOutside] = falseAlarms(m_o, 0, static_cast<sim::Step>(5.0 / m_o.dt));
    std::size_t lastAlarm = 0; // output spikes up to and with the last false alarm
    for (std::size_t k = 0; k < m_o.spikes.size(); ++k)
        if (!insidePattern(m_o, m_o.spikes[k])) lastAlarm = k + 1;
    qInfo("last false alarm at %.1f s, after %zu discharges",
          lastAlarm ? static_cast<double>(m_o.spikes[lastAlarm - 1]) * m_o.dt : 0.0, lastAlarm);
    qInfo("last %.0f s: %lld of %zu repeats hit (%.1f %%), %d false alarms in %.1f s (%.2f Hz); first 5 s: %.1f Hz "
          "outside the pattern; %zu output spikes in all",
          kJudged, static_cast<long long>(hits), lat.size(), 100.0 * hitRate, alarms, outside, alarms / outside,
          earlyAlarms / earlyOutside, m_o.spikes.size());
    QVERIFY(lat.size() > 50);
    QVERIFY2(hitRate >= 0.9, qPrintable(QString::number(hitRate)));
    QVERIFY2(alarms / outside < 1.0, qPrintable(QString::number(alarms / outside)));
    // Before learning the neuron fires everywhere: the selectivity was learnt.
    QVERIFY2(earlyAlarms / earlyOutside > 10.0, qPrintable(QString::number(earlyAlarms / earlyOutside)));
}

// The neuron first fires everywhere; once it fires only in the pattern (after its last false alarm before
// the judged window) its latency falls as STDP moves the weights to the afferents that fire earlier in
// the pattern (Masquelier et al. 2008, Fig. 5). Mean latency over the first and the last quarter of that
// selective phase.
void TestMasquelier::latencyDecreases()
{
    const auto end = static_cast<sim::Step>(kSeconds / m_o.dt);
    const auto judged = end - static_cast<sim::Step>(kJudged / m_o.dt);
    sim::Step selective = 0;
    for (sim::Step s : m_o.spikes)
        if (s < judged && !insidePattern(m_o, s)) selective = s + 1;
    const sim::Step quarter = (end - selective) / 4;
    QVERIFY2(quarter * m_o.dt > 5.0, qPrintable(QString("selective only from %1 s").arg(selective * m_o.dt)));
    const double first = meanLatencyMs(latencies(m_o, selective, selective + quarter), m_o.dt);
    const double last = meanLatencyMs(latencies(m_o, end - quarter, end - m_o.patternSteps), m_o.dt);
    const auto patternMean = m_o.weights.head(m_o.involved).mean();
    const auto otherMean = m_o.weights.tail(m_o.weights.size() - m_o.involved).mean();
    qInfo("selective from %.1f s; mean latency %.1f ms in the first quarter of that phase, %.1f ms in the last; "
          "mean weight / w_max: %.3f pattern afferents, %.3f others",
          selective * m_o.dt, first, last, static_cast<double>(patternMean), static_cast<double>(otherMean));
    QVERIFY2(last < 10.0, qPrintable(QString::number(last)));
    QVERIFY2(last < first, qPrintable(QString("%1 vs %2").arg(last).arg(first)));
}

QTEST_APPLESS_MAIN(TestMasquelier)
#include "test_masquelier.moc"
