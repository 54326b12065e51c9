// Surrogate-gradient training live in the workbench: the window's curves and fields are the trainer's
// own numbers, batch for batch (the same run headless gives the same losses, bit for bit), and a bad
// data folder is reported with the file named.
#include "app/GradientCommand.h"
#include "app/GradientTraining.h"
#include "models/encoders/IdxReader.h"
#include "sim/Random.h"
#include "widgets/AccuracyView.h"
#include "widgets/ReceptiveFieldView.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace ss;

class TestGradientWindow : public QObject {
    Q_OBJECT
private slots:
    void liveCurvesAreTheTrainersNumbers();
    void missingDataIsReported();
};

void TestGradientWindow::liveCurvesAreTheTrainersNumbers()
{
    const QString data = qEnvironmentVariable("SPIKESTUDIO_DATA");
    if (data.isEmpty() || !QFile::exists(data + QStringLiteral("/mnist/train-images-idx3-ubyte")))
        QSKIP("the MNIST digits of the set-up are not present (SPIKESTUDIO_DATA)");
    app::GradientTrainingWindow window;
    app::GradientTrainingWindow::Settings s;
    s.data = data + QStringLiteral("/mnist");
    s.train = 640;
    s.test = 200;
    s.hidden = 30;
    s.epochs = 2;
    s.batch = 64;
    window.setSettings(s);
    window.show();
    window.start();
    QTRY_VERIFY_WITH_TIMEOUT(!window.running(), 60000);
    QCoreApplication::processEvents();
    QVERIFY2(window.status().startsWith(QStringLiteral("done")), qPrintable(window.status()));

    // The same training headless: 10 batches per epoch, 2 epochs.
    sim::train::SurrogateConfig config;
    config.hidden = 30;
    config.learningRate = s.learningRate;
    const auto train = app::loadLatencySamples(s.data, QStringLiteral("train"), s.train, config);
    const auto test = app::loadLatencySamples(s.data, QStringLiteral("t10k"), s.test, config);
    sim::train::SurrogateNetwork net(config);
    sim::Rng rng(config.seed, 0x600000000ull);
    std::vector<double> losses;
    for (int epoch = 0; epoch < 2; ++epoch)
        sim::train::trainEpoch(net, train, s.batch, rng, [&](const sim::train::BatchResult& r, std::size_t) {
            losses.push_back(r.loss);
            return true;
        });
    const widgets::AccuracyView* curves = window.curves();
    QCOMPARE(curves->lossPointCount(), 20);
    for (int k = 0; k < 20; ++k) {
        QCOMPARE(curves->lossPoint(k).y(), losses[static_cast<std::size_t>(k)]);
        QCOMPARE(curves->lossPoint(k).x(), 64.0 * (k + 1));
    }
    QVERIFY(curves->lossPoint(19).y() < curves->lossPoint(0).y()); // it learns
    const auto result = net.evaluate(test);
    QCOMPARE(curves->pointCount(QStringLiteral("test")), 2);
    QCOMPARE(curves->point(QStringLiteral("test"), 1).y(), 100.0 * result.correct / result.count);
    QCOMPARE(window.network()->w1(), net.w1());
    QCOMPARE(window.fields()->fieldCount(), 30);
    QCOMPARE(window.fields()->fieldHeight(), 28);
    qInfo("live surrogate-gradient run: loss %.3f -> %.3f, test %.1f %% after 2 epochs of 640 digits",
          losses.front(), losses.back(), 100.0 * result.correct / result.count);
    QDir().mkpath(QStringLiteral("artefacts"));
    window.grab().save(QStringLiteral("artefacts/gradient_window.png"));
}

void TestGradientWindow::missingDataIsReported()
{
    app::GradientTrainingWindow window;
    app::GradientTrainingWindow::Settings s;
    s.data = QDir::tempPath() + QStringLiteral("/no-such-dataset");
    window.setSettings(s);
    window.start();
    QTRY_VERIFY_WITH_TIMEOUT(!window.running(), 10000);
    QCoreApplication::processEvents();
    QVERIFY2(window.status().contains(QStringLiteral("train-images-idx3-ubyte")), qPrintable(window.status()));
    QVERIFY(window.network() == nullptr || window.curves()->lossPointCount() == 0);
}

QTEST_MAIN(TestGradientWindow)
#include "test_gradient_window.moc"
