#pragma once
// Neuron i of the pre-synaptic population to neuron i of the post-synaptic one.
#include "sim/Projection.h"

namespace ss::sim {

class OneToOneProjection : public Projection {
public:
    OneToOneProjection(std::string name, Population& pre, Population& post, Channel channel, int delaySteps,
                       const WeightInit& init, Rng rng)
        : Projection(std::move(name), pre, post, channel, delaySteps), m_w(static_cast<std::size_t>(pre.size()))
    {
        if (pre.size() != post.size())
            throw ModelError("projection '" + this->name() + "': one-to-one needs equal sizes (" +
                             std::to_string(pre.size()) + " and " + std::to_string(post.size()) + ")");
        for (auto& w : m_w) w = init.draw(rng);
    }

    std::uint64_t propagate() override
    {
        double* out = target();
        for (Index i : pre().spikes()) out[i] += m_w[static_cast<std::size_t>(i)];
        return pre().spikes().size();
    }
    std::size_t synapseCount() const override { return m_w.size(); }
    std::size_t synapseBytes() const override { return m_w.size() * sizeof(float); }
    void copyWeights(std::vector<float>& out) const override
    {
        const auto n = m_w.size();
        out.assign(n * n, 0.0f);
        for (std::size_t i = 0; i < n; ++i) out[i * n + i] = m_w[i];
    }
    std::vector<float>& weights() { return m_w; }

private:
    std::vector<float> m_w;
};

} // namespace ss::sim
