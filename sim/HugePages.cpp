#include "sim/HugePages.h"

#include <cstdint>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace ss::sim {

#if defined(__linux__) && defined(MADV_HUGEPAGE)

namespace {

constexpr std::size_t kHugePage = std::size_t{2} << 20;

std::size_t roundUp(std::size_t bytes, std::size_t to) { return (bytes + to - 1) / to * to; }

} // namespace

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
    madvise(reinterpret_cast<void*>(begin), length, MADV_HUGEPAGE); // a hint: errors ignored
    // The first 2 MB are backed now, while the network is prepared, rather than at the first write, which
    // for a spike record comes in the simulation loop: a fresh page there costs 0.3-0.5 ms to clear, and
    // 1-14 ms where the host of a virtual machine backs it only then.
#if defined(MADV_POPULATE_WRITE)
    if (madvise(reinterpret_cast<void*>(begin), kHugePage, MADV_POPULATE_WRITE) != 0)
#endif
        for (std::size_t b = 0; b < kHugePage; b += 4096) reinterpret_cast<volatile char*>(begin)[b] = 0;
    return reinterpret_cast<void*>(begin);
}

void releaseHuge(void* block, std::size_t bytes) noexcept
{
    if (!block) return;
    if (bytes < kHugeBlock) ::operator delete(block);
    else munmap(block, roundUp(bytes, kHugePage));
}

#else

void* allocateHuge(std::size_t bytes) { return ::operator new(bytes); }
void releaseHuge(void* block, std::size_t) noexcept { ::operator delete(block); }

#endif

} // namespace ss::sim
