// The units of the live views: potentials in mV and weights in the documents' unit, read from the
// node declarations. The value axes of state monitors (LiveViews::stateAxes): 'v' and any variable the
// watched layer declares in mV (SRM0's 'u', through u_rest) are drawn in mV; gating variables and
// Izhikevich's recovery variable u keep their values. A short run in the workbench window: the SRM0
// potential trace reads about -70 mV, not -0.07; the weight histogram and the receptive fields of
// synapses onto a current-based layer are in mV (the document's weight unit), those onto a
// conductance-based layer in relative conductance. Screenshots go to ./artefacts/.
#include "app/DemoCatalogue.h"
#include "app/DocumentIo.h"
#include "app/LiveViews.h"
#include "app/MainWindow.h"
#include "app/RunPanel.h"
#include "app/SimulationController.h"
#include "models/Catalogue.h"
#include "models/GraphCompiler.h"
#include "widgets/HistogramView.h"
#include "widgets/ReceptiveFieldView.h"
#include "widgets/TraceView.h"

#include "WorkbenchTestSupport.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <qcustomplot.h>

#include <cmath>

using namespace ss;

namespace {

// Poisson inputs onto an SRM0 layer (current-based: weights in mV) and onto a conductance-based LIF
// layer (weights relative to the leak); the SRM0 potential u, an Izhikevich neuron's recovery
// variable u, and both projections' weights monitored. 200 ms.
const char* kDocument = R"({
  "format": "spikestudio", "version": 2, "name": "live units",
  "experiment": {"dt": 0.1, "duration": 200, "seed": 5},
  "nodes": [
    {"id": "input", "type": "encoder.poisson", "position": [0, 0], "params": {"rate": 40, "size": 20}},
    {"id": "to_srm", "type": "synapses.dense", "position": [240, 0],
     "params": {"weight_init": "uniform", "weight_low": 0.5, "weight": 2.0}},
    {"id": "srm", "type": "layer.srm0", "position": [480, 0], "params": {"size": 2}},
    {"id": "to_cond", "type": "synapses.dense", "position": [240, 200],
     "params": {"weight_init": "uniform", "weight_low": 0.0, "weight": 0.5}},
    {"id": "cond", "type": "layer.lif_cond", "position": [480, 200], "params": {"size": 2}},
    {"id": "izh", "type": "layer.izhikevich", "position": [480, 400], "params": {"size": 1}},
    {"id": "potential", "type": "monitor.state", "position": [720, 0], "params": {"variable": "u", "neurons": "0"}},
    {"id": "recovery", "type": "monitor.state", "position": [720, 400], "params": {"variable": "u", "neurons": "0"}},
    {"id": "srm_weights", "type": "monitor.weights", "position": [720, 120], "params": {"interval": 50}},
    {"id": "cond_weights", "type": "monitor.weights", "position": [720, 260], "params": {"interval": 50}}
  ],
  "wires": [
    {"from": "input.out", "to": "to_srm.pre"},
    {"from": "to_srm.post", "to": "srm.in"},
    {"from": "input.out", "to": "to_cond.pre"},
    {"from": "to_cond.post", "to": "cond.in"},
    {"from": "srm.out", "to": "potential.layer"},
    {"from": "izh.out", "to": "recovery.layer"},
    {"from": "to_srm.post", "to": "srm_weights.synapses"},
    {"from": "to_cond.post", "to": "cond_weights.synapses"}
  ]
})";

std::map<std::string, app::LiveViews::StateAxis> axesOf(const models::Graph& graph)
{
    models::GraphCompiler compiler(graph, models::catalogue());
    const models::CompiledNetwork compiled = compiler.compile();
    return app::LiveViews::stateAxes(compiled, graph);
}

double meanOf(const std::vector<float>& w, double scale)
{
    double sum = 0.0;
    for (float x : w) sum += x;
    return scale * sum / static_cast<double>(w.size());
}

} // namespace

class TestLiveUnits : public QObject {
    Q_OBJECT
private slots:
    void stateAxesOfTheBundledDemos();
    void liveViewsShowDisplayUnits();
};

void TestLiveUnits::stateAxesOfTheBundledDemos()
{
    const QDir experiments(QDir(app::resourceRoot()).filePath(QStringLiteral("experiments")));
    // The SRM0 potential of the Masquelier demo: u in mV (its layer declares u_rest in mV).
    auto axes = axesOf(app::readDocument(experiments.filePath(QStringLiteral("masquelier_pattern.json"))).graph);
    QCOMPARE(axes.at("potential").label, QStringLiteral("u (mV)"));
    QCOMPARE(axes.at("potential").scale, 1e3);
    // Hodgkin-Huxley: the membrane potential in mV, the gating variables as they are.
    axes = axesOf(app::readDocument(experiments.filePath(QStringLiteral("hodgkin_huxley.json"))).graph);
    QCOMPARE(axes.at("v").label, QStringLiteral("membrane potential (mV)"));
    QCOMPARE(axes.at("v").scale, 1e3);
    for (const char* gate : {"m", "h", "n"}) {
        QCOMPARE(axes.at(gate).label, QString::fromLatin1(gate));
        QCOMPARE(axes.at(gate).scale, 1.0);
    }
}

void TestLiveUnits::liveViewsShowDisplayUnits()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("SpikeStudioTests"));
    QCoreApplication::setApplicationName(QStringLiteral("test_live_units"));
    const QString path = dir.filePath(QStringLiteral("units.json"));
    QVERIFY(test::writeFile(path, kDocument));

    // Izhikevich's u is a recovery variable, not a potential: no mV for it.
    const auto axes = axesOf(app::readDocument(path).graph);
    QCOMPARE(axes.at("recovery").label, QStringLiteral("u"));
    QCOMPARE(axes.at("recovery").scale, 1.0);

    auto owned = test::openInWorkbench(path, dir.filePath(QStringLiteral("recovery.json")), {1200, 800});
    QVERIFY(owned);
    app::MainWindow& window = *owned;
    QVERIFY(window.document().problems().empty());
    app::RunPanel& panel = window.runPanel();
    app::SimulationController& controller = panel.controller();
    QVERIFY(test::runToEnd(window, 60000));
    app::LiveViews& views = panel.liveViews();

    // The SRM0 potential in mV: its axis says so and its values sit near the resting -70 mV.
    widgets::TraceView* potential = views.trace(QStringLiteral("potential"));
    QVERIFY(potential);
    QCOMPARE(potential->plot()->yAxis->label(), QStringLiteral("u (mV)"));
    QTRY_VERIFY(potential->plot()->graphCount() > 0 && potential->plot()->graph(0)->dataCount() > 100);
    const auto first = potential->plot()->graph(0)->data()->constBegin();
    QVERIFY2(std::abs(first->value + 70.0) < 5.0, qPrintable(QString::number(first->value)));
    QCOMPARE(views.trace(QStringLiteral("recovery"))->plot()->yAxis->label(), QStringLiteral("u"));

    // Weights onto the SRM0 layer: mV, the histogram's values 1000 times the engine's volts.
    std::vector<float> w;
    controller.compiled()->projections.at("to_srm")->copyWeights(w);
    QCOMPARE(w.size(), std::size_t{40});
    widgets::HistogramView* srmHistogram = views.histogram(QStringLiteral("srm_weights"));
    QVERIFY(srmHistogram);
    QCOMPARE(srmHistogram->plot()->xAxis->label(), QStringLiteral("weight (mV)"));
    QTRY_COMPARE(srmHistogram->valueCount(), 40);
    QVERIFY2(std::abs(srmHistogram->mean() - meanOf(w, 1e3)) < 1e-9,
             qPrintable(QStringLiteral("%1 vs %2").arg(srmHistogram->mean()).arg(meanOf(w, 1e3))));
    QVERIFY(srmHistogram->mean() > 0.5 && srmHistogram->mean() < 2.0); // the document's 0.5 to 2 mV
    widgets::ReceptiveFieldView* srmFields = views.fields(QStringLiteral("srm_weights"));
    QVERIFY(srmFields);
    QCOMPARE(srmFields->valueUnit(), QStringLiteral("mV"));
    QVERIFY2(srmFields->barLabel(true).endsWith(QStringLiteral(" mV")), qPrintable(srmFields->barLabel(true)));
    const double shownMax = srmFields->barLabel(true).chopped(3).toDouble();
    QVERIFY2(std::abs(shownMax - 1e3 * srmFields->maximum()) < 0.01, qPrintable(srmFields->barLabel(true)));

    // Weights onto the conductance-based layer: relative conductance, as stored.
    controller.compiled()->projections.at("to_cond")->copyWeights(w);
    widgets::HistogramView* condHistogram = views.histogram(QStringLiteral("cond_weights"));
    QVERIFY(condHistogram);
    QCOMPARE(condHistogram->plot()->xAxis->label(), QStringLiteral("weight (relative conductance)"));
    QTRY_COMPARE(condHistogram->valueCount(), 40);
    QVERIFY(std::abs(condHistogram->mean() - meanOf(w, 1.0)) < 1e-12);
    QCOMPARE(views.fields(QStringLiteral("cond_weights"))->valueUnit(), QString());

    QTest::qWait(100);
    QVERIFY(test::saveArtefact(window, QStringLiteral("live_units.png")));
}

QTEST_MAIN(TestLiveUnits)
#include "test_live_units.moc"
