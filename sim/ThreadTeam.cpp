#include "sim/ThreadTeam.h"

#include "sim/Types.h"

#include <algorithm>
#include <chrono>
#include <time.h>

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

// Spins until ready() or for `limit`, whichever comes first; returns ready(). The clock is read once
// every 64 looks.
template <class Ready> bool spinFor(Ready ready, std::chrono::microseconds limit)
{
    const auto until = std::chrono::steady_clock::now() + limit;
    for (int spins = 1; !ready(); ++spins) {
        relax();
        if (spins % 64 == 0 && std::chrono::steady_clock::now() > until) return ready();
    }
    return true;
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
    // Sequentially consistent, as the sleepers' count in awaitOthers: either this member sees a
    // sleeper and wakes it, or the sleeper sees the new count before it sleeps.
    mine.store(mine.load(std::memory_order_relaxed) + 1, std::memory_order_seq_cst);
    if (m_sleepers.load(std::memory_order_seq_cst) > 0) mine.notify_all();
}

void ThreadTeam::awaitOthers(int member)
{
    if (m_size == 1) return;
    const unsigned count = m_met[static_cast<std::size_t>(member)].value.load(std::memory_order_relaxed);
    for (int other = 0; other < m_size; ++other) {
        if (other == member) continue;
        auto& theirs = m_met[static_cast<std::size_t>(other)].value;
        // A member is at most one meeting ahead; the difference also holds when the counts wrap.
        const auto arrived = [&](unsigned now) { return static_cast<int>(now - count) >= 0; };
        if (arrived(theirs.load(std::memory_order_acquire))) continue;
        // Spin for a few steps' time, then sleep: a member that waits longer has most likely lost its
        // core, maybe to the member it waits for, which then needs that core back.
        const auto start = std::chrono::steady_clock::now();
        const bool ready = spinFor([&] { return arrived(theirs.load(std::memory_order_acquire)); }, kSpinBeforeSleep);
        m_met[static_cast<std::size_t>(member)].spun += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (ready) continue;
        m_sleepers.fetch_add(1, std::memory_order_seq_cst);
        for (unsigned now; !arrived(now = theirs.load(std::memory_order_seq_cst));) theirs.wait(now, std::memory_order_acquire);
        m_sleepers.fetch_sub(1, std::memory_order_relaxed);
    }
}

void ThreadTeam::standAside(int member)
{
    unsigned& seen = m_met[static_cast<std::size_t>(member)].calledBack;
    // A short spin first, as at a meeting, then sleep (a futex on Linux).
    const auto calledBack = [&] { return m_callBacks.load(std::memory_order_acquire) != seen; };
    if (!spinFor(calledBack, kSpinBeforeSleep))
        for (unsigned now; (now = m_callBacks.load(std::memory_order_acquire)) == seen;) m_callBacks.wait(now, std::memory_order_acquire);
    ++seen;
}

void ThreadTeam::callBack()
{
    m_callBacks.fetch_add(1, std::memory_order_release);
    m_callBacks.notify_all();
}

double ThreadTeam::cpuSeconds()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
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
