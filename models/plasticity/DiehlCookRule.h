#pragma once
// Triplet-trace STDP with weight normalisation of Diehl & Cook 2015 ("Unsupervised learning of digit
// recognition using spike-timing-dependent plasticity", Front. Comput. Neurosci. 9:99; the authors'
// Brian code, eqs_stdp_ee). Three traces, each SET to 1 on a spike and decaying exactly between:
//   pre     per input neuron,   tau_pre   = 20 ms
//   post1   per output neuron,  tau_post1 = 20 ms
//   post2   per output neuron,  tau_post2 = 40 ms
// On a pre spike of i:   w_ji -= nu_pre * post1_j,                   clipped at 0
// On a post spike of j:  w_ji += nu_post * pre_i * post2_j(before),  clipped at w_max
// where post2(before) is post2 just before this spike sets it to 1, so potentiation needs an earlier
// post spike (the triplet term). Within a step, after the decay: pre spikes are handled first (they
// depress with post1 as it was before this step's post spikes, then set pre = 1), then post spikes
// (they potentiate with the pre trace including this step's pre spikes: Brian's STDP object, which the
// authors use, runs its pre-synaptic updaters before the post-synaptic one), then post1 = post2 = 1.
// Transmission delays do not enter the rule (the authors' delayed depression is not modelled).
// Normalisation (authors' normalize_weights(), before every training example): at beginSample() the
// incoming weights of each post neuron j are scaled so that sum_i w_ji = norm_sum (78 for 784
// inputs; 0 = off). As in the authors' code the scaled weights are not clipped; the next update of a
// weight clips it into [0, w_max] again.
//
// Units: weights, nu_pre, nu_post, w_max and norm_sum are in the units the projection holds (the
// authors' weights are conductances relative to the leak); traces are dimensionless.
//
// Parameters (node "rule.diehl_cook", defaults of the authors' code):
//   tau_pre     20 ms
//   tau_post1   20 ms
//   tau_post2   40 ms
//   nu_pre      1e-4   weight units
//   nu_post     1e-2   weight units
//   w_max       1      weight units
//   norm_sum    78     weight units (0 = no normalisation)
// Dense projections only.
#include "sim/DenseProjection.h"
#include "sim/PlasticityRule.h"

#include <Eigen/Core>

namespace ss::models {

struct DiehlCookParams {
    double tauPre = 20e-3;   // s
    double tauPost1 = 20e-3; // s
    double tauPost2 = 40e-3; // s
    double nuPre = 1e-4;
    double nuPost = 1e-2;
    double wMax = 1.0;
    double normSum = 78.0; // 0 = off
};

class DiehlCookRule : public sim::PlasticityRule {
public:
    DiehlCookRule(std::string name, sim::DenseProjection& projection, const DiehlCookParams& params);

    sim::Projection& projection() const override { return m_projection; }
    void prepare(double dt) override;
    void step() override;
    void reset() override;
    void beginSample() override;

    // Scales each post neuron's incoming weights to sum to norm_sum (no-op when norm_sum is 0).
    void normalise();

    const DiehlCookParams& params() const { return m_p; }
    const Eigen::ArrayXd& preTrace() const { return m_pre; }
    const Eigen::ArrayXd& post1Trace() const { return m_post1; }
    const Eigen::ArrayXd& post2Trace() const { return m_post2; }

private:
    sim::DenseProjection& m_projection;
    DiehlCookParams m_p;
    double m_decayPre = 0.0;
    double m_decayPost1 = 0.0;
    double m_decayPost2 = 0.0;
    Eigen::ArrayXd m_pre;
    Eigen::ArrayXd m_post1;
    Eigen::ArrayXd m_post2;
    Eigen::ArrayXd m_sums; // scratch for normalise()
};

} // namespace ss::models
