#pragma once
// Base of the temporal codes in which every neuron fires at most once per presentation, at a step
// computed when the sample is presented (latency, rank-order and DoG coding). The firing steps are
// sorted once per presentation, so a step costs only the spikes it emits.
#include "models/encoders/SpikeEncoder.h"

#include <vector>

namespace ss::models {

class FirstSpikeEncoder : public SpikeEncoder {
public:
    FirstSpikeEncoder(std::string name, sim::Shape shape, sim::Index inputs);

    // Step after the presentation at which neuron i fires; -1: it stays silent.
    const std::vector<sim::Step>& fireSteps() const { return m_fire; }

protected:
    // Fills steps (size() entries, -1 for silent) from m_values and m_dt.
    virtual void computeFireSteps(std::vector<sim::Step>& steps) = 0;
    void restart() final;
    void emit(sim::Step step) final;

private:
    std::vector<sim::Step> m_fire;
    std::vector<sim::Index> m_order; // firing neurons by (step, index)
    std::size_t m_cursor = 0;
};

} // namespace ss::models
