// Saved training state (models/TrainingState.h, app/TrainingStateFile.h) on a small Diehl & Cook
// network read by a ridge readout node: 20 excitatory neurons, 40 MNIST digits to train, 40 to label,
// 30 to test.
//  - the test of a loaded state gives the accuracy and confusion matrix of the training run exactly,
//    and the weights and thresholds come back bit for bit;
//  - the file encoding round-trips byte for byte;
//  - a state saved for another version of the document, a file that is not a state, a truncated one
//    and one with a changed byte (its CRC-32) are refused with a message naming the file; a version 1
//    file, from before the checksum, is still read;
//  - the command line saves FILE.state after a protocol and `--test-only` prints the same accuracy.
#include "app/CommandLine.h"
#include "app/DocumentIo.h"
#include "app/TrainingStateFile.h"
#include "models/Catalogue.h"
#include "models/GraphCompiler.h"
#include "models/Protocol.h"
#include "models/TrainingState.h"
#include "models/neurons/LifPopulation.h"
#include "sim/DenseProjection.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>

using namespace ss;

namespace {

bool haveMnist()
{
    const QByteArray data = qgetenv("SPIKESTUDIO_DATA");
    return !data.isEmpty() && QFile::exists(QString::fromUtf8(data) + QStringLiteral("/mnist/train-images-idx3-ubyte"));
}

// The bundled 100-neuron document shrunk to 20 neurons, with a ridge readout node on its layer.
app::Document smallDocument()
{
    app::Document doc = app::readDocument(QStringLiteral(SPIKESTUDIO_SOURCE_DIR "/resources/experiments/diehl_cook_100.json"));
    doc.graph.find("exc")->params["size"] = std::int64_t{20};
    doc.graph.find("inh")->params["size"] = std::int64_t{20};
    doc.graph.nodes.push_back({"ridge", "readout.ridge", {{"lambda", 1.0}}, 0, 0});
    doc.graph.wires.push_back({{"exc", "out"}, {"ridge", "spikes"}});
    auto& s = doc.graph.experiment.protocol->settings;
    s.trainCount = 40;
    s.labelCount = 40;
    s.testCount = 30;
    return doc;
}

models::ProtocolRunner makeRunner(models::CompiledNetwork& net, const models::ExperimentProtocol& p)
{
    return models::ProtocolRunner(net, p.readoutLayer, p.settings, p.testSource, p.trainSource);
}

} // namespace

class TestTrainingState : public QObject {
    Q_OBJECT
private slots:
    void init()
    {
        if (!haveMnist()) QSKIP("the MNIST digits of the set-up are not present (SPIKESTUDIO_DATA)");
    }
    void loadedStateTestsTheSame();
    void staleStateIsRefused();
    void badFilesAreRefused();
    void commandLineSavesAndTestsOnly();

private:
    QTemporaryDir m_dir;
};

void TestTrainingState::loadedStateTestsTheSame()
{
    const app::Document doc = smallDocument();
    const auto& protocol = *doc.graph.experiment.protocol;
    const std::uint64_t hash = models::graphHash(doc.graph);

    models::GraphCompiler first(doc.graph, models::catalogue());
    models::CompiledNetwork trained = first.compile();
    models::ProtocolRunner runner = makeRunner(trained, protocol);
    QCOMPARE(runner.readoutNode(), std::string("ridge"));
    models::TrainingState state;
    runner.setAfterLabel([&] { state = models::captureState(trained, runner, hash); });
    const models::ProtocolResult want = runner.run();
    QCOMPARE(want.readout, std::string("readout.ridge"));
    QCOMPARE(want.tested, std::size_t{30});
    QCOMPARE(state.weights.size(), std::size_t{1}); // input_exc, the one plastic projection
    QCOMPARE(state.theta.count("exc"), std::size_t{1});

    const std::vector<char> bytes = models::encodeState(state);
    const models::TrainingState back = models::decodeState(bytes.data(), bytes.size(), "memory");
    QVERIFY(models::encodeState(back) == bytes);

    models::GraphCompiler second(doc.graph, models::catalogue());
    models::CompiledNetwork fresh = second.compile();
    models::ProtocolRunner tester = makeRunner(fresh, protocol);
    models::applyState(back, hash, fresh, tester);
    const auto& w = static_cast<sim::DenseProjection*>(fresh.projections.at("input_exc"))->weights();
    const auto& saved = state.weights.at("input_exc");
    QCOMPARE(static_cast<std::size_t>(w.size()), saved.size());
    QVERIFY(std::memcmp(w.data(), saved.data(), saved.size() * sizeof(float)) == 0);
    const auto& theta = static_cast<models::LifPopulation*>(fresh.populations.at("exc"))->theta();
    QVERIFY(std::memcmp(theta.data(), state.theta.at("exc").data(), state.theta.at("exc").size() * sizeof(double)) == 0);
    QVERIFY(theta.maxCoeff() > 0.0); // training raised the thresholds: there was something to restore

    const models::ProtocolResult got = tester.runTest();
    qInfo("ridge readout, 20 neurons: %.3f after training, %.3f from the loaded state", want.accuracy, got.accuracy);
    QCOMPARE(got.tested, want.tested);
    QCOMPARE(got.correct, want.correct);
    QCOMPARE(got.accuracy, want.accuracy);
    QVERIFY((got.confusion == want.confusion).all());
}

void TestTrainingState::staleStateIsRefused()
{
    app::Document doc = smallDocument();
    const auto& protocol = *doc.graph.experiment.protocol;
    models::GraphCompiler compiler(doc.graph, models::catalogue());
    models::CompiledNetwork net = compiler.compile();
    models::ProtocolRunner runner = makeRunner(net, protocol);
    models::TrainingState state = models::captureState(net, runner, models::graphHash(doc.graph));

    // Moving a node leaves the network as it was; a parameter does not.
    doc.graph.find("exc")->x += 100;
    QCOMPARE(models::graphHash(doc.graph), state.documentHash);
    doc.graph.find("exc")->params["tau_m"] = 90.0;
    QVERIFY(models::graphHash(doc.graph) != state.documentHash);
    try {
        models::applyState(state, models::graphHash(doc.graph), net, runner);
        QFAIL("a stale state was applied");
    } catch (const models::StateError& e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("stale")), e.what());
    }
}

void TestTrainingState::badFilesAreRefused()
{
    const QString path = m_dir.filePath(QStringLiteral("bad.state"));
    auto expectRefused = [&](const QByteArray& content, const QString& words) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(content);
        f.close();
        try {
            app::loadTrainingState(path);
            QFAIL("a bad state was read");
        } catch (const app::DocumentError& e) {
            QCOMPARE(e.file, path);
            QVERIFY2(e.message.contains(words), qPrintable(e.message));
        }
    };
    expectRefused("{\"format\": \"spikestudio\"}", QStringLiteral("not a SpikeStudio training state"));
    models::TrainingState state;
    state.weights["syn"] = {1.0f, 2.0f, 3.0f};
    const std::vector<char> bytes = models::encodeState(state);
    expectRefused(QByteArray(bytes.data(), static_cast<qsizetype>(bytes.size()) - 5), QStringLiteral("damaged"));
    // One weight's byte changed: the CRC-32 at the end no longer matches.
    QByteArray flipped(bytes.data(), static_cast<qsizetype>(bytes.size()));
    flipped[flipped.size() - 12] = static_cast<char>(flipped[flipped.size() - 12] ^ 0x40);
    expectRefused(flipped, QStringLiteral("damaged"));
    {
        // A version 1 file, written before the checksum, is still read.
        QByteArray v1(bytes.data(), static_cast<qsizetype>(bytes.size()) - 4);
        v1[8] = 1;
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(v1);
        f.close();
        QCOMPARE(app::loadTrainingState(path).weights.at("syn"), state.weights.at("syn"));
    }
    QByteArray newer(bytes.data(), static_cast<qsizetype>(bytes.size()));
    newer[8] = 9; // the version, after the 8-byte magic
    expectRefused(newer, QStringLiteral("newer"));
    try {
        app::loadTrainingState(m_dir.filePath(QStringLiteral("missing.state")));
        QFAIL("a missing state was read");
    } catch (const app::DocumentError& e) {
        QVERIFY(e.message.contains(QStringLiteral("run the protocol")));
    }
}

void TestTrainingState::commandLineSavesAndTestsOnly()
{
    const QString file = m_dir.filePath(QStringLiteral("small.json"));
    app::saveDocument(smallDocument(), file);
    auto run = [](const QStringList& args, QString* output) {
        QString out, err;
        QTextStream o(&out), e(&err);
        const int code = app::runCommandLine(args, o, e);
        o.flush();
        e.flush();
        *output = out + err;
        return code;
    };
    static const QRegularExpression accuracyLine(QStringLiteral("test accuracy ([0-9.]+) % \\(([0-9]+) of 30"));
    QString trainedOut, testedOut, staleOut;
    QCOMPARE(run({QStringLiteral("run"), file}, &trainedOut), 0);
    const QString statePath = app::trainingStatePath(file);
    QVERIFY2(trainedOut.contains(QStringLiteral("wrote ") + statePath), qPrintable(trainedOut));
    QCOMPARE(run({QStringLiteral("run"), file, QStringLiteral("--test-only")}, &testedOut), 0);
    const auto want = accuracyLine.match(trainedOut), got = accuracyLine.match(testedOut);
    QVERIFY2(want.hasMatch() && got.hasMatch(), qPrintable(trainedOut + testedOut));
    QCOMPARE(got.captured(2), want.captured(2));
    QVERIFY2(!testedOut.contains(QStringLiteral("trained on")), qPrintable(testedOut));
    QCOMPARE(run({QStringLiteral("run"), file, QStringLiteral("--test-only"), QStringLiteral("--set"), QStringLiteral("exc.tau_m=90")},
                 &staleOut),
             2);
    QVERIFY2(staleOut.contains(statePath) && staleOut.contains(QStringLiteral("stale")), qPrintable(staleOut));
}

QTEST_GUILESS_MAIN(TestTrainingState)
#include "test_training_state.moc"
