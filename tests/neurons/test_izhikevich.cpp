// Izhikevich (2003) neurons: the published firing patterns of Fig. 2, told apart by their
// inter-spike intervals under a step of I = 10 (10 pA with i_unit = 1 pA).
#include "models/neurons/IzhikevichPopulation.h"
#include "tests/neurons/NeuronTestSupport.h"

#include <QtTest>

#include <algorithm>

using namespace ss;
using models::IzhikevichParams;
using models::IzhikevichPopulation;

class TestIzhikevich : public QObject {
    Q_OBJECT

private slots:
    void restingPotential();
    void regularSpikingAdapts();
    void fastSpikingDoesNotAdapt();
    void intrinsicallyBurstingStartsWithBurst();
    void chatteringBurstsRepeatedly();
    void lowThresholdSpikingAdaptsFromHighRate();
    void thalamoCorticalReboundBurst();
};

namespace {

constexpr double kDt = 1e-4;
constexpr double kOnset = 0.05;

// Spike times (s) of one neuron of `preset` under current I (model units) in [start, stop), run to `end`.
std::vector<double> spikesOf(const std::string& preset, double current, double start, double stop, double end)
{
    const auto p = *IzhikevichParams::preset(preset);
    sim::Network net(kDt, 1);
    auto& pop = net.addPopulation<IzhikevichPopulation>("izh", sim::Shape::flat(1), p);
    net.addStimulus<test::StepCurrent>(pop, Eigen::ArrayXd::Constant(1, current * p.iUnit), start, stop);
    auto& rec = net.addRecorder<sim::SpikeRecorder>(pop);
    net.runFor(end);
    return test::spikeTimes(rec, 0, kDt);
}

// ISIs (ms) under the step I = 10 for 500 ms, as in Fig. 2.
std::vector<double> stepIsis(const std::string& preset)
{
    auto isi = test::intervals(spikesOf(preset, 10.0, kOnset, kOnset + 0.5, kOnset + 0.5));
    for (auto& x : isi) x *= 1e3;
    return isi;
}

QString show(const std::vector<double>& isi)
{
    QString s;
    for (double x : isi) s += QString::number(x, 'f', 1) + " ";
    return s;
}

} // namespace

// The rest state solves 0.04 v^2 + (5 - b) v + 140 = 0 with u = b v: for RS (b = 0.2) the stable root is
// v = -70 mV. The recorder-facing v is in volts.
void TestIzhikevich::restingPotential()
{
    sim::Network net(kDt, 1);
    auto& pop = net.addPopulation<IzhikevichPopulation>("izh", sim::Shape::flat(1), *IzhikevichParams::preset("RS"));
    net.runFor(1.0);
    QVERIFY2(std::abs(pop.v()[0] - (-70e-3)) < 1e-5, qPrintable(QString::number(pop.v()[0])));
}

// RS: a few spikes at a short interval, then longer ones, spike-frequency adaptation (Izhikevich 2003,
// Fig. 2): the steady interval is more than twice the first one, at a low rate.
void TestIzhikevich::regularSpikingAdapts()
{
    const auto isi = stepIsis("RS");
    QVERIFY2(isi.size() >= 5, qPrintable(show(isi)));
    QVERIFY2(isi.back() > 2.0 * isi.front(), qPrintable(show(isi)));
    QVERIFY2(1e3 / isi.back() < 40.0, qPrintable(show(isi)));
}

// FS: periodic trains at a very high rate practically without adaptation (ibid.): after the first three
// spikes the intervals vary by less than 5 %, at more than 100 Hz, and the train slows by less than the
// factor 2 of RS.
void TestIzhikevich::fastSpikingDoesNotAdapt()
{
    const auto isi = stepIsis("FS");
    QVERIFY2(isi.size() >= 20, qPrintable(show(isi)));
    const auto [lo, hi] = std::minmax_element(isi.begin() + 3, isi.end());
    QVERIFY2(*hi / *lo < 1.05, qPrintable(show(isi)));
    QVERIFY2(1e3 / isi.back() > 100.0, qPrintable(show(isi)));
    QVERIFY2(isi.back() < 2.0 * isi.front(), qPrintable(show(isi)));
}

// IB: a stereotypical burst followed by repetitive single spikes (ibid.): the first two intervals
// are short (< 5 ms), every later one is more than five times longer (> 25 ms).
void TestIzhikevich::intrinsicallyBurstingStartsWithBurst()
{
    const auto isi = stepIsis("IB");
    QVERIFY2(isi.size() >= 5, qPrintable(show(isi)));
    QVERIFY2(isi[0] < 5.0 && isi[1] < 5.0, qPrintable(show(isi)));
    QVERIFY2(std::all_of(isi.begin() + 2, isi.end(), [](double x) { return x > 25.0; }), qPrintable(show(isi)));
}

// CH: repeated stereotypical bursts of closely spaced spikes (ibid.): the intervals are bimodal, short
// inside a burst (< 6 ms) and long between bursts (> 40 ms), nothing between, several spikes per burst.
void TestIzhikevich::chatteringBurstsRepeatedly()
{
    const auto isi = stepIsis("CH");
    const auto shortCount = std::count_if(isi.begin(), isi.end(), [](double x) { return x < 6.0; });
    const auto longCount = std::count_if(isi.begin(), isi.end(), [](double x) { return x > 40.0; });
    QVERIFY2(shortCount + longCount == static_cast<long>(isi.size()), qPrintable(show(isi)));
    QVERIFY2(longCount >= 5, qPrintable(show(isi)));
    QVERIFY2(shortCount >= 3 * longCount, qPrintable(show(isi)));
}

// LTS: high-frequency trains with marked spike-frequency adaptation (ibid.): first interval
// under 5 ms, steady interval more than three times longer.
void TestIzhikevich::lowThresholdSpikingAdaptsFromHighRate()
{
    const auto isi = stepIsis("LTS");
    QVERIFY2(isi.size() >= 10, qPrintable(show(isi)));
    QVERIFY2(isi.front() < 5.0, qPrintable(show(isi)));
    QVERIFY2(isi.back() > 3.0 * isi.front(), qPrintable(show(isi)));
}

// TC: released from hyperpolarisation, a rebound burst (ibid.): silent during
// a 200 ms step of I = -10, at least three spikes within 30 ms of its release, silent again 100 ms later.
void TestIzhikevich::thalamoCorticalReboundBurst()
{
    const double release = kOnset + 0.2;
    const auto times = spikesOf("TC", -10.0, kOnset, release, 0.5);
    QString s;
    for (double t : times) s += QString::number(t * 1e3, 'f', 1) + " ";
    QVERIFY2(std::none_of(times.begin(), times.end(), [&](double t) { return t < release; }), qPrintable(s));
    QVERIFY2(std::count_if(times.begin(), times.end(), [&](double t) { return t < release + 0.03; }) >= 3,
             qPrintable(s));
    QVERIFY2(std::none_of(times.begin(), times.end(), [&](double t) { return t > release + 0.1; }), qPrintable(s));
}

QTEST_APPLESS_MAIN(TestIzhikevich)
#include "test_izhikevich.moc"
