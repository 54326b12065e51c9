// The layer declarations of this family build the populations their parameters describe.
#include "models/GraphCompiler.h"
#include "models/neurons/HodgkinHuxleyPopulation.h"
#include "models/neurons/IfPopulation.h"
#include "models/neurons/IzhikevichPopulation.h"
#include "models/neurons/LifPopulation.h"
#include "models/neurons/NeuronSpecs.h"
#include "models/neurons/Srm0Population.h"

#include <QtTest>

using namespace ss;
using namespace ss::models;

class TestNeuronSpecs : public QObject {
    Q_OBJECT

private slots:
    void buildsEveryLayer_data();
    void buildsEveryLayer();
    void lifDefaultsAreTheCubaNetwork();
    void adaptiveLifDefaultsAreDiehlCook();
    void izhikevichPresetIsPublished();
    void badResetNamesTheField();
};

namespace {

const std::vector<NodeSpec>& specs()
{
    static const std::vector<NodeSpec> all = {lifSpec(),        lifCondSpec(), adaptiveLifSpec(),   alifSpec(),
                                              ifSpec(),         izhikevichSpec(), hodgkinHuxleySpec(), srm0Spec()};
    return all;
}

CompiledNetwork compileOne(const std::string& type, std::map<std::string, ParamValue> params = {})
{
    Graph graph;
    params.emplace("size", std::int64_t{4});
    graph.nodes.push_back(Node{"layer", type, std::move(params)});
    GraphCompiler compiler(graph, specs());
    return compiler.compile();
}

} // namespace

void TestNeuronSpecs::buildsEveryLayer_data()
{
    QTest::addColumn<QString>("type");
    for (const auto& spec : specs()) QTest::addRow("%s", spec.id.c_str()) << QString::fromStdString(spec.id);
}

// Every layer is a population of the requested size with "v" in volts near its rest after 50 ms
// without input (all rest between -80 and -40 mV, the IF neuron at 0).
void TestNeuronSpecs::buildsEveryLayer()
{
    QFETCH(QString, type);
    const NodeSpec* spec = findSpec(specs(), type.toStdString());
    QVERIFY(spec);
    QVERIFY(spec->category == Category::Layer);
    QVERIFY(spec->port("in") && spec->port("current") && spec->port("out"));
    auto compiled = compileOne(type.toStdString());
    auto* pop = compiled.populations.at("layer");
    QCOMPARE(pop->size(), 4);
    compiled.network->runFor(0.05);
    const auto* v = pop->stateVariable("v");
    QVERIFY(v);
    for (double x : *v)
        QVERIFY2((x > -80e-3 && x < -40e-3) || (type == "layer.if" && x == 0.0), qPrintable(QString::number(x)));
}

// Vogels & Abbott 2005 CUBA as in Brian2's example: tau_m 20 ms, E_L -49 mV, v_reset -60 mV, v_th -50 mV,
// t_ref 5 ms, tau_e 5 ms, tau_i 10 ms.
void TestNeuronSpecs::lifDefaultsAreTheCubaNetwork()
{
    auto compiled = compileOne("layer.lif");
    const auto& p = dynamic_cast<LifPopulation&>(*compiled.populations.at("layer")).params();
    QVERIFY(p.synapse == LifParams::Synapse::ExpCurrent);
    QCOMPARE(p.tauM, 20e-3);
    QCOMPARE(p.eL, -49e-3);
    QCOMPARE(p.vReset, -60e-3);
    QCOMPARE(p.vTh, -50e-3);
    QCOMPARE(p.tRef, 5e-3);
    QCOMPARE(p.tauSynE, 5e-3);
    QCOMPARE(p.tauSynI, 10e-3);
    QCOMPARE(p.rM, 100e6);
    auto delta = compileOne("layer.lif", {{"synapse", std::string("delta")}});
    QVERIFY(dynamic_cast<LifPopulation&>(*delta.populations.at("layer")).params().synapse ==
            LifParams::Synapse::Delta);
}

// Diehl & Cook 2015 excitatory neuron (authors' code): v_rest = v_reset -65 mV, threshold -52 mV, 5 ms
// refractory, tau_m 100 ms, tau_ge 1 ms, tau_gi 2 ms, E_exc 0, E_inh -100 mV, theta_plus 0.05 mV,
// tau_theta 1e7 ms.
void TestNeuronSpecs::adaptiveLifDefaultsAreDiehlCook()
{
    auto compiled = compileOne("layer.adaptive_lif");
    const auto& p = dynamic_cast<LifPopulation&>(*compiled.populations.at("layer")).params();
    QVERIFY(p.synapse == LifParams::Synapse::Conductance);
    QVERIFY(p.adaptation == LifParams::Adaptation::Theta);
    QCOMPARE(p.eL, -65e-3);
    QCOMPARE(p.vReset, -65e-3);
    QCOMPARE(p.vTh, -52e-3);
    QCOMPARE(p.tRef, 5e-3);
    QCOMPARE(p.tauM, 100e-3);
    QCOMPARE(p.tauSynE, 1e-3);
    QCOMPARE(p.tauSynI, 2e-3);
    QCOMPARE(p.eExc, 0.0);
    QCOMPARE(p.eInh, -100e-3);
    QCOMPARE(p.thetaPlus, 0.05e-3);
    QCOMPARE(p.tauTheta, 1e4);
}

// Izhikevich 2003, Fig. 2: CH is (0.02, 0.2, -50, 2).
void TestNeuronSpecs::izhikevichPresetIsPublished()
{
    const auto ch = IzhikevichParams::preset("CH");
    QVERIFY(ch);
    QCOMPARE(ch->a, 0.02);
    QCOMPARE(ch->b, 0.2);
    QCOMPARE(ch->c, -50.0);
    QCOMPARE(ch->d, 2.0);
    QVERIFY(!IzhikevichParams::preset("XX"));
    auto compiled = compileOne("layer.izhikevich", {{"preset", std::string("CH")}});
    QVERIFY(dynamic_cast<IzhikevichPopulation*>(compiled.populations.at("layer")));
}

void TestNeuronSpecs::badResetNamesTheField()
{
    try {
        compileOne("layer.lif", {{"v_reset", -40.0}});
        QFAIL("a reset above threshold was accepted");
    } catch (const BuildError& e) {
        QCOMPARE(QString::fromStdString(e.node()), QString("layer"));
        QCOMPARE(QString::fromStdString(e.field()), QString("v_reset"));
    }
}

QTEST_APPLESS_MAIN(TestNeuronSpecs)
#include "test_neuron_specs.moc"
