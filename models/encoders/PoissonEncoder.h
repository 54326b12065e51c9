#pragma once
// Poisson rate coding: input i drives neuron i at
//     rate_i = max_rate * value_i,
// and in every step of length dt the neuron fires with probability p_i = min(1, rate_i * dt),
// independently of the past (a Bernoulli process, the discrete-time Poisson process; Brian2's
// PoissonGroup draws in the same way). The spike count over T steps is binomial(T, p), mean T p and
// variance T p (1 - p); inter-spike intervals are geometric with coefficient of variation sqrt(1 - p),
// which tends to 1 (Poisson) as p -> 0.
//
// Diehl & Cook (2015, authors' code) present MNIST with rate = pixel / 8 * intensity Hz, intensity 2,
// i.e. pixel / 4: 63.75 Hz for a white pixel (255). With value = pixel / 255 that is max_rate = 63.75 Hz.
// Without a sample (nothing wired in) every neuron fires at one fixed rate (setRate).
// On/off coding (setOnOff; Nessler et al. 2013 present binarised MNIST so): each value v_i drives two
// neurons, an "on" neuron i (first half of the population) that fires at max_rate while v_i >= threshold
// and an "off" neuron n + i that fires at max_rate while v_i < threshold; exactly one of each pair is
// active. The population then has 2 C x H x W neurons for C x H x W values. An all-zero sample (the rest
// between samples) is a black image to it: its off neurons fire.
// Intensity: present() clamps values to [0, 1], so a protocol that raises the input intensity (Diehl &
// Cook show a sample again with intensity + 1 when the output fired fewer than 5 spikes) sets a factor
// k instead: rate_i = k * max_rate * value_i, k = 1 unless setIntensity() says otherwise.
//
// Parameters                         default   unit
//   max_rate  rate of a value of 1   63.75     Hz
//   rate      rate without samples   10        Hz
#include "models/encoders/SpikeEncoder.h"

namespace ss::models {

class PoissonEncoder : public SpikeEncoder {
public:
    // inputs: values per sample (0: one per neuron).
    PoissonEncoder(std::string name, sim::Shape shape, double maxRate, sim::Index inputs = 0);

    double maxRate() const { return m_maxRate; }
    // Every neuron at the same rate (Hz), until the next present().
    void setRate(double rate);
    const Eigen::ArrayXd& rates() const { return m_rates; }
    // Factor k >= 0 on the rates of this and later presentations (1: the document's rates).
    void setIntensity(double k);
    double intensity() const { return m_intensity; }
    // Binarised on/off coding at `threshold` (the population must have two neurons per value).
    void setOnOff(double threshold);
    bool onOff() const { return m_onOff; }

    // Live changes: max_rate, and the fixed rate of an encoder without samples (see sim::Population).
    // The intensity a protocol set stays.
    bool acceptsParameters(const sim::Population& edited) const override;
    void adoptParameters(const sim::Population& edited) override;

    std::vector<std::string> stateVariables() const override { return {"value", "rate"}; }
    const Eigen::ArrayXd* stateVariable(const std::string& name) const override;

protected:
    // Rates from the presented values: rate_i = k * max_rate * value_i (or on/off, see above).
    void encode() override;
    void restart() override;
    void emit(sim::Step step) override;

    double m_maxRate;
    double m_intensity = 1.0;
    Eigen::ArrayXd m_rates; // Hz, one per neuron

private:
    Eigen::ArrayXd m_probability; // per step
    bool m_fixedRate = false;     // m_rates came from setRate, not from a sample
    bool m_onOff = false;
    double m_threshold = 0.5;
};

} // namespace ss::models
