#pragma once
// Current clamps: each adds the same current I(t) to every neuron of its target population (the
// noise source an independent value per neuron), at the start of every step, t = step * dt. Window
// edges are compared in whole steps (start_step = round(start / dt)), so that floating-point time
// never moves an edge by a step.
//
//   step   I = amplitude                                   for start <= t < stop, else 0
//   ramp   I = from + (to - from) (t - start) / (stop - start)   for start <= t < stop, else 0
//   ladder I_i = from + (to - from) i / (n - 1)            for start <= t < stop, else 0: neuron i of n
//          gets its own constant current, so that one run measures a whole f-I curve (rate vs index)
//   sine   I = offset + amplitude sin(2 pi f t + phase)    at all times (as NEST's ac_generator)
//   noise  I ~ N(mean, std^2), drawn anew for every neuron and every step (as NEST's
//          noise_generator with its dt equal to the simulation step: the variance of the mean
//          current over a window T falls as std^2 dt / T)
//
// Parameters (display units in the node declarations: nA, ms, Hz, deg); engine values in SI.
#include "sim/Stimulus.h"

namespace ss::models {

class StepCurrentStimulus : public sim::Stimulus {
public:
    StepCurrentStimulus(sim::Population& target, double amplitude, double start, double stop);
    void prepare(double dt, sim::Rng rng) override;
    void apply(double t) override;

private:
    double m_amplitude, m_start, m_stop, m_dt = 1e-4;
    sim::Step m_startStep = 0, m_stopStep = 0;
};

class RampCurrentStimulus : public sim::Stimulus {
public:
    RampCurrentStimulus(sim::Population& target, double from, double to, double start, double stop);
    void prepare(double dt, sim::Rng rng) override;
    void apply(double t) override;

private:
    double m_from, m_to, m_start, m_stop, m_dt = 1e-4;
    sim::Step m_startStep = 0, m_stopStep = 0;
};

class LadderCurrentStimulus : public sim::Stimulus {
public:
    LadderCurrentStimulus(sim::Population& target, double from, double to, double start, double stop);
    void prepare(double dt, sim::Rng rng) override;
    void apply(double t) override;

private:
    Eigen::ArrayXd m_levels; // per neuron
    double m_start, m_stop, m_dt = 1e-4;
    sim::Step m_startStep = 0, m_stopStep = 0;
};

class SineCurrentStimulus : public sim::Stimulus {
public:
    // phase in radians.
    SineCurrentStimulus(sim::Population& target, double amplitude, double offset, double frequency, double phase);
    void apply(double t) override;

private:
    double m_amplitude, m_offset, m_frequency, m_phase;
};

class NoiseCurrentStimulus : public sim::Stimulus {
public:
    NoiseCurrentStimulus(sim::Population& target, double mean, double std);
    void apply(double t) override;

private:
    double m_mean, m_std;
};

} // namespace ss::models
