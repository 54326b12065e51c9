// The learning-rule node declarations: published defaults, ports, unit conversion at build time, and
// the errors for unwired rules and unsupported synapses. Graphs use two test-only node types (a
// scripted population and a synapse node of selectable kind) so that only this family is linked.
#include "ScriptedPopulation.h"

#include "models/GraphCompiler.h"
#include "models/plasticity/DiehlCookRule.h"
#include "models/plasticity/KheradpishehRule.h"
#include "models/plasticity/PairStdpRule.h"
#include "models/plasticity/PlasticitySpecs.h"
#include "sim/OneToOneProjection.h"

#include <QtTest/QtTest>

#include <cmath>
#include <limits>

using namespace ss;
using namespace ss::models;

namespace {

NodeSpec sourceSpec()
{
    NodeSpec s;
    s.id = "test.source";
    s.category = Category::Layer;
    s.name = "Scripted source";
    s.ports = {{"in", Direction::In, PortKind::Spikes, false, true, ""},
               {"out", Direction::Out, PortKind::Spikes, false, false, ""}};
    s.params = {intParam("channels", 1, 1, 1000, ""), intParam("height", 1, 1, 1000, ""),
                intParam("width", 1, 1, 1000, ""), realParam("unit", "", 1e-3, 0.0, 1.0, "")};
    s.outputShape = [](const ShapeQuery& q) -> std::optional<sim::Shape> {
        return sim::Shape{static_cast<sim::Index>(q.integer("channels")), static_cast<sim::Index>(q.integer("height")),
                          static_cast<sim::Index>(q.integer("width"))};
    };
    s.build = [](BuildContext& ctx) {
        ctx.provide(ctx.network().addPopulation<test::ScriptedPopulation>(ctx.node().id, ctx.outputShape(),
                                                                          ctx.real("unit")));
    };
    return s;
}

NodeSpec synapsesSpec()
{
    NodeSpec s;
    s.id = "test.synapses";
    s.category = Category::Synapses;
    s.name = "Test synapses";
    s.ports = {{"pre", Direction::In, PortKind::Spikes, true, false, ""},
               {"post", Direction::Out, PortKind::Spikes, false, false, ""},
               {"rule", Direction::In, PortKind::Rule, false, false, ""}};
    s.params = {choiceParam("kind", {"dense", "sparse", "conv", "one_to_one"}, "dense", "")};
    s.build = [](BuildContext& ctx) {
        sim::Population& pre = *ctx.inputPopulation("pre");
        sim::Population& post = *ctx.outputPopulation("post");
        sim::WeightInit init;
        init.a = 0.5e-3;
        const std::string& kind = ctx.text("kind");
        const auto e = sim::Channel::Excitatory;
        auto& net = ctx.network();
        if (kind == "dense") {
            ctx.provide(net.addProjection<sim::DenseProjection>("p", pre, post, e, 1, init, net.nextStream()));
        } else if (kind == "sparse") {
            std::vector<sim::SparseProjection::Synapse> one{{0, 0, 0.5e-3f}};
            ctx.provide(net.addProjection<sim::SparseProjection>("p", pre, post, e, 1, one));
        } else if (kind == "conv") {
            sim::ConvGeometry geo;
            geo.kernel = 3;
            geo.features = 2;
            ctx.provide(net.addProjection<sim::ConvProjection>("p", pre, post, e, 1, geo, init, net.nextStream()));
        } else {
            ctx.provide(net.addProjection<sim::OneToOneProjection>("p", pre, post, e, 1, init, net.nextStream()));
        }
    };
    return s;
}

std::vector<NodeSpec> catalogue()
{
    return {sourceSpec(), synapsesSpec(), stdpSpec(), diehlCookSpec(), kheradpishehSpec()};
}

// a -> syn -> b with a rule of `ruleType` wired into syn.rule (unless `wired` is false).
Graph graph(const std::string& kind, const std::string& ruleType, std::map<std::string, ParamValue> ruleParams = {},
            bool wired = true, double unit = 1e-3)
{
    Graph g;
    const bool conv = kind == "conv";
    const std::int64_t side = conv ? 6 : 1;
    g.nodes.push_back({"a", "test.source", {{"height", side}, {"width", side}}});
    g.nodes.push_back({"b", "test.source",
                       {{"channels", std::int64_t(conv ? 2 : 1)}, {"height", std::int64_t(conv ? 4 : 1)},
                        {"width", std::int64_t(conv ? 4 : 1)}, {"unit", unit}}});
    g.nodes.push_back({"syn", "test.synapses", {{"kind", kind}}});
    g.nodes.push_back({"r", ruleType, std::move(ruleParams)});
    g.wires.push_back({{"a", "out"}, {"syn", "pre"}});
    g.wires.push_back({{"syn", "post"}, {"b", "in"}});
    if (wired) g.wires.push_back({{"r", "rule"}, {"syn", "rule"}});
    return g;
}

// Compiles and returns the message of the BuildError (empty when it compiled), checking node and field.
QString buildError(const Graph& g, CompiledNetwork* out = nullptr)
{
    const auto specs = catalogue();
    try {
        GraphCompiler compiler(g, specs);
        CompiledNetwork net = compiler.compile();
        if (out) *out = std::move(net);
    } catch (const BuildError& e) {
        if (e.node() != "r" || e.field() != "rule")
            return QString("wrong node/field: %1.%2").arg(e.node().c_str(), e.field().c_str());
        return QString::fromStdString(e.what());
    }
    return {};
}

double defaultOf(const NodeSpec& s, const std::string& key) { return std::get<double>(s.param(key)->defaultValue); }

bool close(double a, double b) { return std::abs(a - b) <= 1e-12 * std::max(std::abs(a), std::abs(b)); }

} // namespace

class TestPlasticitySpecs : public QObject {
    Q_OBJECT

private slots:
    void declarations();
    void stdpUnits();
    void rulesOnSupportedSynapses();
    void refusals_data();
    void refusals();
};

// Defaults from the papers: Song, Miller & Abbott 2000 (A+ 0.005, A-/A+ 1.05, tau 20 ms); Diehl & Cook
// 2015 code (20/20/40 ms, nu 1e-4/1e-2, w_max 1, sum 78); Kheradpisheh et al. 2018 (a+ 0.004, a- 0.003).
void TestPlasticitySpecs::declarations()
{
    for (const NodeSpec& s : {stdpSpec(), diehlCookSpec(), kheradpishehSpec()}) {
        QVERIFY(s.category == Category::LearningRule);
        QCOMPARE(s.ports.size(), std::size_t(1));
        QVERIFY(s.ports[0].name == "rule");
        QVERIFY(s.ports[0].direction == Direction::Out);
        QVERIFY(s.ports[0].kind == PortKind::Rule);
        QVERIFY(s.build);
        QVERIFY(!s.help.empty());
    }
    const NodeSpec stdp = stdpSpec();
    QVERIFY(stdp.id == "rule.stdp");
    QCOMPARE(defaultOf(stdp, "a_plus"), 0.005);
    QVERIFY(close(defaultOf(stdp, "a_minus") / defaultOf(stdp, "a_plus"), 1.05));
    QCOMPARE(defaultOf(stdp, "tau_plus") * stdp.param("tau_plus")->siScale, 20e-3);
    QCOMPARE(defaultOf(stdp, "tau_minus") * stdp.param("tau_minus")->siScale, 20e-3);
    QVERIFY(stdp.param("tau_plus")->timeConstant);
    QVERIFY(stdp.param("pairing")->choices == (std::vector<std::string>{"all_to_all", "nearest", "reduced_nearest"}));
    QVERIFY(stdp.param("dependence")->choices ==
            (std::vector<std::string>{"additive", "multiplicative", "soft_bound"}));
    const NodeSpec dc = diehlCookSpec();
    QVERIFY(dc.id == "rule.diehl_cook");
    QCOMPARE(defaultOf(dc, "tau_pre"), 20.0);
    QCOMPARE(defaultOf(dc, "tau_post1"), 20.0);
    QCOMPARE(defaultOf(dc, "tau_post2"), 40.0);
    QCOMPARE(defaultOf(dc, "nu_pre"), 1e-4);
    QCOMPARE(defaultOf(dc, "nu_post"), 1e-2);
    QCOMPARE(defaultOf(dc, "w_max"), 1.0);
    QCOMPARE(defaultOf(dc, "norm_sum"), 78.0);
    const NodeSpec k = kheradpishehSpec();
    QVERIFY(k.id == "rule.kheradpisheh");
    QCOMPARE(defaultOf(k, "a_plus"), 0.004);
    QCOMPARE(defaultOf(k, "a_minus"), 0.003);
}

// Document weights are in the synapses' unit (here mV: synapticUnit 1e-3); the engine rule gets SI.
// Amplitudes that multiply a weight stay dimensionless.
void TestPlasticitySpecs::stdpUnits()
{
    CompiledNetwork net;
    QCOMPARE(buildError(graph("dense", "rule.stdp", {{"w_max", 2.0}, {"tau_plus", 10.0}}), &net), QString());
    QCOMPARE(net.network->rules().size(), std::size_t(1));
    auto* rule = dynamic_cast<PairStdpRule*>(net.network->rules()[0].get());
    QVERIFY(rule);
    QVERIFY(rule->name() == "r");
    QVERIFY(close(rule->params().wMax, 2e-3));
    QVERIFY(close(rule->params().aPlus, 0.005e-3));
    QVERIFY(close(rule->params().aMinus, 0.00525e-3));
    QVERIFY(close(rule->params().tauPlus, 10e-3));

    QCOMPARE(buildError(graph("dense", "rule.stdp", {{"dependence", std::string("soft_bound")}}), &net), QString());
    rule = dynamic_cast<PairStdpRule*>(net.network->rules()[0].get());
    QVERIFY(close(rule->params().aPlus, 0.005) && close(rule->params().aMinus, 0.00525));
    QVERIFY(close(rule->params().wMax, 1e-3));

    QCOMPARE(buildError(graph("dense", "rule.stdp", {{"dependence", std::string("multiplicative")}}), &net), QString());
    rule = dynamic_cast<PairStdpRule*>(net.network->rules()[0].get());
    QVERIFY(close(rule->params().aPlus, 0.005e-3) && close(rule->params().aMinus, 0.00525));
}

void TestPlasticitySpecs::rulesOnSupportedSynapses()
{
    CompiledNetwork net;
    QCOMPARE(buildError(graph("sparse", "rule.stdp", {{"pairing", std::string("nearest")}}), &net), QString());
    auto* stdp = dynamic_cast<PairStdpRule*>(net.network->rules()[0].get());
    QVERIFY(stdp && stdp->params().pairing == StdpParams::Pairing::Nearest);

    // Conductance synapses (unit 1): the authors' values pass unchanged.
    QCOMPARE(buildError(graph("dense", "rule.diehl_cook", {}, true, 1.0), &net), QString());
    auto* dc = dynamic_cast<DiehlCookRule*>(net.network->rules()[0].get());
    QVERIFY(dc);
    QCOMPARE(dc->params().normSum, 78.0);
    QCOMPARE(dc->params().nuPost, 1e-2);
    QVERIFY(close(dc->params().tauPost2, 40e-3));

    QCOMPARE(buildError(graph("conv", "rule.kheradpisheh"), &net), QString());
    auto* k = dynamic_cast<KheradpishehRule*>(net.network->rules()[0].get());
    QVERIFY(k);
    QCOMPARE(k->mapCount(), 2);
    QCOMPARE(k->params().weightUnit, 1e-3);
    QCOMPARE(buildError(graph("dense", "rule.kheradpisheh"), &net), QString());
}

void TestPlasticitySpecs::refusals_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("rule");
    QTest::addColumn<bool>("wired");
    QTest::addColumn<QString>("message");
    QTest::addRow("stdp conv") << "conv" << "rule.stdp" << true
                               << "rule rule.stdp cannot learn on convolution synapses of node 'syn'";
    QTest::addRow("diehl_cook sparse") << "sparse" << "rule.diehl_cook" << true
                                       << "rule rule.diehl_cook cannot learn on sparse synapses of node 'syn'";
    QTest::addRow("kheradpisheh one-to-one")
        << "one_to_one" << "rule.kheradpisheh" << true
        << "rule rule.kheradpisheh cannot learn on one-to-one synapses of node 'syn'";
    QTest::addRow("stdp unwired") << "dense" << "rule.stdp" << false << "is not wired to synapses";
    QTest::addRow("kheradpisheh unwired") << "dense" << "rule.kheradpisheh" << false << "is not wired to synapses";
}

// Unsupported or missing synapses fail the build naming the rule node, its 'rule' port, the kind of
// synapses and the synapse node.
void TestPlasticitySpecs::refusals()
{
    QFETCH(QString, kind);
    QFETCH(QString, rule);
    QFETCH(bool, wired);
    QFETCH(QString, message);
    const QString error = buildError(graph(kind.toStdString(), rule.toStdString(), {}, wired));
    QVERIFY2(error.contains(message), qPrintable(error));
}

QTEST_APPLESS_MAIN(TestPlasticitySpecs)
#include "test_plasticity_specs.moc"
