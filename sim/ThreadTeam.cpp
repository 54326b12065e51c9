#include "sim/ThreadTeam.h"

#include "sim/Types.h"

#include <algorithm>

namespace ss::sim {

namespace {

// A pause between two looks at the flag frees the core's resources for a sibling thread and keeps
// the look from flooding the memory system.
inline void relax()
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

// Spin (a step takes tens of microseconds, and in the one-thread parts between the team's runs the
// others wait a few), then give the core away. A yield is a system call, which on virtual machines
// costs microseconds itself, so it is left to waits of about a tenth of a millisecond and more.
template <class Ready> void await(Ready ready)
{
    for (int spins = 0; !ready(); ++spins) {
        if (spins > 20000) std::this_thread::yield();
        else relax();
    }
}

} // namespace

ThreadTeam::ThreadTeam(int size) : m_size(size), m_met(static_cast<std::size_t>(size > 1 ? size : 1))
{
    if (size < 1) throw ModelError("the number of threads must be at least 1");
    for (int member = 1; member < size; ++member) m_threads.emplace_back([this, member] { loop(member); });
}

ThreadTeam::~ThreadTeam()
{
    m_stop.store(true, std::memory_order_release);
    m_generation.fetch_add(1, std::memory_order_acq_rel);
    for (auto& t : m_threads) t.join();
}

void ThreadTeam::runErased(const void* work, Call call)
{
    if (m_size == 1) {
        call(work, 0);
        return;
    }
    m_work = work;
    m_call = call;
    m_pending.store(m_size - 1, std::memory_order_relaxed);
    m_generation.fetch_add(1, std::memory_order_release);
    call(work, 0);
    await([this] { return m_pending.load(std::memory_order_acquire) == 0; });
}

void ThreadTeam::arrive(int member)
{
    if (m_size == 1) return;
    auto& mine = m_met[static_cast<std::size_t>(member)].value;
    mine.store(mine.load(std::memory_order_relaxed) + 1, std::memory_order_release);
}

void ThreadTeam::awaitOthers(int member)
{
    if (m_size == 1) return;
    const unsigned count = m_met[static_cast<std::size_t>(member)].value.load(std::memory_order_relaxed);
    for (int other = 0; other < m_size; ++other) {
        if (other == member) continue;
        const auto& theirs = m_met[static_cast<std::size_t>(other)].value;
        // A member is at most one meeting ahead; the difference also holds when the counts wrap.
        await([&] { return static_cast<int>(theirs.load(std::memory_order_acquire) - count) >= 0; });
    }
}

void ThreadTeam::loop(int member)
{
    unsigned seen = 0;
    for (;;) {
        await([&] { return m_generation.load(std::memory_order_acquire) != seen; });
        seen = m_generation.load(std::memory_order_acquire);
        if (m_stop.load(std::memory_order_acquire)) return;
        m_call(m_work, member);
        m_pending.fetch_sub(1, std::memory_order_acq_rel);
    }
}

std::pair<long, long> ThreadTeam::share(long n, int member, int members, long align)
{
    const long blocks = (n + align - 1) / align;
    const long begin = std::min(n, blocks * member / members * align);
    const long end = std::min(n, blocks * (member + 1) / members * align);
    return {begin, end};
}

} // namespace ss::sim
