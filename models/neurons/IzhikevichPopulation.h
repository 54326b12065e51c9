#pragma once
// The simple model of Izhikevich (2003), "Simple model of spiking neurons", IEEE Trans. Neural Netw.
// 14:1569-1572, in its own units (v in mV, u in mV/ms scale, t in ms, I in mV/ms):
//
//   dv/dt = 0.04 v^2 + 5 v + 140 - u + I
//   du/dt = a (b v - u)
//   v >= 30 mV  ->  spike, v = c, u += d
//
// Published parameter sets (a, b, c, d) of Fig. 2, selected by `preset`:
//   RS  regular spiking          0.02  0.2   -65  8
//   IB  intrinsically bursting   0.02  0.2   -55  4
//   CH  chattering               0.02  0.2   -50  2
//   FS  fast spiking             0.1   0.2   -65  2
//   LTS low-threshold spiking    0.02  0.25  -65  2
//   RZ  resonator                0.1   0.26  -65  2
//   TC  thalamo-cortical         0.02  0.25  -65  0.05
// (custom: the a, b, c, d parameters). RS, IB, CH, FS and LTS show their patterns under a step of I = 10;
// TC fires tonically when depolarised and answers the release of a hyperpolarising step with a rebound
// burst; RZ answers short pulses timed near its subthreshold oscillation.
//
// Units at the boundary: injected current I_ext (A) enters as I = I_ext / i_unit (i_unit default 1 pA,
// so 10 pA is the paper's I = 10); synaptic input on either channel is a voltage jump in volts (so a
// weight of 1 mV raises v by 1). The state "v" is exposed in volts for recorders, "u" in model units.
//
// Integration: forward Euler on (v, u) together, with sub-steps of at most 0.1 ms (the paper's code
// takes two 0.5 ms half steps for v); once v reaches 30 mV inside a step it is frozen until the reset,
// so the quadratic term cannot run away. At a spike step recorders see v = c: the peak is not stored.
//
// Parameters: preset (RS), a 0.02, b 0.2, c -65 mV, d 8 (custom only), i_unit 1 pA, v_init -65 mV
// (u starts at b v_init, as in the paper's code).
#include "sim/Population.h"

#include <optional>
#include <string>

namespace ss::models {

struct IzhikevichParams {
    double a = 0.02;
    double b = 0.2;
    double c = -65.0; // mV
    double d = 8.0;
    double iUnit = 1e-12; // A per model unit of I
    double vInit = -65.0; // mV

    // (a, b, c, d) of a published preset; nullopt for an unknown name.
    static std::optional<IzhikevichParams> preset(const std::string& name);
};

class IzhikevichPopulation : public sim::Population {
public:
    static constexpr double kPeakMv = 30.0;
    static constexpr double kMaxSubStep = 1e-4; // s

    IzhikevichPopulation(std::string name, sim::Shape shape, const IzhikevichParams& params);

    void integrate() override;
    void thresholdAndReset() override;
    std::vector<std::string> stateVariables() const override { return {"v", "u"}; }
    const Eigen::ArrayXd* stateVariable(const std::string& name) const override;
    const Eigen::ArrayXd& v() const { return m_v; }

protected:
    void prepareModel() override;
    void resetModel() override;

private:
    IzhikevichParams m_p;
    Eigen::ArrayXd m_vm, m_u, m_v, m_dv, m_score;
    int m_subSteps = 1;
    double m_h = 0.1; // sub-step in ms
};

} // namespace ss::models
