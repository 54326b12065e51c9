#include "models/neurons/Srm0Population.h"

#include "models/LayerSpec.h"
#include "models/neurons/NeuronSpecs.h"

#include <cmath>
#include <limits>

namespace ss::models {

double Srm0Params::peakTime() const { return tauM * tauS / (tauM - tauS) * std::log(tauM / tauS); }

double Srm0Params::peakValue() const
{
    const double t = peakTime();
    return std::exp(-t / tauM) - std::exp(-t / tauS);
}

Srm0Population::Srm0Population(std::string name, sim::Shape shape, const Srm0Params& params)
    : Population(std::move(name), shape), m_p(params)
{
    if (!(m_p.tauS > 0.0) || !(m_p.tauS < m_p.tauM))
        throw sim::ModelError("population '" + this->name() + "': tau_s must be positive and below tau_m");
    if (!(m_p.tauR > 0.0)) throw sim::ModelError("population '" + this->name() + "': tau_r must be positive");
}

void Srm0Population::prepareModel()
{
    const auto n = size();
    for (auto* a : {&m_u, &m_xm, &m_xs, &m_r, &m_y, &m_score}) a->setZero(n);
    m_refractory.setZero(n);
    m_refSteps = static_cast<int>(std::lround(m_p.tRef / m_dt));
    m_k = 1.0 / m_p.peakValue();
    m_pm = std::exp(-m_dt / m_p.tauM);
    m_ps = std::exp(-m_dt / m_p.tauS);
    m_pr = std::exp(-m_dt / m_p.tauR);
}

void Srm0Population::resetModel()
{
    m_xm.setZero();
    m_xs.setZero();
    m_r.setZero();
    m_y.setZero();
    m_refractory.setZero();
    m_u.setConstant(m_p.uRest);
}

void Srm0Population::integrate()
{
    const auto in = input(sim::Channel::Excitatory).current() + input(sim::Channel::Inhibitory).current();
    m_xm = (m_xm + in) * m_pm;
    m_xs = (m_xs + in) * m_ps;
    m_r *= m_pr;
    m_y = m_y * m_pm + (m_p.rM * (1.0 - m_pm)) * m_current;
    m_u = m_p.uRest + m_r + m_k * (m_xm - m_xs) + m_y;
    m_refractory = (m_refractory - 1).max(0);
}

void Srm0Population::thresholdAndReset()
{
    m_spikes.clear();
    m_candidates.clear();
    for (sim::Index i = 0; i < size(); ++i) {
        if (m_u[i] >= m_p.theta && m_refractory[i] == 0) {
            m_candidates.push_back(i);
            m_score[i] = m_u[i] - m_p.theta;
        }
    }
    if (m_candidates.empty()) return;
    // SRM0 keeps only the last spike's after-potential: eta restarts at -eta_0.
    for (sim::Index i : m_candidates) {
        m_u[i] += -m_p.eta0 - m_r[i];
        m_r[i] = -m_p.eta0;
        if (m_p.resetPsp) {
            m_u[i] -= m_k * (m_xm[i] - m_xs[i]);
            m_xm[i] = m_xs[i] = 0.0;
        }
    }
    selectWinners(m_candidates, m_score);
    for (sim::Index i : m_candidates) {
        m_spikes.push_back(i);
        m_refractory[i] = m_refSteps;
    }
}

const Eigen::ArrayXd* Srm0Population::stateVariable(const std::string& name) const
{
    return name == "u" || name == "v" ? &m_u : nullptr;
}

NodeSpec srm0Spec()
{
    constexpr double inf = std::numeric_limits<double>::infinity();
    NodeSpec s;
    s.id = "layer.srm0";
    s.category = Category::Layer;
    s.name = "SRM0 neurons";
    s.help = "Gerstner's simplified spike response model: the potential is a sum of kernels, one "
             "double-exponential PSP per input spike (its weight in mV is the PSP peak), an after-potential "
             "-eta_0 exp(-s/tau_r) of the neuron's own last spike, and the membrane-filtered injected current. "
             "A spike is fired when u reaches theta, at most once per t_ref.";
    s.ports = layerPorts();
    s.outputShape = layerShape;
    s.params = layerSizeParams();
    const std::vector<ParamSpec> own = {
        realParam("u_rest", "mV", -70.0, -inf, inf, "Resting potential."),
        realParam("theta", "mV", -55.0, -inf, inf, "Firing threshold."),
        timeConstantParam("tau_m", 20.0, "Membrane (slow) time constant of the PSP kernel."),
        timeConstantParam("tau_s", 5.0, "Synaptic (fast) time constant of the PSP kernel; below tau_m."),
        realParam("eta_0", "mV", 15.0, -inf, inf, "Depth of the after-potential following a spike."),
        timeConstantParam("tau_r", 20.0, "Recovery time constant of the after-potential."),
        realParam("t_ref", "ms", 2.0, 0.0, inf, "Absolute refractory period."),
        positiveParam("r_m", "MOhm", 100.0, "Membrane resistance, seen by injected current."),
        boolParam("reset_psp", false,
                  "A spike also clears the PSPs of all earlier inputs (Masquelier et al. 2008 'flush' them)."),
    };
    s.params.insert(s.params.end(), own.begin(), own.end());
    s.build = [](BuildContext& ctx) {
        Srm0Params p;
        p.uRest = ctx.si("u_rest");
        p.theta = ctx.si("theta");
        p.tauM = ctx.si("tau_m");
        p.tauS = ctx.si("tau_s");
        p.eta0 = ctx.si("eta_0");
        p.tauR = ctx.si("tau_r");
        p.tRef = ctx.si("t_ref");
        p.rM = ctx.si("r_m");
        p.resetPsp = ctx.flag("reset_psp");
        if (!(p.tauS < p.tauM)) ctx.fail("tau_s", "tau_s must be shorter than tau_m");
        auto& pop = ctx.network().addPopulation<Srm0Population>(ctx.node().id, ctx.outputShape(), p);
        finishLayer(ctx, pop);
    };
    return s;
}

} // namespace ss::models
