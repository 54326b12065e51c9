// The node declarations of the encoder family, and graphs built from them with the graph compiler.
#include "models/GraphCompiler.h"
#include "models/LayerSpec.h"
#include "models/Validator.h"
#include "models/encoders/EncoderSpecs.h"
#include "models/encoders/IdxSource.h"
#include "models/encoders/PoissonEncoder.h"
#include "models/encoders/SpikeEncoder.h"

#include <QtTest>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <numbers>
#include <set>
#include <tuple>
#include <unistd.h>

using namespace ss;
using namespace ss::models;
namespace fs = std::filesystem;

namespace {

// A layer that only holds the current injected into it, so that the test needs no neuron family.
class ProbePopulation : public sim::Population {
public:
    using sim::Population::Population;
    void integrate() override {}
    void thresholdAndReset() override { m_spikes.clear(); }

protected:
    void resetModel() override {}
};

std::vector<NodeSpec> specsWithProbe()
{
    auto specs = encoderFamilySpecs();
    NodeSpec probe;
    probe.id = "test.probe";
    probe.category = Category::Layer;
    probe.name = "Probe";
    probe.ports = layerPorts();
    probe.params = layerSizeParams();
    probe.outputShape = layerShape;
    probe.build = [](BuildContext& ctx) {
        finishLayer(ctx, ctx.network().addPopulation<ProbePopulation>(ctx.node().id, ctx.outputShape()));
    };
    specs.push_back(probe);
    return specs;
}

Node node(std::string id, std::string type, std::map<std::string, ParamValue> params = {})
{
    return Node{std::move(id), std::move(type), std::move(params)};
}

// The BuildError that compiling `graph` throws (node, field, message); empty node when none.
BuildError compileError(const Graph& graph, const std::vector<NodeSpec>& specs)
{
    try {
        GraphCompiler(graph, specs).compile();
    } catch (const BuildError& e) {
        return e;
    }
    return BuildError("", "", "");
}

} // namespace

class TestEncoderSpecs : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void declarations();
    void shapesFollowTheSource();
    void compileSourceAndEncoders();
    void buildErrorsNameNodeAndField();
    void currentInjectorsReachTheirLayers();
    void currentsBeyondAnElectrodesAreRefused();
    void defaultSourceReadsMnist();

private:
    fs::path m_dir;
    std::vector<NodeSpec> m_specs;
};

void TestEncoderSpecs::initTestCase()
{
    m_specs = specsWithProbe();
    m_dir = fs::temp_directory_path() / ("spikestudio-specs-" + std::to_string(::getpid()));
    fs::create_directories(m_dir);
    // 4 images of 3 x 4: pixel (k, i) = 20 k + i.
    std::vector<std::uint8_t> images = {0, 0, 8, 3, 0, 0, 0, 4, 0, 0, 0, 3, 0, 0, 0, 4};
    for (int k = 0; k < 4; ++k)
        for (int i = 0; i < 12; ++i) images.push_back(static_cast<std::uint8_t>(20 * k + i));
    std::ofstream(m_dir / "img", std::ios::binary).write(reinterpret_cast<const char*>(images.data()),
                                                         static_cast<std::streamsize>(images.size()));
    const std::uint8_t labels[] = {0, 0, 8, 1, 0, 0, 0, 4, 7, 8, 9, 1};
    std::ofstream(m_dir / "lab", std::ios::binary).write(reinterpret_cast<const char*>(labels), sizeof labels);
}

void TestEncoderSpecs::cleanupTestCase() { fs::remove_all(m_dir); }

void TestEncoderSpecs::declarations()
{
    const std::set<std::string> encoders = {"encoder.poisson",    "encoder.regular",    "encoder.latency",
                                            "encoder.population", "encoder.rank_order", "encoder.dog"};
    const std::set<std::string> stimuli = {"stimulus.step", "stimulus.ramp", "stimulus.ladder", "stimulus.sine", "stimulus.noise",
                                           "stimulus.poisson_input"};
    std::set<std::string> seen;
    for (const auto& spec : encoderFamilySpecs()) {
        QVERIFY2(seen.insert(spec.id).second, spec.id.c_str());
        QVERIFY(!spec.name.empty() && !spec.help.empty() && spec.build);
        for (const auto& p : spec.params) {
            QVERIFY2(!p.help.empty(), (spec.id + "." + p.key).c_str());
            if (p.type == ParamType::Real || p.type == ParamType::Integer) {
                const double d = p.type == ParamType::Real
                                     ? std::get<double>(p.defaultValue)
                                     : static_cast<double>(std::get<std::int64_t>(p.defaultValue));
                QVERIFY2(d >= p.min && d <= p.max && !(p.minExclusive && d == p.min), (spec.id + "." + p.key).c_str());
            }
            if (p.type == ParamType::Choice) {
                const auto& d = std::get<std::string>(p.defaultValue);
                QVERIFY(std::find(p.choices.begin(), p.choices.end(), d) != p.choices.end());
            }
        }
        if (encoders.count(spec.id)) {
            QVERIFY(spec.category == Category::Encoder);
            QCOMPARE(buildPhase(spec), 1);
            const PortSpec* in = spec.port("samples");
            const PortSpec* out = spec.port("out");
            QVERIFY(in && out);
            QVERIFY(in->direction == Direction::In && in->kind == PortKind::Samples && !in->required);
            QVERIFY(out->direction == Direction::Out && out->kind == PortKind::Spikes);
            QVERIFY(spec.outputShape);
        } else if (stimuli.count(spec.id)) {
            QVERIFY(spec.category == Category::Source);
            QCOMPARE(buildPhase(spec), 2);
            const PortSpec* out = spec.port("current");
            QVERIFY(out && out->direction == Direction::Out && out->kind == PortKind::Current);
        } else if (spec.id == "source.spike_times") {
            QVERIFY(spec.category == Category::Source && spec.outputShape);
            const PortSpec* out = spec.port("out");
            QVERIFY(out && out->direction == Direction::Out && out->kind == PortKind::Spikes);
        } else {
            QCOMPARE(spec.id, std::string("source.idx"));
            QVERIFY(spec.category == Category::Source);
            QCOMPARE(buildPhase(spec), 0);
            const PortSpec* out = spec.port("samples");
            QVERIFY(out && out->direction == Direction::Out && out->kind == PortKind::Samples);
            for (const char* key : {"images", "labels", "index", "count"}) QVERIFY(spec.param(key));
        }
    }
    QCOMPARE(seen.size(), std::size_t(14));
    // Diehl & Cook (2015): 63.75 Hz for a white pixel.
    QCOMPARE(std::get<double>(poissonSpec().param("max_rate")->defaultValue), 63.75);
    QCOMPARE(poissonSpec().param("max_rate")->siScale, 1.0);
    // Kheradpisheh et al. (2018): sigmas 1 and 2 px, 7 x 7.
    QCOMPARE(std::get<double>(dogSpec().param("sigma_centre")->defaultValue), 1.0);
    QCOMPARE(std::get<double>(dogSpec().param("sigma_surround")->defaultValue), 2.0);
    QCOMPARE(std::get<std::int64_t>(dogSpec().param("window")->defaultValue), std::int64_t(7));
}

void TestEncoderSpecs::shapesFollowTheSource()
{
    Graph g;
    g.nodes = {node("src", "source.idx", {{"images", (m_dir / "img").string()}, {"labels", std::string()}}),
               node("poisson", "encoder.poisson"), node("dog", "encoder.dog"),
               node("pop", "encoder.population", {{"neurons_per_value", std::int64_t(5)}}),
               node("alone", "encoder.latency", {{"size", std::int64_t(7)}})};
    g.wires = {{{"src", "samples"}, {"poisson", "samples"}},
               {{"src", "samples"}, {"dog", "samples"}},
               {{"src", "samples"}, {"pop", "samples"}}};
    GraphCompiler c(g, m_specs);
    QCOMPARE(*c.shapeOf("src"), (sim::Shape{1, 3, 4}));
    QCOMPARE(*c.shapeOf("poisson"), (sim::Shape{1, 3, 4}));
    QCOMPARE(*c.shapeOf("dog"), (sim::Shape{2, 3, 4})); // channel 0 on, 1 off
    QCOMPARE(*c.shapeOf("pop"), sim::Shape::flat(60));  // 12 values x 5 neurons
    QCOMPARE(*c.shapeOf("alone"), sim::Shape::flat(7));
}

void TestEncoderSpecs::compileSourceAndEncoders()
{
    Graph g;
    g.nodes = {node("src", "source.idx",
                    {{"images", (m_dir / "img").string()},
                     {"labels", (m_dir / "lab").string()},
                     {"index", std::int64_t(2)}}),
               node("poisson", "encoder.poisson"), node("rank", "encoder.rank_order"),
               node("free", "encoder.poisson", {{"size", std::int64_t(5)}, {"rate", 40.0}})};
    g.wires = {{{"src", "samples"}, {"poisson", "samples"}}, {{"src", "samples"}, {"rank", "samples"}}};
    auto net = GraphCompiler(g, m_specs).compile();
    QCOMPARE(net.sources.size(), std::size_t(1));
    DataSource* src = net.sources.at("src").get();
    QCOMPARE(src->count(), std::size_t(4));
    QCOMPARE(src->label(3), 1);
    QCOMPARE(net.encoders.size(), std::size_t(2));
    for (const auto& [enc, source] : net.encoders) QCOMPARE(source, src);
    // The build presents the source's `index` sample: pixel i of sample 2 is (40 + i) / 255.
    auto* poisson = dynamic_cast<PoissonEncoder*>(net.populations.at("poisson"));
    QVERIFY(poisson);
    for (int i = 0; i < 12; ++i) QCOMPARE(poisson->values()[i], (40 + i) / 255.0);
    QCOMPARE(poisson->rates()[11], 63.75 * 51.0 / 255.0);
    // Unwired: every neuron at `rate`.
    auto* free = dynamic_cast<PoissonEncoder*>(net.populations.at("free"));
    QVERIFY(free && free->size() == 5 && (free->rates() == 40.0).all());
    // The rank-order encoder fires the brightest pixel (index 11) first.
    net.network->step();
    QCOMPARE(net.populations.at("rank")->spikes(), std::vector<sim::Index>{11});
}

void TestEncoderSpecs::buildErrorsNameNodeAndField()
{
    const std::string missing = (m_dir / "no-such-file").string();
    Graph g;
    g.nodes = {node("src", "source.idx", {{"images", missing}, {"labels", std::string()}})};
    auto e = compileError(g, m_specs);
    QCOMPARE(e.node(), std::string("src"));
    QCOMPARE(e.field(), std::string("images"));
    QVERIFY(std::string(e.what()).find(missing) != std::string::npos);

    g.nodes = {node("src", "source.idx", {{"images", (m_dir / "img").string()}, {"labels", missing}})};
    e = compileError(g, m_specs);
    QCOMPARE(e.field(), std::string("labels"));

    g.nodes = {node("src", "source.idx",
                    {{"images", (m_dir / "img").string()}, {"labels", std::string()}, {"index", std::int64_t(4)}})};
    e = compileError(g, m_specs);
    QCOMPARE(e.field(), std::string("index"));

    g.nodes = {node("dog", "encoder.dog")};
    e = compileError(g, m_specs);
    QCOMPARE(e.node(), std::string("dog"));
    QCOMPARE(e.field(), std::string("samples"));
}

void TestEncoderSpecs::currentInjectorsReachTheirLayers()
{
    Graph g;
    g.experiment.dt = 1e-4;
    g.nodes = {node("a", "test.probe", {{"size", std::int64_t(3)}}),
               node("b", "test.probe", {{"size", std::int64_t(2)}}),
               node("step", "stimulus.step", {{"amplitude", 1.5}, {"start", 1.0}, {"stop", 2.0}}),
               node("sine", "stimulus.sine",
                    {{"amplitude", 1.0}, {"offset", 0.25}, {"frequency", 50.0}, {"phase", 90.0}})};
    g.wires = {{{"step", "current"}, {"a", "current"}},
               {{"step", "current"}, {"b", "current"}},
               {{"sine", "current"}, {"b", "current"}}};
    auto net = GraphCompiler(g, m_specs).compile();
    auto& a = *net.populations.at("a");
    auto& b = *net.populations.at("b");
    std::vector<double> ia, ib;
    for (int s = 0; s < 30; ++s) {
        net.network->step();
        ia.push_back(a.externalCurrent()[0]);
        ib.push_back(b.externalCurrent()[1]);
    }
    // Display units: 1.5 nA from 1 ms (step 10) to 2 ms (step 20); sine 0.25 + cos(2 pi 50 t) nA.
    QCOMPARE(ia[9], 0.0);
    QCOMPARE(ia[10], 1.5e-9);
    QCOMPARE(ia[19], 1.5e-9);
    QCOMPARE(ia[20], 0.0);
    QVERIFY(std::abs(ib[0] - 1.25e-9) < 1e-21);
    QVERIFY(std::abs(ib[10] - (1.5e-9 + 0.25e-9 + std::cos(2.0 * std::numbers::pi * 50.0 * 1e-3) * 1e-9)) < 1e-21);
}

void TestEncoderSpecs::currentsBeyondAnElectrodesAreRefused()
{
    // An electrode passes a few nA; the injectors accept up to 100 nA either way and name the field
    // beyond that (a current of 1e6 was accepted and drove the models far outside their range).
    auto problemsOf = [&](const std::string& type, std::map<std::string, ParamValue> params) {
        Graph g;
        g.nodes = {node("a", "test.probe", {{"size", std::int64_t(3)}}), node("inj", type, std::move(params))};
        g.wires = {{{"inj", "current"}, {"a", "current"}}};
        return validate(g, m_specs);
    };
    QVERIFY(problemsOf("stimulus.step", {{"amplitude", 100.0}}).empty());
    QVERIFY(problemsOf("stimulus.ladder", {{"from", -100.0}, {"to", 100.0}}).empty());
    const std::vector<std::tuple<std::string, std::string, double, std::string>> refused = {
        {"stimulus.step", "amplitude", 1e6, "'amplitude' is 1e+06 nA but must be at most 100 nA"},
        {"stimulus.step", "amplitude", -100.5, "'amplitude' is -100.5 nA but must be at least -100 nA"},
        {"stimulus.ramp", "to", 250.0, "'to' is 250 nA but must be at most 100 nA"},
        {"stimulus.ladder", "from", -1e3, "'from' is -1000 nA but must be at least -100 nA"},
        {"stimulus.sine", "offset", 101.0, "'offset' is 101 nA but must be at most 100 nA"},
        {"stimulus.noise", "std", 1e4, "'std' is 10000 nA but must be at most 100 nA"}};
    for (const auto& [type, field, value, message] : refused) {
        const auto problems = problemsOf(type, {{field, value}});
        QCOMPARE(problems.size(), std::size_t(1));
        QCOMPARE(problems[0].node, std::string("inj"));
        QCOMPARE(problems[0].field, field);
        QCOMPARE(problems[0].message, message);
    }
}

void TestEncoderSpecs::defaultSourceReadsMnist()
{
    const char* root = std::getenv("SPIKESTUDIO_DATA");
    if (!root || !fs::exists(fs::path(root) / "mnist" / "t10k-images-idx3-ubyte"))
        QSKIP("SPIKESTUDIO_DATA/mnist/t10k-images-idx3-ubyte not present");
    // The defaults point at ${DATA}/mnist/t10k-*: 2,000 digits of 28 x 28 (data/mnist/SPLIT.txt).
    Graph g;
    g.nodes = {node("src", "source.idx"), node("dog", "encoder.dog")};
    g.wires = {{{"src", "samples"}, {"dog", "samples"}}};
    auto net = GraphCompiler(g, m_specs).compile();
    QCOMPARE(net.sources.at("src")->count(), std::size_t(2000));
    QCOMPARE(net.populations.at("dog")->shape(), (sim::Shape{2, 28, 28}));
    int spikes = 0;
    for (int s = 0; s < 30; ++s) {
        net.network->step();
        spikes += static_cast<int>(net.populations.at("dog")->spikes().size());
    }
    qInfo("DoG spikes of digit 0 with the default threshold: %d of %d", spikes, 2 * 28 * 28);
    QVERIFY(spikes > 0);
}

QTEST_APPLESS_MAIN(TestEncoderSpecs)
#include "test_encoder_specs.moc"
