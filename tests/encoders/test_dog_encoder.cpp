// Difference-of-Gaussians on/off filtering and its latency code (Kheradpisheh et al. 2018),
// checked against a difference of Gaussians computed here with explicit loops.
#include "models/encoders/DogEncoder.h"
#include "sim/Network.h"

#include <QtTest>

#include <cmath>

using namespace ss;
using namespace ss::models;

namespace {

// Normalised 1-D Gaussian of `window` taps: g_k = exp(-k^2 / (2 s^2)) / sum.
std::vector<double> gaussian(double s, int window)
{
    std::vector<double> g(static_cast<std::size_t>(window));
    double sum = 0.0;
    for (int k = 0; k < window; ++k) {
        const double d = k - (window - 1) / 2;
        sum += g[static_cast<std::size_t>(k)] = std::exp(-d * d / (2.0 * s * s));
    }
    for (auto& v : g) v /= sum;
    return g;
}

// The separable 2-D Gaussian filter with zero outside the image.
Eigen::ArrayXd blur(const Eigen::ArrayXd& image, int h, int w, double s, int window)
{
    const auto g = gaussian(s, window);
    const int r = (window - 1) / 2;
    Eigen::ArrayXd out = Eigen::ArrayXd::Zero(h * w);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            double acc = 0.0;
            for (int dy = -r; dy <= r; ++dy)
                for (int dx = -r; dx <= r; ++dx) {
                    const int yy = y + dy, xx = x + dx;
                    if (yy < 0 || yy >= h || xx < 0 || xx >= w) continue;
                    const double weight = g[static_cast<std::size_t>(dy + r)] * g[static_cast<std::size_t>(dx + r)];
                    acc += weight * image[yy * w + xx];
                }
            out[y * w + x] = acc;
        }
    return out;
}

// Fire step of every neuron over `steps` network steps (-1: silent); fails on a second spike.
std::vector<sim::Step> fireSteps(sim::Network& net, const sim::Population& pop, sim::Step steps)
{
    std::vector<sim::Step> fire(static_cast<std::size_t>(pop.size()), -1);
    for (sim::Step s = 0; s < steps; ++s) {
        net.step();
        for (sim::Index i : pop.spikes()) {
            if (fire[static_cast<std::size_t>(i)] >= 0) throw std::logic_error("a second spike");
            fire[static_cast<std::size_t>(i)] = s;
        }
    }
    return fire;
}

} // namespace

class TestDogEncoder : public QObject {
    Q_OBJECT
private slots:
    void matchesExplicitDifferenceOfGaussians_data();
    void matchesExplicitDifferenceOfGaussians();
    void brightDotGivesOnCentreOffSurround();
    void darkDotGivesOffCentre();
    void latencyByValue();
    void latencyByRank();
};

void TestDogEncoder::matchesExplicitDifferenceOfGaussians_data()
{
    QTest::addColumn<int>("height");
    QTest::addColumn<int>("width");
    QTest::addColumn<double>("s1");
    QTest::addColumn<double>("s2");
    QTest::addColumn<int>("window");
    QTest::newRow("Kheradpisheh: sigma 1 / 2, 7x7") << 12 << 10 << 1.0 << 2.0 << 7;
    QTest::newRow("MNIST size") << 28 << 28 << 1.0 << 2.0 << 7;
    QTest::newRow("5x5, sigma 0.8 / 1.6") << 9 << 13 << 0.8 << 1.6 << 5;
}

void TestDogEncoder::matchesExplicitDifferenceOfGaussians()
{
    QFETCH(int, height);
    QFETCH(int, width);
    QFETCH(double, s1);
    QFETCH(double, s2);
    QFETCH(int, window);
    sim::Rng rng(17, 0);
    Eigen::ArrayXd image(height * width);
    for (auto& v : image) v = rng.uniform();
    DogEncoder enc("dog", height, width, s1, s2, window, 30, 0.05, DogEncoder::Order::Value);
    QCOMPARE(enc.shape(), (sim::Shape{2, height, width}));
    enc.present(image);
    const Eigen::ArrayXd d = blur(image, height, width, s1, window) - blur(image, height, width, s2, window);
    const Eigen::ArrayXd& r = enc.responses();
    const int n = height * width;
    const double onError = (r.head(n) - d.max(0.0)).abs().maxCoeff();
    const double offError = (r.tail(n) - (-d).max(0.0)).abs().maxCoeff();
    qInfo("max |error| on %.3g, off %.3g", onError, offError);
    QVERIFY(onError < 1e-6);
    QVERIFY(offError < 1e-6);
}

void TestDogEncoder::brightDotGivesOnCentreOffSurround()
{
    const int h = 15, w = 15;
    Eigen::ArrayXd image = Eigen::ArrayXd::Zero(h * w);
    image[7 * w + 7] = 1.0;
    DogEncoder enc("dog", h, w, 1.0, 2.0, 7, 30, 0.0, DogEncoder::Order::Value);
    enc.present(image);
    const auto& r = enc.responses();
    const sim::Shape s = enc.shape();
    // The response to a point is the kernel itself: on(0) = g1(0)^2 - g2(0)^2 = 0.1126 with the
    // 7-tap kernels (g1(0) = 1 / 2.5059, g2(0) = 1 / 4.6274).
    const auto g1 = gaussian(1.0, 7), g2 = gaussian(2.0, 7);
    QVERIFY(std::abs(r[s.index(0, 7, 7)] - (g1[3] * g1[3] - g2[3] * g2[3])) < 1e-12);
    QVERIFY(std::abs(r[s.index(0, 7, 7)] - 0.1126) < 1e-3);
    QCOMPARE(r[s.index(1, 7, 7)], 0.0);
    Eigen::Index best = 0;
    r.head(h * w).maxCoeff(&best);
    QCOMPARE(best, Eigen::Index(7 * w + 7));
    // Surround: two and three pixels away along the axes the surround Gaussian wins
    // (g1(0) g1(2) - g2(0) g2(2) = -0.0068, at 3: -0.0134): off responds, on is silent.
    for (const auto& [dy, dx] : std::vector<std::pair<int, int>>{{0, 2}, {0, 3}, {2, 0}, {-3, 0}, {0, -2}, {2, 2}}) {
        QCOMPARE(r[s.index(0, 7 + dy, 7 + dx)], 0.0);
        QVERIFY(r[s.index(1, 7 + dy, 7 + dx)] > 0.0);
    }
    QVERIFY(std::abs(r[s.index(1, 7, 10)] - (g2[3] * g2[6] - g1[3] * g1[6])) < 1e-12);
    // Both Gaussians sum to 1, so the DoG has no DC gain: total on = total off away from the border.
    QVERIFY(std::abs(r.head(h * w).sum() - r.tail(h * w).sum()) < 1e-12);
}

void TestDogEncoder::darkDotGivesOffCentre()
{
    const int h = 15, w = 15;
    Eigen::ArrayXd image = Eigen::ArrayXd::Ones(h * w);
    image[7 * w + 7] = 0.0;
    DogEncoder enc("dog", h, w, 1.0, 2.0, 7, 30, 0.0, DogEncoder::Order::Value);
    enc.present(image);
    const auto& r = enc.responses();
    const sim::Shape s = enc.shape();
    // Far from the (zero-padded) border a uniform image gives nothing; the dark dot mirrors the
    // bright one: off(0) = 0.1126, on = 0.
    QVERIFY(std::abs(r[s.index(1, 7, 7)] - 0.1126) < 1e-3);
    QCOMPARE(r[s.index(0, 7, 7)], 0.0);
    Eigen::Index best = 0;
    r.tail(h * w).maxCoeff(&best);
    QCOMPARE(best, Eigen::Index(7 * w + 7));
}

void TestDogEncoder::latencyByValue()
{
    const int h = 20, w = 20, steps = 30;
    const double threshold = 0.02;
    sim::Rng rng(5, 0);
    Eigen::ArrayXd image(h * w);
    for (auto& v : image) v = rng.uniform() < 0.3 ? 1.0 : 0.0;
    sim::Network net(1e-3, 1);
    auto& enc = net.addPopulation<DogEncoder>("dog", h, w, 1.0, 2.0, 7, steps, threshold, DogEncoder::Order::Value);
    enc.present(image);
    net.prepare();
    const auto fire = fireSteps(net, enc, 100);
    const Eigen::ArrayXd r = enc.responses();
    const double rMax = r.maxCoeff();
    int firing = 0;
    for (sim::Index i = 0; i < enc.size(); ++i) {
        const auto f = fire[static_cast<std::size_t>(i)];
        if (!(r[i] > threshold)) {
            QCOMPARE(f, sim::Step(-1));
            continue;
        }
        ++firing;
        // Linear in the value: step = round((1 - r / r_max) (steps - 1)), in [0, steps).
        QCOMPARE(f, sim::Step(std::llround((1.0 - r[i] / rMax) * (steps - 1))));
        QVERIFY(f >= 0 && f < steps);
    }
    QVERIFY(firing > 0 && firing < enc.size());
    // The strongest response fires at once.
    Eigen::Index best = 0;
    r.maxCoeff(&best);
    QCOMPARE(fire[static_cast<std::size_t>(best)], sim::Step(0));
}

void TestDogEncoder::latencyByRank()
{
    const int h = 16, w = 16, steps = 15;
    sim::Rng rng(8, 0);
    Eigen::ArrayXd image(h * w);
    for (auto& v : image) v = rng.uniform();
    sim::Network net(1e-3, 1);
    auto& enc = net.addPopulation<DogEncoder>("dog", h, w, 1.0, 2.0, 7, steps, 0.01, DogEncoder::Order::Rank);
    enc.present(image);
    net.prepare();
    const auto fire = fireSteps(net, enc, 50);
    const Eigen::ArrayXd r = enc.responses();
    // SpykeTorch's Intensity2Latency: equal numbers of spikes per step (differing by at most one) and
    // a larger response never later than a smaller one.
    std::vector<int> perStep(steps, 0);
    int active = 0;
    for (sim::Index i = 0; i < enc.size(); ++i) {
        const auto f = fire[static_cast<std::size_t>(i)];
        QCOMPARE(f >= 0, r[i] > 0.01);
        if (f < 0) continue;
        QVERIFY(f < steps);
        ++perStep[static_cast<std::size_t>(f)];
        ++active;
        for (sim::Index j = 0; j < enc.size(); ++j)
            if (fire[static_cast<std::size_t>(j)] >= 0 && r[j] < r[i]) QVERIFY(fire[static_cast<std::size_t>(j)] >= f);
    }
    QVERIFY(active >= steps);
    const auto [lo, hi] = std::minmax_element(perStep.begin(), perStep.end());
    QVERIFY(*hi - *lo <= 1);
}

QTEST_APPLESS_MAIN(TestDogEncoder)
#include "test_dog_encoder.moc"
