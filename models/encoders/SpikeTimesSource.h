#pragma once
// Neurons that fire at chosen times, as NEST's spike_generator: the pre- and post-synaptic trains of
// a pairing protocol (Bi & Poo 1998), or any hand-made input.
//
// Times are given per neuron in seconds and rounded to the nearest step, t -> round(t / dt); a
// neuron fires at most once per step, so two times of one neuron that round to the same step are
// refused. The trains replay identically after reset().
//
// Text formats read by the node "source.spike_times" (times in ms):
//   times    "0: 10, 60, 110; 1: 20, 70"   neuron index, a colon, its times; neurons separated by ';'
//   offsets  "0, 5, 10"                    one number per neuron (or one for all), added to a regular
//                                          train start + m * period, m = 0 .. count - 1
#include "sim/Population.h"

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace ss::models {

// A malformed spike-time text; the message says what and where.
class SpikeTimesError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

using SpikeTimes = std::vector<std::vector<double>>; // per neuron, any unit

// Parses the 'times' text for `size` neurons (empty text: no spikes). Throws SpikeTimesError on bad
// syntax, a negative time or a neuron index outside [0, size).
SpikeTimes parseSpikeTimes(const std::string& text, sim::Index size);
// Parses the 'offsets' text: empty (all 0), one number (for all) or `size` numbers.
std::vector<double> parseOffsets(const std::string& text, sim::Index size);
// The step of every time, round(t / dt), per neuron; throws SpikeTimesError when a neuron has two
// times in one step (the message names the neuron and the step).
std::vector<std::vector<sim::Step>> spikeSteps(const SpikeTimes& seconds, double dt);

class SpikeTimesSource : public sim::Population {
public:
    // `seconds`: one list per neuron (missing lists: silent neurons).
    SpikeTimesSource(std::string name, sim::Shape shape, SpikeTimes seconds);

    void integrate() override {}
    void thresholdAndReset() override;

    // The spike schedule after prepare(): (step, neuron), by step then neuron.
    const std::vector<std::pair<sim::Step, sim::Index>>& schedule() const { return m_schedule; }

protected:
    void prepareModel() override;
    void resetModel() override;

private:
    SpikeTimes m_seconds;
    std::vector<std::pair<sim::Step, sim::Index>> m_schedule;
    std::size_t m_next = 0;
    sim::Step m_now = 0;
};

} // namespace ss::models
