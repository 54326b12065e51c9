#include "models/neurons/LifPopulation.h"

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
    m_refractory.setZero(n);
    m_score.setZero(n);
    m_refSteps = static_cast<int>(std::lround(m_p.tRef / m_dt));
    m_pm = std::exp(-m_dt / m_p.tauM);
    m_pe = std::exp(-m_dt / m_p.tauSynE);
    m_pi = std::exp(-m_dt / m_p.tauSynI);
    m_ke = expCurrentKernel(m_dt, m_p.tauM, m_p.tauSynE);
    m_ki = expCurrentKernel(m_dt, m_p.tauM, m_p.tauSynI);
    m_ptheta = std::exp(-m_dt / m_p.tauTheta);
}

void LifPopulation::resetModel()
{
    for (Eigen::Index i = 0; i < m_v.size(); ++i)
        m_v[i] = m_p.vInitMin + m_rng.uniform() * (m_p.vInitMax - m_p.vInitMin);
    m_ge.setZero();
    m_gi.setZero();
    m_refractory.setZero();
    // Diehl & Cook's theta is learnt like a weight and survives the reset between samples; the ALIF
    // adaptation is fast state and starts from zero.
    if (m_p.adaptation != LifParams::Adaptation::Theta) m_theta.setZero();
}

void LifPopulation::integrate()
{
    const auto inE = input(sim::Channel::Excitatory).current();
    const auto inI = input(sim::Channel::Inhibitory).current();
    const auto held = m_refractory > 0;
    const double vReset = m_p.vReset;

    switch (m_p.synapse) {
    case LifParams::Synapse::Delta: {
        const auto vInf = m_p.eL + m_p.rM * m_current;
        m_v = held.select(vReset, vInf + (m_v + inE + inI - vInf) * m_pm);
        break;
    }
    case LifParams::Synapse::ExpCurrent: {
        m_ge += inE;
        m_gi += inI;
        const auto vInf = m_p.eL + m_p.rM * m_current;
        m_v = held.select(vReset, vInf + (m_v - vInf) * m_pm + m_ge * m_ke + m_gi * m_ki);
        m_ge *= m_pe;
        m_gi *= m_pi;
        break;
    }
    case LifParams::Synapse::Conductance: {
        m_ge += inE;
        m_gi += inI;
        const auto gTot = 1.0 + m_ge + m_gi;
        const auto vInf = (m_p.eL + m_ge * m_p.eExc + m_gi * m_p.eInh + m_p.rM * m_current) / gTot;
        m_v = held.select(vReset, vInf + (m_v - vInf) * (gTot * (-m_dt / m_p.tauM)).exp());
        m_ge *= m_pe;
        m_gi *= m_pi;
        break;
    }
    }
    m_refractory = (m_refractory - 1).max(0);

    if (m_p.adaptation == LifParams::Adaptation::Alif ||
        (m_p.adaptation == LifParams::Adaptation::Theta && learning()))
        m_theta *= m_ptheta;
}

void LifPopulation::thresholdAndReset()
{
    m_spikes.clear();
    m_candidates.clear();
    const auto n = size();
    for (sim::Index i = 0; i < n; ++i) {
        const double margin = m_v[i] - (m_p.vTh + m_theta[i]);
        if (margin >= 0.0) {
            m_candidates.push_back(i);
            m_score[i] = margin;
        }
    }
    if (m_candidates.empty()) return;
    for (sim::Index i : m_candidates) m_v[i] = m_p.vReset;
    selectWinners(m_candidates, m_score);

    const bool adapt = m_p.adaptation == LifParams::Adaptation::Alif ||
                       (m_p.adaptation == LifParams::Adaptation::Theta && learning());
    for (sim::Index i : m_candidates) {
        m_spikes.push_back(i);
        m_refractory[i] = m_refSteps;
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
