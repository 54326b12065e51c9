#pragma once
// The simplified spike response model SRM0 (Gerstner & Kistler 2002, "Spiking Neuron Models", ch. 4.2.3):
//
//   u(t) = u_rest + eta(t - t_hat) + sum_j w_j eps(t - t_j) + R_m int kappa(s) I_ext(t - s) ds
//   eps(s)   = K (exp(-s/tau_m) - exp(-s/tau_s)),  K = 1 / max_s (exp(-s/tau_m) - exp(-s/tau_s))
//   eta(s)   = -eta_0 exp(-s/tau_r)                 (only the last own spike t_hat counts)
//   kappa(s) = exp(-s/tau_m) / tau_m               (so a constant current settles at R_m I)
//   u >= theta and t - t_hat >= t_ref  ->  spike
//
// The PSP kernel is normalised: a weight w (volts, negative for inhibition, either channel) is the peak
// of the PSP it causes, reached at t* = tau_m tau_s / (tau_m - tau_s) ln(tau_m / tau_s); tau_s < tau_m.
// Implemented exactly with per-neuron traces that decay by exp(-dt/tau) every step: x_m and x_s (both
// jump by w at an input, eps-sum = K (x_m - x_s)), r (set to -eta_0 at a spike) and y (y -> R_m I with
// time constant tau_m, exact for current constant over the step). An input arriving at step k counts
// from the start of that step, so u at the end of the step is w eps(dt).
//
// reset_psp (off by default): a spike also clears the PSPs of all earlier inputs (x_m = x_s = 0), so
// only inputs after the neuron's last spike count: the dependence of the full SRM's eps(t - t_hat, s) on
// the last output spike (Gerstner & Kistler 2002, ch. 4.2.1) in its simplest form, as in the neuron of
// Masquelier, Guyonneau & Thorpe (2008), whose EPSPs are "flushed" at each discharge.
//
// Parameters (defaults):
//   u_rest -70 mV   theta -55 mV   tau_m 20 ms   tau_s 5 ms
//   eta_0  15 mV (a spike at threshold brings u back to about u_rest, like a LIF reset)
//   tau_r  20 ms    t_ref 2 ms     r_m 100 MOhm
// State variables: u (V), also named "v".
#include "sim/Population.h"

namespace ss::models {

struct Srm0Params {
    double uRest = -70e-3;
    double theta = -55e-3;
    double tauM = 20e-3;
    double tauS = 5e-3;
    double eta0 = 15e-3;
    double tauR = 20e-3;
    double tRef = 2e-3;
    double rM = 100e6;
    bool resetPsp = false;

    // Time of the maximum of exp(-s/tau_m) - exp(-s/tau_s), and that maximum.
    double peakTime() const;
    double peakValue() const;
};

class Srm0Population : public sim::Population {
public:
    Srm0Population(std::string name, sim::Shape shape, const Srm0Params& params);

    void integrate() override;
    void thresholdAndReset() override;
    std::vector<std::string> stateVariables() const override { return {"u", "v"}; }
    const Eigen::ArrayXd* stateVariable(const std::string& name) const override;
    const Eigen::ArrayXd& u() const { return m_u; }

protected:
    void prepareModel() override;
    void resetModel() override;

private:
    Srm0Params m_p;
    Eigen::ArrayXd m_u, m_xm, m_xs, m_r, m_y, m_score;
    Eigen::ArrayXi m_refractory;
    int m_refSteps = 0;
    double m_k = 1.0, m_pm = 0.0, m_ps = 0.0, m_pr = 0.0;
};

} // namespace ss::models
