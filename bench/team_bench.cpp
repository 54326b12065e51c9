// What two threads can gain on this machine, apart from any model: the cost of one hand-over of the
// thread team (a run of empty work: signal the members, wait for all), and an update of the kind the
// LIF step makes (v, ge, gi streamed once per step) over N neurons, on one thread and split in two
// shares by ThreadTeam::share as the engine splits a population,
//   (a) with both shares in the same arrays (as in a population) and
//   (b) with each share in arrays of its own (the same work, no memory next to the other member's),
//   (c) as (b) but the members never wait for each other (each runs all its steps in one run):
//       what this machine's two cores give for this loop with no hand-over at all, the ceiling of
//       what the engine's threads can gain on the update;
//   (d) as (c) but each member, after its step s, waits until the other has finished step s - 1: one
//       step of slack, which synapses with a delay of two steps or more would allow (CUBA's and COBA's
//       act at the next step, so that every neuron's step s + 1 needs all spikes of step s);
//   (f) the shares of (a) in one run of the team with a meeting per step (arrive, awaitOthers), as
//       the engine runs its steps;
//   (g) as (f), but only the outer 30 % of the neurons at each end are a member's own; the middle is
//       cut in 8 blocks that the members take from their own ends, each block to whichever gets there
//       first (one compare-and-swap a block), so that a member whose CPU is slow takes fewer: what
//       shares that follow the members' speeds within a step would gain on the update;
// and the delivery of spikes through the engine's SparseProjection (N neurons onto N, p = 80 / N, so
// rows of 80 synapses; 22 random neurons fire per step, as in CUBA with 40,000 neurons at 5.6 Hz):
//   (e) on one thread (propagate) and on two members with a hand-over per step (propagateShare, as
//       the engine runs it).
// Alternates the variants, 5 repeats, prints medians; asserts nothing.
// Usage: bench_team [NEURONS=40000] [STEPS=20000]
#include "sim/FastMath.h"
#include "sim/SparseProjection.h"
#include "sim/ThreadTeam.h"

#include <Eigen/Core>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

using namespace ss::sim;

namespace {

double seconds()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Eigen's arrays start on a cache line (EIGEN_MAX_ALIGN_BYTES=64), as the populations' do, so that the
// shares, which start on multiples of 64 neurons, share no cache line. (A std::vector<double> starts 16
// bytes into one: every border then splits a line that both members write in every step, which took
// the shares of the same arrays from 1.86x to 1.26x one thread in one run.)
struct State {
    explicit State(long n) : v(Eigen::ArrayXd::Constant(n, -0.06)), ge(Eigen::ArrayXd::Constant(n, 1e-3)),
                             gi(Eigen::ArrayXd::Constant(n, 2e-3)) {}
    Eigen::ArrayXd v, ge, gi;
};

// The exact exponential-current LIF step without threshold (constants of CUBA at dt 0.1 ms), built for
// the same vector widths as the engine's.
SPIKESTUDIO_WIDE void step(long n, double* __restrict v, double* __restrict ge, double* __restrict gi)
{
    for (long i = 0; i < n; ++i) {
        const double e = ge[i] + 1e-5, g = gi[i] + 1e-5; // a little input every step
        v[i] = -0.049 + (v[i] + 0.049) * 0.99501 + e * 0.0194 + g * 0.0097;
        ge[i] = e * 0.98020;
        gi[i] = g * 0.99005;
    }
}

void update(State& s, long begin, long end)
{
    step(end - begin, s.v.data() + begin, s.ge.data() + begin, s.gi.data() + begin);
}

// Neurons whose spikes the bench sets, and whose excitatory input is a plain array (as a LIF takes ge).
class Source : public Population {
public:
    explicit Source(long n) : Population("source", Shape::flat(static_cast<Index>(n))), m_sum(static_cast<std::size_t>(n), 0.0) {}
    void fire(const std::vector<Index>& spikes) { m_spikes = spikes; }
    void integrate() override {}
    void thresholdAndReset() override {}

protected:
    void prepareModel() override { m_directInput[0] = m_directInput[1] = m_sum.data(); }
    void resetModel() override {}

private:
    std::vector<double> m_sum;
};

inline void relax()
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

double median(std::vector<double> x)
{
    std::sort(x.begin(), x.end());
    return x[x.size() / 2];
}

} // namespace

int main(int argc, char** argv)
{
    const long n = argc > 1 ? std::atol(argv[1]) : 40000;
    const long steps = argc > 2 ? std::atol(argv[2]) : 20000;
    ThreadTeam team(2);
    State shared(n), own0(n), own1(n);
    std::vector<double> handover, one, split, apart, free, slack, met, claimed, deliverOne, deliverSplit;
    Source pre(n), post(n);
    pre.prepare(1e-4, 2, Rng(1, 1));
    post.prepare(1e-4, 2, Rng(1, 2));
    SparseProjection projection("syn", pre, post, Channel::Excitatory, 1, SparseProjection::Rule::Probability,
                                80.0 / static_cast<double>(n), WeightInit{WeightInit::Kind::Constant, 0.5, 0.0}, Rng(1, 3), true);
    projection.prepareShares(2);
    std::vector<std::vector<Index>> spikes(static_cast<std::size_t>(steps));
    Rng rng(1, 4);
    for (auto& list : spikes) {
        for (int k = 0; k < 22; ++k) list.push_back(static_cast<Index>(rng.below(static_cast<std::uint64_t>(n))));
        std::sort(list.begin(), list.end());
        list.erase(std::unique(list.begin(), list.end()), list.end());
    }
    for (int r = 0; r < 5; ++r) {
        double t = seconds();
        for (long s = 0; s < steps; ++s) team.run([](int) {});
        handover.push_back((seconds() - t) / static_cast<double>(steps));
        t = seconds();
        for (long s = 0; s < steps; ++s) update(shared, 0, n);
        one.push_back(seconds() - t);
        t = seconds();
        for (long s = 0; s < steps; ++s)
            team.run([&](int member) {
                const auto [begin, end] = ThreadTeam::share(n, member, 2);
                update(shared, begin, end);
            });
        split.push_back(seconds() - t);
        t = seconds();
        for (long s = 0; s < steps; ++s)
            team.run([&](int member) {
                const auto [begin, end] = ThreadTeam::share(n, member, 2);
                update(member == 0 ? own0 : own1, 0, end - begin);
            });
        apart.push_back(seconds() - t);
        t = seconds();
        team.run([&](int member) { // one hand-over for all steps
            const auto [begin, end] = ThreadTeam::share(n, member, 2);
            for (long s = 0; s < steps; ++s) update(member == 0 ? own0 : own1, 0, end - begin);
        });
        free.push_back(seconds() - t);
        struct alignas(64) Done {
            std::atomic<long> steps{0};
        };
        std::array<Done, 2> done;
        t = seconds();
        team.run([&](int member) {
            const auto [begin, end] = ThreadTeam::share(n, member, 2);
            const auto& other = done[static_cast<std::size_t>(1 - member)].steps;
            for (long s = 0; s < steps; ++s) {
                update(member == 0 ? own0 : own1, 0, end - begin);
                done[static_cast<std::size_t>(member)].steps.store(s + 1, std::memory_order_release);
                while (other.load(std::memory_order_acquire) < s) relax();
            }
        });
        slack.push_back(seconds() - t);
        t = seconds();
        team.run([&](int member) {
            const auto [begin, end] = ThreadTeam::share(n, member, 2);
            for (long s = 0; s < steps; ++s) {
                update(shared, begin, end);
                team.arrive(member);
                team.awaitOthers(member);
            }
        });
        met.push_back(seconds() - t);
        // (g): the word holds the step (high 32 bits) and the next free middle block from the left and
        // from the right (16 bits each); a word of an earlier step means all blocks are free.
        struct alignas(64) Claims {
            std::atomic<std::uint64_t> word{0};
        } claims;
        constexpr long kMiddleBlocks = 8;
        constexpr long line = ThreadTeam::kAlign;
        const long own = n * 3 / 10 / line * line, block = (n - 2 * own) / kMiddleBlocks / line * line;
        t = seconds();
        team.run([&](int member) {
            for (std::uint64_t s = 1; s <= static_cast<std::uint64_t>(steps); ++s) {
                update(shared, member == 0 ? 0 : n - own, member == 0 ? own : n); // the member's own end
                for (std::uint64_t w = claims.word.load(std::memory_order_acquire);;) {
                    const bool current = w >> 32 == s;
                    const std::uint64_t lo = current ? (w >> 16) & 0xffff : 0, hi = current ? w & 0xffff : kMiddleBlocks;
                    if (lo >= hi) break;
                    const std::uint64_t next = s << 32 | (member == 0 ? lo + 1 : lo) << 16 | (member == 0 ? hi : hi - 1);
                    if (!claims.word.compare_exchange_weak(w, next, std::memory_order_acq_rel)) continue;
                    const long b = static_cast<long>(member == 0 ? lo : hi - 1), first = own + b * block;
                    update(shared, first, b == kMiddleBlocks - 1 ? n - own : first + block);
                    w = claims.word.load(std::memory_order_acquire);
                }
                team.arrive(member);
                team.awaitOthers(member);
            }
        });
        claimed.push_back(seconds() - t);
        t = seconds();
        for (const auto& list : spikes) {
            pre.fire(list);
            projection.propagate();
        }
        deliverOne.push_back(seconds() - t);
        t = seconds();
        for (const auto& list : spikes) {
            pre.fire(list);
            team.run([&](int member) { projection.propagateShare(member, 2, std::span(&pre.spikes(), 1)); });
        }
        deliverSplit.push_back(seconds() - t);
    }
    std::printf("%ld neurons, %ld steps, medians of 5:\n", n, steps);
    std::printf("  hand-over of the team (empty run):        %.2f us\n", median(handover) * 1e6);
    std::printf("  update, one thread:                       %.3f s\n", median(one));
    std::printf("  update, two shares of the same arrays:    %.3f s (%.2fx one thread)\n", median(split),
                median(one) / median(split));
    std::printf("  update, two shares in arrays of their own: %.3f s (%.2fx one thread)\n", median(apart),
                median(one) / median(apart));
    std::printf("  update, two threads that never wait:      %.3f s (%.2fx one thread)\n", median(free),
                median(one) / median(free));
    std::printf("  update, two threads, one step of slack:   %.3f s (%.2fx one thread)\n", median(slack),
                median(one) / median(slack));
    std::printf("  update, two shares, a meeting per step:   %.3f s (%.2fx one thread)\n", median(met),
                median(one) / median(met));
    std::printf("  update, middle taken from both ends:      %.3f s (%.2fx one thread)\n", median(claimed),
                median(one) / median(claimed));
    std::printf("  delivery, one thread:                     %.3f s\n", median(deliverOne));
    std::printf("  delivery, two members, a hand-over a step: %.3f s (%.2fx one thread)\n", median(deliverSplit),
                median(deliverOne) / median(deliverSplit));
    return 0;
}
