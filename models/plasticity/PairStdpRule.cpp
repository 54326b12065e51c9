#include "models/plasticity/PairStdpRule.h"

#include <algorithm>
#include <cmath>

namespace ss::models {

PairStdpRule::PairStdpRule(std::string name, sim::DenseProjection& projection, const StdpParams& params)
    : sim::PlasticityRule(std::move(name)), m_projection(projection), m_dense(&projection), m_p(params)
{
    check();
}

PairStdpRule::PairStdpRule(std::string name, sim::SparseProjection& projection, const StdpParams& params)
    : sim::PlasticityRule(std::move(name)), m_projection(projection), m_sparse(&projection), m_p(params)
{
    check();
    // Potentiation walks the synapses of each post-synaptic neuron that fired.
    projection.buildPostIndex();
}

void PairStdpRule::check() const
{
    const std::string who = "rule '" + name() + "': ";
    if (!(m_p.tauPlus > 0.0) || !(m_p.tauMinus > 0.0)) throw sim::ModelError(who + "time constants must be positive");
    if (!(m_p.aPlus >= 0.0) || !(m_p.aMinus >= 0.0)) throw sim::ModelError(who + "amplitudes must not be negative");
    if (!(m_p.wMin <= m_p.wMax)) throw sim::ModelError(who + "w_min must not exceed w_max");
}

void PairStdpRule::prepare(double dt)
{
    m_decayPlus = std::exp(-dt / m_p.tauPlus);
    m_decayMinus = std::exp(-dt / m_p.tauMinus);
    m_x.setZero(m_projection.pre().size());
    m_y.setZero(m_projection.post().size());
    m_maskedX.setZero(m_x.size());
    m_maskedY.setZero(m_y.size());
    m_lastPre.resize(m_x.size());
    m_lastPost.resize(m_y.size());
    reset();
}

void PairStdpRule::reset()
{
    m_x.setZero();
    m_y.setZero();
    m_lastPre.setConstant(-1);
    m_lastPost.setConstant(-1);
    m_now = 0;
}

const Eigen::ArrayXd& PairStdpRule::depressingTraces(sim::Index i)
{
    if (!reduced()) return m_y;
    m_maskedY = (m_lastPost > m_lastPre[i]).select(m_y, 0.0);
    return m_maskedY;
}

const Eigen::ArrayXd& PairStdpRule::potentiatingTraces(sim::Index j)
{
    if (!reduced()) return m_x;
    m_maskedX = (m_lastPre > m_lastPost[j]).select(m_x, 0.0);
    return m_maskedX;
}

double PairStdpRule::depressed(double w, double y) const
{
    switch (m_p.dependence) {
    case StdpParams::Dependence::Additive: w -= m_p.aMinus * y; break;
    case StdpParams::Dependence::Multiplicative: w -= m_p.aMinus * y * w; break;
    case StdpParams::Dependence::SoftBound: w -= m_p.aMinus * y * (w - m_p.wMin); break;
    }
    return std::clamp(w, m_p.wMin, m_p.wMax);
}

double PairStdpRule::potentiated(double w, double x) const
{
    switch (m_p.dependence) {
    case StdpParams::Dependence::Additive:
    case StdpParams::Dependence::Multiplicative: w += m_p.aPlus * x; break;
    case StdpParams::Dependence::SoftBound: w += m_p.aPlus * x * (m_p.wMax - w); break;
    }
    return std::clamp(w, m_p.wMin, m_p.wMax);
}

void PairStdpRule::step()
{
    m_x *= m_decayPlus;
    m_y *= m_decayMinus;
    if (m_dense) stepDense();
    else stepSparse();
    const bool nearest = m_p.pairing != StdpParams::Pairing::AllToAll;
    for (sim::Index i : m_projection.pre().spikes()) {
        m_x[i] = nearest ? 1.0 : m_x[i] + 1.0;
        m_lastPre[i] = m_now;
    }
    for (sim::Index j : m_projection.post().spikes()) {
        m_y[j] = nearest ? 1.0 : m_y[j] + 1.0;
        m_lastPost[j] = m_now;
    }
    ++m_now;
}

void PairStdpRule::stepDense()
{
    using Dep = StdpParams::Dependence;
    Eigen::MatrixXf& weights = m_dense->weights();
    const double lo = m_p.wMin, hi = m_p.wMax;
    // Whole columns (the targets of a pre spike) and rows (the sources of a post spike) at once,
    // computed in double and rounded once to the stored float.
    for (sim::Index i : m_projection.pre().spikes()) {
        auto col = weights.col(i).array();
        const auto w = col.cast<double>();
        const Eigen::ArrayXd& y = depressingTraces(i);
        switch (m_p.dependence) {
        case Dep::Additive: col = (w - m_p.aMinus * y).max(lo).min(hi).cast<float>(); break;
        case Dep::Multiplicative: col = (w - m_p.aMinus * y * w).max(lo).min(hi).cast<float>(); break;
        case Dep::SoftBound: col = (w - m_p.aMinus * y * (w - lo)).max(lo).min(hi).cast<float>(); break;
        }
    }
    for (sim::Index j : m_projection.post().spikes()) {
        const auto x = potentiatingTraces(j).transpose();
        auto row = weights.row(j).array();
        const auto w = row.cast<double>();
        switch (m_p.dependence) {
        case Dep::Additive:
        case Dep::Multiplicative: row = (w + m_p.aPlus * x).max(lo).min(hi).cast<float>(); break;
        case Dep::SoftBound: row = (w + m_p.aPlus * x * (hi - w)).max(lo).min(hi).cast<float>(); break;
        }
    }
}

void PairStdpRule::stepSparse()
{
    sim::SparseProjection& proj = *m_sparse;
    for (sim::Index i : m_projection.pre().spikes()) {
        const std::uint64_t end = proj.rowBegin(i + 1);
        for (std::uint64_t s = proj.rowBegin(i); s < end; ++s) {
            const sim::Index j = proj.targetOf(s);
            if (reduced() && !(m_lastPost[j] > m_lastPre[i])) continue;
            float& w = proj.weight(s);
            w = static_cast<float>(depressed(w, m_y[j]));
        }
    }
    const auto& bySource = proj.postSynapses();
    for (sim::Index j : m_projection.post().spikes()) {
        const std::uint64_t end = proj.postBegin(j + 1);
        for (std::uint64_t k = proj.postBegin(j); k < end; ++k) {
            const std::uint32_t s = bySource[k];
            const sim::Index i = proj.sourceOf(s);
            if (reduced() && !(m_lastPre[i] > m_lastPost[j])) continue;
            float& w = proj.weight(s);
            w = static_cast<float>(potentiated(w, m_x[i]));
        }
    }
}

} // namespace ss::models
