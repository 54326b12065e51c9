#include "models/plasticity/KheradpishehRule.h"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace ss::models {

KheradpishehRule::KheradpishehRule(std::string name, sim::DenseProjection& projection,
                                   const KheradpishehParams& params)
    : sim::PlasticityRule(std::move(name)), m_projection(projection), m_dense(&projection), m_p(params)
{
    check();
}

KheradpishehRule::KheradpishehRule(std::string name, sim::ConvProjection& projection,
                                   const KheradpishehParams& params)
    : sim::PlasticityRule(std::move(name)), m_projection(projection), m_conv(&projection), m_p(params)
{
    check();
}

void KheradpishehRule::check() const
{
    const std::string who = "rule '" + name() + "': ";
    if (!(m_p.aPlus >= 0.0 && m_p.aPlus <= 1.0) || !(m_p.aMinus >= 0.0 && m_p.aMinus <= 1.0))
        throw sim::ModelError(who + "a_plus and a_minus must be in [0, 1] to keep weights in [0, 1]");
    if (!(m_p.weightUnit > 0.0)) throw sim::ModelError(who + "the weight unit must be positive");
    if (m_p.learnFrom < 0 || m_p.learnUntil < 0 || (m_p.learnUntil > 0 && m_p.learnUntil <= m_p.learnFrom))
        throw sim::ModelError(who + "learn_until must be 0 (no end) or after learn_from");
    if (m_p.doubleEvery < 0 || !(m_p.aPlusMax >= m_p.aPlus && m_p.aPlusMax <= 1.0))
        throw sim::ModelError(who + "double_every must not be negative and a_plus_max must lie in [a_plus, 1]");
}

std::pair<double, double> KheradpishehRule::rates(long long k) const
{
    if (m_p.doubleEvery <= 0 || k < m_p.learnFrom || !(m_p.aPlus > 0.0)) return {m_p.aPlus, m_p.aMinus};
    const long long doublings = (k - m_p.learnFrom) / m_p.doubleEvery;
    const double aPlus = doublings >= 60 ? m_p.aPlusMax : std::min(m_p.aPlus * std::ldexp(1.0, static_cast<int>(doublings)), m_p.aPlusMax);
    return {aPlus, std::min(1.0, aPlus * m_p.aMinus / m_p.aPlus)};
}

void KheradpishehRule::prepare(double)
{
    m_samples = 0;
    m_fired.setZero(m_projection.pre().size());
    if (m_conv) {
        m_out = m_conv->geometry().output(m_projection.pre().shape(), "rule '" + name() + "'");
        m_winner.assign(static_cast<std::size_t>(m_out.channels), -1);
    } else {
        m_winner.assign(static_cast<std::size_t>(m_projection.post().size()), -1);
    }
}

void KheradpishehRule::rearm()
{
    m_fired.setZero();
    std::fill(m_winner.begin(), m_winner.end(), -1);
}

void KheradpishehRule::reset() { rearm(); }

void KheradpishehRule::beginSample()
{
    rearm();
    ++m_samples;
}

void KheradpishehRule::step()
{
    // The sample under way is number m_samples - 1 (none before the first beginSample counts as 0).
    const long long k = std::max(m_samples - 1, 0LL);
    if (k < m_p.learnFrom || (m_p.learnUntil > 0 && k >= m_p.learnUntil)) return;
    std::tie(m_aPlus, m_aMinus) = rates(k);
    // Flags first: a pre spike in the same step as the post spike counts as t_pre <= t_post.
    for (sim::Index i : m_projection.pre().spikes()) m_fired[i] = 1.0;
    const sim::Index plane = m_conv ? m_out.height * m_out.width : 1;
    for (sim::Index j : m_projection.post().spikes()) {
        auto& w = m_winner[static_cast<std::size_t>(j / plane)];
        if (w >= 0) continue;
        w = j;
        if (m_dense) learnDense(j);
        else learnConv(j);
    }
}

void KheradpishehRule::learnDense(sim::Index post)
{
    const double unit = m_p.weightUnit;
    auto row = m_dense->weights().row(post).array();
    const auto u = row.cast<double>() / unit;
    // a = +a+ for inputs that fired, -a- for the others.
    const auto a = (m_fired * (m_aPlus + m_aMinus) - m_aMinus).transpose();
    row = ((u + a * u * (1.0 - u)) * unit).cast<float>();
}

void KheradpishehRule::learnConv(sim::Index post)
{
    const sim::ConvGeometry& geo = m_conv->geometry();
    const sim::Shape in = m_projection.pre().shape();
    const sim::Index plane = m_out.height * m_out.width;
    const sim::Index f = post / plane;
    const sim::Index oy = (post % plane) / m_out.width;
    const sim::Index ox = post % m_out.width;
    const double unit = m_p.weightUnit;
    for (sim::Index c = 0; c < in.channels; ++c)
        for (sim::Index ky = 0; ky < geo.kernel; ++ky) {
            const sim::Index y = oy * geo.stride + ky - geo.padding;
            for (sim::Index kx = 0; kx < geo.kernel; ++kx) {
                const sim::Index x = ox * geo.stride + kx - geo.padding;
                const bool inside = y >= 0 && y < in.height && x >= 0 && x < in.width;
                const bool fired = inside && m_fired[in.index(c, y, x)] > 0.0;
                float& w = m_conv->kernel(f, c, ky, kx);
                const double u = w / unit;
                const double a = fired ? m_aPlus : -m_aMinus;
                w = static_cast<float>((u + a * u * (1.0 - u)) * unit);
            }
        }
}

} // namespace ss::models
