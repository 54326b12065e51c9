#pragma once
// A fixed team of threads that run one function together and wait for each other, many thousand times
// a second (once or twice per time step). The caller is member 0; the others wait on a generation
// counter, spinning briefly and then yielding, so an oversubscribed machine is not starved; at a meeting
// inside a run, a member that has waited 50 us sleeps. Work is split by index range, never by who
// finishes first: results do not depend on timing.
#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace ss::sim {

class ThreadTeam {
public:
    explicit ThreadTeam(int size);
    ~ThreadTeam();
    ThreadTeam(const ThreadTeam&) = delete;
    ThreadTeam& operator=(const ThreadTeam&) = delete;

    int size() const { return m_size; }
    // Runs work(member) on every member (0 .. size-1) and returns when all are done. The callable is
    // only referred to, never copied: nothing is allocated per call (it runs every step).
    template <class Work> void run(const Work& work)
    {
        runErased(&work, [](const void* w, int member) { (*static_cast<const Work*>(w))(member); });
    }

    // Shares start on multiples of this many items: whole cache lines of any array of doubles (eight
    // lines of eight), and whole blocks of the threshold scan's 64 neurons (sim/ThresholdScan).
    static constexpr long kAlign = 64;
    // [begin, end) of member `member`'s share of n items, in blocks of `align`. Populations and the
    // projections into them split their neurons with the same shares.
    static std::pair<long, long> share(long n, int member, int members, long align = kAlign);
    // Per-member counters and lists lie this many slots apart, so that members writing their own
    // never share a cache line (false sharing costs a transfer between cores on every write).
    static constexpr int kSlotStride = 8;

    // Inside run(), a meeting (a barrier) in two halves: arrive() lets the others past it, and
    // awaitOthers() returns when every member has arrived as often as this one. Work between the two
    // is work the others need not wait for. Lets a run span many steps with one meeting each, instead
    // of a run (a hand-over and a join) per phase.
    // A member that has waited kSpinBeforeSleep sleeps until the others arrive (a futex on Linux).
    void arrive(int member);
    void awaitOthers(int member);
    static constexpr std::chrono::microseconds kSpinBeforeSleep{50};
    // Inside run(), the members other than 0 can stand aside while member 0 does their work alone (see
    // sim/TeamPace): standAside() returns when member 0 calls callBack(), sleeping meanwhile so that the
    // member's core is free. Neither counts as a meeting.
    void standAside(int member);
    void callBack();

    // The CPU time of the calling thread, in seconds, and the seconds member `member` (the caller) has
    // spun in awaitOthers: the rest of its CPU time went to work.
    static double cpuSeconds();
    double spunSeconds(int member) const { return m_met[static_cast<std::size_t>(member)].spun; }

private:
    using Call = void (*)(const void*, int);
    void runErased(const void* work, Call call);
    void loop(int member);

    int m_size;
    std::vector<std::thread> m_threads;
    const void* m_work = nullptr;
    Call m_call = nullptr;
    std::atomic<unsigned> m_generation{0};
    std::atomic<int> m_pending{0};
    std::atomic<bool> m_stop{false};
    std::atomic<unsigned> m_callBacks{0};
    std::atomic<int> m_sleepers{0}; // members asleep in awaitOthers
    // How many times each member has met, each count on a cache line of its own.
    struct alignas(64) Count {
        std::atomic<unsigned> value{0};
        unsigned calledBack = 0; // the call-backs this member has seen; only it touches this
        double spun = 0.0;       // seconds spinning in awaitOthers; only it touches this
    };
    std::vector<Count> m_met;
};

} // namespace ss::sim
