// A short, fixed-seed run of the bundled spiking convolutional network of Kheradpisheh et al. (2018)
// (resources/experiments/kheradpisheh_mnist.json: DoG on/off, conv1 30@5x5, pool 2x2, conv2 100@5x5,
// linear SVM C 2.4 on the largest final potential in each quarter of every conv2 map, with the paper's
// thresholds 15 and 10 instead of the document's 10 and 20 and pool_grid 3) on real MNIST digits, so
// that a regression in the first-spike STDP, the convolution and pooling synapses, the local
// inhibition or the potential readout fails CI: kTrain training digits, the same digits to fit the
// SVM, kTest digits of the held-out split.
//
// Three runs of kTrain digits:
//   potential    the document: conv2 fires only while learning (layer.if fire = learning), and the SVM
//                reads the largest final potential in each quarter of its 100 maps (the paper's readout
//                of potentials, pooled per quarter: readout pooling map_max, pool_grid 2);
//   first_spike  the same training, but conv2 fires at test too and the SVM reads, with the same pooling,
//                how early each map fired first (the document's readout before the potential readout);
//   random       the potential readout with the kernels frozen at their random initial values.
// Measured (seed 1; the engine is deterministic), 600 digits, 400 test digits: potential 86.50 %,
// first spike 81.75 %, random kernels 72.25 %. Chance is 10 %. (The document, 8,000 digits, reaches 96.0 %
// on the 2,000 test digits with these thresholds and pooling, 97.0 % with its own. With its own, the
// first-spike readout of this short run, 91.25 %, beats the potentials, 87.25 %, though not after 8,000
// digits, 89.9 % against 97.0 %; the comparison is made at the paper's values.)
// Checked: potential at least 82 % (4.5 points, 18 digits, under the measurement); at least 2.5 points
// (10 digits) above the first-spike readout (measured 4.75): a potential readout that reads nothing or
// the potentials of neurons reset by firing falls to or below the spike readout; and at least 8 points
// above the random kernels (measured 14.25): broken plasticity leaves the kernels random.
#include "app/DocumentIo.h"
#include "models/Protocol.h"
#include "tests/protocol/MnistTestSupport.h"

#include <QTest>

using namespace ss;

namespace {

constexpr std::size_t kTrain = 600, kTest = 400;

enum class Mode { Potential, FirstSpike, Random };

double accuracy(Mode mode)
{
    app::Document doc = app::readDocument(QStringLiteral(SPIKESTUDIO_SOURCE_DIR "/resources/experiments/kheradpisheh_mnist.json"));
    models::ExperimentProtocol protocol = *doc.graph.experiment.protocol;
    protocol.settings.trainCount = kTrain;
    protocol.settings.labelCount = kTrain;
    protocol.settings.testCount = kTest;
    protocol.settings.epochs = 1;
    // The document trains the layers one after the other; a run this short trains both on all its digits.
    doc.graph.find("stdp1")->params["learn_until"] = std::int64_t{0};
    doc.graph.find("stdp2")->params["learn_from"] = std::int64_t{0};
    doc.graph.find("conv1")->params["v_th"] = 15.0;
    doc.graph.find("conv2")->params["v_th"] = 10.0;
    doc.graph.find("svm")->params["pool_grid"] = std::int64_t{2};
    if (mode == Mode::FirstSpike) {
        doc.graph.find("conv2")->params["fire"] = std::string("always");
        doc.graph.find("svm")->params["feature"] = std::string("first_spike");
    }
    return test::trainLabelTest(doc.graph, protocol, mode != Mode::Random, kTest);
}

} // namespace

class TestKheradpishehMnist : public QObject {
    Q_OBJECT
private slots:
    void potentialReadoutBeatsSpikesAndRandomKernels();
};

void TestKheradpishehMnist::potentialReadoutBeatsSpikesAndRandomKernels()
{
    if (!test::mnistPresent())
        QSKIP("the MNIST digits of the set-up are not present (SPIKESTUDIO_DATA)");
    const double potential = accuracy(Mode::Potential), firstSpike = accuracy(Mode::FirstSpike),
                 random = accuracy(Mode::Random);
    qInfo("Kheradpisheh 2018 network, %zu MNIST digits, %zu test digits: potential readout %.2f %%, first-spike "
          "readout %.2f %%, random kernels %.2f %%",
          kTrain, kTest, 100.0 * potential, 100.0 * firstSpike, 100.0 * random);
    QVERIFY2(potential >= 0.0 && firstSpike >= 0.0 && random >= 0.0, "not every test digit was classified");
    QVERIFY2(potential >= 0.82, qPrintable(QString::number(potential)));
    QVERIFY2(potential >= firstSpike + 0.025,
             qPrintable(QStringLiteral("potential %1, first spike %2").arg(potential).arg(firstSpike)));
    QVERIFY2(potential >= random + 0.08, qPrintable(QStringLiteral("potential %1, random kernels %2").arg(potential).arg(random)));
}

QTEST_APPLESS_MAIN(TestKheradpishehMnist)
#include "test_kheradpisheh_mnist.moc"
