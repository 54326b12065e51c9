// The STDP window dock of the pair-protocol demo (resources/experiments/stdp_window.json), run through
// the workbench on the offscreen platform. Synapse k is paired ten times at dt_k = -50 + 2.5 k ms; the
// view plots its weight change per pairing against dt_k beside the window of pair STDP, Eq. 1 of
// Tavanaei et al. (2019) after Song, Miller & Abbott (2000):
//   dw = +A+ exp(-dt / tau+) for dt > 0,  -A- exp(dt / tau-) for dt < 0,  A+ 0.01 mV, A- 0.0105 mV, tau 20 ms.
// Besides the pair at dt_k, a synapse only sees post spikes 150 ms or more away, which add at most
// max(A+, A-) exp(-150 / 20) = 5.8e-6 mV per pairing: the points equal Eq. 1 within 6e-6 mV.
#include "app/LiveViews.h"
#include "app/MainWindow.h"
#include "app/RunPanel.h"
#include "widgets/StdpWindowView.h"

#include "WorkbenchTestSupport.h"

#include <qcustomplot.h>

#include <QDir>
#include <QDockWidget>
#include <QImage>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace ss;

namespace {

double rule(double dtMs)
{
    return dtMs > 0.0 ? 0.01 * std::exp(-dtMs / 20.0) : dtMs < 0.0 ? -0.0105 * std::exp(dtMs / 20.0) : 0.0;
}

} // namespace

class TestStdpWindowView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void pointsFollowTheRuleAfterTheRun();
    void curveIsTheRule();
    void exportsFiguresAndCsv();
    void cleanupTestCase() { window.reset(); }

private:
    QTemporaryDir dir;
    std::unique_ptr<app::MainWindow> window;
    widgets::StdpWindowView* view = nullptr;
};

void TestStdpWindowView::initTestCase()
{
    QVERIFY(dir.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("SpikeStudioTests"));
    QCoreApplication::setApplicationName(QStringLiteral("test_stdp_window_view"));
    window = test::openInWorkbench(QStringLiteral(SPIKESTUDIO_SOURCE_DIR "/resources/experiments/stdp_window.json"),
                                   dir.filePath(QStringLiteral("recovery.json")), {1400, 900});
    QVERIFY(window);
    QVERIFY(window->document().problems().empty());
    // The docks open when the network is loaded by Run.
    QVERIFY(test::runToEnd(*window, 60000));
    view = window->runPanel().liveViews().stdpWindow(QStringLiteral("window"));
    QVERIFY(view);
}

void TestStdpWindowView::pointsFollowTheRuleAfterTheRun()
{
    // The final snapshot reaches the view on a later tick.
    QTRY_COMPARE_WITH_TIMEOUT(view->pointCount(), 41, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(std::abs(view->changes().back() - rule(50.0)) < 6e-6, 5000);
    QCOMPARE(view->intervals().size(), std::size_t(41));
    double worst = 0.0;
    for (std::size_t k = 0; k < 41; ++k) {
        const double dt = -50.0 + 2.5 * static_cast<double>(k);
        QCOMPARE(view->intervals()[k], dt);
        const double error = std::abs(view->changes()[k] - rule(dt));
        worst = std::max(worst, error);
        QVERIFY2(error < 6e-6, qPrintable(QStringLiteral("dt %1 ms: %2 mV vs %3 mV").arg(dt).arg(view->changes()[k]).arg(rule(dt))));
    }
    qInfo("largest difference from Eq. 1: %.2e mV per pairing (bound 5.8e-6)", worst);
    // The synapse paired at dt = 0 never changes (the rule gives nothing at dt = 0; 1e-9 mV: float weights).
    QVERIFY(std::abs(view->changes()[20]) < 1e-9);
}

void TestStdpWindowView::curveIsTheRule()
{
    QVERIFY(view->hasRule());
    QVERIFY(view->curveSampleCount() >= 2 * 100);
    for (double dt : {-50.0, -2.5, 2.5, 50.0}) QVERIFY(std::abs(view->ruleAt(dt) - rule(dt)) < 1e-12);
    // The axes name their units.
    QVERIFY(view->plot()->xAxis->label().contains(QStringLiteral("(ms)")));
    QVERIFY(view->plot()->yAxis->label().contains(QStringLiteral("(mV)")));
}

void TestStdpWindowView::exportsFiguresAndCsv()
{
    // Like every live view: listed for Export All, written as PNG, SVG and PDF and as CSV.
    bool listed = false;
    for (const auto& [stem, exportable] : window->runPanel().liveViews().exportableViews())
        listed = listed || (stem == QStringLiteral("window_window") && exportable == view);
    QVERIFY(listed);
    widgets::FigureSpec spec;
    spec.width = 12.0;
    spec.height = 8.0;
    spec.dpi = 100;
    for (auto format : {widgets::FigureFormat::Png, widgets::FigureFormat::Svg, widgets::FigureFormat::Pdf}) {
        spec.format = format;
        const QString path = dir.filePath(QStringLiteral("window.") + widgets::figureSuffix(format));
        QString error;
        QVERIFY2(view->exportFigure(path, spec, &error), qPrintable(error));
        QVERIFY(QFile(path).size() > 1000);
    }
    // 12 cm x 8 cm at 100 dpi: 472 x 315 pixels.
    QCOMPARE(QImage(dir.filePath(QStringLiteral("window.png"))).size(), QSize(472, 315));
    // The CSV: a header and one row per synapse, its numbers those of the view.
    const QStringList lines = view->csv().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 42);
    QVERIFY(lines.front().contains(QStringLiteral("interval (ms)")));
    const QStringList last = lines.back().split(QLatin1Char(','));
    QCOMPARE(last.size(), 3);
    QCOMPARE(last[0].toDouble(), 50.0);
    QVERIFY(std::abs(last[1].toDouble() - view->changes().back()) < 1e-9);
    QVERIFY(std::abs(last[2].toDouble() - rule(50.0)) < 1e-9);

    QDockWidget* dock = window->findChild<QDockWidget*>(QStringLiteral("live:window"));
    QVERIFY(dock);
    dock->raise();
    QTest::qWait(100);
    QVERIFY(test::saveArtefact(*dock, QStringLiteral("stdp_window_view.png")));
    // At the size of a gallery card (480 x 300), under the document's name.
    view->setTitle(QStringLiteral("The STDP window measured with a pair protocol"));
    const QString card = QDir::currentPath() + QStringLiteral("/artefacts/stdp_window_card.png");
    QVERIFY(view->exportFigure(card, widgets::FigureSpec::fromPixels(480, 300, 1.0)));
    QCOMPARE(QImage(card).size(), QSize(480, 300));
}

QTEST_MAIN(TestStdpWindowView)
#include "test_stdp_window_view.moc"
