#pragma once
// Large arrays that the step reads at random (sparse synapses) or that grow during a run (spike
// records) are better held in 2 MB pages where the kernel offers them (transparent huge pages in
// "madvise" mode, as Debian ships it): a 512th of the page faults while they fill, and far fewer TLB
// misses when 45 random rows of 13 MB are read in every step. A block from malloc starts anywhere in a
// 2 MB page, and up to its first 2 MB can only have small pages: each a page fault when first written
// (about 15 us on virtual machines that shadow the page tables). So blocks of a few megabytes and
// more are mapped on a 2 MB boundary and advised whole. A hint only: nothing changes where the system
// has no huge pages. The first 2 MB of such a block are backed when it is allocated (before the run, for
// the reserved records), so that the simulation loop does not stop for them: for at most
// kBackedAheadBudget bytes of the blocks alive at once. The blocks past it keep small pages in their
// first 2 MB, so that a document with hundreds of monitors does not back hundreds of megabytes of
// records that a short run hardly writes (a huge page is backed whole at its first write).
#include <cstddef>
#include <vector>

namespace ss::sim {

// Blocks of at least kHugeBlock bytes start on a 2 MB boundary and are advised for huge pages; smaller
// ones come from operator new. releaseHuge takes the size that allocateHuge was given.
inline constexpr std::size_t kHugeBlock = std::size_t{4} << 20;
void* allocateHuge(std::size_t bytes);
void releaseHuge(void* block, std::size_t bytes) noexcept;

// How many bytes of the blocks alive now were backed when they were allocated (at most the budget).
inline constexpr std::size_t kBackedAheadBudget = std::size_t{64} << 20;
std::size_t backedAheadBytes();

template <class T> struct HugeAllocator {
    using value_type = T;
    HugeAllocator() = default;
    template <class U> HugeAllocator(const HugeAllocator<U>&) noexcept {}
    T* allocate(std::size_t n) { return static_cast<T*>(allocateHuge(n * sizeof(T))); }
    void deallocate(T* p, std::size_t n) noexcept { releaseHuge(p, n * sizeof(T)); }
    template <class U> bool operator==(const HugeAllocator<U>&) const noexcept { return true; }
};

template <class T> using HugeVector = std::vector<T, HugeAllocator<T>>;

} // namespace ss::sim
