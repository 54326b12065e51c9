// The vectorisable exp of sim/FastMath.h against glibc's correctly rounded-or-nearly exp.
#include "sim/FastMath.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <vector>

using ss::sim::vexp;

namespace {

// |a - b| in units of the last place of b.
double ulps(double a, double b)
{
    return std::abs(a - b) / (std::nextafter(b, std::numeric_limits<double>::infinity()) - b);
}

double worstUlps(double from, double to, int samples)
{
    double worst = 0.0;
    for (int i = 0; i <= samples; ++i) {
        const double x = from + (to - from) * i / samples;
        worst = std::max(worst, ulps(vexp(x), std::exp(x)));
    }
    return worst;
}

SPIKESTUDIO_WIDE void wideExp(long n, const double* __restrict x, double* __restrict y, double lo, double hi)
{
    for (long i = 0; i < n; ++i) y[i] = vexp(x[i], lo, hi);
}

} // namespace

class TestFastMath : public QObject {
    Q_OBJECT
private slots:
    void withinOneUlpOfGlibc();
    void exactAndClampedValues();
    void vectorClonesAreBitIdentical();
};

void TestFastMath::withinOneUlpOfGlibc()
{
    // Over the whole range, near zero, and the range the conductance LIF uses (-dt (1 + g)/tau_m).
    QVERIFY(worstUlps(-708.0, 709.0, 2000000) <= 1.0);
    QVERIFY(worstUlps(-1.0, 1.0, 2000000) <= 1.0);
    QVERIFY(worstUlps(-0.2, 0.0, 1000000) <= 1.0);
}

void TestFastMath::exactAndClampedValues()
{
    QCOMPARE(vexp(0.0), 1.0);
    QCOMPARE(vexp(-0.0), 1.0);
    QVERIFY(ulps(vexp(1.0), M_E) <= 1.0);
    QCOMPARE(vexp(-1000.0), vexp(-708.0)); // clamped: a normal number, never a denormal
    QVERIFY(std::isnormal(vexp(-1000.0)));
    QVERIFY(std::isfinite(vexp(1000.0)));
}

void TestFastMath::vectorClonesAreBitIdentical()
{
    // The clone chosen at start-up (AVX-512 or AVX2 here) against one value at a time through a
    // volatile, which keeps the compiler from vectorising the reference loop.
    // Bounds passed in, as the neuron loops pass them (the clamp becomes vmaxpd and vminpd there), with
    // every 17th argument beyond them.
    std::vector<double> x(4099), y(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = i % 17 ? -30.0 + 60.0 * std::sin(0.37 * i) : 2000.0 * std::sin(0.37 * i);
    wideExp(static_cast<long>(x.size()), x.data(), y.data(), ss::sim::kExpLow, ss::sim::kExpHigh);
    for (std::size_t i = 0; i < x.size(); ++i) {
        volatile double xi = x[i];
        QCOMPARE(y[i], vexp(xi));
    }
}

QTEST_GUILESS_MAIN(TestFastMath)
#include "test_fast_math.moc"
