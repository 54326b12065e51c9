// The thread team's meetings when a member comes late (sim/ThreadTeam: the waiting member sleeps after
// kSpinBeforeSleep and wakes when the other arrives), members standing aside for member 0, the rule
// that chooses between a team and member 0 alone (sim/TeamPace), and the count of busy CPUs that puts
// off a trial of the team (sim/CpuLoad).
#include "sim/CpuLoad.h"
#include "sim/TeamPace.h"
#include "sim/ThreadTeam.h"

#include <QTest>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

using ss::sim::TeamPace;
using ss::sim::ThreadTeam;

class TestThreadTeam : public QObject {
    Q_OBJECT
private slots:
    void aLateMemberWakesTheSleeper();
    void membersStandAsideUntilCalledBack();
    void aTeamWithItsCoresStaysTogether();
    void aPausedTeamGoesAloneAndComesBack();
    void aTrialAloneThatLosesIsTriedLessOften();
    void aTrialMustWinClearly();
    void aTrialOfTheTeamWaitsForFreeCpus();
    void loadavgCountsRunnableThreads();
    void busyCpusLeaveNoneFree();
};

// Member 1 arrives 2 ms late at each of 20 meetings. Member 0 must see what member 1 wrote before
// arriving, and must sleep through the waits: it spins 50 us at each (1 ms in all), so of the 40 ms or
// more that it waits, it may spend at most 10 ms of CPU time.
void TestThreadTeam::aLateMemberWakesTheSleeper()
{
    ThreadTeam team(2);
    std::vector<int> written(20, -1), seen(20, -2);
    double cpu = 0.0;
    const auto start = std::chrono::steady_clock::now();
    team.run([&](int member) {
        const double cpu0 = ThreadTeam::cpuSeconds();
        for (int round = 0; round < 20; ++round) {
            if (member == 1) {
                std::this_thread::sleep_for(std::chrono::milliseconds(2));
                written[static_cast<std::size_t>(round)] = round;
            }
            team.arrive(member);
            team.awaitOthers(member);
            if (member == 0) seen[static_cast<std::size_t>(round)] = written[static_cast<std::size_t>(round)];
        }
        if (member == 0) cpu = ThreadTeam::cpuSeconds() - cpu0;
    });
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    QCOMPARE(seen, written);
    QCOMPARE(written.back(), 19);
    QVERIFY(wall >= 0.040);
    QVERIFY2(cpu < 0.010, qPrintable(QStringLiteral("CPU %1 s, of which spinning %2 s").arg(cpu).arg(team.spunSeconds(0))));
    QVERIFY(team.spunSeconds(0) < 0.010);
}

// Members 1 and 2 stand aside while member 0 fills an array of 100,000 numbers, then sum it when called
// back; 50 rounds, each ending in a meeting. Every sum must be the whole array's.
void TestThreadTeam::membersStandAsideUntilCalledBack()
{
    ThreadTeam team(3);
    std::vector<long> values(100000, 0);
    std::vector<long> sums(3 * 50, 0);
    team.run([&](int member) {
        for (long round = 0; round < 50; ++round) {
            if (member == 0) {
                for (std::size_t i = 0; i < values.size(); ++i) values[i] = round + static_cast<long>(i % 7);
                team.callBack();
            } else {
                team.standAside(member);
            }
            long sum = 0;
            for (long v : values) sum += v;
            sums[static_cast<std::size_t>(3 * round + member)] = sum;
            team.arrive(member);
            team.awaitOthers(member);
        }
    });
    // sum over i of (round + i % 7): 100,000 rounds, plus 14,285 full cycles of 0..6 (21 each) and 0..4.
    for (long round = 0; round < 50; ++round)
        for (int member = 0; member < 3; ++member)
            QCOMPARE(sums[static_cast<std::size_t>(3 * round + member)], 100000 * round + 14285 * 21 + 10);
}

// A team whose members are at work for 1.25 of the wall time or more (the threshold: 0.625 each of
// two) is never tried alone, however its time per step varies.
void TestThreadTeam::aTeamWithItsCoresStaysTogether()
{
    TeamPace pace;
    for (int chunk = 0; chunk < 10000; ++chunk) QVERIFY(!pace.next(false, 1.0 + chunk % 3, 1.25 + 0.1 * (chunk % 5)));
    QVERIFY(!pace.startAlone());
}

// Another program takes a core: the team takes 2.0 per step, its members at work half of it in all
// (a gain of 0.5), member 0 alone 1.0. The first chunk's trial alone wins, and the team is tried again after runs of 3 chunks alone
// (the trial and a wait of 1), then 2, 3, 5, 9, 17, 33, 65 and 65 (waits of 1, 2, 4, ... 64, and the
// chunk that starts the trial). When the program ends, the team takes 0.55 and wins its next trial,
// 65 chunks later; it then stays together.
void TestThreadTeam::aPausedTeamGoesAloneAndComesBack()
{
    TeamPace pace;
    std::vector<int> runs; // chunks alone between two chunks together
    bool alone = false;
    while (runs.size() < 10) { // up to the first chunk of the tenth run
        const bool next = alone ? pace.next(true, 1.0) : pace.next(false, 2.0, 0.5);
        if (next && !alone) runs.push_back(0);
        if (next) ++runs.back();
        alone = next;
    }
    runs.pop_back();
    QCOMPARE(runs, (std::vector<int>{3, 2, 3, 5, 9, 17, 33, 65, 65}));
    QVERIFY(pace.alone());
    // The program ends within the tenth run, which lasts its 65 chunks.
    int chunks = 1;
    while (pace.next(true, 1.0)) ++chunks;
    QCOMPARE(chunks, 65);
    QVERIFY(!pace.next(false, 0.55, 0.0));
    QVERIFY(!pace.alone());
    for (int chunk = 0; chunk < 1000; ++chunk) QVERIFY(!pace.next(false, 0.55, 1.8));
}

// The members' work suggests no gain (1.0), but the team is faster (1.0 per step against 1.8 alone),
// as where one member's CPU runs slower than the other's. Each trial alone loses, and the trials come after
// 1, 2, 4, ... 64 chunks together, then every 65th chunk.
void TestThreadTeam::aTrialAloneThatLosesIsTriedLessOften()
{
    TeamPace pace;
    std::vector<int> trials;
    for (int chunk = 0; chunk < 400; ++chunk) {
        const bool trial = pace.next(false, 1.0, 1.0);
        if (!trial) continue;
        trials.push_back(chunk);
        QVERIFY(!pace.next(true, 1.8)); // lost: together again
        QVERIFY(!pace.alone());
    }
    // Trials at chunk 0, then after the wait (1, 2, 4, ..., 64, 64 chunks) and one more.
    QCOMPARE(trials, (std::vector<int>{0, 2, 5, 10, 19, 36, 69, 134, 199, 264, 329, 394}));
}

// A trial wins only below 0.8 of the kept mode's time per step: alone at 1.7 against a paused team's
// 2.0 loses, at 1.5 wins; a team trial at 0.85 of alone's time then loses, at 0.75 wins.
void TestThreadTeam::aTrialMustWinClearly()
{
    TeamPace pace;
    QVERIFY(pace.next(false, 2.0, 0.5));
    QVERIFY(!pace.next(true, 1.7));
    QVERIFY(!pace.next(false, 2.0, 0.5)); // the wait after a lost trial: one chunk
    QVERIFY(pace.next(false, 2.0, 0.5));
    QVERIFY(pace.next(true, 1.5));
    QVERIFY(pace.alone());
    QVERIFY(pace.next(true, 1.5)); // the wait after a switch: one chunk
    QVERIFY(!pace.next(true, 1.5)); // a trial of the team
    QVERIFY(pace.next(false, 0.85 * 1.5, 0.0));
    QVERIFY(pace.alone());
    while (pace.next(true, 1.5)) {}
    QVERIFY(!pace.next(false, 0.75 * 1.5, 0.0));
    QVERIFY(!pace.alone());
}

// Alone, with no CPU free for the others, a due trial of the team is put off for kMaxInterval chunks,
// then run all the same; with a CPU free it runs at the first chunk it is due.
void TestThreadTeam::aTrialOfTheTeamWaitsForFreeCpus()
{
    TeamPace pace;
    QVERIFY(pace.next(false, 2.0, 0.5)); // a paused team: try alone
    QVERIFY(pace.next(true, 1.0));        // alone wins
    QVERIFY(pace.alone());
    QVERIFY(!pace.teamTrialDue());
    QVERIFY(pace.next(true, 1.0)); // the wait after a switch: one chunk
    for (int chunk = 0; chunk < TeamPace::kMaxInterval; ++chunk) {
        QVERIFY(pace.teamTrialDue());
        QVERIFY(pace.next(true, 1.0, 2.0, false));
        QVERIFY(!pace.trying());
    }
    QVERIFY(!pace.next(true, 1.0, 2.0, false)); // put off 64 times: tried
    QVERIFY(pace.trying());
    QVERIFY(pace.next(false, 2.0, 0.5)); // and lost
    QVERIFY(!pace.teamTrialDue());
    QVERIFY(pace.next(true, 1.0)); // the wait after a lost trial: one chunk
    QVERIFY(pace.teamTrialDue());
    QVERIFY(!pace.next(true, 1.0, 2.0, true)); // a CPU free: tried at once
    QVERIFY(!pace.next(false, 0.5, 1.9));      // and won
    QVERIFY(!pace.alone());
}

void TestThreadTeam::loadavgCountsRunnableThreads()
{
    QCOMPARE(ss::sim::runnableInLoadavg("0.52 0.58 0.59 4/120 12345\n"), std::optional<int>(4));
    QCOMPARE(ss::sim::runnableInLoadavg("12.00 3.10 1.00 17/2048 1"), std::optional<int>(17));
    QCOMPARE(ss::sim::runnableInLoadavg("0.52 0.58 0.59"), std::nullopt);
    QCOMPARE(ss::sim::runnableInLoadavg("0.52 0.58 0.59 4"), std::nullopt);
    QCOMPARE(ss::sim::runnableInLoadavg("0.52 0.58 0.59 x/120 1"), std::nullopt);
    QCOMPARE(ss::sim::runnableInLoadavg("0.52 0.58 0.59 0/120 1"), std::nullopt); // the reader runs
}

// With a spinning thread on every CPU of the machine, no CPU is free for a team of two, and a team of
// more threads than CPUs never has them.
void TestThreadTeam::busyCpusLeaveNoneFree()
{
#if defined(__linux__)
    const auto whole = ss::sim::wholeMachineCpus();
    if (!whole) QSKIP("this process is held to some of the machine's CPUs: the count cannot tell");
    const int cpus = *whole;
    QVERIFY(!ss::sim::cpusFreeFor(cpus + 1));
    std::atomic<bool> stop{false};
    std::atomic<int> started{0};
    std::vector<std::thread> spinners;
    for (int k = 0; k < cpus; ++k)
        spinners.emplace_back([&] {
            started.fetch_add(1);
            while (!stop.load(std::memory_order_relaxed)) {}
        });
    while (started.load() < cpus) std::this_thread::yield();
    const bool free = ss::sim::cpusFreeFor(2);
    stop.store(true);
    for (auto& t : spinners) t.join();
    QVERIFY(!free);
#else
    QSKIP("the count of runnable threads is read from Linux's /proc/loadavg");
#endif
}

QTEST_GUILESS_MAIN(TestThreadTeam)
#include "test_thread_team.moc"
