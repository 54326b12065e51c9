#include "app/GradientCommand.h"

#include "models/encoders/IdxReader.h"
#include "sim/Random.h"
#include "sim/train/SurrogateGradient.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <chrono>
#include <stdexcept>

namespace ss::app {

namespace {

// "<dir>/<name>" or "<dir>/<name>.gz", whichever exists (the reader names the file if neither does).
std::string idxFile(const QString& dir, const QString& name)
{
    const QString plain = QDir(dir).filePath(name);
    return (QFileInfo::exists(plain) || !QFileInfo::exists(plain + QStringLiteral(".gz")) ? plain : plain + QStringLiteral(".gz"))
        .toStdString();
}

} // namespace

std::vector<sim::train::SpikeSample> loadLatencySamples(const QString& dir, const QString& prefix, int count,
                                                        const sim::train::SurrogateConfig& c)
{
    const auto d = models::loadIdxDataset(idxFile(dir, prefix + QStringLiteral("-images-idx3-ubyte")),
                                          idxFile(dir, prefix + QStringLiteral("-labels-idx1-ubyte")),
                                          static_cast<std::size_t>(count));
    const auto pixels = static_cast<int>(d.rows * d.cols);
    if (pixels != c.inputs)
        throw models::IdxError(idxFile(dir, prefix + QStringLiteral("-images-idx3-ubyte")) + ": images of " +
                               std::to_string(d.rows) + "x" + std::to_string(d.cols) + " pixels, expected 28x28");
    std::vector<sim::train::SpikeSample> samples;
    samples.reserve(d.n);
    for (std::size_t i = 0; i < d.n; ++i) {
        if (d.labels[i] >= c.outputs)
            throw models::IdxError(idxFile(dir, prefix + QStringLiteral("-labels-idx1-ubyte")) + ": label " +
                                   std::to_string(d.labels[i]) + " of sample " + std::to_string(i) + " is not below 10");
        samples.push_back(sim::train::latencyCode(&d.pixels[i * pixels], pixels, d.labels[i], c.steps, c.dt));
    }
    return samples;
}

namespace {

double number(const QString& option, const QString& text, double lo, double hi)
{
    bool ok = false;
    const double v = text.toDouble(&ok);
    if (!ok || !(v >= lo && v <= hi))
        throw std::invalid_argument(option.toStdString() + " expects a number from " + QString::number(lo).toStdString() +
                                    " to " + QString::number(hi).toStdString() + ", not '" + text.toStdString() + "'");
    return v;
}

} // namespace

int trainGradientCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    QString data = QStringLiteral("${DATA}/mnist"), outDir;
    int trainCount = 0, testCount = 0, epochs = 5, batch = 64;
    sim::train::SurrogateConfig config;
    config.learningRate = 2e-3;
    for (int i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        if (i + 1 >= args.size()) throw std::invalid_argument(a.toStdString() + " needs a value");
        const QString v = args[++i];
        if (a == QStringLiteral("--data")) data = v;
        else if (a == QStringLiteral("--out")) outDir = v;
        else if (a == QStringLiteral("--train")) trainCount = static_cast<int>(number(a, v, 1, 1e7));
        else if (a == QStringLiteral("--test")) testCount = static_cast<int>(number(a, v, 1, 1e7));
        else if (a == QStringLiteral("--hidden")) config.hidden = static_cast<int>(number(a, v, 1, 100000));
        else if (a == QStringLiteral("--steps")) config.steps = static_cast<int>(number(a, v, 1, 100000));
        else if (a == QStringLiteral("--epochs")) epochs = static_cast<int>(number(a, v, 1, 100000));
        else if (a == QStringLiteral("--batch")) batch = static_cast<int>(number(a, v, 1, 1e6));
        else if (a == QStringLiteral("--lr")) config.learningRate = number(a, v, 1e-9, 10);
        else if (a == QStringLiteral("--seed")) config.seed = static_cast<std::uint64_t>(number(a, v, 0, 9e15));
        else throw std::invalid_argument("unknown option " + a.toStdString());
    }
    const QString dir = QString::fromStdString(models::expandDataPath(data.toStdString()));
    std::vector<sim::train::SpikeSample> train, test;
    try {
        train = loadLatencySamples(dir, QStringLiteral("train"), trainCount, config);
        test = loadLatencySamples(dir, QStringLiteral("t10k"), testCount, config);
    } catch (const models::IdxError& e) {
        err << "error: " << e.what() << '\n';
        return 2;
    }
    out << QStringLiteral("surrogate-gradient SNN 784-%1-10, %2 steps of %3 ms: %4 training and %5 test samples from %6\n")
               .arg(config.hidden).arg(config.steps).arg(config.dt * 1e3).arg(train.size()).arg(test.size()).arg(dir);
    QFile csv;
    if (!outDir.isEmpty()) {
        QDir().mkpath(outDir);
        csv.setFileName(QDir(outDir).filePath(QStringLiteral("gradient_curves.csv")));
        if (!csv.open(QIODevice::WriteOnly | QIODevice::Text)) {
            err << "error: cannot write " << csv.fileName() << '\n';
            return 1;
        }
        csv.write("epoch,samples_seen,train_loss,train_accuracy,test_loss,test_accuracy,samples_per_second\n");
    }
    sim::train::SurrogateNetwork net(config);
    sim::Rng rng(config.seed, 0x600000000ull);
    for (int epoch = 1; epoch <= epochs; ++epoch) {
        const auto start = std::chrono::steady_clock::now();
        const auto tr = sim::train::trainEpoch(net, train, batch, rng);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const auto te = net.evaluate(test);
        const double trainAcc = 100.0 * tr.correct / std::max(1, tr.count);
        const double testAcc = 100.0 * te.correct / std::max(1, te.count);
        out << QStringLiteral("epoch %1: loss %2, training %3 %, test %4 % (%5 samples/s)\n")
                   .arg(epoch).arg(tr.loss, 0, 'f', 4).arg(trainAcc, 0, 'f', 2).arg(testAcc, 0, 'f', 2)
                   .arg(train.size() / seconds, 0, 'f', 0);
        out.flush();
        if (csv.isOpen())
            csv.write(QStringLiteral("%1,%2,%3,%4,%5,%6,%7\n").arg(epoch).arg(static_cast<qulonglong>(epoch) * train.size())
                          .arg(tr.loss, 0, 'g', 8).arg(trainAcc / 100.0, 0, 'g', 8).arg(te.loss, 0, 'g', 8)
                          .arg(testAcc / 100.0, 0, 'g', 8).arg(train.size() / seconds, 0, 'f', 1).toUtf8());
    }
    if (csv.isOpen()) out << "wrote " << csv.fileName() << '\n';
    return 0;
}

} // namespace ss::app
