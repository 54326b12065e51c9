#pragma once
// The squid giant axon of Hodgkin & Huxley (1952, J. Physiol. 117:500-544), in the modern convention
// (v = -(V_HH) - 65 mV, rest near -65 mV, as in Dayan & Abbott 2001, ch. 5.6), per unit area:
//
//   C dv/dt = -g_Na m^3 h (v - E_Na) - g_K n^4 (v - E_K) - g_L (v - E_L) + I_ext / area
//   dx/dt = alpha_x(v) (1 - x) - beta_x(v) x,   x in {m, h, n}   (v in mV, rates in 1/ms)
//   alpha_m = 0.1 (v + 40) / (1 - exp(-(v + 40)/10))     beta_m = 4 exp(-(v + 65)/18)
//   alpha_h = 0.07 exp(-(v + 65)/20)                     beta_h = 1 / (1 + exp(-(v + 35)/10))
//   alpha_n = 0.01 (v + 55) / (1 - exp(-(v + 55)/10))    beta_n = 0.125 exp(-(v + 65)/80)
//
// A spike is the upward crossing of v_spike (0 mV) at any sub-step; there is no reset: refractoriness
// comes from h and n. Synaptic input on either channel is a voltage jump in volts (a current pulse of
// charge C area dv).
//
// Integration: sub-steps of at most 10 us; the gates by exponential Euler (Rush & Larsen 1978) at v
// frozen over the sub-step, v by exponential Euler at the conductances frozen over the sub-step:
//   x = x_inf + (x - x_inf) exp(-h (alpha + beta)),  x_inf = alpha/(alpha + beta)
//   v = v_inf + (v - v_inf) exp(-h g_tot / C),       v_inf = (sum g E + I) / g_tot
// Both are unconditionally stable and exact for constant coefficients.
//
// Parameters (defaults, 6.3 degC):
//   c_m    1 uF/cm2     g_na  120 mS/cm2   g_k  36 mS/cm2   g_l  0.3 mS/cm2
//   e_na   50 mV        e_k   -77 mV       e_l  -54.387 mV (rest at -65 mV)
//   area   10000 um2 (1e-4 cm2: 1 nA is 10 uA/cm2)
//   v_spike 0 mV        v_init -65 mV (gates start at their steady state there)
// State variables: v (V), m, h, n.
#include "sim/Population.h"

namespace ss::models {

// SI units: F/m2, S/m2, V, m2.
struct HodgkinHuxleyParams {
    double cM = 1e-2;
    double gNa = 1200.0;
    double gK = 360.0;
    double gL = 3.0;
    double eNa = 50e-3;
    double eK = -77e-3;
    double eL = -54.387e-3;
    double area = 1e-8;
    double vSpike = 0.0;
    double vInit = -65e-3;
};

class HodgkinHuxleyPopulation : public sim::Population {
public:
    static constexpr double kMaxSubStep = 1e-5; // s

    HodgkinHuxleyPopulation(std::string name, sim::Shape shape, const HodgkinHuxleyParams& params);

    void integrate() override;
    void thresholdAndReset() override;
    std::vector<std::string> stateVariables() const override { return {"v", "m", "h", "n"}; }
    const Eigen::ArrayXd* stateVariable(const std::string& name) const override;
    const Eigen::ArrayXd& v() const { return m_v; }
    std::size_t stateBytes() const override;

protected:
    void prepareModel() override;
    void resetModel() override;

private:
    HodgkinHuxleyParams m_p;
    Eigen::ArrayXd m_vm, m_m, m_h, m_n, m_v; // m_vm in mV, m_v its copy in volts for recorders
    Eigen::ArrayXd m_vPrev, m_gNa, m_gK, m_alpha, m_beta, m_iDensity, m_crossed; // scratch
    int m_subSteps = 1;
    // Model units: ms, mV, mS/cm2, uA/cm2, uF/cm2.
    double m_subStep = 0.01, m_c = 1.0, m_gNaBar = 120.0, m_gKBar = 36.0, m_gLBar = 0.3;
    double m_eNa = 50.0, m_eK = -77.0, m_eL = -54.387, m_vSpike = 0.0, m_currentScale = 1e-2;
};

} // namespace ss::models
