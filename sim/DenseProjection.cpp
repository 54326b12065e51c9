#include "sim/DenseProjection.h"

namespace ss::sim {

DenseProjection::DenseProjection(std::string name, Population& pre, Population& post, Channel channel,
                                 int delaySteps, const WeightInit& init, Rng rng, bool allowSelf)
    : Projection(std::move(name), pre, post, channel, delaySteps), m_w(post.size(), pre.size())
{
    for (Index i = 0; i < pre.size(); ++i)
        for (Index j = 0; j < post.size(); ++j) m_w(j, i) = init.draw(rng);
    if (!allowSelf && &pre == &post) m_w.diagonal().setZero();
}

std::uint64_t DenseProjection::propagate()
{
    const auto& spikes = pre().spikes();
    if (spikes.empty()) return 0;
    Eigen::Map<Eigen::VectorXd> out(target(), post().size());
    for (Index i : spikes) out += m_w.col(i).cast<double>();
    return static_cast<std::uint64_t>(spikes.size()) * static_cast<std::uint64_t>(post().size());
}

void DenseProjection::copyWeights(std::vector<float>& out) const
{
    out.resize(static_cast<std::size_t>(m_w.size()));
    Eigen::Map<Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(out.data(), m_w.rows(),
                                                                                        m_w.cols()) = m_w;
}

} // namespace ss::sim
