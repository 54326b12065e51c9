#pragma once
// The STDP rule of Nessler, Pfeiffer, Buesing & Maass (2013, PLoS Comput Biol 9(4):e1003037) for a
// stochastic winner-take-all circuit (layer.swta), Eq. 2 of the review of Tavanaei et al. (2019, "Deep
// learning in spiking neural networks", Neural Networks 111). At each spike of output neuron k:
//
//   dw_ki = eta (c exp(-w_ki) - 1)   if input i fired within sigma before (y_i = 1)
//   dw_ki = -eta                     otherwise
//
// In expectation over the spikes of k the change vanishes where exp(w_ki) = c p(y_i = 1 | z_k = 1):
// the weights become log probabilities (shifted by ln c) of a mixture component, and the circuit's
// softmax becomes the posterior of that mixture (spike-based online EM).
// The excitabilities w_k0 of the circuit learn the mixture weights (the prior) in the same way, at
// every spike of the circuit:
//
//   dw_k0 = eta_bias (c_bias exp(-w_k0) - 1)   for the neuron k that fired
//   dw_j0 = -eta_bias                          for every other neuron j
//
// whose fixed point exp(w_k0) = c_bias P(z_k fires) is a normalised prior for c_bias = 1.
// Bounds: a probability is at most 1, so weights stay <= ln c (excitabilities <= ln c_bias), which no
// fixed point exceeds; and >= w_min. The floor matters: near it one LTP step is eta c e^-w_min, and a
// step far above 1 throws a weight past its fixed point (w_min -5 with eta 0.005 caps it at 0.74).
// y_i is what the post neuron saw: input i spiked at a step s whose spike arrived (s + delay) within
// the S = round(sigma / dt) steps up to and including the post spike's step, the window of the
// rectangular PSP of layer.swta. Weights are held as float by the synapses, so a stored change is
// rounded to float; the change itself (increment()) is computed in double.
//
// Parameters (node "rule.nessler"):
//   eta        5e-3   learning rate of the weights
//   c          1      offset: exp(w) -> c p; weights stay <= 0 for c = 1
//   sigma      10 ms  window of "fired before" (the PSP length of the layer)
//   w_min      -5     weights and excitabilities are kept >= w_min (a probability floor of c e^-5 =
//                     0.0067, so that a component or neuron that loses everything can recover)
//   eta_bias   1e-2   learning rate of the excitabilities (0: fixed)
//   c_bias     1
// Dense projections only; the excitabilities are learned when the post layer is a layer.swta (other
// layers have none: the rule then learns the weights alone).
#include "sim/DenseProjection.h"
#include "sim/PlasticityRule.h"

#include <Eigen/Core>

#include <cmath>
#include <vector>

namespace ss::models {

class SwtaPopulation;

struct NesslerParams {
    double eta = 5e-3;
    double c = 1.0;
    double sigma = 10e-3; // s
    double wMin = -5.0;
    double etaBias = 1e-2;
    double cBias = 1.0;
};

class NesslerRule : public sim::PlasticityRule {
public:
    // swta: the circuit whose excitabilities learn (nullptr: only the weights learn).
    NesslerRule(std::string name, sim::DenseProjection& projection, const NesslerParams& params,
                SwtaPopulation* swta = nullptr);

    sim::Projection& projection() const override { return m_projection; }
    void prepare(double dt) override;
    void step() override;
    void reset() override;

    // Eq. 2 without the learning rate: c e^-w - 1 for an input active within sigma, else -1.
    static double increment(double w, bool active, double c) { return active ? c * std::exp(-w) - 1.0 : -1.0; }

    const NesslerParams& params() const { return m_p; }
    int windowSteps() const { return m_window; }
    // 1 where input i counts as active for a post spike in the present step (after step()).
    const Eigen::ArrayXd& active() const { return m_active; }

private:
    sim::DenseProjection& m_projection;
    NesslerParams m_p;
    SwtaPopulation* m_swta;
    double m_wMax = 0.0, m_biasMax = 0.0; // ln c, ln c_bias
    int m_window = 1;
    int m_delay = 1;
    // Pre spikes of the last delay + S + 1 steps, by step modulo that length.
    std::vector<std::vector<sim::Index>> m_history;
    std::size_t m_now = 0;
    Eigen::ArrayXi m_inWindow;  // spikes of each input inside the window
    Eigen::ArrayXd m_active;    // m_inWindow > 0, as 0 / 1
    Eigen::ArrayXd m_row;       // scratch: one post neuron's weights in double
};

} // namespace ss::models
