#pragma once
// Synapses from one population to another. propagate() is event-driven: only the neurons that fired
// in this step touch their outgoing synapses, adding their weights into the post-synaptic input ring
// `delay` steps ahead, or straight into the target's synaptic state where it takes input directly
// (Population::inputTarget; one step is the shortest delay: a spike at step t acts at step t + 1).
#include "sim/Population.h"
#include "sim/Types.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace ss::sim {

// How initial weights are drawn: constant a, uniform in [a, b), or normal(a, b) clipped at zero
// magnitude change of sign.
struct WeightInit {
    enum class Kind { Constant, Uniform, Normal } kind = Kind::Constant;
    double a = 0.0;
    double b = 0.0;
    float draw(Rng& rng) const;
};

class Projection {
public:
    Projection(std::string name, Population& pre, Population& post, Channel channel, int delaySteps);
    virtual ~Projection() = default;
    Projection(const Projection&) = delete;
    Projection& operator=(const Projection&) = delete;

    const std::string& name() const { return m_name; }
    Population& pre() const { return m_pre; }
    Population& post() const { return m_post; }
    Channel channel() const { return m_channel; }
    int delaySteps() const { return m_delay; }

    // Delivers this step's pre-synaptic spikes; returns the number of synaptic operations.
    virtual std::uint64_t propagate() = 0;
    // Projections that can deliver a step's spikes to part of the targets, so that several threads
    // deliver to disjoint parts together: member m of `members` delivers to the targets in
    // post().share(m, members) the spikes of the lists `spikes` (the pre-synaptic
    // population's spike list, or its members' lists in index order). Each target receives its inputs in
    // the same order as from propagate(), so the sums are bit-identical. prepareShares(members) is
    // called (in one thread) before the first step with that many members, for whatever the split needs
    // precomputed.
    virtual bool propagatesInRanges() const { return false; }
    virtual void prepareShares(int /*members*/) {}
    virtual std::uint64_t propagateShare(int /*member*/, int /*members*/, std::span<const std::vector<Index>> /*spikes*/)
    {
        return 0;
    }
    // Ask the memory system for the synapses that propagate() or propagateShare() with the same arguments
    // will read. The network asks for those of all its projections before delivering any, so that their
    // cache misses overlap instead of waiting one projection after the other. A hint only: no result
    // depends on it.
    virtual void prefetch() const {}
    virtual void prefetchShare(int /*member*/, int /*members*/, std::span<const std::vector<Index>> /*spikes*/) const {}
    virtual void reset() {}
    virtual std::size_t synapseCount() const = 0;
    // Bytes held for the synapses (weights and indices).
    virtual std::size_t synapseBytes() const = 0;
    // Weights as a dense post x pre matrix in row-major order (post neuron j, pre neuron i at
    // j * pre + i); absent synapses are zero. Kernel-sharing projections write their kernels instead.
    virtual void copyWeights(std::vector<float>& out) const = 0;
    // Shape in which copyWeights() writes one row (for receptive-field views).
    virtual Shape weightRowShape() const { return m_pre.shape(); }

protected:
    double* target() { return m_post.inputTarget(m_channel, m_delay); }

private:
    std::string m_name;
    Population& m_pre;
    Population& m_post;
    Channel m_channel;
    int m_delay;
};

} // namespace ss::sim
