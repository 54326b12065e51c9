#include "models/neurons/LifPopulation.h"

#include "sim/FastMath.h"

#include <algorithm>
#include <cmath>

namespace ss::models {

namespace {

// Response at t = dt of tau_m dx/dt = -x + g, dg/dt = -g/tau_s to g(0) = 1, x(0) = 0.
double expCurrentKernel(double dt, double tauM, double tauS)
{
    if (std::abs(tauS - tauM) <= 1e-12 * tauM) return dt / tauM * std::exp(-dt / tauM);
    return tauS / (tauS - tauM) * (std::exp(-dt / tauS) - std::exp(-dt / tauM));
}

} // namespace

LifPopulation::LifPopulation(std::string name, sim::Shape shape, const LifParams& params)
    : Population(std::move(name), shape), m_p(params)
{
    if (!(m_p.tauM > 0.0) || !(m_p.tauSynE > 0.0) || !(m_p.tauSynI > 0.0) || !(m_p.tauTheta > 0.0))
        throw sim::ModelError("population '" + this->name() + "': time constants must be positive");
    if (!(m_p.vReset < m_p.vTh))
        throw sim::ModelError("population '" + this->name() + "': v_reset must lie below v_th");
    if (m_p.vInitMax < m_p.vInitMin)
        throw sim::ModelError("population '" + this->name() + "': v_init_max must not lie below v_init_min");
}

void LifPopulation::prepareModel()
{
    const auto n = size();
    m_v.setZero(n);
    m_ge.setZero(n);
    m_gi.setZero(n);
    m_theta.setZero(n);
    m_heldUntil.setConstant(n, -1.0);
    m_stepCount = 0.0;
    m_score.setZero(n);
    m_clearsInput = true;
    deriveConstants();
}

void LifPopulation::deriveConstants()
{
    m_refSteps = static_cast<double>(std::lround(m_p.tRef / m_dt));
    m_pm = std::exp(-m_dt / m_p.tauM);
    m_pe = std::exp(-m_dt / m_p.tauSynE);
    m_pi = std::exp(-m_dt / m_p.tauSynI);
    m_ke = expCurrentKernel(m_dt, m_p.tauM, m_p.tauSynE);
    m_ki = expCurrentKernel(m_dt, m_p.tauM, m_p.tauSynI);
    m_ptheta = std::exp(-m_dt / m_p.tauTheta);
}

bool LifPopulation::acceptsParameters(const sim::Population& edited) const
{
    // The synapse and adaptation kinds decide which state exists and how input is read: never adopted.
    const auto* e = dynamic_cast<const LifPopulation*>(&edited);
    return e && e->shape() == shape() && e->m_p.synapse == m_p.synapse && e->m_p.adaptation == m_p.adaptation;
}

void LifPopulation::adoptParameters(const sim::Population& edited)
{
    // Field by field, leaving the two kinds alone: acceptsParameters reads them from another thread.
    const LifParams& e = static_cast<const LifPopulation&>(edited).m_p;
    m_p.tauM = e.tauM;
    m_p.eL = e.eL;
    m_p.vReset = e.vReset;
    m_p.vTh = e.vTh;
    m_p.tRef = e.tRef;
    m_p.rM = e.rM;
    m_p.tauSynE = e.tauSynE;
    m_p.tauSynI = e.tauSynI;
    m_p.eExc = e.eExc;
    m_p.eInh = e.eInh;
    m_p.thetaPlus = e.thetaPlus;
    m_p.tauTheta = e.tauTheta;
    m_p.vInitMin = e.vInitMin;
    m_p.vInitMax = e.vInitMax;
    setWinnersTakeAll(edited.winnersTakeAll());
    deriveConstants();
}

void LifPopulation::resetModel()
{
    for (Eigen::Index i = 0; i < m_v.size(); ++i)
        m_v[i] = m_p.vInitMin + m_rng.uniform() * (m_p.vInitMax - m_p.vInitMin);
    m_ge.setZero();
    m_gi.setZero();
    m_heldUntil.setConstant(-1.0);
    // Diehl & Cook's theta is learnt like a weight and survives the reset between samples; the ALIF
    // adaptation is fast state and starts from zero.
    if (m_p.adaptation != LifParams::Adaptation::Theta) m_theta.setZero();
}

// One pass over the population per step: consume this step's input (and leave the ring column
// zeroed, which spares the ring a pass of its own) and integrate exactly. A neuron is refractory while
// the step count has not passed its `held until` step, which the pass only reads. Populations that no
// stimulus drives skip their all-zero current (the compiler unswitches the loop on `driven`).
// Free functions over restrict pointers with branch-free selects, which the compiler vectorises
// (spikestudio_target compiles with -fno-trapping-math for that), built for AVX-512, AVX2 and x86-64.
// These loops stream their arrays through the L2 cache once per step: every array fewer is time saved.
namespace {

SPIKESTUDIO_WIDE void integrateDelta(Eigen::Index n, double* __restrict inE, double* __restrict inI, double* __restrict v,
                    const double* __restrict heldUntil, double now, bool driven, const double* __restrict current,
                    double eL, double rM, double vReset, double pm)
{
    for (Eigen::Index i = 0; i < n; ++i) {
        const double vInf = driven ? eL + rM * current[i] : eL;
        const double next = vInf + (v[i] + inE[i] + inI[i] - vInf) * pm;
        v[i] = heldUntil[i] >= now ? vReset : next;
        inE[i] = 0.0;
        inI[i] = 0.0;
    }
}

// Exact solution over dt of tau_m dv/dt = (E_L - v) + ge + gi + R I with exponentially decaying ge, gi.
SPIKESTUDIO_WIDE void integrateExpCurrent(Eigen::Index n, double* __restrict inE, double* __restrict inI, double* __restrict v,
                         double* __restrict ge, double* __restrict gi, const double* __restrict heldUntil, double now,
                         bool driven, const double* __restrict current, double eL, double rM, double vReset,
                         double pm, double pe, double pi, double ke, double ki)
{
    for (Eigen::Index i = 0; i < n; ++i) {
        const double e = ge[i] + inE[i];
        const double g = gi[i] + inI[i];
        const double vInf = driven ? eL + rM * current[i] : eL;
        const double next = vInf + (v[i] - vInf) * pm + e * ke + g * ki;
        v[i] = heldUntil[i] >= now ? vReset : next;
        ge[i] = e * pe;
        gi[i] = g * pi;
        inE[i] = 0.0;
        inI[i] = 0.0;
    }
}

// Exponential Euler at frozen conductances (relative to the leak).
SPIKESTUDIO_WIDE void integrateConductance(Eigen::Index n, double* __restrict inE, double* __restrict inI, double* __restrict v,
                          double* __restrict ge, double* __restrict gi, const double* __restrict heldUntil,
                          double now, bool driven, const double* __restrict current, double eL, double rM,
                          double vReset, double eExc, double eInh, double rate, double pe, double pi)
{
    for (Eigen::Index i = 0; i < n; ++i) {
        const double e = ge[i] + inE[i];
        const double g = gi[i] + inI[i];
        const double gTot = 1.0 + e + g;
        const double drive = driven ? eL + rM * current[i] : eL;
        const double vInf = (drive + e * eExc + g * eInh) / gTot;
        const double next = vInf + (v[i] - vInf) * sim::vexp(gTot * rate);
        v[i] = heldUntil[i] >= now ? vReset : next;
        ge[i] = e * pe;
        gi[i] = g * pi;
        inE[i] = 0.0;
        inI[i] = 0.0;
    }
}

} // namespace

void LifPopulation::integrate()
{
    beginIntegrate();
    integrateRange(0, size());
}

void LifPopulation::integrateRange(sim::Index begin, sim::Index end)
{
    const auto n = static_cast<Eigen::Index>(end - begin);
    double* inE = input(sim::Channel::Excitatory).current().data() + begin;
    double* inI = input(sim::Channel::Inhibitory).current().data() + begin;
    double* v = m_v.data() + begin;
    double* ge = m_ge.data() + begin;
    double* gi = m_gi.data() + begin;
    const double* held = m_heldUntil.data() + begin;
    const double* current = m_current.data() + begin;
    const double now = m_stepCount;
    switch (m_p.synapse) {
    case LifParams::Synapse::Delta:
        integrateDelta(n, inE, inI, v, held, now, driven(), current, m_p.eL, m_p.rM, m_p.vReset, m_pm);
        break;
    case LifParams::Synapse::ExpCurrent:
        integrateExpCurrent(n, inE, inI, v, ge, gi, held, now, driven(), current, m_p.eL, m_p.rM, m_p.vReset, m_pm,
                            m_pe, m_pi, m_ke, m_ki);
        break;
    case LifParams::Synapse::Conductance:
        integrateConductance(n, inE, inI, v, ge, gi, held, now, driven(), current, m_p.eL, m_p.rM, m_p.vReset,
                             m_p.eExc, m_p.eInh, -m_dt / m_p.tauM, m_pe, m_pi);
        break;
    }
    if (m_p.adaptation == LifParams::Adaptation::Alif ||
        (m_p.adaptation == LifParams::Adaptation::Theta && learning()))
        m_theta.segment(begin, n) *= m_ptheta;
}

void LifPopulation::thresholdAndReset()
{
    m_candidates.clear();
    scanRange(0, size(), m_candidates);
    fire();
}

void LifPopulation::finishThreshold(const std::vector<std::vector<sim::Index>>& parts)
{
    m_candidates.clear();
    for (const auto& part : parts) m_candidates.insert(m_candidates.end(), part.begin(), part.end());
    fire();
}

void LifPopulation::scanRange(sim::Index begin, sim::Index end, std::vector<sim::Index>& candidates)
{
    const double* v = m_v.data();
    const double* theta = m_theta.data();
    const double vTh = m_p.vTh;
    const bool adaptive = m_p.adaptation != LifParams::Adaptation::None;
    // Test blocks of 16 by their largest (v - theta) first, an Eigen reduction that vectorises: at a
    // few hertz almost no block holds a spike. The test is a conservative filter (a microvolt of slack
    // against rounding); the exact margin decides below.
    constexpr sim::Index block = 16;
    const double filter = vTh - 1e-6;
    auto scan = [&](sim::Index from, sim::Index to) {
        for (sim::Index i = from; i < to; ++i) {
            const double margin = v[i] - (vTh + (adaptive ? theta[i] : 0.0));
            if (margin >= 0.0) {
                candidates.push_back(i);
                m_score[i] = margin;
            }
        }
    };
    using Block = Eigen::Map<const Eigen::Array<double, block, 1>>;
    sim::Index start = begin;
    for (; start + block <= end; start += block) {
        const double most = adaptive ? (Block(v + start) - Block(theta + start)).maxCoeff() : Block(v + start).maxCoeff();
        if (most >= filter) scan(start, start + block);
    }
    scan(start, end);
}

void LifPopulation::fire()
{
    m_spikes.clear();
    if (m_candidates.empty()) return;
    for (sim::Index i : m_candidates) m_v[i] = m_p.vReset;
    selectWinners(m_candidates, m_score);

    const bool adapt = m_p.adaptation == LifParams::Adaptation::Alif ||
                       (m_p.adaptation == LifParams::Adaptation::Theta && learning());
    for (sim::Index i : m_candidates) {
        m_spikes.push_back(i);
        m_heldUntil[i] = m_stepCount + m_refSteps;
        if (adapt) m_theta[i] += m_p.thetaPlus;
    }
}

std::vector<std::string> LifPopulation::stateVariables() const
{
    std::vector<std::string> names{"v"};
    if (m_p.synapse != LifParams::Synapse::Delta) {
        names.emplace_back("ge");
        names.emplace_back("gi");
    }
    if (m_p.adaptation != LifParams::Adaptation::None) names.emplace_back("theta");
    return names;
}

const Eigen::ArrayXd* LifPopulation::stateVariable(const std::string& name) const
{
    if (name == "v") return &m_v;
    if (m_p.synapse != LifParams::Synapse::Delta) {
        if (name == "ge") return &m_ge;
        if (name == "gi") return &m_gi;
    }
    if (m_p.adaptation != LifParams::Adaptation::None && name == "theta") return &m_theta;
    return nullptr;
}

} // namespace ss::models
