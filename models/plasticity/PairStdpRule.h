#pragma once
// Pair-based spike-timing-dependent plasticity with exponential traces.
//
// Window (Tavanaei et al. 2019, "Deep learning in spiking neural networks", Eq. 1, after Bi & Poo 1998
// and Song, Miller & Abbott 2000), with dt = t_post - t_pre:
//   dw = +A+ exp(-dt / tau+)   for dt > 0
//   dw = -A- exp(+dt / tau-)   for dt < 0
//   dw = 0                     for dt = 0
// Trace form (Morrison, Diesmann & Gerstner 2008): a trace x_i per pre-synaptic neuron and y_j per
// post-synaptic neuron. Each step, in this order:
//   x *= exp(-dt_sim / tau+),  y *= exp(-dt_sim / tau-)            (exact decay)
//   pre spike i:   w_ji -= D(w_ji) y_j   for every target j       (y before this step's post spikes)
//   post spike j:  w_ji += P(w_ji) x_i   for every source i       (x before this step's pre spikes)
//   x_i += 1, y_j += 1 on a spike (all_to_all), or x_i = 1, y_j = 1 (nearest: only the latest spike
//   of the other side counts)
// so a pair at the same step changes nothing, as Eq. 1 demands for dt = 0.
// reduced_nearest: the "reduced symmetric nearest-neighbour" scheme of Morrison, Diesmann & Gerstner
// (2008), the rule of Masquelier, Guyonneau & Thorpe (2008) as Hathway & Goodman (2018, ReScience)
// found it in the authors' code and showed it necessary for their result. Traces as nearest, but a
// pre spike depresses only when it is the first pre spike since the last post spike, and a post spike
// potentiates only from a pre spike that came after the previous post spike; so potentiation and
// depression of a synapse alternate. Kept with the last spike step of every
// neuron: pre i depresses w_ji iff last_pre_i < last_post_j, post j potentiates w_ji iff
// last_post_j < last_pre_i (both before this step's spikes).
// Weight dependence (P potentiation, D depression):
//   additive        P = A+,              D = A-
//   multiplicative  P = A+,              D = A- w             (van Rossum, Bi & Turrigiano 2000)
//   soft_bound      P = A+ (w_max - w),  D = A- (w - w_min)   (Guetig et al. 2003 with mu = 1)
// followed in every case by the hard bounds w_min <= w <= w_max.
//
// Units: weights are whatever the projection holds (SI inside the engine: volts for voltage-input
// neurons, conductance relative to the leak for conductance neurons). w_min, w_max and the amplitudes
// that multiply no weight (A+ and A- additive, A+ multiplicative) are in those units; the others
// (A- multiplicative, both soft_bound) are dimensionless. The node declaration converts from the
// document's weight unit.
//
// Parameters (node "rule.stdp", defaults of Song, Miller & Abbott 2000 with w_max = 1):
//   a_plus      A+      0.005     weight units (dimensionless for soft_bound)
//   a_minus     A-      0.00525   weight units (dimensionless for multiplicative, soft_bound)
//   tau_plus    tau+    20 ms     potentiation window
//   tau_minus   tau-    20 ms     depression window
//   w_min               0         weight units
//   w_max               1         weight units
//   pairing             all_to_all | nearest | reduced_nearest
//   dependence          additive | multiplicative | soft_bound
#include "sim/DenseProjection.h"
#include "sim/PlasticityRule.h"
#include "sim/SparseProjection.h"

#include <Eigen/Core>

namespace ss::models {

struct StdpParams {
    enum class Pairing { AllToAll, Nearest, ReducedNearest };
    enum class Dependence { Additive, Multiplicative, SoftBound };

    double aPlus = 0.005;
    double aMinus = 0.00525;
    double tauPlus = 20e-3;  // s
    double tauMinus = 20e-3; // s
    double wMin = 0.0;
    double wMax = 1.0;
    Pairing pairing = Pairing::AllToAll;
    Dependence dependence = Dependence::Additive;
};

class PairStdpRule : public sim::PlasticityRule {
public:
    PairStdpRule(std::string name, sim::DenseProjection& projection, const StdpParams& params);
    PairStdpRule(std::string name, sim::SparseProjection& projection, const StdpParams& params);

    sim::Projection& projection() const override { return m_projection; }
    void prepare(double dt) override;
    void step() override;
    void reset() override;

    const StdpParams& params() const { return m_p; }
    const Eigen::ArrayXd& preTrace() const { return m_x; }
    const Eigen::ArrayXd& postTrace() const { return m_y; }

private:
    void check() const;
    void stepDense();
    void stepSparse();
    double depressed(double w, double y) const;
    double potentiated(double w, double x) const;
    bool reduced() const { return m_p.pairing == StdpParams::Pairing::ReducedNearest; }
    // Reduced nearest: post traces that pre spike i may pair with, pre traces that post spike j may.
    const Eigen::ArrayXd& depressingTraces(sim::Index i);
    const Eigen::ArrayXd& potentiatingTraces(sim::Index j);

    sim::Projection& m_projection;
    sim::DenseProjection* m_dense = nullptr;
    sim::SparseProjection* m_sparse = nullptr;
    StdpParams m_p;
    double m_decayPlus = 0.0;
    double m_decayMinus = 0.0;
    Eigen::ArrayXd m_x; // pre-synaptic traces (tau+)
    Eigen::ArrayXd m_y; // post-synaptic traces (tau-)
    // Reduced nearest only: step of every neuron's last spike (-1: none yet), the rule's step counter and
    // the masked traces.
    Eigen::Array<sim::Step, Eigen::Dynamic, 1> m_lastPre, m_lastPost;
    sim::Step m_now = 0;
    Eigen::ArrayXd m_maskedX, m_maskedY;
};

} // namespace ss::models
