// Every registered node type: a complete declaration, defaults that validate, a lossless round trip
// through the document format, and a minimal graph containing it that compiles and runs.
#include "app/DocumentIo.h"
#include "models/Catalogue.h"
#include "models/GraphCompiler.h"

#include <QDir>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>

using namespace ss;
using models::Category;

namespace {

// An 8x8 IDX image file with 3 images and its label file, written byte by byte.
void writeTinyIdx(const QString& images, const QString& labels)
{
    auto be32 = [](std::ofstream& f, std::uint32_t v) {
        for (int s = 24; s >= 0; s -= 8) f.put(static_cast<char>((v >> s) & 0xff));
    };
    std::ofstream img(images.toStdString(), std::ios::binary);
    be32(img, 0x803), be32(img, 3), be32(img, 8), be32(img, 8);
    for (int k = 0; k < 3 * 64; ++k) img.put(static_cast<char>((k * 37) % 256));
    std::ofstream lab(labels.toStdString(), std::ios::binary);
    be32(lab, 0x801), be32(lab, 3);
    for (int k = 0; k < 3; ++k) lab.put(static_cast<char>(k));
}

models::Node node(const std::string& id, const std::string& type, std::map<std::string, models::ParamValue> params = {})
{
    return models::Node{id, type, std::move(params), 0.0, 0.0};
}

void wire(models::Graph& g, const std::string& from, const std::string& to)
{
    auto split = [](const std::string& s) { return models::PortRef{s.substr(0, s.find('.')), s.substr(s.find('.') + 1)}; };
    g.wires.push_back({split(from), split(to)});
}

} // namespace

class TestCatalogue : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void declarationIsComplete_data() { rows(); }
    void declarationIsComplete();
    void roundTripsThroughDocument_data() { rows(); }
    void roundTripsThroughDocument();
    void minimalGraphCompiles_data() { rows(); }
    void minimalGraphCompiles();
    void excludeSameIndexLeavesOnlyTheDiagonalEmpty();
    void synapseWeightsTakeTheTargetsUnit_data();
    void synapseWeightsTakeTheTargetsUnit();

private:
    void rows()
    {
        QTest::addColumn<QString>("type");
        for (const auto& spec : models::catalogue()) QTest::newRow(spec.id.c_str()) << QString::fromStdString(spec.id);
    }
    models::Graph minimalGraph(const models::NodeSpec& spec) const;
    QTemporaryDir m_dir;
    std::string m_images, m_labels, m_folder;
};

void TestCatalogue::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_images = m_dir.filePath(QStringLiteral("img-idx3-ubyte")).toStdString();
    m_labels = m_dir.filePath(QStringLiteral("lab-idx1-ubyte")).toStdString();
    writeTinyIdx(QString::fromStdString(m_images), QString::fromStdString(m_labels));
    // An image folder of one class with one 5 x 5 PNG.
    m_folder = m_dir.filePath(QStringLiteral("images")).toStdString();
    QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("images/only"))));
    QImage png(5, 5, QImage::Format_Grayscale8);
    png.fill(128);
    QVERIFY(png.save(m_dir.filePath(QStringLiteral("images/only/a.png"))));
    QVERIFY(models::catalogue().size() >= 30);
}

void TestCatalogue::declarationIsComplete()
{
    QFETCH(QString, type);
    const models::NodeSpec& spec = *models::findSpec(type.toStdString());
    QVERIFY(!spec.name.empty());
    QVERIFY2(spec.help.size() > 40, "help text is one paragraph");
    QVERIFY(spec.build);
    QVERIFY(!spec.ports.empty());
    for (const auto& p : spec.params) {
        QVERIFY2(!p.help.empty(), p.key.c_str());
        if (p.type == models::ParamType::Choice)
            QVERIFY2(std::count(p.choices.begin(), p.choices.end(), std::get<std::string>(p.defaultValue)) == 1, p.key.c_str());
        if (!p.unit.empty()) QVERIFY2(p.siScale == models::unitScale(p.unit), p.key.c_str());
    }
    // Defaults are valid: a graph with the node alone has no parameter problems.
    models::Graph g;
    g.nodes.push_back(node("n", spec.id));
    for (const auto& problem : models::validate(g, models::catalogue()))
        QVERIFY2(!spec.param(problem.field), problem.message.c_str());
}

void TestCatalogue::roundTripsThroughDocument()
{
    QFETCH(QString, type);
    const models::NodeSpec& spec = *models::findSpec(type.toStdString());
    app::Document doc;
    models::Node n = node("n", spec.id);
    n.x = 12.5, n.y = -40;
    for (const auto& p : spec.params) n.params[p.key] = p.defaultValue;
    doc.graph.nodes.push_back(n);
    doc.graph.experiment.dt = 2.5e-4;
    doc.graph.experiment.duration = 0.75;
    doc.graph.experiment.seed = 99;
    const QByteArray first = app::writeDocument(doc);
    const app::Document back = app::parseDocument(first, QStringLiteral("round trip"));
    QCOMPARE(back.graph.nodes.size(), std::size_t{1});
    QVERIFY(back.graph.nodes[0].params == n.params);
    QCOMPARE(back.graph.nodes[0].x, 12.5);
    QCOMPARE(back.graph.experiment.seed, std::uint64_t{99});
    QCOMPARE(app::writeDocument(back), first);
}

models::Graph TestCatalogue::minimalGraph(const models::NodeSpec& spec) const
{
    models::Graph g;
    g.experiment.dt = 1e-4;
    g.nodes.push_back(node("img", "source.idx", {{"images", m_images}, {"labels", m_labels}}));
    g.nodes.push_back(node("input", "encoder.poisson"));
    wire(g, "img.samples", "input.samples");
    auto layer = [&](const std::string& id, std::int64_t size) { g.nodes.push_back(node(id, "layer.lif", {{"size", size}})); };
    switch (spec.category) {
    case Category::Source:
        if (spec.id == "source.idx") break;
        if (spec.port("samples")) { // data sources feed an encoder
            const bool folder = spec.id == "source.image_folder";
            g.nodes.push_back(node("x", spec.id, folder ? std::map<std::string, models::ParamValue>{{"folder", m_folder}}
                                                         : std::map<std::string, models::ParamValue>{}));
            g.nodes.push_back(node("enc", "encoder.poisson"));
            wire(g, "x.samples", "enc.samples");
            break;
        }
        g.nodes.push_back(node("x", spec.id));
        layer("target", 4);
        if (spec.port("out")) { // spike sources drive synapses
            g.nodes.push_back(node("syn", "synapses.dense"));
            wire(g, "x.out", "syn.pre");
            wire(g, "syn.post", "target.in");
            break;
        }
        wire(g, "x.current", "target.current");
        break;
    case Category::Encoder:
        g.nodes.push_back(node("x", spec.id));
        wire(g, "img.samples", "x.samples");
        break;
    case Category::Layer: g.nodes.push_back(node("x", spec.id, {{"size", std::int64_t{4}}})); break;
    case Category::Synapses: {
        g.nodes.push_back(node("x", spec.id));
        if (spec.id == "synapses.lateral") {
            layer("target", 4);
            wire(g, "target.out", "x.pre");
        } else {
            const bool shaped = spec.outputShape != nullptr;
            layer("target", shaped ? 0 : 4);
            wire(g, "input.out", "x.pre");
        }
        wire(g, "x.post", "target.in");
        break;
    }
    case Category::LearningRule: {
        const std::string synapses = spec.id == "rule.kheradpisheh" ? "synapses.conv" : "synapses.dense";
        g.nodes.push_back(node("syn", synapses));
        layer("target", synapses == "synapses.conv" ? 0 : 4);
        g.nodes.push_back(node("x", spec.id));
        wire(g, "input.out", "syn.pre");
        wire(g, "syn.post", "target.in");
        wire(g, "x.rule", "syn.rule");
        break;
    }
    case Category::Readout:
    case Category::Monitor:
        layer("target", 4);
        if (spec.id == "monitor.weights" || spec.id == "monitor.stdp_window") {
            // A weight monitor watches a synapse node: wired from the same 'post' that feeds the layer.
            g.nodes.push_back(node("syn", "synapses.dense"));
            wire(g, "input.out", "syn.pre");
            wire(g, "syn.post", "target.in");
            g.nodes.push_back(node("x", spec.id));
            wire(g, "syn.post", "x.synapses");
            break;
        }
        g.nodes.push_back(node("x", spec.id));
        wire(g, "target.out", "x." + spec.ports.front().name);
        break;
    }
    return g;
}

void TestCatalogue::minimalGraphCompiles()
{
    QFETCH(QString, type);
    const models::NodeSpec& spec = *models::findSpec(type.toStdString());
    const models::Graph g = minimalGraph(spec);
    try {
        models::GraphCompiler compiler(g, models::catalogue());
        models::CompiledNetwork net = compiler.compile();
        net.network->run(100);
        QVERIFY(net.network->currentStep() == 100);
    } catch (const models::BuildError& e) {
        QFAIL(qPrintable(QStringLiteral("node '%1', field '%2': %3").arg(QString::fromStdString(e.node()), QString::fromStdString(e.field()), QString::fromUtf8(e.what()))));
    }
}

void TestCatalogue::synapseWeightsTakeTheTargetsUnit_data()
{
    QTest::addColumn<QString>("layer");
    QTest::addColumn<QString>("variable");
    QTest::addColumn<double>("perUnit"); // SI value of a document weight of 1
    QTest::newRow("current-based LIF: mV") << QStringLiteral("layer.lif") << QStringLiteral("ge") << 1e-3;
    QTest::newRow("conductance LIF: relative conductance") << QStringLiteral("layer.lif_cond") << QStringLiteral("ge") << 1.0;
    QTest::newRow("Diehl & Cook neuron: relative conductance") << QStringLiteral("layer.adaptive_lif") << QStringLiteral("ge") << 1.0;
}

// Each input spike through a one-to-one synapse of weight 0.5 adds 0.5 of the target's unit to its
// synaptic variable at once (Brian2's on_pre: ge += w), which then decays: after the spikes of steps 0
// and 1, ge = 0.5 * unit * (exp(-dt / tau_syn_e) + 1).
void TestCatalogue::synapseWeightsTakeTheTargetsUnit()
{
    QFETCH(QString, layer);
    QFETCH(QString, variable);
    QFETCH(double, perUnit);
    models::Graph g;
    g.experiment.dt = 1e-4;
    // 10 kHz at dt 0.1 ms: the source fires on every step.
    g.nodes.push_back(node("src", "encoder.poisson", {{"size", std::int64_t{1}}, {"rate", 10000.0}}));
    g.nodes.push_back(node("syn", "synapses.one_to_one", {{"weight", 0.5}}));
    g.nodes.push_back(node("x", layer.toStdString(), {{"size", std::int64_t{1}}}));
    wire(g, "src.out", "syn.pre");
    wire(g, "syn.post", "x.in");
    models::GraphCompiler compiler(g, models::catalogue());
    models::CompiledNetwork net = compiler.compile();
    net.network->run(2); // fired at steps 0 and 1, the first decayed over one step
    const double tau = std::get<double>(models::findSpec(layer.toStdString())->param("tau_syn_e")->defaultValue) * 1e-3;
    const double expected = 0.5 * perUnit * (std::exp(-1e-4 / tau) + 1.0);
    const double got = (*net.populations.at("x")->stateVariable(variable.toStdString()))[0];
    // Weights are stored as floats: relative precision 6e-8.
    QVERIFY2(std::abs(got - expected) < 1e-7 * expected, qPrintable(QStringLiteral("%1 vs %2").arg(got).arg(expected)));
}

// Diehl & Cook's inhibition: inhibitory neuron i reaches every excitatory neuron but i.
void TestCatalogue::excludeSameIndexLeavesOnlyTheDiagonalEmpty()
{
    models::Graph g;
    g.nodes.push_back(node("inh", "layer.lif", {{"size", std::int64_t{5}}}));
    g.nodes.push_back(node("exc", "layer.lif", {{"size", std::int64_t{5}}}));
    g.nodes.push_back(node("syn", "synapses.dense", {{"weight", 17.0}, {"exclude_same_index", true}}));
    wire(g, "inh.out", "syn.pre");
    wire(g, "syn.post", "exc.in");
    models::GraphCompiler compiler(g, models::catalogue());
    models::CompiledNetwork net = compiler.compile();
    std::vector<float> w;
    net.projections.at("syn")->copyWeights(w);
    for (int j = 0; j < 5; ++j)
        for (int i = 0; i < 5; ++i) QCOMPARE(w[static_cast<std::size_t>(j * 5 + i)], i == j ? 0.0f : 17.0f * 1e-3f);
}

QTEST_APPLESS_MAIN(TestCatalogue)
#include "test_catalogue.moc"
