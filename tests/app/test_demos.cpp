// The demo gallery: every bundled demo has a document that validates and compiles, a thumbnail and a
// lesson; a card opens its demo with the lesson beside the canvas; the f-I demo against the analytic
// LIF curve; the Song, Miller & Abbott demo against its bimodal weight distribution; presenter mode;
// no two nodes of any bundled document overlap on the canvas.
#include "app/DemoCatalogue.h"
#include "app/DemoGallery.h"
#include "app/DocumentIo.h"
#include "app/LessonPanel.h"
#include "app/MainWindow.h"
#include "app/PresenterMode.h"
#include "app/RunPanel.h"
#include "models/Catalogue.h"
#include "models/GraphCompiler.h"
#include "models/Validator.h"
#include "widgets/NodeGraphItems.h"
#include "widgets/NodeGraphView.h"
#include "widgets/PlotStyle.h"
#include "WorkbenchTestSupport.h"

#include <QComboBox>
#include <QDir>
#include <QImage>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTest>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

using namespace ss;

namespace {

app::Document demoDocument(const QString& name)
{
    return app::readDocument(QDir(app::resourceRoot()).filePath(QStringLiteral("experiments/%1.json").arg(name)));
}

const models::Monitor* findMonitor(const models::CompiledNetwork& net, const std::string& node)
{
    for (const auto& m : net.monitors)
        if (m.node == node) return &m;
    return nullptr;
}

} // namespace

class TestDemos : public QObject {
    Q_OBJECT
private slots:
    void galleryListsEveryDemo();
    void demosValidateAndCompile();
    void cardOpensDemoWithLesson();
    void fiCurveMatchesTheory();
    void songStdpGoesBimodal();
    void presenterModeScales();
    void bundledNodesDoNotOverlap();

private:
    QTemporaryDir m_dir;
};

// The demos of the issue, each with a document, a thumbnail and a lesson; and no lesson or thumbnail
// left without an entry in the list.
void TestDemos::galleryListsEveryDemo()
{
    const QString root = app::resourceRoot();
    QVERIFY2(!root.isEmpty(), "no resources folder with demos/gallery.json");
    const auto demos = app::bundledDemos(root);
    QStringList names;
    for (const auto& d : demos) {
        names << d.name;
        QVERIFY2(!QImage(d.thumbnailPath).isNull(), qPrintable(d.thumbnailPath));
        QVERIFY2(!d.lessonPath.isEmpty(), qPrintable(d.name));
    }
    for (const char* expected : {"lif_fi_curve", "izhikevich_patterns", "hodgkin_huxley", "digit_coding", "song_stdp",
                                 "stdp_window", "masquelier_pattern", "cuba", "brunel_sr", "brunel_ai", "diehl_cook_100",
                                 "kheradpisheh_mnist"})
        QVERIFY2(names.contains(QLatin1String(expected)), expected);
    const QDir demoDir(QDir(root).filePath(QStringLiteral("demos")));
    for (const QString& file : demoDir.entryList({QStringLiteral("*.md"), QStringLiteral("*.png")}, QDir::Files))
        QVERIFY2(names.contains(QFileInfo(file).completeBaseName()), qPrintable(file + " has no entry in gallery.json"));

    app::DemoGallery gallery;
    QCOMPARE(gallery.demos().size(), demos.size());
    for (const auto& d : demos) QVERIFY2(gallery.card(d.name), qPrintable(d.name));
}

void TestDemos::demosValidateAndCompile()
{
    for (const auto& demo : app::bundledDemos()) {
        const app::Document doc = app::readDocument(demo.documentPath);
        const auto problems = models::validate(doc.graph, models::catalogue());
        QVERIFY2(problems.empty(), qPrintable(demo.name + QStringLiteral(": ") +
                                              (problems.empty() ? QString() : QString::fromStdString(problems.front().message))));
        models::GraphCompiler compiler(doc.graph, models::catalogue());
        const models::CompiledNetwork net = compiler.compile();
        QVERIFY2(net.network && !net.monitors.empty(), qPrintable(demo.name));
    }
}

void TestDemos::cardOpensDemoWithLesson()
{
    app::MainWindow window(m_dir.filePath(QStringLiteral("recovery.json")));
    window.prompts().unsavedChanges = [](const QString&) { return app::MainWindow::Prompts::Unsaved::Discard; };
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(!window.lessonPanel().isVisible());
    window.showDemos();
    QVERIFY(window.demosShown());
    QWidget* card = window.demoGallery().card(QStringLiteral("lif_fi_curve"));
    QVERIFY(card && card->isVisible());
    QTest::mouseClick(card, Qt::LeftButton, {}, card->rect().center());

    QVERIFY(!window.demosShown());
    QVERIFY(window.document().filePath().endsWith(QStringLiteral("experiments/lif_fi_curve.json")));
    QVERIFY(window.document().graph().find("currents"));
    QVERIFY(window.lessonPanel().isVisible());
    QVERIFY(window.lessonPanel().text().contains(QStringLiteral("f-I curve")));
    QVERIFY(window.lessonPanel().text().contains(QStringLiteral("Things to try")));

    // A document without a lesson hides the panel; New as well.
    QVERIFY(window.newDocument());
    QVERIFY(!window.lessonPanel().isVisible());
}

// f(I) = 1 / (t_ref + tau ln(R I / (R I - theta))) (Gerstner et al. 2014, section 1.3). The rate is
// measured from the interspike intervals, (n - 1) / (t_n - t_1): spike times fall on the 0.1 ms grid,
// so a period of 7.75 ms (0.8 nA) can be off by up to 0.1 ms / 7.75 ms = 1.3 %; tolerance 1.5 %.
void TestDemos::fiCurveMatchesTheory()
{
    app::Document doc = demoDocument(QStringLiteral("lif_fi_curve"));
    models::GraphCompiler compiler(doc.graph, models::catalogue());
    models::CompiledNetwork net = compiler.compile();
    net.network->runFor(doc.graph.experiment.duration);
    const models::Monitor* raster = findMonitor(net, "raster");
    QVERIFY(raster && raster->spikes);
    const double dt = doc.graph.experiment.dt;
    const double tau = 0.020, tRef = 0.002, r = 100e6, theta = 0.020, step = 0.02e-9; // as in the document
    std::vector<std::vector<double>> times(41);
    for (std::size_t k = 0; k < raster->spikes->neurons().size(); ++k)
        times[static_cast<std::size_t>(raster->spikes->neurons()[k])].push_back(static_cast<double>(raster->spikes->steps()[k]) * dt);
    for (int i : {0, 5, 10, 11, 15, 20, 25, 30, 35, 40}) {
        const double ri = r * step * i;
        const auto& t = times[static_cast<std::size_t>(i)];
        if (ri <= theta) {
            QVERIFY2(t.empty(), qPrintable(QStringLiteral("neuron %1 below rheobase fired").arg(i)));
            continue;
        }
        const double expected = 1.0 / (tRef + tau * std::log(ri / (ri - theta)));
        QVERIFY(t.size() > 10);
        const double measured = static_cast<double>(t.size() - 1) / (t.back() - t.front());
        qInfo("I = %.2f nA: %.2f Hz, analytic %.2f Hz (%+.2f %%)", step * i * 1e9, measured, expected,
              100.0 * (measured / expected - 1.0));
        QVERIFY2(std::fabs(measured / expected - 1.0) < 0.015, qPrintable(QString::number(i)));
    }
}

// Song, Miller & Abbott (2000), Fig. 1: additive STDP with A- tau- slightly above A+ tau+ drives the
// weights to the bounds. Measured with the bundled document (seed 1, 500 s): 57 % of the weights lie
// within 10 % of a bound, 80 % within 20 % and about 8 % in the middle third, against 20 %, 40 % and
// 33 % for the uniform start. Floors: 70 % within 20 % of a bound, each mode at least 15 %, fewer than
// 20 % in the middle third.
void TestDemos::songStdpGoesBimodal()
{
    app::Document doc = demoDocument(QStringLiteral("song_stdp"));
    models::GraphCompiler compiler(doc.graph, models::catalogue());
    models::CompiledNetwork net = compiler.compile();
    net.network->runFor(doc.graph.experiment.duration);
    const models::Monitor* weights = findMonitor(net, "weights");
    QVERIFY(weights && weights->weights && !weights->weights->snapshots().empty());
    const auto& w = weights->weights->snapshots().back();
    QCOMPARE(w.size(), std::size_t(1000));
    const double wMax = 0.015;
    const auto share = [&](double lo, double hi) {
        return static_cast<double>(std::count_if(w.begin(), w.end(), [&](float x) { return x >= lo * wMax && x <= hi * wMax; })) /
               static_cast<double>(w.size());
    };
    const double low = share(0.0, 0.2), high = share(0.8, 1.0), middle = share(1.0 / 3.0, 2.0 / 3.0);
    qInfo("weights near 0: %.1f %%, near w_max: %.1f %%, middle third: %.1f %%", 100 * low, 100 * high, 100 * middle);
    QVERIFY(low + high > 0.70);
    QVERIFY(low > 0.15 && high > 0.15);
    QVERIFY(middle < 0.20);
}

void TestDemos::presenterModeScales()
{
    app::MainWindow window(m_dir.filePath(QStringLiteral("recovery2.json")));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* plot = new QCustomPlot(&window);
    widgets::applyPlotStyle(*plot);
    const double tickSize = plot->xAxis->tickLabelFont().pointSizeF();
    const double windowSize = window.font().pointSizeF();
    const double lessonSize = window.lessonPanel().browser().font().pointSizeF();
    const double plotSize = widgets::plotFont().pointSizeF();
    QComboBox& speed = *window.runPanel().speedBox();
    const double speedBefore = speed.currentData().toDouble();
    const int presets = speed.count();

    app::PresenterMode& presenter = window.presenterMode();
    presenter.action()->trigger();
    QVERIFY(presenter.isOn());
    const double k = app::PresenterMode::kScale;
    QCOMPARE(widgets::plotFont().pointSizeF(), plotSize * k);
    QCOMPARE(plot->xAxis->tickLabelFont().pointSizeF(), tickSize * k);
    QCOMPARE(plot->xAxis->basePen().widthF(), k);
    QCOMPARE(widgets::plotLineWidth(1.2), 1.2 * k);
    QCOMPARE(window.font().pointSizeF(), windowSize * k);
    QCOMPARE(window.corner(Qt::BottomRightCorner), Qt::RightDockWidgetArea);
    QCOMPARE(speed.currentData().toDouble(), app::PresenterMode::kPresenterSpeed);
    QVERIFY(speed.findData(0.001) >= 0);
    for (int i = 1; i < speed.count() - 1; ++i) // slowest first, "as fast as possible" (0) last
        QVERIFY(speed.itemData(i - 1).toDouble() < speed.itemData(i).toDouble());
    window.prompts().unsavedChanges = [](const QString&) { return app::MainWindow::Prompts::Unsaved::Discard; };
    QVERIFY(window.openDemo(QStringLiteral("izhikevich_patterns")));
    QVERIFY(window.lessonPanel().isVisible());
    QCOMPARE(window.lessonPanel().browser().font().pointSizeF(), lessonSize * k);
    // The lesson gets two thirds of the window's height once the layout has settled.
    QVERIFY(QTest::qWaitFor([&] { return window.lessonPanel().height() > window.height() / 2; }, 2000));
    QVERIFY(test::saveArtefact(window, QStringLiteral("presenter_mode.png")));

    presenter.action()->trigger();
    QVERIFY(!presenter.isOn());
    QCOMPARE(plot->xAxis->tickLabelFont().pointSizeF(), tickSize);
    QCOMPARE(window.font().pointSizeF(), windowSize);
    QCOMPARE(window.lessonPanel().browser().font().pointSizeF(), lessonSize);
    QCOMPARE(speed.count(), presets);
    QCOMPARE(speed.currentData().toDouble(), speedBefore);
}

// Every bundled document (demos and the other experiments) opened in the workbench: no node hides
// part of another, and any two stand at least kGap = 24 px apart, so that the wires between them and
// their count labels stay readable; the nodes taken as the canvas draws them (its position and the
// size that its title and ports give it).
void TestDemos::bundledNodesDoNotOverlap()
{
    const QDir experiments(QDir(app::resourceRoot()).filePath(QStringLiteral("experiments")));
    const QStringList files = experiments.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 12);
    auto window = test::openInWorkbench(experiments.filePath(files.front()), m_dir.filePath(QStringLiteral("overlap.json")),
                                        {1400, 900});
    QVERIFY(window);
    QStringList overlaps;
    for (const QString& file : files) {
        QVERIFY2(window->openFile(experiments.filePath(file)), qPrintable(file));
        const widgets::NodeGraphView& canvas = window->canvas();
        std::vector<std::pair<QString, QRectF>> nodes;
        for (const auto& node : window->document().graph().nodes) {
            const QString id = QString::fromStdString(node.id);
            const widgets::NodeItem* item = canvas.nodeItem(id);
            QVERIFY2(item, qPrintable(file + QStringLiteral(": ") + id));
            constexpr qreal kHalfGap = 12.0;
            nodes.emplace_back(id, QRectF(item->pos(), item->size()).adjusted(-kHalfGap, -kHalfGap, kHalfGap, kHalfGap));
        }
        QCOMPARE(static_cast<int>(nodes.size()), canvas.nodeItemCount());
        for (std::size_t a = 0; a < nodes.size(); ++a)
            for (std::size_t b = a + 1; b < nodes.size(); ++b) {
                if (nodes[a].second.intersects(nodes[b].second))
                    overlaps << QStringLiteral("%1: %2 and %3").arg(file, nodes[a].first, nodes[b].first);
            }
    }
    QVERIFY2(overlaps.isEmpty(), qPrintable(overlaps.join(QStringLiteral("; "))));
}

QTEST_MAIN(TestDemos)
#include "test_demos.moc"
