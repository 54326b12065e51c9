#pragma once
// Common base of the encoders: a population of spike sources (no membrane, integrate() does nothing)
// that turns a presented sample with values in [0, 1] into spikes. Time is counted from the step at
// which present() was called: thresholdAndReset() emits the spikes of step k = 0, 1, 2, ... after the
// presentation. reset() (Network::reset, beginSample) restarts the encoding of the same sample.
//
// Order of work: present() copies the values (clamped to [0, 1]), calls encode() for what depends
// on the values only (filtering, ranking) and restart() for what also depends on dt (spike steps,
// spike probabilities). prepare() sets dt and calls restart() again, so a sample presented while the
// network is being built is encoded with the right dt.
#include "models/BuildContext.h"
#include "sim/Population.h"

namespace ss::models {

class SpikeEncoder : public sim::Population, public SampleEncoder {
public:
    // inputs: number of values a sample has (the population may be larger, as in population coding).
    SpikeEncoder(std::string name, sim::Shape shape, sim::Index inputs);

    void present(const Eigen::ArrayXd& values) override;
    const Eigen::ArrayXd& values() const { return m_values; }
    sim::Index inputs() const { return static_cast<sim::Index>(m_values.size()); }
    // Steps since the presentation: the step that the next thresholdAndReset() emits.
    sim::Step stepsSincePresentation() const { return m_step; }

    void integrate() override {}
    void thresholdAndReset() final;

    // "value": the presented values (inputs() entries).
    std::vector<std::string> stateVariables() const override { return {"value"}; }
    const Eigen::ArrayXd* stateVariable(const std::string& name) const override;

protected:
    void prepareModel() override {}
    void resetModel() final;
    virtual void encode() {}
    virtual void restart() {}
    // Appends the neurons that fire at `step` steps after the presentation to m_spikes, in increasing order.
    virtual void emit(sim::Step step) = 0;

    Eigen::ArrayXd m_values;

private:
    sim::Step m_step = 0;
};

} // namespace ss::models
