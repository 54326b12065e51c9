#pragma once
// All-to-all synapses with an Eigen weight matrix of post x pre entries, column-major so that the
// outgoing weights of one pre-synaptic neuron are contiguous.
#include "sim/Projection.h"

#include <Eigen/Core>

namespace ss::sim {

class DenseProjection : public Projection {
public:
    DenseProjection(std::string name, Population& pre, Population& post, Channel channel, int delaySteps,
                    const WeightInit& init, Rng rng, bool allowSelf = true);

    std::uint64_t propagate() override;
    std::size_t synapseCount() const override { return static_cast<std::size_t>(m_w.size()); }
    std::size_t synapseBytes() const override { return synapseCount() * sizeof(float); }
    void copyWeights(std::vector<float>& out) const override;

    // weights()(post, pre)
    Eigen::MatrixXf& weights() { return m_w; }
    const Eigen::MatrixXf& weights() const { return m_w; }

private:
    Eigen::MatrixXf m_w;
};

} // namespace ss::sim
