#pragma once
// Something that injects current into a population at the start of every step (a current clamp).
#include "sim/Population.h"

namespace ss::sim {

class Stimulus {
public:
    explicit Stimulus(Population& target) : m_target(target) {}
    virtual ~Stimulus() = default;
    Population& target() const { return m_target; }
    virtual void prepare(double /*dt*/, Rng rng) { m_rng = rng; }
    // Adds the current at time t (seconds) into target().externalCurrent().
    virtual void apply(double t) = 0;

protected:
    Population& m_target;
    Rng m_rng;
};

} // namespace ss::sim
