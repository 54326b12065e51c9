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

void PoissonEncoder::setOnOff(double threshold)
{
    if (size() != 2 * inputs())
        throw sim::ModelError("encoder '" + name() + "': on/off coding needs two neurons per value (" +
                              std::to_string(2 * inputs()) + "), not " + std::to_string(size()));
    if (!(threshold >= 0.0 && threshold <= 1.0))
        throw sim::ModelError("encoder '" + name() + "': the on/off threshold must be within [0, 1]");
    m_onOff = true;
    m_threshold = threshold;
    if (!m_fixedRate) encode();
    restart();
}

void PoissonEncoder::encode()
{
    const double rate = m_maxRate * m_intensity;
    if (m_onOff) {
        const auto n = inputs();
        m_rates.head(n) = (m_values >= m_threshold).select(rate, Eigen::ArrayXd::Zero(n));
        m_rates.tail(n) = (m_values < m_threshold).select(rate, Eigen::ArrayXd::Zero(n));
    } else {
        m_rates = rate * m_values;
    }
    m_fixedRate = false;
}

bool PoissonEncoder::acceptsParameters(const sim::Population& edited) const
{
    const auto* e = dynamic_cast<const PoissonEncoder*>(&edited);
    return e && e->shape() == shape() && e->m_onOff == m_onOff;
}

void PoissonEncoder::adoptParameters(const sim::Population& edited)
{
    const auto& e = static_cast<const PoissonEncoder&>(edited);
    m_maxRate = e.m_maxRate;
    m_threshold = e.m_threshold;
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
