// A short, fixed-seed run of the bundled spiking convolutional network of Kheradpisheh et al. (2018)
// (resources/experiments/kheradpisheh_mnist.json: DoG on/off, conv1 30@5x5, pool 2x2, conv2 100@5x5,
// global pooling, linear SVM C 2.4) on real MNIST digits, so that a regression in the first-spike STDP,
// the convolution and pooling synapses or the local inhibition fails CI: kTrain training digits,
// the same digits to fit the SVM, kTest digits of the held-out split.
//
// The same network is also run with its kernels frozen at their random initial values (learning
// off, the SVM fitted the same way): the STDP must be what lifts the accuracy.
// Measured (seed 1; the engine is deterministic), 600 digits, 400 test digits: random kernels 30.25 %,
// after STDP 63.00 % (the document, layer-wise over 8,000 digits, reaches 76 % on the 2,000). Chance is 10 %; the random kernels
// already separate some digits through the DoG edges they pool. Checked: after STDP at least 58 % (5
// points under the measurement, 20 of the 400 digits), and at least 20 points above the random kernels
// (measured 32.75): broken plasticity leaves the kernels random and fails both.
#include "app/DocumentIo.h"
#include "models/Catalogue.h"
#include "models/GraphCompiler.h"
#include "models/Protocol.h"

#include <QFile>
#include <QTest>

using namespace ss;

namespace {

constexpr std::size_t kTrain = 600, kTest = 400;

double accuracy(bool learn)
{
    app::Document doc = app::readDocument(QStringLiteral(SPIKESTUDIO_SOURCE_DIR "/resources/experiments/kheradpisheh_mnist.json"));
    models::ExperimentProtocol protocol = *doc.graph.experiment.protocol;
    protocol.settings.trainCount = kTrain;
    protocol.settings.labelCount = kTrain;
    protocol.settings.testCount = kTest;
    protocol.settings.epochs = 1;
    // The document trains the layers one after the other over 8,000 digits (4,000 each). A run this
    // short trains both layers on all its digits: split 300 / 300 it reaches 55.75 %, joint 63 %.
    doc.graph.find("stdp1")->params["learn_until"] = std::int64_t{0};
    doc.graph.find("stdp2")->params["learn_from"] = std::int64_t{0};
    models::GraphCompiler compiler(doc.graph, models::catalogue());
    models::CompiledNetwork net = compiler.compile();
    models::ProtocolRunner runner(net, protocol.readoutLayer, protocol.settings, protocol.testSource, protocol.trainSource);
    models::ProtocolResult result;
    if (learn) runner.train(result);
    net.network->setLearning(false);
    runner.label(result);
    runner.test(result);
    if (result.tested != kTest) return -1.0;
    return result.accuracy;
}

} // namespace

class TestKheradpishehMnist : public QObject {
    Q_OBJECT
private slots:
    void stdpFeaturesBeatRandomKernels();
};

void TestKheradpishehMnist::stdpFeaturesBeatRandomKernels()
{
    const QByteArray data = qgetenv("SPIKESTUDIO_DATA");
    if (data.isEmpty() || !QFile::exists(QString::fromUtf8(data) + QStringLiteral("/mnist/train-images-idx3-ubyte")))
        QSKIP("the MNIST digits of the set-up are not present (SPIKESTUDIO_DATA)");
    const double random = accuracy(false), trained = accuracy(true);
    qInfo("Kheradpisheh 2018 network, %zu MNIST digits: random kernels %.2f %%, after STDP %.2f %% on %zu test digits",
          kTrain, 100.0 * random, 100.0 * trained, kTest);
    QVERIFY2(trained >= 0.0 && random >= 0.0, "not every test digit was classified");
    QVERIFY2(trained >= 0.58, qPrintable(QString::number(trained)));
    QVERIFY2(trained >= random + 0.20, qPrintable(QStringLiteral("after STDP %1, random kernels %2").arg(trained).arg(random)));
}

QTEST_APPLESS_MAIN(TestKheradpishehMnist)
#include "test_kheradpisheh_mnist.moc"
