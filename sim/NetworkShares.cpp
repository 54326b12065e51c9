// Network::run with a team: all steps in one run of the team, each member stepping its share of the
// neurons, or member 0 all shares alone where the team would be slower (sim/TeamPace).
#include "sim/Network.h"

#include "sim/CpuLoad.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <limits>

namespace ss::sim {

namespace {

// Steps between two of TeamPace's choices: about 5 ms of CUBA 40,000 on two threads, so that a choice
// costs nothing measurable. A trial, and a run's first chunk, is shorter: a team that has lost a core
// takes 2-6 times one thread's time per step.
constexpr Step kChunk = 256;
constexpr Step kTrial = 32;

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

} // namespace

bool Network::stepsInShares() const
{
    if (!m_stimuli.empty()) return false;
    const auto all = [](const auto& list, auto test) { return std::all_of(list.begin(), list.end(), [&](const auto& x) { return test(*x); }); };
    return all(m_populations, [](const Population& p) { return p.stepsInShares(); }) &&
           all(m_projections, [](const Projection& p) { return p.propagatesInRanges(); }) &&
           all(m_rules, [](const PlasticityRule& r) { return !r.enabled(); }) &&
           all(m_recorders, [](const Recorder& r) { return r.recordsInShares(); });
}

// Each member steps its share of every population, meets the others, delivers all spikes of the step to
// its share of the targets (through its fans where projections form them: prepareFans) and records its
// share: the state it reads and writes is its own, so one meeting per step is all the members need.
// Each member counts its own spikes; the step's spike lists are joined into the populations' spikes()
// once, for the last step.
//
// The steps go in chunks of kChunk. Before the last meeting of a chunk, member 0 asks m_pace whether
// the next runs alone and leaves the answer for the others to read after that meeting. For a chunk
// alone, the members meet once more (until then the others still deliver into their shares), the
// others stand aside, and member 0 steps every share in turn, as each member would have, so that the
// sums and the spikes stay the same; it calls them back at the first chunk together, or at the end.
void Network::runInShares(Step steps)
{
    const int members = m_team->size();
    constexpr auto stride = static_cast<std::size_t>(ThreadTeam::kSlotStride);
    const std::size_t pops = m_populations.size();
    for (auto& pop : m_populations) {
        pop->prepareShareSpikes(members);
        pop->beginShares(members);
    }
    for (auto& rec : m_recorders) rec->beginShares(members);
    if (!fansCurrent()) prepareFans(members);
    // Member m's synaptic events at m * stride, then its spikes per population.
    auto& counts = m_memberOps;
    const std::size_t perMember = std::max(stride, pops + 1);
    counts.assign(static_cast<std::size_t>(members) * perMember, 0);
    // What member 0 tells the others: whether the next chunk runs alone, how long it is, and where it
    // calls them back.
    std::atomic<bool> nextAlone{false};
    std::atomic<Step> nextLength{kTrial};
    std::atomic<Step> resumeAt{0};
    // The share of each member's last chunk that it spent at work, on a line of its own (NaN before
    // its first: member 0 then counts its own share for it).
    struct alignas(64) AtWork {
        std::atomic<double> share{std::numeric_limits<double>::quiet_NaN()};
    };
    std::vector<AtWork> atWork(static_cast<std::size_t>(members));
    const bool aloneFirst = m_pace.startAlone();
    Step aloneSteps = 0;
    const Step first = m_step;
    const Step end = first + steps;
    m_team->run([&](int member) {
        std::uint64_t events = 0;
        std::vector<std::uint64_t> spikes(pops, 0);
        const auto update = [&](int share, Step step) {
            for (auto& pop : m_populations) pop->stepShare(share, pop->shareSpikes(step, share));
        };
        // Asks for the rows of share `from`'s spikes that reach share `share`'s targets.
        const auto prefetch = [&](int share, int from, Step step) {
            forEachDelivery(
                share, [&](Projection& proj) { proj.prefetchShare(share, members, std::span(&proj.pre().shareSpikes(step, from), 1)); },
                [&](FanOut& fan, const Population& pre) { fan.prefetch(std::span(&pre.shareSpikes(step, from), 1)); });
        };
        const auto deliver = [&](int share, Step step) {
            forEachDelivery(
                share, [&](Projection& proj) { events += proj.propagateShare(share, members, proj.pre().stepSpikes(step)); },
                [&](FanOut& fan, const Population& pre) { events += fan.deliver(pre.stepSpikes(step)); });
            for (std::size_t p = 0; p < pops; ++p) spikes[p] += m_populations[p]->shareSpikes(step, share).size();
            for (auto& rec : m_recorders) rec->recordShare(step, share);
        };
        bool alone = aloneFirst;
        Step length = kTrial;
        for (Step begin = first; begin < end;) {
            const Step last = std::min(end, begin + length);
            if (alone && member != 0) {
                m_team->standAside(member);
                begin = resumeAt.load(std::memory_order_relaxed); // ordered by the call-back
                length = nextLength.load(std::memory_order_relaxed);
                alone = false;
                continue;
            }
            const auto wall0 = Clock::now();
            // CPU time at work: neither waiting at a meeting nor paused by the system.
            const auto work = [&] { return ThreadTeam::cpuSeconds() - m_team->spunSeconds(member); };
            const double work0 = work();
            const auto workShare = [&] { return (work() - work0) / secondsSince(wall0); };
            if (alone) {
                for (Step step = begin; step < last; ++step) {
                    for (int share = 0; share < members; ++share) update(share, step);
                    for (int share = 0; share < members; ++share) {
                        for (int from = 0; from < members; ++from) prefetch(share, from, step);
                        deliver(share, step);
                    }
                }
                aloneSteps += last - begin;
                const double perStep = secondsSince(wall0) / static_cast<double>(last - begin);
                alone = m_pace.next(true, perStep, 2.0, !m_pace.teamTrialDue() || cpusFreeFor(members));
                length = m_pace.trying() ? kTrial : kChunk;
                if (!alone || last == end) {
                    resumeAt.store(last, std::memory_order_relaxed);
                    nextLength.store(length, std::memory_order_relaxed);
                    m_team->callBack();
                }
                begin = last;
                continue;
            }
            const auto stepTogether = [&](Step step) {
                update(member, step);
                // The rows of the member's own spikes are asked for while it waits for the others' spikes.
                m_team->arrive(member);
                prefetch(member, member, step);
                m_team->awaitOthers(member);
                for (int other = 0; other < members; ++other)
                    if (other != member) prefetch(member, other, step);
                deliver(member, step);
            };
            for (Step step = begin; step < last - 1; ++step) stepTogether(step);
            if (member == 0 && last < end) {
                // From this chunk so far, and the others' last chunks; the others read the answer after the
                // chunk's last meeting.
                const double mine = workShare();
                double gain = mine;
                for (int other = 1; other < members; ++other) {
                    const double theirs = atWork[static_cast<std::size_t>(other)].share.load(std::memory_order_relaxed);
                    gain += std::isnan(theirs) ? mine : theirs;
                }
                const double perStep = secondsSince(wall0) / static_cast<double>(last - 1 - begin);
                nextAlone.store(m_pace.next(false, perStep, gain), std::memory_order_relaxed);
                nextLength.store(m_pace.trying() ? kTrial : kChunk, std::memory_order_relaxed);
            }
            stepTogether(last - 1);
            if (member != 0) atWork[static_cast<std::size_t>(member)].share.store(workShare(), std::memory_order_relaxed);
            if (last == end) break;
            length = nextLength.load(std::memory_order_relaxed);
            if (nextAlone.load(std::memory_order_relaxed)) {
                alone = true;
                m_team->arrive(member);
                m_team->awaitOthers(member);
            }
            begin = last;
        }
        std::uint64_t* mine = counts.data() + static_cast<std::size_t>(member) * perMember;
        mine[0] = events;
        std::copy(spikes.begin(), spikes.end(), mine + 1);
    });
    m_step += steps;
    m_aloneSteps += static_cast<std::uint64_t>(aloneSteps);
    for (int member = 0; member < members; ++member) {
        const std::uint64_t* theirs = counts.data() + static_cast<std::size_t>(member) * perMember;
        m_synOps += theirs[0];
        for (std::size_t p = 0; p < pops; ++p) m_spikeCounts[p] += theirs[p + 1];
    }
    for (auto& pop : m_populations) {
        m_neuronUpdates += static_cast<std::uint64_t>(steps) * static_cast<std::uint64_t>(pop->size());
        pop->joinShareSpikes(m_step - 1);
        pop->endShares();
        for (Step s = 0; s < steps; ++s) pop->endStep(); // moves on the input rings, which no member read
    }
    for (auto& rec : m_recorders) rec->endShares();
}

} // namespace ss::sim
