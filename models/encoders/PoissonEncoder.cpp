#include "models/encoders/PoissonEncoder.h"

namespace ss::models {

PoissonEncoder::PoissonEncoder(std::string name, sim::Shape shape, double maxRate, sim::Index inputs)
    : SpikeEncoder(std::move(name), shape, inputs > 0 ? inputs : shape.size()), m_maxRate(maxRate)
{
    if (!(maxRate >= 0.0)) throw sim::ModelError("encoder '" + this->name() + "': the maximum rate must be >= 0");
    m_rates.setZero(size());
    m_probability.setZero(size());
}

void PoissonEncoder::setRate(double rate)
{
    if (!(rate >= 0.0)) throw sim::ModelError("encoder '" + name() + "': the rate must be >= 0");
    m_rates.setConstant(rate);
    m_fixedRate = true;
    restart();
}

void PoissonEncoder::setIntensity(double k)
{
    if (!(k >= 0.0)) throw sim::ModelError("encoder '" + name() + "': the intensity must be >= 0");
    m_intensity = k;
    encode();
    restart();
}

void PoissonEncoder::encode()
{
    m_rates = (m_maxRate * m_intensity) * m_values;
    m_fixedRate = false;
}

bool PoissonEncoder::acceptsParameters(const sim::Population& edited) const
{
    const auto* e = dynamic_cast<const PoissonEncoder*>(&edited);
    return e && e->shape() == shape();
}

void PoissonEncoder::adoptParameters(const sim::Population& edited)
{
    const auto& e = static_cast<const PoissonEncoder&>(edited);
    m_maxRate = e.m_maxRate;
    // The sample on show stays; its rates follow the new maximum.
    if (e.m_fixedRate) m_rates = e.m_rates;
    else encode();
    m_fixedRate = e.m_fixedRate;
    restart();
}

void PoissonEncoder::restart() { m_probability = (m_rates * m_dt).min(1.0); }

void PoissonEncoder::emit(sim::Step)
{
    const sim::Index n = size();
    for (sim::Index i = 0; i < n; ++i) {
        const double p = m_probability[i];
        // Silent inputs (black pixels) draw nothing.
        if (p > 0.0 && m_rng.uniform() < p) m_spikes.push_back(i);
    }
}

const Eigen::ArrayXd* PoissonEncoder::stateVariable(const std::string& name) const
{
    return name == "rate" ? &m_rates : SpikeEncoder::stateVariable(name);
}

} // namespace ss::models
