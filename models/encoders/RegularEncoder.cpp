#include "models/encoders/RegularEncoder.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ss::models {

RegularEncoder::RegularEncoder(std::string name, sim::Shape shape, double maxRate, double phase)
    : SpikeEncoder(std::move(name), shape, shape.size()), m_maxRate(maxRate), m_phase(phase)
{
    if (!(maxRate >= 0.0)) throw sim::ModelError("encoder '" + this->name() + "': the maximum rate must be >= 0");
    if (!(phase >= 0.0 && phase <= 1.0))
        throw sim::ModelError("encoder '" + this->name() + "': phase must be in [0, 1]");
    m_rates.setZero(size());
    m_periodSteps.setZero(size());
    m_next.assign(static_cast<std::size_t>(size()), -1);
    m_count.assign(static_cast<std::size_t>(size()), 0);
}

void RegularEncoder::setRate(double rate)
{
    if (!(rate >= 0.0)) throw sim::ModelError("encoder '" + name() + "': the rate must be >= 0");
    m_rates.setConstant(rate);
    restart();
}

void RegularEncoder::encode() { m_rates = m_maxRate * m_values; }

sim::Step RegularEncoder::spikeStep(sim::Index i) const
{
    const double period = m_periodSteps[i];
    if (!std::isfinite(period)) return -1;
    const auto k = static_cast<double>(m_count[static_cast<std::size_t>(i)]);
    return static_cast<sim::Step>(std::llround((k + 1.0 - m_phase) * period));
}

void RegularEncoder::restart()
{
    for (sim::Index i = 0; i < size(); ++i) {
        const double r = m_rates[i];
        m_periodSteps[i] = r > 0.0 ? 1.0 / (r * m_dt) : std::numeric_limits<double>::infinity();
        m_count[static_cast<std::size_t>(i)] = 0;
        m_next[static_cast<std::size_t>(i)] = spikeStep(i);
    }
}

void RegularEncoder::emit(sim::Step step)
{
    for (sim::Index i = 0; i < size(); ++i) {
        auto& next = m_next[static_cast<std::size_t>(i)];
        if (next < 0 || next > step) continue;
        m_spikes.push_back(i);
        ++m_count[static_cast<std::size_t>(i)];
        next = std::max(step + 1, spikeStep(i));
    }
}

const Eigen::ArrayXd* RegularEncoder::stateVariable(const std::string& name) const
{
    return name == "rate" ? &m_rates : SpikeEncoder::stateVariable(name);
}

} // namespace ss::models
