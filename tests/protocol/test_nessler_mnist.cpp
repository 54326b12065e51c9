// A short, fixed-seed run of the bundled stochastic winner-take-all network of Nessler et al. (2013)
// (resources/experiments/nessler_mnist.json: binarised on/off Poisson input, 100 softmax neurons at
// 200 Hz, the rule of Eq. 2 with learned excitabilities, vote readout) on real MNIST digits, so that a
// regression in the layer, the rule or the on/off encoder fails CI: kTrain training digits, the same
// digits to assign the neurons, kTest digits of the held-out split.
//
// The same network is also run with the rule frozen at its initial weights (all -1.1, so every neuron
// is alike and the vote is chance; the neurons are assigned and tested the same way): the rule must be
// what lifts the accuracy.
// Measured (seed 1; the engine is deterministic), 1,000 digits, 500 test digits: after learning 73.6 %
// (the document, over 8,000 digits, reaches 83.85 % on the 2,000); chance is 10 %. Checked: after
// learning at least 68 % (5.6 points under the measurement, 28 of the 500 digits), and at least 40 points
// above the untrained circuit: a broken rule, layer or encoder leaves it near chance and fails both.
#include "app/DocumentIo.h"
#include "models/Protocol.h"
#include "tests/protocol/MnistTestSupport.h"

#include <QTest>

using namespace ss;

namespace {

constexpr std::size_t kTrain = 1000, kTest = 500;

double accuracy(bool learn)
{
    app::Document doc = app::readDocument(QStringLiteral(SPIKESTUDIO_SOURCE_DIR "/resources/experiments/nessler_mnist.json"));
    models::ExperimentProtocol protocol = *doc.graph.experiment.protocol;
    protocol.settings.trainCount = kTrain;
    protocol.settings.labelCount = kTrain;
    protocol.settings.testCount = kTest;
    protocol.settings.epochs = 1;
    return test::trainLabelTest(doc.graph, protocol, learn, kTest);
}

} // namespace

class TestNesslerMnist : public QObject {
    Q_OBJECT
private slots:
    void learnedComponentsBeatUntrained();
};

void TestNesslerMnist::learnedComponentsBeatUntrained()
{
    if (!test::mnistPresent())
        QSKIP("the MNIST digits of the set-up are not present (SPIKESTUDIO_DATA)");
    const double random = accuracy(false), trained = accuracy(true);
    qInfo("Nessler 2013 network, %zu MNIST digits: untrained %.2f %%, after learning %.2f %% on %zu test digits",
          kTrain, 100.0 * random, 100.0 * trained, kTest);
    QVERIFY2(trained >= 0.0 && random >= 0.0, "not every test digit was classified");
    QVERIFY2(trained >= 0.68, qPrintable(QString::number(trained)));
    QVERIFY2(trained >= random + 0.40, qPrintable(QStringLiteral("after learning %1, untrained %2").arg(trained).arg(random)));
}

QTEST_APPLESS_MAIN(TestNesslerMnist)
#include "test_nessler_mnist.moc"
