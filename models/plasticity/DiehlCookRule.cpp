#include "models/plasticity/DiehlCookRule.h"

#include <cmath>

namespace ss::models {

DiehlCookRule::DiehlCookRule(std::string name, sim::DenseProjection& projection, const DiehlCookParams& params)
    : sim::PlasticityRule(std::move(name)), m_projection(projection), m_p(params)
{
    const std::string who = "rule '" + this->name() + "': ";
    if (!(m_p.tauPre > 0.0) || !(m_p.tauPost1 > 0.0) || !(m_p.tauPost2 > 0.0))
        throw sim::ModelError(who + "time constants must be positive");
    if (!(m_p.nuPre >= 0.0) || !(m_p.nuPost >= 0.0)) throw sim::ModelError(who + "learning rates must not be negative");
    if (!(m_p.wMax > 0.0)) throw sim::ModelError(who + "w_max must be positive");
    if (!(m_p.normSum >= 0.0)) throw sim::ModelError(who + "norm_sum must not be negative");
}

void DiehlCookRule::prepare(double dt)
{
    m_decayPre = std::exp(-dt / m_p.tauPre);
    m_decayPost1 = std::exp(-dt / m_p.tauPost1);
    m_decayPost2 = std::exp(-dt / m_p.tauPost2);
    m_pre.setZero(m_projection.pre().size());
    m_post1.setZero(m_projection.post().size());
    m_post2.setZero(m_projection.post().size());
    m_sums.setZero(m_projection.post().size());
}

void DiehlCookRule::reset()
{
    m_pre.setZero();
    m_post1.setZero();
    m_post2.setZero();
}

void DiehlCookRule::beginSample() { normalise(); }

void DiehlCookRule::normalise()
{
    if (m_p.normSum <= 0.0) return;
    Eigen::MatrixXf& weights = m_projection.weights();
    if (m_sums.size() != weights.rows()) m_sums.setZero(weights.rows());
    m_sums = weights.cast<double>().rowwise().sum().array();
    // A post neuron with no incoming weight at all keeps it (nothing to scale).
    m_sums = (m_sums > 0.0).select(m_p.normSum / m_sums, 1.0);
    for (Eigen::Index i = 0; i < weights.cols(); ++i)
        weights.col(i).array() = (weights.col(i).array().cast<double>() * m_sums).cast<float>();
}

void DiehlCookRule::step()
{
    m_pre *= m_decayPre;
    m_post1 *= m_decayPost1;
    m_post2 *= m_decayPost2;
    Eigen::MatrixXf& weights = m_projection.weights();
    const double wMax = m_p.wMax;
    // pre: w -= nu_pre * post1, clipped into [0, w_max]; then pre = 1.
    for (sim::Index i : m_projection.pre().spikes()) {
        auto col = weights.col(i).array();
        col = (col.cast<double>() - m_p.nuPre * m_post1).max(0.0).min(wMax).cast<float>();
        m_pre[i] = 1.0;
    }
    // post: w += nu_post * pre * post2(before), clipped into [0, w_max]; then post1 = post2 = 1.
    const auto pre = m_pre.transpose();
    for (sim::Index j : m_projection.post().spikes()) {
        auto row = weights.row(j).array();
        row = (row.cast<double>() + (m_p.nuPost * m_post2[j]) * pre).max(0.0).min(wMax).cast<float>();
        m_post1[j] = 1.0;
        m_post2[j] = 1.0;
    }
}

} // namespace ss::models
