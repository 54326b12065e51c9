#pragma once
// Lateral inhibition within one population: a spike of neuron i adds `weight` to the inhibitory
// channel of every other neuron (AllOthers), or only of the neurons at the same position in the other
// feature maps of a C x H x W layer (SamePosition, as between the maps of a convolutional layer).
// No weight matrix is stored: 4 bytes for the whole projection.
#include "sim/Projection.h"

namespace ss::sim {

class LateralInhibitionProjection : public Projection {
public:
    enum class Scope { AllOthers, SamePosition };
    LateralInhibitionProjection(std::string name, Population& population, int delaySteps, float weight, Scope scope)
        : Projection(std::move(name), population, population, Channel::Inhibitory, delaySteps), m_weight(weight),
          m_scope(scope)
    {
    }

    std::uint64_t propagate() override
    {
        const auto& spikes = pre().spikes();
        if (spikes.empty()) return 0;
        double* out = target();
        const Index n = post().size();
        if (m_scope == Scope::AllOthers) {
            // Everyone gets k * w, then each spiking neuron gets its own contribution back.
            const double total = m_weight * static_cast<double>(spikes.size());
            for (Index j = 0; j < n; ++j) out[j] += total;
            for (Index i : spikes) out[i] -= m_weight;
            return static_cast<std::uint64_t>(spikes.size()) * static_cast<std::uint64_t>(n - 1);
        }
        const Shape s = post().shape();
        const Index plane = s.height * s.width;
        for (Index i : spikes) {
            const Index pos = i % plane;
            for (Index c = 0; c < s.channels; ++c)
                if (c * plane + pos != i) out[c * plane + pos] += m_weight;
        }
        return static_cast<std::uint64_t>(spikes.size()) * static_cast<std::uint64_t>(s.channels - 1);
    }
    std::size_t synapseCount() const override
    {
        const Index n = post().size();
        return m_scope == Scope::AllOthers ? static_cast<std::size_t>(n) * static_cast<std::size_t>(n - 1)
                                           : static_cast<std::size_t>(n) * static_cast<std::size_t>(post().shape().channels - 1);
    }
    std::size_t synapseBytes() const override { return sizeof(float); }
    void copyWeights(std::vector<float>& out) const override
    {
        const auto n = static_cast<std::size_t>(post().size());
        const Shape s = post().shape();
        const auto plane = static_cast<std::size_t>(s.height * s.width);
        out.assign(n * n, 0.0f);
        for (std::size_t j = 0; j < n; ++j)
            for (std::size_t i = 0; i < n; ++i)
                if (i != j && (m_scope == Scope::AllOthers || i % plane == j % plane)) out[j * n + i] = m_weight;
    }

private:
    float m_weight;
    Scope m_scope;
};

} // namespace ss::sim
