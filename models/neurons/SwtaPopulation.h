#pragma once
// The stochastic winner-take-all circuit of Nessler, Pfeiffer, Buesing & Maass (2013, "Bayesian
// computation emerges in generic cortical microcircuits through spike-timing-dependent plasticity",
// PLoS Comput Biol 9(4):e1003037). K output neurons z_k with membrane potentials
//
//   u_k(t) = w_k0 + sum_i w_ki y_i(t),   y_i(t) = 1 if input i spiked within the last sigma, else 0
//
// (a rectangular PSP of length sigma, 10 ms in the paper) fire together as one inhomogeneous Poisson
// process of constant total rate R, each spike going to neuron k with the softmax probability
//
//   q_k(t) = exp(u_k(t)) / sum_j exp(u_j(t)):  in a step, P(neuron k fires) = R dt q_k(t).
//
// The lateral inhibition that normalises the rates is implicit, so exactly zero or one neuron fires
// per step: a uniform draw u < R dt decides whether the circuit fires, a second draw picks the winner
// by inverting the cumulative softmax (two draws of the population's stream, so a seed fixes the spikes).
// The w_ki are the weights of the synapses wired into 'in' (dimensionless log-domain values: the layer's
// synaptic unit is 1); the PSP of an arriving weight lasts S = round(sigma / dt) steps, from the step it
// arrives. Two spikes of one input within sigma add (the paper's y_i is 1 either way; at 20 Hz and
// 10 ms an input spikes twice in one window with probability 1.7 %). The excitabilities w_k0 start at
// ln(1 / K), a uniform prior, and change only through a learning rule (rule.nessler); reset() leaves
// them, as it leaves weights. Injected current is not used.
//
// Parameters (node "layer.swta"):   size 100   rate R 200 Hz   sigma 10 ms
// State variables: u (the membrane potentials), bias (w_k0).
#include "sim/Population.h"

namespace ss::models {

struct SwtaParams {
    double rate = 200.0;    // Hz, total rate R of the circuit
    double sigma = 10e-3;   // s, length of the rectangular PSP
};

class SwtaPopulation : public sim::Population {
public:
    SwtaPopulation(std::string name, sim::Shape shape, const SwtaParams& params);

    void integrate() override;
    void thresholdAndReset() override;
    // Weights are log-domain numbers, not millivolts.
    double synapticUnit() const override { return 1.0; }

    std::vector<std::string> stateVariables() const override { return {"u", "bias"}; }
    const Eigen::ArrayXd* stateVariable(const std::string& name) const override;

    const SwtaParams& params() const { return m_p; }
    int pspSteps() const { return m_pspSteps; }
    // u_k as of the last integrate().
    const Eigen::ArrayXd& u() const { return m_u; }
    // The excitabilities w_k0, which a learning rule may change (between steps).
    Eigen::ArrayXd& bias() { return m_bias; }
    const Eigen::ArrayXd& bias() const { return m_bias; }
    // q_k = exp(u_k) / sum_j exp(u_j) for the present u (allocates; for tests and views).
    Eigen::ArrayXd firingShares() const;

    // The rate may change during a run (same size and sigma).
    bool acceptsParameters(const sim::Population& edited) const override;
    void adoptParameters(const sim::Population& edited) override;
    std::size_t stateBytes() const override;

protected:
    void prepareModel() override;
    void resetModel() override;

private:
    SwtaParams m_p;
    int m_pspSteps = 1;
    double m_fireProbability = 0.0; // R dt
    Eigen::ArrayXXd m_arrivals;     // K x S: the input of each of the last S steps
    int m_slot = 0;                 // column of the current step in m_arrivals
    Eigen::ArrayXd m_u, m_bias, m_share;
};

} // namespace ss::models
