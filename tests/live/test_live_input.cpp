// The input of a plain run (no protocol) through the controller, headless: an MNIST digit (the real
// digits of data/mnist, sample 'index' 7) wired into a Poisson encoder. The controller's input snapshot
// holds that sample and label and the encoder's spikes counted over the whole run; after a live change
// of the encoder's max_rate to 200 Hz (app/LiveEdit.h, adopted between steps) the next run's spikes
// follow the new rates.
// The engine headers first: SpikeEncoder has a member named 'emit', which Qt defines as a macro.
#include "models/Catalogue.h"
#include "models/GraphCompiler.h"

#include "app/DocumentIo.h"
#include "app/LiveEdit.h"
#include "app/SimulationController.h"

#include <QTest>

#include <cmath>
#include <mutex>

using namespace ss;
using State = app::SimulationController::State;

namespace {

constexpr sim::Index kIndex = 7;
constexpr double kDt = 0.5e-3, kDuration = 0.2;

const char* kDocument = R"({
  "format": "spikestudio", "version": 1, "name": "input",
  "experiment": {"dt": 0.5, "duration": 200, "seed": 3},
  "nodes": [
    {"id": "digits", "type": "source.idx", "position": [0, 0],
     "params": {"images": "${DATA}/mnist/train-images-idx3-ubyte", "labels": "${DATA}/mnist/train-labels-idx1-ubyte",
                "index": 7}},
    {"id": "pixels", "type": "encoder.poisson", "position": [200, 0], "params": {"max_rate": 63.75}}
  ],
  "wires": [{"from": "digits.samples", "to": "pixels.samples"}]
})";

struct Copy {
    sim::InputPresentation presentation;
    sim::Shape shape;
    std::vector<float> values, counts;
    sim::Step counted = 0;
    double total = 0.0;
};

Copy copyOf(sim::InputSnapshot& s)
{
    std::lock_guard lock(s.mutex);
    Copy c{s.presentation, s.shape, s.values, s.counts, s.counted, 0.0};
    for (float n : c.counts) c.total += n;
    return c;
}

// Mean and variance of the spike total of Poisson inputs (PoissonEncoder.h): input i fires in each
// step with probability p_i = min(1, max_rate v_i dt); over T steps the total is a sum of binomials,
// mean T sum p_i and variance T sum p_i (1 - p_i).
std::pair<double, double> poissonTotal(const Eigen::ArrayXd& sample, double maxRate)
{
    double mean = 0.0, variance = 0.0;
    const double steps = kDuration / kDt;
    for (Eigen::Index i = 0; i < sample.size(); ++i) {
        const double p = std::min(1.0, maxRate * sample[i] * kDt);
        mean += steps * p;
        variance += steps * p * (1.0 - p);
    }
    return {mean, variance};
}

} // namespace

class TestLiveInputSnapshot : public QObject {
    Q_OBJECT
private slots:
    void plainRunShowsTheSourceSampleAndItsSpikes();
};

void TestLiveInputSnapshot::plainRunShowsTheSourceSampleAndItsSpikes()
{
    const app::Document doc = app::parseDocument(kDocument, QStringLiteral("test"));
    models::GraphCompiler compiler(doc.graph, models::catalogue());
    models::CompiledNetwork net = compiler.compile();
    const models::DataSource& digits = *net.sources.at("digits");
    Eigen::ArrayXd sample;
    digits.sample(kIndex, sample);

    app::SimulationController controller;
    controller.load(std::move(net), kDuration);
    QCOMPARE(controller.inputEncoder(), std::string("pixels"));
    sim::InputSnapshot* input = controller.input();
    QVERIFY(input);
    controller.run();
    QTRY_COMPARE(controller.state(), State::Finished);

    // The sample the encoder was built with, all of its steps counted.
    const Copy first = copyOf(*input);
    QCOMPARE(first.presentation.index, std::size_t{kIndex});
    QCOMPARE(first.presentation.label, digits.label(kIndex));
    QVERIFY(first.presentation.phase.empty());
    QCOMPARE(first.shape, (sim::Shape{1, 28, 28}));
    QCOMPARE(first.counted, sim::Step{400});
    QCOMPARE(first.values.size(), std::size_t{784});
    // None from a black pixel; the total within 5 sigma of the Poisson expectation.
    for (sim::Index i = 0; i < 784; ++i) {
        const auto k = static_cast<std::size_t>(i);
        QCOMPARE(first.values[k], static_cast<float>(sample[i]));
        if (sample[i] == 0.0) QCOMPARE(first.counts[k], 0.0f);
    }
    const auto [mean, variance] = poissonTotal(sample, 63.75);
    qInfo("label %d: %.0f input spikes, expected %.1f +- %.1f", first.presentation.label, first.total, mean, std::sqrt(variance));
    QVERIFY(std::abs(first.total - mean) <= 5.0 * std::sqrt(variance));

    // Reset: the counts start again with the same sample.
    controller.reset();
    QTRY_COMPARE(controller.state(), State::Ready);
    QTRY_COMPARE(copyOf(*input).counted, sim::Step{0});
    QCOMPARE(copyOf(*input).total, 0.0);

    // An invalid value is refused by the compiler, naming the node and the field.
    app::Document edited = doc;
    edited.graph.find("pixels")->params["max_rate"] = 0.0;
    QVERIFY_THROWS_EXCEPTION(models::BuildError, app::classifyEdit(doc.graph, edited.graph, *controller.compiled()));
    // max_rate 200 Hz, adopted by the running encoder; the sample stays, its spikes follow the new rates.
    edited.graph.find("pixels")->params["max_rate"] = 200.0;
    app::LiveEdit edit = app::classifyEdit(doc.graph, edited.graph, *controller.compiled());
    QCOMPARE(edit.structural, std::string());
    QCOMPARE(edit.adopted, std::string("'pixels' (max_rate)"));
    QCOMPARE(edit.change.populations.size(), std::size_t{1});
    controller.changeParameters(std::move(edit.change));
    QTRY_COMPARE(controller.parameterChanges(), std::uint64_t{1});
    controller.run();
    QTRY_COMPARE(controller.state(), State::Finished);
    const Copy second = copyOf(*input);
    QCOMPARE(second.counted, sim::Step{400});
    QCOMPARE(second.values, first.values);
    const auto [mean2, variance2] = poissonTotal(sample, 200.0);
    qInfo("at 200 Hz: %.0f input spikes, expected %.1f +- %.1f", second.total, mean2, std::sqrt(variance2));
    QVERIFY(std::abs(second.total - mean2) <= 5.0 * std::sqrt(variance2));
    QVERIFY(std::abs(second.total - mean) > 10.0 * std::sqrt(variance));

    // A changed sample index is built into the network: not adopted.
    edited.graph.find("digits")->params["index"] = std::int64_t{8};
    const app::LiveEdit structural = app::classifyEdit(doc.graph, edited.graph, *controller.compiled());
    QCOMPARE(structural.structural, std::string("'digits' (index) is built into the network"));
    QVERIFY(structural.change.populations.empty());
}

QTEST_MAIN(TestLiveInputSnapshot)
#include "test_live_input.moc"
