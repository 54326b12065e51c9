#include "models/encoders/LatencyEncoder.h"

#include <cmath>

namespace ss::models {

LatencyEncoder::LatencyEncoder(std::string name, sim::Shape shape, Mode mode, double tMax, double tau,
                               double threshold)
    : FirstSpikeEncoder(std::move(name), shape, shape.size()), m_mode(mode), m_tMax(tMax), m_tau(tau),
      m_threshold(threshold)
{
    if (!(tMax >= 0.0) || !(tau > 0.0))
        throw sim::ModelError("encoder '" + this->name() + "': t_max must be >= 0 and tau > 0");
    if (!(threshold >= 0.0 && threshold < 1.0))
        throw sim::ModelError("encoder '" + this->name() + "': threshold must be in [0, 1)");
}

double LatencyEncoder::latency(double v) const
{
    if (!(v > m_threshold)) return -1.0;
    if (m_mode == Mode::Linear) return m_tMax * (1.0 - v);
    return m_tau * std::log(v / (v - m_threshold));
}

void LatencyEncoder::computeFireSteps(std::vector<sim::Step>& steps)
{
    for (sim::Index i = 0; i < size(); ++i) {
        const double t = latency(m_values[i]);
        if (t >= 0.0) steps[static_cast<std::size_t>(i)] = static_cast<sim::Step>(std::llround(t / m_dt));
    }
}

} // namespace ss::models
