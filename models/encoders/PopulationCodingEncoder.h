#pragma once
// Population coding with Gaussian tuning curves (Bohte, Kok & La Poutre 2002; Pouget, Dayan &
// Zemel 2000): every input value x in [0, 1] drives m neurons whose preferred values (centres)
//     c_j = j / (m - 1),  j = 0 .. m - 1,
// are evenly spaced on [0, 1]; neuron j of input i fires Poisson spikes (as PoissonEncoder: with
// probability rate * dt per step) at
//     rate_ij = max_rate * exp(-(x_i - c_j)^2 / (2 sigma^2)).
// sigma = 0 takes the spacing of the centres, 1 / (m - 1), so that neighbouring curves cross at
// exp(-1/8) = 0.88 of the peak. Output: n_values * m neurons, neuron i * m + j (m = 1: one neuron
// with its centre at 0.5).
//
// Parameters                                            default        unit
//   neurons_per_value  m                                10             -
//   sigma              tuning width (0: 1 / (m - 1))    0              -
//   max_rate           rate at the preferred value      100            Hz
#include "models/encoders/PoissonEncoder.h"

namespace ss::models {

class PopulationCodingEncoder : public PoissonEncoder {
public:
    PopulationCodingEncoder(std::string name, sim::Index values, sim::Index neuronsPerValue, double sigma,
                            double maxRate);

    sim::Index neuronsPerValue() const { return m_m; }
    double sigma() const { return m_sigma; }
    double centre(sim::Index j) const;
    // Tuning curve of neuron j for the value x, in Hz.
    double tuning(sim::Index j, double x) const;

protected:
    void encode() override;

private:
    sim::Index m_m;
    double m_sigma;
};

} // namespace ss::models
