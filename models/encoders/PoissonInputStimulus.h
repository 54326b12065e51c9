#pragma once
// Independent Poisson synaptic input, as Brian2's PoissonInput and the external drive of Brunel (2000):
// every neuron of the target receives `count` independent Poisson spike trains at `rate`, each spike
// adding `weight` to one input channel of the neuron, as a synapse without delay would. In each step of
// length dt the number of those spikes is binomial(count, p), p = rate dt, independently for every neuron
// and step (Brian2 draws the same). Per neuron and step the input has
//     mean      count p weight,       variance  count p (1 - p) weight^2,
// over a window T the sum of `count` Poisson trains at `rate` (mean count rate T weight).
// The count is drawn by inverting the binomial's cumulative distribution, tabulated in prepare() between
// the quantiles 1e-16 and 1 - 1e-16 (one uniform number and a short search per neuron and step).
// The weight arrives in the engine's unit (volts for voltage input); it is added to the column of the
// target's input ring that the step integrates, so it acts in the step it is drawn.
#include "sim/Stimulus.h"

#include <vector>

namespace ss::models {

class PoissonInputStimulus : public sim::Stimulus {
public:
    PoissonInputStimulus(sim::Population& target, sim::Channel channel, std::int64_t count, double rate, double weight);

    std::int64_t count() const { return m_count; }
    double rate() const { return m_rate; }
    double weight() const { return m_weight; }

    void prepare(double dt, sim::Rng rng) override;
    void apply(double t) override;

private:
    std::int64_t draw();

    sim::Channel m_channel;
    std::int64_t m_count;
    double m_rate, m_weight;
    std::int64_t m_first = 0; // the count of m_cdf[0]
    std::vector<double> m_cdf; // P(K <= m_first + k)
};

} // namespace ss::models
