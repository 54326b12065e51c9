// Buffers of sim/HugePages.h: large blocks start on a 2 MB boundary, so that every one of their pages can
// be a huge page; small blocks and growth behave as in any vector.
#include "sim/HugePages.h"

#include <QTest>

#include <cstdint>
#include <fstream>
#include <numeric>
#include <vector>

using ss::sim::HugeVector;

namespace {

constexpr std::uintptr_t kTwoMegabytes = std::uintptr_t{2} << 20;

std::uintptr_t offsetInHugePage(const void* p) { return reinterpret_cast<std::uintptr_t>(p) % kTwoMegabytes; }

// Resident memory of this process (Linux), in bytes.
std::size_t residentBytes()
{
    std::ifstream statm("/proc/self/statm");
    std::size_t size = 0, resident = 0;
    statm >> size >> resident;
    return resident * 4096;
}

} // namespace

class TestHugePages : public QObject {
    Q_OBJECT
private slots:
    void largeBlocksStartOnTwoMegabytes();
    void growthKeepsContents();
    void backingAheadHasABudget();
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

// A reserved block's first 2 MB are backed when it is allocated, but only within a budget of the
// blocks alive at once (kBackedAheadBudget, 64 MB): 100 records reserved at 8 MB each used to back
// 200 MB before a spike was written, and a 2 MB huge page each at its first spike. Now at most the
// budget, and past it a record backs the small pages it writes; freeing the blocks gives their share
// of the budget back.
void TestHugePages::backingAheadHasABudget()
{
    QCOMPARE(ss::sim::backedAheadBytes(), std::size_t{0}); // the blocks of the tests above are freed
    const std::size_t before = residentBytes();
    std::vector<HugeVector<std::uint32_t>> records(100);
    for (auto& r : records) r.reserve((std::size_t{8} << 20) / sizeof(std::uint32_t));
    QCOMPARE(ss::sim::backedAheadBytes(), ss::sim::kBackedAheadBudget);
    const std::size_t grown = residentBytes() - before;
    // The budget, and 16 MB for whatever else the process and the vectors' headers take.
    QVERIFY2(grown <= ss::sim::kBackedAheadBudget + (std::size_t{16} << 20), qPrintable(QString::number(grown >> 20)));
    // Every block is writable where it was not backed ahead, and a few kB written into each block past
    // the budget back a few 4 kB pages, not a 2 MB page each (that would be 72 x 2 MB more).
    for (auto& r : records) r.assign(1000, 5u);
    QCOMPARE(records.back()[999], 5u);
    const std::size_t written = residentBytes() - before;
    QVERIFY2(written <= ss::sim::kBackedAheadBudget + (std::size_t{16} << 20), qPrintable(QString::number(written >> 20)));
    records.clear();
    QCOMPARE(ss::sim::backedAheadBytes(), std::size_t{0});
    HugeVector<std::uint32_t> next;
    next.reserve((std::size_t{8} << 20) / sizeof(std::uint32_t));
    QCOMPARE(ss::sim::backedAheadBytes(), std::size_t{2} << 20);
}

QTEST_GUILESS_MAIN(TestHugePages)
#include "test_huge_pages.moc"
