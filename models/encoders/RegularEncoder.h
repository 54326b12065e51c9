#pragma once
// Regular (clock-like) rate coding: neuron i fires with period T_i = 1 / rate_i,
//     rate_i = max_rate * value_i,
// its k-th spike (k = 0, 1, ...) in step  n_k = round((k + 1 - phase) * T_i / dt)  after the
// presentation. With phase 0 the first spike comes one period after the presentation; phase in
// [0, 1] moves every spike earlier by that fraction of a period (1: the first spike at once). Spike
// steps come from k directly, so rounding never accumulates: when T_i is a whole number of steps
// every interval is exactly T_i, otherwise intervals alternate between the two neighbouring whole
// numbers with mean T_i. Periods shorter than one step fire every step. Rate 0 never fires.
//
// Parameters                         default   unit
//   max_rate  rate of a value of 1   63.75     Hz
//   rate      rate without samples   10        Hz
//   phase     fraction of a period   0         -
#include "models/encoders/SpikeEncoder.h"

#include <vector>

namespace ss::models {

class RegularEncoder : public SpikeEncoder {
public:
    RegularEncoder(std::string name, sim::Shape shape, double maxRate, double phase = 0.0);

    void setRate(double rate);
    const Eigen::ArrayXd& rates() const { return m_rates; }

    std::vector<std::string> stateVariables() const override { return {"value", "rate"}; }
    const Eigen::ArrayXd* stateVariable(const std::string& name) const override;

protected:
    void encode() override;
    void restart() override;
    void emit(sim::Step step) override;

private:
    sim::Step spikeStep(sim::Index i) const;

    double m_maxRate;
    double m_phase;
    Eigen::ArrayXd m_rates;            // Hz
    Eigen::ArrayXd m_periodSteps;      // T_i / dt, infinite for rate 0
    std::vector<sim::Step> m_next;     // step of the next spike, -1 for never
    std::vector<std::int64_t> m_count; // spikes fired since the presentation
};

} // namespace ss::models
