// The spike record: the neurons of each step in order and one run per step with spikes
// (sim/SpikeSteps.h), read back as (neuron, step) pairs, with its limit and its size.
#include "ScriptedSource.h"
#include "sim/Network.h"
#include "sim/Recorder.h"

#include <QTest>

#include <algorithm>
#include <vector>

using namespace ss;
using ss::test::ScriptedSource;

class TestSpikeRecorder : public QObject {
    Q_OBJECT
private slots:
    // Spikes at steps 0, 2 and 5 (none at 1, 3, 4) come back in order, by iteration and by index.
    void pairsComeBackInOrder()
    {
        sim::Network net;
        auto& src = net.addPopulation<ScriptedSource>("in", sim::Shape::flat(8));
        src.fireAt(0, {1, 3});
        src.fireAt(2, {0});
        src.fireAt(5, {2, 3, 7});
        auto& rec = net.addRecorder<sim::SpikeRecorder>(src);
        net.run(7);
        const std::vector<sim::Index> neurons(rec.neurons().begin(), rec.neurons().end());
        QCOMPARE(neurons, (std::vector<sim::Index>{1, 3, 0, 2, 3, 7}));
        const sim::SpikeSteps steps = rec.steps();
        const std::vector<sim::Step> expected{0, 0, 2, 5, 5, 5};
        QCOMPARE(steps.size(), expected.size());
        QCOMPARE(std::vector<sim::Step>(steps.begin(), steps.end()), expected);
        for (std::size_t k = 0; k < expected.size(); ++k) QCOMPARE(steps[k], expected[k]);
        // Six 4-byte neurons and three runs of 16 bytes.
        QCOMPARE(rec.bytes(), std::size_t{6 * 4 + 3 * 16});
        rec.clear();
        QVERIFY(rec.steps().empty());
        QVERIFY(rec.steps().begin() == rec.steps().end());
    }

    // A record full at 4 spikes keeps the first 4 and counts the 2 it dropped.
    void aFullRecordCountsWhatItDrops()
    {
        sim::Network net;
        auto& src = net.addPopulation<ScriptedSource>("in", sim::Shape::flat(8));
        src.fireAt(0, {1, 3});
        src.fireAt(1, {0, 4, 6});
        src.fireAt(2, {5});
        auto& rec = net.addRecorder<sim::SpikeRecorder>(src, 4);
        net.run(3);
        QCOMPARE(rec.neurons().size(), std::size_t{4});
        QCOMPARE(rec.dropped(), std::uint64_t{2});
        const sim::SpikeSteps steps = rec.steps();
        QCOMPARE(std::vector<sim::Step>(steps.begin(), steps.end()), (std::vector<sim::Step>{0, 0, 1, 1}));
    }

    // At 20 spikes a step, as CUBA with 40,000 neurons at 5 Hz and dt 0.1 ms, a spike takes
    // 4 + 16 / 20 = 4.8 bytes, against 12 for a neuron and a step per spike.
    void aSpikeTakesFiveBytesInALargeNetwork()
    {
        sim::Network net;
        auto& src = net.addPopulation<ScriptedSource>("in", sim::Shape::flat(40000));
        const int steps = 2000;
        for (int s = 0; s < steps; ++s) {
            std::vector<sim::Index> fired;
            for (int k = 0; k < 20; ++k) fired.push_back(static_cast<sim::Index>((s * 37 + k * 1999) % 40000));
            std::sort(fired.begin(), fired.end());
            src.fireAt(s, fired);
        }
        auto& rec = net.addRecorder<sim::SpikeRecorder>(src);
        net.run(steps);
        QCOMPARE(rec.neurons().size(), std::size_t{20 * steps});
        QCOMPARE(static_cast<double>(rec.bytes()) / static_cast<double>(rec.neurons().size()), 4.8);
        const sim::SpikeSteps got = rec.steps();
        QCOMPARE(got[0], sim::Step{0});
        QCOMPARE(got[20 * steps - 1], sim::Step{steps - 1});
        QCOMPARE(got[20 * 1234 + 7], sim::Step{1234});
    }
};

QTEST_APPLESS_MAIN(TestSpikeRecorder)
#include "test_spike_recorder.moc"
