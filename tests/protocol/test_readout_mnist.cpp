// Readouts on the spike counts of the bundled Diehl & Cook network (100 excitatory neurons) after a
// short fixed-seed training on real MNIST digits (1,000 to train, the same 1,000 to fit the readouts,
// 500 held-out test digits; the protocol of test_diehl_cook_mnist). The three readouts see exactly the
// same counts, so the comparison is between readouts, not between runs.
//
// The class vote uses each neuron only through its preferred class; a linear readout weighs every
// neuron's count for every class, so it also uses how much a "3" neuron fires for an "8" - Diehl & Cook
// (2015) and later reproductions report linear readouts above the vote for small networks.
// Measured (seed 1; the engine is deterministic): vote 70.6 % (as test_diehl_cook_mnist), ridge
// (lambda 1) 77.0 %, linear SVM (C 1) 74.8 %, on the same 500 test digits.
// Checked: each linear readout beats the vote by at least 3 points (15 of the 500 digits; the measured
// margins are 6.4 and 4.2 points, so the floor leaves 1.2 points for changes in the solvers' rounding
// while a readout that ignored the cross-class information would fall to the vote or below), and the
// vote keeps the 65 % floor of test_diehl_cook_mnist.
#include "app/DocumentIo.h"
#include "models/Catalogue.h"
#include "models/GraphCompiler.h"
#include "models/Protocol.h"
#include "models/readouts/AssignmentReadout.h"
#include "models/readouts/RidgeReadout.h"
#include "models/readouts/SvmReadout.h"

#include <QFile>
#include <QTest>

using namespace ss;

class TestReadoutMnist : public QObject {
    Q_OBJECT
private slots:
    void linearReadoutsBeatTheVote();
};

void TestReadoutMnist::linearReadoutsBeatTheVote()
{
    const QByteArray data = qgetenv("SPIKESTUDIO_DATA");
    if (data.isEmpty() || !QFile::exists(QString::fromUtf8(data) + QStringLiteral("/mnist/train-images-idx3-ubyte")))
        QSKIP("the MNIST digits of the set-up are not present (SPIKESTUDIO_DATA)");
    app::Document doc = app::readDocument(QStringLiteral(SPIKESTUDIO_SOURCE_DIR "/resources/experiments/diehl_cook_100.json"));
    models::ExperimentProtocol protocol = *doc.graph.experiment.protocol;
    protocol.settings.trainCount = 1000;
    protocol.settings.labelCount = 1000;
    protocol.settings.testCount = 500;
    models::GraphCompiler compiler(doc.graph, models::catalogue());
    models::CompiledNetwork net = compiler.compile();
    models::ProtocolRunner runner(net, protocol.readoutLayer, protocol.settings, protocol.testSource, protocol.trainSource);
    models::ProtocolResult trained;
    runner.train(trained);
    net.network->setLearning(false);

    // The label and test phases of the protocol, keeping every sample's counts.
    auto collect = [&](const models::DataSource& source, std::size_t offset, std::size_t n, std::vector<int>& labels) {
        Eigen::ArrayXXd counts(static_cast<Eigen::Index>(n), runner.readoutPopulation().size());
        for (std::size_t k = 0; k < n; ++k) {
            counts.row(static_cast<Eigen::Index>(k)) = runner.show(source, offset + k, true).transpose();
            labels.push_back(source.label(offset + k));
        }
        return counts;
    };
    std::vector<int> labelY, testY;
    const Eigen::ArrayXXd labelX = collect(runner.trainSource(), 0, runner.labelCount(), labelY);
    const Eigen::ArrayXXd testX = collect(runner.testSource(), runner.testOffset(), runner.testCount(), testY);
    QCOMPARE(testX.rows(), Eigen::Index{500});

    auto accuracy = [&](models::Readout& r) {
        r.fit(labelX, labelY);
        int correct = 0;
        for (Eigen::Index k = 0; k < testX.rows(); ++k) correct += r.predict(testX.row(k).transpose()) == testY[static_cast<std::size_t>(k)];
        return static_cast<double>(correct) / static_cast<double>(testX.rows());
    };
    const int classes = runner.classes();
    const Eigen::Index n = runner.readoutPopulation().size();
    models::AssignmentReadout vote(n, classes);
    models::RidgeReadout ridge(n, classes, 1.0);
    models::SvmReadout svm(n, classes, 1.0);
    const double v = accuracy(vote), r = accuracy(ridge), s = accuracy(svm);
    qInfo("Diehl & Cook, 100 neurons, 1,000 digits: vote %.1f %%, ridge %.1f %%, linear SVM %.1f %% on 500 test digits", 100 * v,
          100 * r, 100 * s);
    QVERIFY2(v >= 0.65, qPrintable(QString::number(v)));
    QVERIFY2(r >= v + 0.03, qPrintable(QStringLiteral("ridge %1, vote %2").arg(r).arg(v)));
    QVERIFY2(s >= v + 0.03, qPrintable(QStringLiteral("SVM %1, vote %2").arg(s).arg(v)));
}

QTEST_APPLESS_MAIN(TestReadoutMnist)
#include "test_readout_mnist.moc"
