#include "models/encoders/OrientedBarsSource.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace ss::models {

OrientedBarsSource::OrientedBarsSource(const OrientedBarsParams& params) : m_p(params)
{
    if (m_p.side < 1 || m_p.orientations < 1 || !(m_p.width > 0.0) || !(m_p.length > 0.0) || !(m_p.shift >= 0.0))
        throw sim::ModelError("oriented bars: side, orientations, width and length must be positive, shift >= 0");
}

int OrientedBarsSource::label(std::size_t k) const
{
    return k < m_p.count ? static_cast<int>(k % static_cast<std::size_t>(m_p.orientations)) : -1;
}

double OrientedBarsSource::angle(std::size_t k) const
{
    return std::numbers::pi * static_cast<double>(k % static_cast<std::size_t>(m_p.orientations)) / m_p.orientations;
}

void OrientedBarsSource::sample(std::size_t k, Eigen::ArrayXd& out) const
{
    if (k >= m_p.count)
        throw sim::ModelError("oriented bars: sample " + std::to_string(k) + " requested from " +
                              std::to_string(m_p.count));
    sim::Rng rng(m_p.seed, k);
    const double c = 0.5 * (m_p.side - 1);
    const double cx = c + m_p.shift * (2.0 * rng.uniform() - 1.0);
    const double cy = c + m_p.shift * (2.0 * rng.uniform() - 1.0);
    // Unit vectors along the bar and across it; y grows downwards, so the bar turns counter-clockwise.
    const double ux = std::cos(angle(k)), uy = -std::sin(angle(k));
    out.resize(static_cast<Eigen::Index>(m_p.side) * m_p.side);
    for (int y = 0; y < m_p.side; ++y)
        for (int x = 0; x < m_p.side; ++x) {
            const double dx = x - cx, dy = y - cy;
            const double along = dx * ux + dy * uy, across = -dx * uy + dy * ux;
            const double v = std::abs(along) <= 0.5 * m_p.length
                                 ? std::clamp(0.5 * m_p.width + 0.5 - std::abs(across), 0.0, 1.0)
                                 : 0.0;
            out[static_cast<Eigen::Index>(y) * m_p.side + x] = v;
        }
}

} // namespace ss::models
