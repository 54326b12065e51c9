// Surrogate-gradient training (sim/train): the latency code, the exact readout gradient, and learning
// on real MNIST digits.
#include "models/encoders/IdxReader.h"
#include "sim/Random.h"
#include "sim/train/SurrogateGradient.h"

#include <QFile>
#include <QTest>

#include <cmath>

using namespace ss;
using sim::train::SpikeSample;
using sim::train::SurrogateConfig;
using sim::train::SurrogateNetwork;

namespace {

struct Digits {
    std::vector<SpikeSample> train, test;
};

Digits loadDigits(int trainCount, int testCount, const SurrogateConfig& c)
{
    const std::string dir = models::expandDataPath("${DATA}/mnist/");
    const auto tr = models::loadIdxDataset(dir + "train-images-idx3-ubyte", dir + "train-labels-idx1-ubyte", trainCount);
    const auto te = models::loadIdxDataset(dir + "t10k-images-idx3-ubyte", dir + "t10k-labels-idx1-ubyte", testCount);
    Digits d;
    for (std::size_t i = 0; i < tr.n; ++i)
        d.train.push_back(sim::train::latencyCode(&tr.pixels[i * 784], 784, tr.labels[i], c.steps, c.dt));
    for (std::size_t i = 0; i < te.n; ++i)
        d.test.push_back(sim::train::latencyCode(&te.pixels[i * 784], 784, te.labels[i], c.steps, c.dt));
    return d;
}

bool haveDigits()
{
    return QFile::exists(QString::fromStdString(models::expandDataPath("${DATA}/mnist/train-images-idx3-ubyte")));
}

// A sample whose 40 inputs all fire early, so the hidden layer spikes and the readout moves.
SpikeSample denseSample(int label)
{
    SpikeSample s;
    s.label = label;
    for (int i = 0; i < 40; ++i) s.events.emplace_back(i % 5, 3 * i + label);
    return s;
}

} // namespace

class TestSurrogateGradient : public QObject {
    Q_OBJECT
private slots:
    void latencyCodeFollowsTheLeakyIntegrator();
    void readoutGradientEqualsFiniteDifferences();
    void inputGradientTouchesOnlyInputsThatFired();
    void learnsMnistDigits();
};

void TestSurrogateGradient::latencyCodeFollowsTheLeakyIntegrator()
{
    // t = tau_eff ln(x / (x - 0.2)), tau_eff 20 ms, dt 1 ms: x = 1 -> 4.46 ms (step 4); x = 0.5 -> 10.2 ms
    // (step 10); x = 0.21 -> 60.9 ms (step 60); x <= 0.2 never fires.
    const std::uint8_t pixels[5] = {255, 128, 54, 51, 0}; // x = 1, 0.502, 0.2118, 0.2, 0
    const SpikeSample s = sim::train::latencyCode(pixels, 5, 3, 100, 1e-3);
    QCOMPARE(s.label, 3);
    QCOMPARE(s.events.size(), std::size_t(3));
    QCOMPARE(s.events[0], std::make_pair(4, 0));
    QCOMPARE(s.events[1], std::make_pair(static_cast<int>(20.0 * std::log(0.50196 / 0.30196)), 1));
    QCOMPARE(s.events[1].first, 10);
    QCOMPARE(s.events[2].first, static_cast<int>(20.0 * std::log((54 / 255.0) / (54 / 255.0 - 0.2))));
    // Fewer steps drop the late spike.
    QCOMPARE(sim::train::latencyCode(pixels, 5, 3, 20, 1e-3).events.size(), std::size_t(2));
}

void TestSurrogateGradient::readoutGradientEqualsFiniteDifferences()
{
    // The readout is a smooth function of W2 (the hidden spikes do not depend on W2, the maximum over
    // time is locally fixed), so its backpropagated gradient is exact: central differences with
    // h = 1e-6 agree to about h^2 times the third derivative, far below the 1e-6 tolerance.
    SurrogateConfig c;
    c.inputs = 200;
    c.hidden = 30;
    c.outputs = 4;
    c.steps = 40;
    c.weightScale = 40.0; // enough drive for hidden spikes
    SurrogateNetwork net(c);
    const SpikeSample a = denseSample(1), b = denseSample(2);
    const std::vector<const SpikeSample*> batch{&a, &b};
    QVERIFY(net.hiddenSpikes(a) > 10);
    SurrogateNetwork::Matrix g1, g2, unused1, unused2;
    const double loss = net.gradients(batch, g1, g2).loss;
    QVERIFY(std::isfinite(loss) && loss > 0.0);
    const double h = 1e-6;
    for (int j : {0, 7, 19, 29})
        for (int k = 0; k < c.outputs; ++k) {
            const double w = net.w2()(j, k);
            net.w2()(j, k) = w + h;
            const double up = net.gradients(batch, unused1, unused2).loss;
            net.w2()(j, k) = w - h;
            const double down = net.gradients(batch, unused1, unused2).loss;
            net.w2()(j, k) = w;
            QVERIFY2(std::abs((up - down) / (2 * h) - g2(j, k)) < 1e-6,
                     qPrintable(QStringLiteral("dL/dW2(%1,%2): %3 vs %4").arg(j).arg(k).arg((up - down) / (2 * h)).arg(g2(j, k))));
        }
}

void TestSurrogateGradient::inputGradientTouchesOnlyInputsThatFired()
{
    SurrogateConfig c;
    c.inputs = 200;
    c.hidden = 30;
    c.outputs = 4;
    c.steps = 40;
    c.weightScale = 40.0;
    SurrogateNetwork net(c);
    const SpikeSample a = denseSample(1);
    SurrogateNetwork::Matrix g1, g2;
    net.gradients({&a}, g1, g2);
    std::vector<bool> fired(c.inputs, false);
    for (const auto& e : a.events) fired[e.second] = true;
    int nonzero = 0;
    for (int i = 0; i < c.inputs; ++i) {
        if (!fired[i]) QCOMPARE(g1.row(i).norm(), 0.0);
        else nonzero += g1.row(i).norm() > 0.0;
    }
    QVERIFY(nonzero > 30); // through the surrogate, nearly every input that fired gets a gradient
}

void TestSurrogateGradient::learnsMnistDigits()
{
    // 784-100-10 (SpyTorch's network) on 2,000 real training digits, 3 epochs, Adam 2e-3, batches of
    // 64, tested on the first 1,000 held-out digits. Measured: 86.2 % (deterministic: fixed seeds,
    // no threads). Untrained it scores about chance (10 %); a linear classifier on the pixels of
    // 2,000 digits reaches about 85-88 %. The floor, 80 %, fails if learning or its gradient breaks.
    // (The full 8,000 digits for 10 epochs reach 93.4 %, bench/ and the README.)
    if (!haveDigits()) QSKIP("the MNIST digits of the set-up are not present (SPIKESTUDIO_DATA)");
    SurrogateConfig c;
    c.learningRate = 2e-3;
    const Digits d = loadDigits(2000, 1000, c);
    SurrogateNetwork net(c);
    const auto before = net.evaluate(d.test);
    QVERIFY(before.correct < 300);
    sim::Rng rng(1, 7);
    double firstLoss = 0.0, lastLoss = 0.0;
    for (int epoch = 0; epoch < 3; ++epoch)
        (epoch == 0 ? firstLoss : lastLoss) = sim::train::trainEpoch(net, d.train, 64, rng).loss;
    const auto after = net.evaluate(d.test);
    qInfo("surrogate gradient, 2,000 digits x 3 epochs: loss %.3f -> %.3f, test %.1f %% (untrained %.1f %%)",
          firstLoss, lastLoss, 100.0 * after.correct / after.count, 100.0 * before.correct / before.count);
    QVERIFY(lastLoss < 0.5 * firstLoss);
    QVERIFY2(after.correct >= 800, qPrintable(QStringLiteral("%1 of 1000 correct").arg(after.correct)));
}

QTEST_GUILESS_MAIN(TestSurrogateGradient)
#include "test_surrogate_gradient.moc"
