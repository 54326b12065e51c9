#include "sim/HugePages.h"

#include <cstdint>
#include <mutex>
#include <new>
#include <unordered_set>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace ss::sim {

#if defined(__linux__) && defined(MADV_HUGEPAGE)

namespace {

constexpr std::size_t kHugePage = std::size_t{2} << 20;

std::size_t roundUp(std::size_t bytes, std::size_t to) { return (bytes + to - 1) / to * to; }

// The blocks alive now whose first 2 MB were backed at allocation.
struct BackedAhead {
    std::mutex mutex;
    std::unordered_set<std::uintptr_t> blocks;
};

BackedAhead& backedAhead()
{
    static BackedAhead state;
    return state;
}

// Whether a new block at `begin` may be backed ahead within the budget; if so it is counted.
bool claimBackedAhead(std::uintptr_t begin)
{
    BackedAhead& state = backedAhead();
    const std::lock_guard lock(state.mutex);
    if ((state.blocks.size() + 1) * kHugePage > kBackedAheadBudget) return false;
    state.blocks.insert(begin);
    return true;
}

} // namespace

std::size_t backedAheadBytes()
{
    BackedAhead& state = backedAhead();
    const std::lock_guard lock(state.mutex);
    return state.blocks.size() * kHugePage;
}

// Maps a whole number of 2 MB pages plus one, keeps the 2 MB-aligned part and gives the rest back.
void* allocateHuge(std::size_t bytes)
{
    if (bytes < kHugeBlock) return ::operator new(bytes);
    const std::size_t length = roundUp(bytes, kHugePage);
    void* mapped = mmap(nullptr, length + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mapped == MAP_FAILED) throw std::bad_alloc();
    const auto first = reinterpret_cast<std::uintptr_t>(mapped);
    const auto begin = roundUp(first, kHugePage);
    if (begin > first) munmap(mapped, begin - first);
    munmap(reinterpret_cast<void*>(begin + length), first + kHugePage - begin); // never empty
    // The first 2 MB are backed now, while the network is prepared, rather than at the first write, which
    // for a spike record comes in the simulation loop: a fresh page there costs 0.3-0.5 ms to clear, and
    // 1-14 ms where the host of a virtual machine backs it only then. Within the budget only: past it a
    // block's first 2 MB keep small pages, so that a record that stays small (one of hundreds of
    // monitors) backs only the 4 kB pages it writes, and the rest of the block is advised as before.
    const bool ahead = claimBackedAhead(begin);
    const std::size_t advisedFrom = ahead ? 0 : kHugePage;
    madvise(reinterpret_cast<void*>(begin + advisedFrom), length - advisedFrom, MADV_HUGEPAGE); // a hint: errors ignored
    if (!ahead) return reinterpret_cast<void*>(begin);
#if defined(MADV_POPULATE_WRITE)
    if (madvise(reinterpret_cast<void*>(begin), kHugePage, MADV_POPULATE_WRITE) != 0)
#endif
        for (std::size_t b = 0; b < kHugePage; b += 4096) reinterpret_cast<volatile char*>(begin)[b] = 0;
    return reinterpret_cast<void*>(begin);
}

void releaseHuge(void* block, std::size_t bytes) noexcept
{
    if (!block) return;
    if (bytes < kHugeBlock) {
        ::operator delete(block);
        return;
    }
    {
        BackedAhead& state = backedAhead();
        const std::lock_guard lock(state.mutex);
        state.blocks.erase(reinterpret_cast<std::uintptr_t>(block));
    }
    munmap(block, roundUp(bytes, kHugePage));
}

#else

std::size_t backedAheadBytes() { return 0; }

void* allocateHuge(std::size_t bytes) { return ::operator new(bytes); }
void releaseHuge(void* block, std::size_t) noexcept { ::operator delete(block); }

#endif

} // namespace ss::sim
