#include "models/neurons/HodgkinHuxleyPopulation.h"

#include "models/LayerSpec.h"
#include "models/neurons/NeuronSpecs.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ss::models {

namespace {

// x / (1 - exp(-x / k)), continued by its limit k + x / 2 near x = 0.
template <class Derived> auto linoid(const Eigen::ArrayBase<Derived>& x, double k)
{
    return (x.abs() < 1e-6).select(k + 0.5 * x, x / (1.0 - (-x / k).exp()));
}

double linoid(double x, double k) { return std::abs(x) < 1e-6 ? k + 0.5 * x : x / (1.0 - std::exp(-x / k)); }

// Exponential-Euler step of a gate with rates alpha, beta (1/ms) over h ms.
void gateStep(Eigen::ArrayXd& x, const Eigen::ArrayXd& alpha, const Eigen::ArrayXd& beta, double h)
{
    x = alpha / (alpha + beta) + (x - alpha / (alpha + beta)) * (-h * (alpha + beta)).exp();
}

double steadyState(double alpha, double beta) { return alpha / (alpha + beta); }

} // namespace

HodgkinHuxleyPopulation::HodgkinHuxleyPopulation(std::string name, sim::Shape shape,
                                                 const HodgkinHuxleyParams& params)
    : Population(std::move(name), shape), m_p(params)
{
    if (!(m_p.cM > 0.0) || !(m_p.area > 0.0))
        throw sim::ModelError("population '" + this->name() + "': c_m and area must be positive");
    if (m_p.gNa < 0.0 || m_p.gK < 0.0 || !(m_p.gL > 0.0))
        throw sim::ModelError("population '" + this->name() + "': conductances must be positive");
}

void HodgkinHuxleyPopulation::prepareModel()
{
    const auto n = size();
    for (auto* a : {&m_vm, &m_m, &m_h, &m_n, &m_v, &m_vPrev, &m_gNa, &m_gK, &m_alpha, &m_beta, &m_iDensity, &m_crossed})
        a->setZero(n);
    m_subSteps = std::max(1, static_cast<int>(std::ceil(m_dt / kMaxSubStep - 1e-9)));
    m_subStep = m_dt * 1e3 / m_subSteps;
    m_c = m_p.cM * 100.0;      // F/m2 -> uF/cm2
    m_gNaBar = m_p.gNa * 0.1;  // S/m2 -> mS/cm2
    m_gKBar = m_p.gK * 0.1;
    m_gLBar = m_p.gL * 0.1;
    m_eNa = m_p.eNa * 1e3;
    m_eK = m_p.eK * 1e3;
    m_eL = m_p.eL * 1e3;
    m_vSpike = m_p.vSpike * 1e3;
    m_currentScale = 100.0 / m_p.area; // A -> A/m2 -> uA/cm2
}

void HodgkinHuxleyPopulation::resetModel()
{
    const double v = m_p.vInit * 1e3;
    const double am = 0.1 * linoid(v + 40.0, 10.0);
    const double bm = 4.0 * std::exp(-(v + 65.0) / 18.0);
    const double ah = 0.07 * std::exp(-(v + 65.0) / 20.0);
    const double bh = 1.0 / (1.0 + std::exp(-(v + 35.0) / 10.0));
    const double an = 0.01 * linoid(v + 55.0, 10.0);
    const double bn = 0.125 * std::exp(-(v + 65.0) / 80.0);
    m_vm.setConstant(v);
    m_m.setConstant(steadyState(am, bm));
    m_h.setConstant(steadyState(ah, bh));
    m_n.setConstant(steadyState(an, bn));
    m_v = 1e-3 * m_vm;
    m_crossed.setZero();
}

void HodgkinHuxleyPopulation::integrate()
{
    const double th = m_vSpike, h = m_subStep;
    m_crossed.setZero();
    m_vPrev = m_vm;
    m_vm += 1e3 * (input(sim::Channel::Excitatory).current() + input(sim::Channel::Inhibitory).current());
    m_crossed = ((m_vPrev < th) && (m_vm >= th)).select(1.0, m_crossed);
    m_iDensity = m_currentScale * m_current;

    for (int k = 0; k < m_subSteps; ++k) {
        m_vPrev = m_vm;
        m_gNa = m_gNaBar * m_m.cube() * m_h;
        m_gK = m_gKBar * m_n.square().square();
        const auto& v = m_vPrev;
        m_alpha = 0.1 * linoid(v + 40.0, 10.0);
        m_beta = 4.0 * (-(v + 65.0) / 18.0).exp();
        gateStep(m_m, m_alpha, m_beta, h);
        m_alpha = 0.07 * (-(v + 65.0) / 20.0).exp();
        m_beta = 1.0 / (1.0 + (-(v + 35.0) / 10.0).exp());
        gateStep(m_h, m_alpha, m_beta, h);
        m_alpha = 0.01 * linoid(v + 55.0, 10.0);
        m_beta = 0.125 * (-(v + 65.0) / 80.0).exp();
        gateStep(m_n, m_alpha, m_beta, h);
        const auto gTot = m_gNa + m_gK + m_gLBar;
        const auto vInf = (m_gNa * m_eNa + m_gK * m_eK + m_gLBar * m_eL + m_iDensity) / gTot;
        m_vm = vInf + (m_vPrev - vInf) * (gTot * (-h / m_c)).exp();
        m_crossed = ((m_vPrev < th) && (m_vm >= th)).select(1.0, m_crossed);
    }
    m_v = 1e-3 * m_vm;
}

void HodgkinHuxleyPopulation::thresholdAndReset()
{
    m_spikes.clear();
    m_candidates.clear();
    for (sim::Index i = 0; i < size(); ++i)
        if (m_crossed[i] > 0.0) m_candidates.push_back(i);
    selectWinners(m_candidates, m_vm);
    m_spikes.assign(m_candidates.begin(), m_candidates.end());
}

std::size_t HodgkinHuxleyPopulation::stateBytes() const
{
    // Twelve arrays of state and scratch beside what every population holds.
    return Population::stateBytes() + static_cast<std::size_t>(size()) * sizeof(double) * 12;
}

const Eigen::ArrayXd* HodgkinHuxleyPopulation::stateVariable(const std::string& name) const
{
    if (name == "v") return &m_v;
    if (name == "m") return &m_m;
    if (name == "h") return &m_h;
    if (name == "n") return &m_n;
    return nullptr;
}

NodeSpec hodgkinHuxleySpec()
{
    constexpr double inf = std::numeric_limits<double>::infinity();
    auto density = [](ParamSpec p, double siScale) {
        p.siScale = siScale;
        return p;
    };
    NodeSpec s;
    s.id = "layer.hodgkin_huxley";
    s.category = Category::Layer;
    s.name = "Hodgkin-Huxley neurons";
    s.help = "The squid giant axon of Hodgkin & Huxley (1952): sodium (m^3 h), potassium (n^4) and leak currents "
             "produce the action potential and its refractoriness from channel kinetics alone. Rest near -65 mV; "
             "a sustained current above about 6.3 uA/cm2 (0.63 nA with the default area) gives repetitive "
             "firing. A spike is counted when v rises through v_spike. Input spikes jump v by their weight (mV).";
    s.ports = layerPorts();
    s.outputShape = layerShape;
    s.params = layerSizeParams();
    const std::vector<ParamSpec> own = {
        density(positiveParam("c_m", "uF/cm2", 1.0, "Membrane capacitance per area."), 1e-2),
        density(realParam("g_na", "mS/cm2", 120.0, 0.0, inf, "Peak sodium conductance per area."), 10.0),
        density(realParam("g_k", "mS/cm2", 36.0, 0.0, inf, "Peak potassium conductance per area."), 10.0),
        density(positiveParam("g_l", "mS/cm2", 0.3, "Leak conductance per area."), 10.0),
        realParam("e_na", "mV", 50.0, -inf, inf, "Sodium reversal potential."),
        realParam("e_k", "mV", -77.0, -inf, inf, "Potassium reversal potential."),
        realParam("e_l", "mV", -54.387, -inf, inf, "Leak reversal potential (rest at -65 mV by default)."),
        positiveParam("area", "um2", 10000.0, "Membrane area that turns injected current into a density."),
        realParam("v_spike", "mV", 0.0, -inf, inf, "A spike is an upward crossing of this potential."),
        realParam("v_init", "mV", -65.0, -inf, inf, "Initial potential; the gates start at their steady state."),
    };
    s.params.insert(s.params.end(), own.begin(), own.end());
    s.build = [](BuildContext& ctx) {
        HodgkinHuxleyParams p;
        p.cM = ctx.si("c_m");
        p.gNa = ctx.si("g_na");
        p.gK = ctx.si("g_k");
        p.gL = ctx.si("g_l");
        p.eNa = ctx.si("e_na");
        p.eK = ctx.si("e_k");
        p.eL = ctx.si("e_l");
        p.area = ctx.si("area");
        p.vSpike = ctx.si("v_spike");
        p.vInit = ctx.si("v_init");
        auto& pop = ctx.network().addPopulation<HodgkinHuxleyPopulation>(ctx.node().id, ctx.outputShape(), p);
        finishLayer(ctx, pop);
    };
    return s;
}

} // namespace ss::models
