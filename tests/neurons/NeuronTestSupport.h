#pragma once
// Small stimuli and measurements shared by the neuron tests.
#include "sim/Network.h"
#include "sim/Stimulus.h"

#include <cmath>
#include <limits>
#include <vector>

namespace ss::test {

// A current clamp: amps[i] into neuron i while t is in [start, stop).
class StepCurrent : public sim::Stimulus {
public:
    StepCurrent(sim::Population& target, Eigen::ArrayXd amps, double start = 0.0,
                double stop = std::numeric_limits<double>::infinity())
        : Stimulus(target), m_amps(std::move(amps)), m_start(start), m_stop(stop)
    {
    }
    void apply(double t) override
    {
        if (t >= m_start - 1e-12 && t < m_stop - 1e-12) m_target.externalCurrent() += m_amps;
    }

private:
    Eigen::ArrayXd m_amps;
    double m_start, m_stop;
};

// One synaptic input of `value` on `channel` of neuron `neuron`, integrated during step `step`
// (what a projection with a spike at step - delay delivers).
class InputPulse : public sim::Stimulus {
public:
    InputPulse(sim::Population& target, sim::Channel channel, sim::Index neuron, sim::Step step, double value)
        : Stimulus(target), m_channel(channel), m_neuron(neuron), m_step(step), m_value(value)
    {
    }
    void prepare(double dt, sim::Rng rng) override
    {
        Stimulus::prepare(dt, rng);
        m_dt = dt;
    }
    void apply(double t) override
    {
        if (std::llround(t / m_dt) == m_step) m_target.inputTarget(m_channel, 0)[m_neuron] += m_value;
    }

private:
    sim::Channel m_channel;
    sim::Index m_neuron;
    sim::Step m_step;
    double m_value;
    double m_dt = 1.0;
};

// Spike times (s) of one neuron, from a spike recorder.
inline std::vector<double> spikeTimes(const sim::SpikeRecorder& rec, sim::Index neuron, double dt)
{
    std::vector<double> times;
    for (std::size_t k = 0; k < rec.neurons().size(); ++k)
        if (rec.neurons()[k] == neuron) times.push_back(static_cast<double>(rec.steps()[k]) * dt);
    return times;
}

inline std::vector<double> intervals(const std::vector<double>& times)
{
    std::vector<double> isi;
    for (std::size_t k = 1; k < times.size(); ++k) isi.push_back(times[k] - times[k - 1]);
    return isi;
}

// Mean rate from the mean inter-spike interval (Hz); 0 with fewer than two spikes.
inline double isiRate(const std::vector<double>& times)
{
    if (times.size() < 2) return 0.0;
    return static_cast<double>(times.size() - 1) / (times.back() - times.front());
}

} // namespace ss::test
