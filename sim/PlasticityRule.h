#pragma once
// A learning rule attached to one projection. The network calls step() after propagation, when the
// pre- and post-synaptic spikes of the step are known; rules keep their own traces.
#include "sim/Projection.h"

namespace ss::sim {

class PlasticityRule {
public:
    explicit PlasticityRule(std::string name) : m_name(std::move(name)) {}
    virtual ~PlasticityRule() = default;
    PlasticityRule(const PlasticityRule&) = delete;
    PlasticityRule& operator=(const PlasticityRule&) = delete;

    const std::string& name() const { return m_name; }
    virtual Projection& projection() const = 0;

    // Derived constants (trace decay factors) for the step dt; allocates traces.
    virtual void prepare(double dt) = 0;
    // Updates traces and weights for this step's spikes.
    virtual void step() = 0;
    // Traces back to zero (state reset between samples or runs).
    virtual void reset() = 0;
    // Called when a new input sample begins (weight normalisation, once-per-sample learning).
    virtual void beginSample() {}

    void setEnabled(bool on) { m_enabled = on; }
    bool enabled() const { return m_enabled; }

private:
    std::string m_name;
    bool m_enabled = true;
};

} // namespace ss::sim
