#pragma once
// Asking the memory system for cache lines ahead of their use (the delivery of a step's spikes).
#include <cstdint>

namespace ss::sim {

// Synapses of a spiking row asked for before the delivery walks it: 2-3 cache lines of 2-byte target
// indices, 4-5 of 4-byte ones; a longer row's rest streams in behind the walk.
constexpr std::uint64_t kRowPrefetch = 64;

// A prefetch that the compiler keeps: GCC deletes a loop whose only statements are __builtin_prefetch
// calls (they have no effect it must preserve, and a C++ loop may be assumed to end).
inline void prefetchLine(const void* p)
{
#if defined(__x86_64__) || defined(__i386__)
    asm volatile("prefetcht0 %0" : : "m"(*static_cast<const char*>(p)));
#else
    __builtin_prefetch(p);
#endif
}

// Every cache line of the bytes [begin, end), the first and last ones included where the span does not
// start or end on a line boundary.
inline void prefetchLines(const void* begin, const void* end)
{
    constexpr std::uintptr_t line = 64;
    for (auto a = reinterpret_cast<std::uintptr_t>(begin) & ~(line - 1); a < reinterpret_cast<std::uintptr_t>(end); a += line)
        prefetchLine(reinterpret_cast<const void*>(a));
}

} // namespace ss::sim
