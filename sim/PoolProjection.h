#pragma once
// Spatial pooling, channel by channel: pre (C x H x W) to post (C x Ho x Wo), window k, stride s.
//  - Max: a pooled neuron receives `weight` once in a step when any neuron of its window fired
//    (the maximum of binary spikes);
//  - FirstSpike: only the first spike of its window since the last reset gets through, as in the
//    pooling layers of Kheradpisheh et al. (2018);
//  - Average: every spike in the window adds weight / (k * k).
#include "sim/ConvProjection.h"

namespace ss::sim {

class PoolProjection : public Projection {
public:
    enum class Mode { Max, FirstSpike, Average };
    PoolProjection(std::string name, Population& pre, Population& post, Channel channel, int delaySteps,
                   Index window, Index stride, Mode mode, float weight);

    std::uint64_t propagate() override;
    void reset() override;
    std::size_t synapseCount() const override { return static_cast<std::size_t>(pre().size()); }
    std::size_t synapseBytes() const override { return m_passed.size(); }
    void copyWeights(std::vector<float>& out) const override;

    static Shape output(const Shape& in, Index window, Index stride, const std::string& who);

private:
    Index m_window, m_stride;
    Mode m_mode;
    float m_weight;
    Shape m_out;
    std::vector<std::uint8_t> m_passed; // per pooled neuron: already relayed (this step / this sample)
    std::vector<Index> m_touched;       // scratch for Max mode
};

} // namespace ss::sim
