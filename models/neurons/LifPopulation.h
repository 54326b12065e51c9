#pragma once
// Leaky integrate-and-fire neurons with three kinds of synapse and an optional adaptive threshold.
//
//   tau_m dv/dt = (E_L - v) + R_m I_ext + S(v)                      (unless refractory)
//   v >= v_th + theta  ->  spike, v = v_reset, v held at v_reset for t_ref (Brian2's "unless refractory")
//
// Synaptic term S and the meaning of the numbers that arrive on the two input channels:
//   Delta        S = 0; each input adds its value (volts) to v at once. Input that arrives while the
//                neuron is refractory is dropped (NEST iaf_psc_delta, refractory_input = false).
//   ExpCurrent   S = ge + gi with ge, gi in volts, dge/dt = -ge/tau_syn_e, dgi/dt = -gi/tau_syn_i;
//                ge += excitatory input, gi += inhibitory input (negative volts). This is the CUBA
//                network of Vogels & Abbott (2005) as written in Brian2's CUBA example. The linear system
//                is integrated exactly over dt (Rotter & Diesmann 1999):
//                  v(t+dt) = v_inf + (v - v_inf) P + ge K(tau_syn_e) + gi K(tau_syn_i),  P = exp(-dt/tau_m)
//                  K(tau_s) = tau_s/(tau_s - tau_m) (exp(-dt/tau_s) - exp(-dt/tau_m)),
//                  K(tau_m) = dt/tau_m exp(-dt/tau_m),     v_inf = E_L + R_m I_ext.
//   Conductance  S = ge (E_exc - v) + gi (E_inh - v) with ge, gi dimensionless, relative to the leak
//                conductance (Diehl & Cook 2015); ge += excitatory input, gi += inhibitory input (both
//                positive), decaying with tau_syn_e and tau_syn_i. v follows the exponential-Euler step
//                at the conductances frozen over dt:
//                  v_inf = (E_L + ge E_exc + gi E_inh + R_m I)/(1 + ge + gi),
//                  v(t+dt) = v_inf + (v - v_inf) exp(-dt (1 + ge + gi)/tau_m).
// Conductances and currents keep decaying (and accumulating input) while the neuron is refractory.
//
// Adaptive threshold (state theta, volts; effective threshold v_th + theta):
//   Theta   theta += theta_plus at each spike, tau_theta dtheta/dt = -theta; both only while learning()
//           is on, frozen otherwise (Diehl & Cook 2015, as in their code: theta is fixed at test time).
//   Alif    the ALIF neuron of Bellec et al. (2018, LSNN) in the per-step form of Bellec et al. (2020,
//           e-prop, Eq. for A_j): A = v_th + beta a,  a(t+dt) = exp(-dt/tau_a) a(t) + z(t), z = 1 at a
//           spike. We hold theta = beta a, so theta jumps by theta_plus = beta and decays with
//           tau_theta = tau_a whether learning is on or not. (The 2018 form b(t+dt) = rho b + (1-rho) z,
//           A = b0 + beta' b is the same with beta = beta' (1 - rho).)
// Theta is learnt like a weight: reset() (between samples) keeps it, and it starts at zero when the
// network is prepared; the ALIF adaptation is fast state and reset() clears it.
// Winners-take-all: neurons that cross the threshold but lose are put back to v_reset without a spike,
// without refractoriness and without a threshold increment.
//
// Parameters (saved keys; SI inside the engine; defaults of layer.lif, the CUBA network; layer.lif_cond,
// layer.adaptive_lif and layer.alif set their own defaults in LifSpec.cpp):
//   tau_m      20 ms      membrane time constant
//   v_rest     -49 mV     leak reversal E_L
//   v_reset    -60 mV     reset potential
//   v_th       -50 mV     threshold
//   t_ref      5 ms       absolute refractory period
//   r_m        100 MOhm   membrane resistance, for injected current only
//   tau_syn_e  5 ms       excitatory synaptic time constant (ExpCurrent, Conductance)
//   tau_syn_i  10 ms      inhibitory synaptic time constant (ExpCurrent, Conductance)
//   e_exc      0 mV       excitatory reversal (Conductance)
//   e_inh      -80 mV     inhibitory reversal (Conductance)
//   theta_plus 0.05 mV    threshold increment per spike (Theta; "beta" of layer.alif)
//   tau_theta  1e7 ms     threshold decay (Theta; "tau_a" of layer.alif)
//   v_init_min/max -60/-50 mV: initial v uniform in [min, max] (Brian2 CUBA: v = Vr + rand() (Vt - Vr))
// State variables for recorders: v (V), ge, gi (V or relative), theta (V).
#include "models/neurons/RefractoryList.h"
#include "sim/Population.h"

namespace ss::models {

struct LifParams {
    enum class Synapse { Delta, ExpCurrent, Conductance };
    enum class Adaptation { None, Theta, Alif };

    Synapse synapse = Synapse::ExpCurrent;
    Adaptation adaptation = Adaptation::None;
    double tauM = 20e-3;
    double eL = -49e-3;
    double vReset = -60e-3;
    double vTh = -50e-3;
    double tRef = 5e-3;
    double rM = 100e6;
    double tauSynE = 5e-3;
    double tauSynI = 10e-3;
    double eExc = 0.0;
    double eInh = -80e-3;
    double thetaPlus = 0.05e-3;
    double tauTheta = 1e4;
    double vInitMin = -60e-3;
    double vInitMax = -50e-3;
};

class LifPopulation : public sim::Population {
public:
    LifPopulation(std::string name, sim::Shape shape, const LifParams& params);

    const LifParams& params() const { return m_p; }
    void integrate() override;
    bool integratesInRanges() const override { return true; }
    void beginIntegrate() override;
    void integrateRange(sim::Index begin, sim::Index end) override;
    bool thresholdsInRanges() const override { return true; }
    void scanRange(sim::Index begin, sim::Index end, std::vector<sim::Index>& candidates) override;
    void finishThreshold(const std::vector<std::vector<sim::Index>>& parts) override;
    void thresholdAndReset() override;
    // Whole steps in shares: without winners-take-all, and with ge, gi taking their input directly.
    bool stepsInShares() const override { return winnersTakeAll() == 0 && m_directInput[0] != nullptr; }
    void beginShares(int members) override;
    void stepShare(int member, std::vector<sim::Index>& spikes) override;
    void endShares() override;
    std::vector<std::string> stateVariables() const override;
    const Eigen::ArrayXd* stateVariable(const std::string& name) const override;
    // Conductance synapses take weights as conductances relative to the leak (unit 1); the others
    // take millivolts.
    double synapticUnit() const override { return m_p.synapse == LifParams::Synapse::Conductance ? 1.0 : 1e-3; }

    // Live changes: every value of LifParams but the synapse and adaptation kinds (see sim::Population).
    bool acceptsParameters(const sim::Population& edited) const override;
    void adoptParameters(const sim::Population& edited) override;

    const Eigen::ArrayXd& v() const { return m_v; }
    const Eigen::ArrayXd& theta() const { return m_theta; }
    // Thresholds are usually learnt in one run and loaded into another.
    Eigen::ArrayXd& theta() { return m_theta; }

protected:
    void prepareModel() override;
    void resetModel() override;

private:
    void deriveConstants(); // from m_p and dt
    // Integrates [begin, end), holding the flagged refractory neurons at v_reset (`held`: whether the
    // list that flags them holds any). With `found`, appends the neurons near threshold (findNear).
    void update(sim::Index begin, sim::Index end, bool held, std::vector<sim::Index>* found);
    void findNear(sim::Index begin, sim::Index end, std::vector<sim::Index>& candidates) const;
    double nearBar() const { return m_p.vTh - 1e-6; } // findNear's bar: a microvolt below v_th
    void decide(std::vector<sim::Index>& candidates, std::size_t first);
    void fire();            // winners-take-all and spikes of m_candidates (decide() reset them)
    // The threshold adapts in this step: it decays, and rises at each spike.
    bool adapts() const
    {
        return m_p.adaptation == LifParams::Adaptation::Alif ||
               (m_p.adaptation == LifParams::Adaptation::Theta && learning());
    }
    LifParams m_p;
    Eigen::ArrayXd m_v, m_ge, m_gi, m_theta;
    RefractoryList m_held;
    // A byte per neuron, 1 while it is refractory (m_held and the members' lists set and clear them), on
    // a 64-byte boundary: members' shares start on multiples of 64 neurons, so none shares a cache line.
    std::vector<std::uint8_t> m_refractoryStore;
    std::uint8_t* m_refractory = nullptr;
    sim::Step m_stepCount = 0; // steps integrated since prepare()
    // While a team runs whole steps in shares: each member's neurons, refractory list and step count.
    struct alignas(64) Member {
        sim::Index begin = 0, end = 0;
        RefractoryList held;
        sim::Step step = 0;
    };
    std::vector<Member> m_members;
    Eigen::ArrayXd m_score;      // v - threshold of the candidates, for winners-take-all
    bool m_found = false;        // integrate() left the neurons near threshold in m_candidates
    // Neurons integrated and scanned together: 4 KiB of each array, so that the scan reads v from L1.
    static constexpr sim::Index kScanBlock = 512;
    // Derived constants, computed in prepareModel().
    sim::Step m_refSteps = 0;
    double m_pm = 0.0, m_pe = 0.0, m_pi = 0.0, m_ke = 0.0, m_ki = 0.0, m_ptheta = 1.0;
};

} // namespace ss::models
