#pragma once
// Non-leaky integrate-and-fire neurons, the spiking counterpart of a ReLU unit in ANN-to-SNN
// conversion (Rueckauer et al. 2017, Front. Neurosci. 11:682):
//
//   C dv/dt = I_ext,   v += input (volts, both channels, at the step it arrives)
//   v >= v_th  ->  spike, then  subtract: v -= (v_th - v_reset)   (reset by subtraction, keeps the residue)
//                               zero:     v  = v_reset            (reset to zero in Rueckauer's units)
//   optional absolute refractory period t_ref: v frozen and input dropped.
//   optional fire = learning: the neurons fire only while learning is on; with learning off (the label
//   and test phases of a protocol) they integrate without a threshold, so that v at the end of a
//   presentation is the sum of every input weight received: the last convolution layer of
//   Kheradpisheh et al. (2018), whose final potentials (not spikes) are the classifier's features.
// Under a constant current the rate is I / (C (v_th - v_reset)) with reset by subtraction, exactly the
// rectified-linear response that conversion relies on (at most one spike per step).
//
// Parameters (defaults):
//   v_th        1 mV     threshold (weights of a converted network are scaled to it)
//   v_reset     0 mV     initial and reset potential
//   capacitance 1 pF     1 pA then raises v by 1 mV per ms
//   reset       subtract "subtract" or "zero"
//   t_ref       0 ms     refractory period
//   fire        always   "always" or "learning" (fire only while learning is on)
// State variable: v (V).
#include "sim/Population.h"

namespace ss::models {

struct IfParams {
    enum class Reset { Subtract, Zero };
    double vTh = 1e-3;
    double vReset = 0.0;
    double capacitance = 1e-12;
    Reset reset = Reset::Subtract;
    double tRef = 0.0;
    bool fireOnlyWhileLearning = false;
};

class IfPopulation : public sim::Population {
public:
    IfPopulation(std::string name, sim::Shape shape, const IfParams& params);

    void integrate() override;
    void thresholdAndReset() override;
    std::vector<std::string> stateVariables() const override { return {"v"}; }
    const Eigen::ArrayXd* stateVariable(const std::string& name) const override;
    const Eigen::ArrayXd& v() const { return m_v; }

protected:
    void prepareModel() override;
    void resetModel() override;

private:
    IfParams m_p;
    Eigen::ArrayXd m_v, m_score;
    Eigen::ArrayXi m_refractory;
    int m_refSteps = 0;
    double m_currentGain = 0.0; // dt / C
};

} // namespace ss::models
