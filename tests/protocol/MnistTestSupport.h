#pragma once
// Shared by the short MNIST training tests of bundled documents: whether the set-up's digits are there,
// and one protocol run (train unless told not to, then label and test with learning frozen).
#include "models/Catalogue.h"
#include "models/GraphCompiler.h"
#include "models/Protocol.h"

#include <QByteArray>
#include <QFile>
#include <QString>

namespace ss::test {

inline bool mnistPresent()
{
    const QByteArray data = qgetenv("SPIKESTUDIO_DATA");
    return !data.isEmpty() && QFile::exists(QString::fromUtf8(data) + QStringLiteral("/mnist/train-images-idx3-ubyte"));
}

// The test accuracy of `graph` under `protocol`; -1 when not every one of `testCount` digits was tested.
inline double trainLabelTest(const models::Graph& graph, const models::ExperimentProtocol& protocol, bool train,
                             std::size_t testCount)
{
    models::GraphCompiler compiler(graph, models::catalogue());
    models::CompiledNetwork net = compiler.compile();
    models::ProtocolRunner runner(net, protocol.readoutLayer, protocol.settings, protocol.testSource, protocol.trainSource);
    models::ProtocolResult result;
    if (train) runner.train(result);
    net.network->setLearning(false);
    runner.label(result);
    runner.test(result);
    return result.tested == testCount ? result.accuracy : -1.0;
}

} // namespace ss::test
