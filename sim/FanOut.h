#pragma once
// One team member's synapses out of one population, over several sparse projections from it, in one row
// per source neuron: the member's parts of each projection's row i lie side by side, so that a spike
// costs the member one row (one lookup, one run of cache lines) however many of the projections reach
// its targets. (NEST keeps a thread's connections by source in the same way.) In CUBA with two members,
// member 1 holds excitatory and inhibitory neurons and walked a row of all four projections for a pair
// of spikes where member 0 walked two; with a fan per population each walks one row per spike.
//
// The parts must take one weight each (SparseProjection::uniform()) and add into different targets
// (post-synaptic population and channel): then every target receives the same additions in the same
// order as from the projections one by one, and the sums are bit-identical. current() tells whether
// the parts still have the weights the fan was built with (a rule or a loaded state may have written
// them since).
#include "sim/SparseProjection.h"
#include "sim/TargetIndex.h"

#include <cstdint>
#include <span>
#include <vector>

namespace ss::sim {

class FanOut {
public:
    // Member `member` of `members` keeps its share of the targets of each of `parts` (same pre-synaptic
    // population, in the network's order).
    FanOut(std::vector<SparseProjection*> parts, int member, int members);

    bool current() const;
    // As SparseProjection::prefetchShare and propagateShare, for all parts at once.
    void prefetch(std::span<const std::vector<Index>> spikes) const;
    std::uint64_t deliver(std::span<const std::vector<Index>> spikes);
    std::size_t bytes() const { return m_target.bytes() + m_bounds.capacity() * sizeof(std::uint32_t); }

    // Whether `parts` may form a fan: two or more projections with one weight each and distinct targets.
    static bool fits(const std::vector<SparseProjection*>& parts);

private:
    std::vector<SparseProjection*> m_parts;
    std::vector<float> m_weights; // each part's weight when built
    std::vector<double*> m_outs;  // the parts' targets in this step
    // Part k of row i: synapses [m_bounds[i K + k], m_bounds[i K + k + 1]) of m_target (K parts; the
    // last entry ends the last row).
    std::vector<std::uint32_t> m_bounds;
    TargetIndex m_target;
};

} // namespace ss::sim
