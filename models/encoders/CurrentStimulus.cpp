#include "models/encoders/CurrentStimulus.h"

#include <cmath>
#include <numbers>

namespace ss::models {

namespace {

sim::Step toStep(double t, double dt) { return static_cast<sim::Step>(std::llround(t / dt)); }

void checkWindow(double start, double stop)
{
    if (!(start >= 0.0) || !(stop >= start)) throw sim::ModelError("a current window needs 0 <= start <= stop");
}

} // namespace

StepCurrentStimulus::StepCurrentStimulus(sim::Population& target, double amplitude, double start, double stop)
    : sim::Stimulus(target), m_amplitude(amplitude), m_start(start), m_stop(stop)
{
    checkWindow(start, stop);
}

void StepCurrentStimulus::prepare(double dt, sim::Rng rng)
{
    sim::Stimulus::prepare(dt, rng);
    m_dt = dt;
    m_startStep = toStep(m_start, dt);
    m_stopStep = toStep(m_stop, dt);
}

void StepCurrentStimulus::apply(double t)
{
    const sim::Step s = toStep(t, m_dt);
    if (s >= m_startStep && s < m_stopStep) m_target.externalCurrent() += m_amplitude;
}

RampCurrentStimulus::RampCurrentStimulus(sim::Population& target, double from, double to, double start, double stop)
    : sim::Stimulus(target), m_from(from), m_to(to), m_start(start), m_stop(stop)
{
    checkWindow(start, stop);
}

void RampCurrentStimulus::prepare(double dt, sim::Rng rng)
{
    sim::Stimulus::prepare(dt, rng);
    m_dt = dt;
    m_startStep = toStep(m_start, dt);
    m_stopStep = toStep(m_stop, dt);
}

void RampCurrentStimulus::apply(double t)
{
    const sim::Step s = toStep(t, m_dt);
    if (s < m_startStep || s >= m_stopStep) return;
    const double fraction = static_cast<double>(s - m_startStep) / static_cast<double>(m_stopStep - m_startStep);
    m_target.externalCurrent() += m_from + (m_to - m_from) * fraction;
}

LadderCurrentStimulus::LadderCurrentStimulus(sim::Population& target, double from, double to, double start,
                                             double stop)
    : sim::Stimulus(target), m_levels(target.size()), m_start(start), m_stop(stop)
{
    checkWindow(start, stop);
    const auto n = static_cast<Eigen::Index>(target.size());
    for (Eigen::Index i = 0; i < n; ++i)
        m_levels[i] = n == 1 ? from : from + (to - from) * static_cast<double>(i) / static_cast<double>(n - 1);
}

void LadderCurrentStimulus::prepare(double dt, sim::Rng rng)
{
    sim::Stimulus::prepare(dt, rng);
    m_dt = dt;
    m_startStep = toStep(m_start, dt);
    m_stopStep = toStep(m_stop, dt);
}

void LadderCurrentStimulus::apply(double t)
{
    const sim::Step s = toStep(t, m_dt);
    if (s >= m_startStep && s < m_stopStep) m_target.externalCurrent() += m_levels;
}

SineCurrentStimulus::SineCurrentStimulus(sim::Population& target, double amplitude, double offset, double frequency,
                                         double phase)
    : sim::Stimulus(target), m_amplitude(amplitude), m_offset(offset), m_frequency(frequency), m_phase(phase)
{
}

void SineCurrentStimulus::apply(double t)
{
    m_target.externalCurrent() += m_offset + m_amplitude * std::sin(2.0 * std::numbers::pi * m_frequency * t + m_phase);
}

NoiseCurrentStimulus::NoiseCurrentStimulus(sim::Population& target, double mean, double std)
    : sim::Stimulus(target), m_mean(mean), m_std(std)
{
    if (!(std >= 0.0)) throw sim::ModelError("the noise standard deviation must be >= 0");
}

void NoiseCurrentStimulus::apply(double)
{
    auto& current = m_target.externalCurrent();
    for (Eigen::Index i = 0; i < current.size(); ++i) current[i] += m_mean + m_std * m_rng.normal();
}

} // namespace ss::models
