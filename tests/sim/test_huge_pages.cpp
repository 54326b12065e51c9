// Buffers of sim/HugePages.h: large blocks start on a 2 MB boundary, so that every one of their pages can
// be a huge page; small blocks and growth behave as in any vector.
#include "sim/HugePages.h"

#include <QTest>

#include <cstdint>
#include <numeric>

using ss::sim::HugeVector;

namespace {

constexpr std::uintptr_t kTwoMegabytes = std::uintptr_t{2} << 20;

std::uintptr_t offsetInHugePage(const void* p) { return reinterpret_cast<std::uintptr_t>(p) % kTwoMegabytes; }

} // namespace

class TestHugePages : public QObject {
    Q_OBJECT
private slots:
    void largeBlocksStartOnTwoMegabytes();
    void growthKeepsContents();
};

void TestHugePages::largeBlocksStartOnTwoMegabytes()
{
    // 16 MB, 4 MB (the threshold) and an odd size above it: each starts on a 2 MB boundary.
    for (std::size_t bytes : {std::size_t{16} << 20, ss::sim::kHugeBlock, (std::size_t{5} << 20) + 12}) {
        HugeVector<std::uint32_t> v;
        v.reserve(bytes / sizeof(std::uint32_t));
        QCOMPARE(offsetInHugePage(v.data()), std::uintptr_t{0});
        v.assign(v.capacity(), 7u); // every byte of the block is writable
        QCOMPARE(v.back(), 7u);
    }
    // Two blocks alive at once do not overlap.
    HugeVector<double> a(std::size_t{1} << 20, 1.0), b(std::size_t{1} << 20, 2.0);
    QCOMPARE(offsetInHugePage(a.data()), std::uintptr_t{0});
    QCOMPARE(std::accumulate(a.begin(), a.end(), 0.0), double(std::size_t{1} << 20));
    QCOMPARE(std::accumulate(b.begin(), b.end(), 0.0), 2.0 * double(std::size_t{1} << 20));
}

void TestHugePages::growthKeepsContents()
{
    // From operator new (below 4 MB) into mapped blocks (above), by doubling, reserve and shrink_to_fit.
    HugeVector<std::int64_t> v;
    const std::int64_t n = 3'000'000; // 24 MB of int64
    for (std::int64_t i = 0; i < n; ++i) v.push_back(i);
    QCOMPARE(offsetInHugePage(v.data()), std::uintptr_t{0});
    QCOMPARE(std::accumulate(v.begin(), v.end(), std::int64_t{0}), n * (n - 1) / 2);
    v.reserve(5'000'000);
    QCOMPARE(v.size(), std::size_t(n));
    QVERIFY(v.capacity() >= 5'000'000);
    QCOMPARE(v[1234567], std::int64_t{1234567});
    v.shrink_to_fit();
    QCOMPARE(v.capacity(), std::size_t(n));
    HugeVector<std::int64_t> small(100, 3);
    QCOMPARE(std::accumulate(small.begin(), small.end(), std::int64_t{0}), std::int64_t{300});
}

QTEST_GUILESS_MAIN(TestHugePages)
#include "test_huge_pages.moc"
