#include "models/encoders/PopulationCodingEncoder.h"

#include <cmath>

namespace ss::models {

PopulationCodingEncoder::PopulationCodingEncoder(std::string name, sim::Index values, sim::Index neuronsPerValue,
                                                 double sigma, double maxRate)
    : PoissonEncoder(std::move(name), sim::Shape::flat(values * neuronsPerValue), maxRate, values),
      m_m(neuronsPerValue), m_sigma(sigma > 0.0 ? sigma : (neuronsPerValue > 1 ? 1.0 / (neuronsPerValue - 1) : 1.0))
{
    if (neuronsPerValue < 1) throw sim::ModelError("encoder '" + this->name() + "': neurons_per_value must be >= 1");
    if (sigma < 0.0) throw sim::ModelError("encoder '" + this->name() + "': sigma must be >= 0");
}

double PopulationCodingEncoder::centre(sim::Index j) const
{
    return m_m > 1 ? static_cast<double>(j) / static_cast<double>(m_m - 1) : 0.5;
}

double PopulationCodingEncoder::tuning(sim::Index j, double x) const
{
    const double d = x - centre(j);
    return m_maxRate * std::exp(-d * d / (2.0 * m_sigma * m_sigma));
}

void PopulationCodingEncoder::encode()
{
    for (sim::Index i = 0; i < inputs(); ++i)
        for (sim::Index j = 0; j < m_m; ++j) m_rates[i * m_m + j] = tuning(j, m_values[i]);
}

} // namespace ss::models
