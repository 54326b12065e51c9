// The vector pass of the threshold test (sim/ThresholdScan.h) finds exactly the neurons that a plain
// loop finds, in the same order, with every instruction width this machine has: values at the bar,
// a hair below it, NaN, adaptive thresholds, spans that are not whole blocks of 64, and an offset.
#include "sim/ThresholdScan.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <random>

using ss::sim::Index;
using ss::sim::ScanWidth;

namespace {

std::vector<Index> plainLoop(Index n, const double* v, const double* theta, double bar, Index offset)
{
    std::vector<Index> found;
    for (Index i = 0; i < n; ++i)
        if (v[i] - (theta ? theta[i] : 0.0) >= bar) found.push_back(offset + i);
    return found;
}

} // namespace

class TestThresholdScan : public QObject {
    Q_OBJECT
private slots:
    void findsWhatAPlainLoopFinds();
    void keepsWhatTheListHeld();
};

void TestThresholdScan::findsWhatAPlainLoopFinds()
{
    const double bar = -50e-3 - 1e-6;
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> below(-60e-3, -50.1e-3);
    int widths = 0;
    for (ScanWidth width : {ScanWidth::Avx512, ScanWidth::Avx2, ScanWidth::Scalar}) {
        if (!ss::sim::scanWidthAvailable(width)) continue;
        ++widths;
        for (Index n : {0, 1, 7, 63, 64, 65, 130, 1000, 4099}) {
            std::vector<double> v(static_cast<std::size_t>(n)), theta(v.size());
            for (std::size_t i = 0; i < v.size(); ++i) {
                v[i] = below(rng);
                theta[i] = 0.5e-3 * std::uniform_real_distribution<double>(0.0, 1.0)(rng);
                switch (rng() % 16) { // about one neuron in eight at, above or just below the bar, or NaN
                case 0: v[i] = bar; break;
                case 1: v[i] = std::nextafter(bar, -1.0); break;
                case 2: v[i] = -49e-3; break;
                case 3: v[i] = std::numeric_limits<double>::quiet_NaN(); break;
                default: break;
                }
            }
            for (const double* th : {static_cast<const double*>(nullptr), static_cast<const double*>(theta.data())}) {
                std::vector<Index> found;
                ss::sim::findAtLeast(n, v.data(), th, bar, 1000, found, width);
                const auto expected = plainLoop(n, v.data(), th, bar, 1000);
                QCOMPARE(found, expected);
                if (n >= 1000) QVERIFY(expected.size() > static_cast<std::size_t>(n) / 32); // the test has neurons to find
            }
        }
    }
    QVERIFY(widths >= 1); // the plain width is always there
}

void TestThresholdScan::keepsWhatTheListHeld()
{
    // Found neurons are appended: a list that holds another span's neurons keeps them in front.
    std::vector<double> v(200, -60e-3);
    v[3] = v[64] = v[199] = -40e-3;
    std::vector<Index> found{5, 9};
    ss::sim::findAtLeast(200, v.data(), nullptr, -50e-3, 300, found);
    QCOMPARE(found, (std::vector<Index>{5, 9, 303, 364, 499}));
}

QTEST_APPLESS_MAIN(TestThresholdScan)
#include "test_threshold_scan.moc"
