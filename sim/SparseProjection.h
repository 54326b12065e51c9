#pragma once
// Sparse synapses in compressed rows by pre-synaptic neuron (CSR): for a static synapse a target index
// (2 bytes onto at most 65,536 neurons, 4 onto more: sim/TargetIndex) and a 4-byte weight, plus one
// offset per pre-synaptic neuron. While all weights are equal (constant initial weights, as in CUBA,
// and nothing has asked to write them), one weight is kept for all: 2 bytes per synapse onto up to
// 65,536 neurons, and the delivery reads a third as much. Rules that need the
// synapses of a post-synaptic neuron ask for the transposed index, built once on demand.
#include "sim/HugePages.h"
#include "sim/Projection.h"
#include "sim/TargetIndex.h"

#include <cstdint>
#include <vector>

namespace ss::sim {

class SparseProjection : public Projection {
public:
    enum class Rule { Probability, FixedInDegree };

    // Random connectivity: each pair with probability p (Rule::Probability, `value` = p), or exactly
    // `value` distinct random pre-synaptic partners for every post-synaptic neuron (FixedInDegree).
    SparseProjection(std::string name, Population& pre, Population& post, Channel channel, int delaySteps,
                     Rule rule, double value, const WeightInit& init, Rng rng, bool allowSelf = false);
    // Explicit synapse list (pre, post, weight), for tests and loaded documents.
    struct Synapse {
        Index pre;
        Index post;
        float weight;
    };
    SparseProjection(std::string name, Population& pre, Population& post, Channel channel, int delaySteps,
                     std::vector<Synapse> synapses);

    std::uint64_t propagate() override;
    // Rows are sorted by target, so each member's share of the targets is a contiguous part of each
    // row; prepareShares() finds where every row crosses into the next member's share, once.
    bool propagatesInRanges() const override { return true; }
    void prepareShares(int members) override;
    std::uint64_t propagateShare(int member, int members, std::span<const std::vector<Index>> spikes) override;
    void prefetch() const override;
    void prefetchShare(int member, int members, std::span<const std::vector<Index>> spikes) const override;
    std::size_t synapseCount() const override { return m_target.size(); }
    std::size_t synapseBytes() const override;
    void copyWeights(std::vector<float>& out) const override;

    // Synapses of pre neuron i are [rowBegin(i), rowBegin(i + 1)).
    std::uint64_t rowBegin(Index i) const { return m_rowStart[static_cast<std::size_t>(i)]; }
    std::uint32_t targetOf(std::uint64_t s) const { return m_target[s]; }
    // Whether the target indices take 2 bytes each (at most 65,536 targets) rather than 4.
    bool narrowTargets() const { return m_target.narrow(); }
    float weightOf(std::uint64_t s) const { return uniform() ? m_sameWeight : m_weight[s]; }
    // Writable weights, one per synapse: the first call stores the shared weight for every synapse.
    float& weight(std::uint64_t s)
    {
        if (uniform()) storeEveryWeight();
        return m_weight[s];
    }
    HugeVector<float>& weights()
    {
        if (uniform()) storeEveryWeight();
        return m_weight;
    }
    // Whether all synapses share one weight (as built, and no writable access since): then no weight
    // is stored per synapse.
    bool uniform() const { return m_weight.size() != m_target.size(); }

    // Transposed index: synapse ids of post neuron j are postSynapses()[postBegin(j) .. postBegin(j+1)).
    void buildPostIndex();
    std::uint64_t postBegin(Index j) const { return m_postStart[static_cast<std::size_t>(j)]; }
    const std::vector<std::uint32_t>& postSynapses() const { return m_postSynapse; }
    // Pre neuron of synapse s (needs the post index).
    Index sourceOf(std::uint64_t s) const { return m_source[s]; }

private:
    friend class FanOut; // delivers into target()
    void fromList(std::vector<Synapse>& synapses);
    // Adds the synapses [first, last) = part(i) of every spiking neuron i's row into the targets, for
    // the neurons of the lists `spikes` in turn.
    template <class Part> std::uint64_t deliver(std::span<const std::vector<Index>> spikes, Part part);
    template <bool Uniform, class Part> std::uint64_t deliverRows(std::span<const std::vector<Index>> spikes, Part part);
    template <class Part> void prefetchRows(std::span<const std::vector<Index>> spikes, Part part) const;
    // Synapses [first, last) of row i in full, or of member `member`'s share of the targets.
    std::pair<std::uint64_t, std::uint64_t> row(Index i) const;
    std::pair<std::uint64_t, std::uint64_t> rowShare(Index i, int member, int members) const;
    // Whether member `member` has no targets here: it then walks none of the rows.
    bool emptyShare(int member, int members) const
    {
        const auto [begin, end] = post().share(member, members);
        return begin == end;
    }
    // Keeps one weight for all synapses where they are all equal, and one per synapse again.
    void shareEqualWeights();
    void storeEveryWeight();

    std::vector<std::uint64_t> m_rowStart;
    TargetIndex m_target;
    HugeVector<float> m_weight; // empty while uniform()
    float m_sameWeight = 0.0f;
    // With a team of m_cutMembers > 1: where row i crosses into member k's share (k = 1 .. members-1),
    // relative to the row's start, at m_cut[i * (members - 1) + k - 1].
    std::vector<std::uint32_t> m_cut;
    int m_cutMembers = 1;
    // Only when buildPostIndex() was called.
    std::vector<std::uint64_t> m_postStart;
    std::vector<std::uint32_t> m_postSynapse;
    std::vector<Index> m_source;
};

} // namespace ss::sim
