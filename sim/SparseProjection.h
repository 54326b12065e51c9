#pragma once
// Sparse synapses in compressed rows by pre-synaptic neuron (CSR): for a static synapse a 4-byte
// target index and a 4-byte weight, plus one offset per pre-synaptic neuron. Rules that need the
// synapses of a post-synaptic neuron ask for the transposed index, built once on demand.
#include "sim/Projection.h"

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
    // Rows are sorted by target, so a range of targets is a contiguous part of each row.
    bool propagatesInRanges() const override { return true; }
    std::uint64_t propagateRange(Index postBegin, Index postEnd) override;
    std::size_t synapseCount() const override { return m_target.size(); }
    std::size_t synapseBytes() const override;
    void copyWeights(std::vector<float>& out) const override;

    // Synapses of pre neuron i are [rowBegin(i), rowBegin(i + 1)).
    std::uint64_t rowBegin(Index i) const { return m_rowStart[static_cast<std::size_t>(i)]; }
    std::uint32_t targetOf(std::uint64_t s) const { return m_target[s]; }
    float& weight(std::uint64_t s) { return m_weight[s]; }
    std::vector<float>& weights() { return m_weight; }

    // Transposed index: synapse ids of post neuron j are postSynapses()[postBegin(j) .. postBegin(j+1)).
    void buildPostIndex();
    std::uint64_t postBegin(Index j) const { return m_postStart[static_cast<std::size_t>(j)]; }
    const std::vector<std::uint32_t>& postSynapses() const { return m_postSynapse; }
    // Pre neuron of synapse s (needs the post index).
    Index sourceOf(std::uint64_t s) const { return m_source[s]; }

private:
    void fromList(std::vector<Synapse>& synapses);

    std::vector<std::uint64_t> m_rowStart;
    std::vector<std::uint32_t> m_target;
    std::vector<float> m_weight;
    // Only when buildPostIndex() was called.
    std::vector<std::uint64_t> m_postStart;
    std::vector<std::uint32_t> m_postSynapse;
    std::vector<Index> m_source;
};

} // namespace ss::sim
