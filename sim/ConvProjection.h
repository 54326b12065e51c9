#pragma once
// 2D convolution with shared kernels: pre (C x H x W) to post (F x Ho x Wo) with
//   Ho = (H + 2 pad - k) / stride + 1,
// out[f, oy, ox] += sum_{c, ky, kx} K[f, c, ky, kx] * in[c, oy * stride + ky - pad, ox * stride + kx - pad]
// (cross-correlation, as OpenCV filter2D and most deep-learning libraries). Event-driven: a spike of
// pre neuron (c, y, x) adds K[f, c, ky, kx] to every output position whose window covers it.
#include "sim/Projection.h"

namespace ss::sim {

struct ConvGeometry {
    Index kernel = 5;
    Index stride = 1;
    Index padding = 0;
    Index features = 1;
    // Output shape for an input shape; throws ModelError when the kernel does not fit.
    Shape output(const Shape& in, const std::string& who) const;
};

class ConvProjection : public Projection {
public:
    ConvProjection(std::string name, Population& pre, Population& post, Channel channel, int delaySteps,
                   const ConvGeometry& geometry, const WeightInit& init, Rng rng);

    std::uint64_t propagate() override;
    std::size_t synapseCount() const override { return m_kernels.size(); }
    std::size_t synapseBytes() const override { return m_kernels.size() * sizeof(float); }
    // Writes the kernels, feature by feature, each C x k x k.
    void copyWeights(std::vector<float>& out) const override { out = m_kernels; }
    Shape weightRowShape() const override { return {pre().shape().channels, m_geo.kernel, m_geo.kernel}; }

    const ConvGeometry& geometry() const { return m_geo; }
    std::vector<float>& kernels() { return m_kernels; }
    float& kernel(Index f, Index c, Index ky, Index kx)
    {
        const Index k = m_geo.kernel;
        return m_kernels[static_cast<std::size_t>(((f * pre().shape().channels + c) * k + ky) * k + kx)];
    }

private:
    ConvGeometry m_geo;
    std::vector<float> m_kernels;
};

} // namespace ss::sim
