#include "models/neurons/IzhikevichPopulation.h"

#include "models/LayerSpec.h"
#include "models/neurons/NeuronSpecs.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>

namespace ss::models {

std::optional<IzhikevichParams> IzhikevichParams::preset(const std::string& name)
{
    // Izhikevich 2003, Fig. 2.
    static const std::map<std::string, std::array<double, 4>> table = {
        {"RS", {0.02, 0.2, -65.0, 8.0}},  {"IB", {0.02, 0.2, -55.0, 4.0}},  {"CH", {0.02, 0.2, -50.0, 2.0}},
        {"FS", {0.1, 0.2, -65.0, 2.0}},   {"LTS", {0.02, 0.25, -65.0, 2.0}}, {"RZ", {0.1, 0.26, -65.0, 2.0}},
        {"TC", {0.02, 0.25, -65.0, 0.05}},
    };
    const auto it = table.find(name);
    if (it == table.end()) return std::nullopt;
    IzhikevichParams p;
    p.a = it->second[0];
    p.b = it->second[1];
    p.c = it->second[2];
    p.d = it->second[3];
    return p;
}

IzhikevichPopulation::IzhikevichPopulation(std::string name, sim::Shape shape, const IzhikevichParams& params)
    : Population(std::move(name), shape), m_p(params)
{
    if (!(m_p.iUnit > 0.0)) throw sim::ModelError("population '" + this->name() + "': i_unit must be positive");
    if (!(m_p.c < kPeakMv)) throw sim::ModelError("population '" + this->name() + "': c must lie below 30 mV");
}

void IzhikevichPopulation::prepareModel()
{
    const auto n = size();
    m_vm.setZero(n);
    m_u.setZero(n);
    m_v.setZero(n);
    m_dv.setZero(n);
    m_score.setZero(n);
    m_subSteps = std::max(1, static_cast<int>(std::ceil(m_dt / kMaxSubStep - 1e-9)));
    m_h = m_dt * 1e3 / m_subSteps;
}

void IzhikevichPopulation::resetModel()
{
    m_vm.setConstant(m_p.vInit);
    m_u.setConstant(m_p.b * m_p.vInit);
    m_v = 1e-3 * m_vm;
}

void IzhikevichPopulation::integrate()
{
    m_vm += 1e3 * (input(sim::Channel::Excitatory).current() + input(sim::Channel::Inhibitory).current());
    const double invUnit = 1.0 / m_p.iUnit;
    const double a = m_p.a, b = m_p.b, h = m_h;
    for (int k = 0; k < m_subSteps; ++k) {
        m_dv = 0.04 * m_vm.square() + 5.0 * m_vm + 140.0 - m_u + invUnit * m_current;
        const auto below = m_vm < kPeakMv;
        m_u = below.select(m_u + (h * a) * (b * m_vm - m_u), m_u);
        m_vm = below.select(m_vm + h * m_dv, m_vm);
    }
    m_v = 1e-3 * m_vm;
}

void IzhikevichPopulation::thresholdAndReset()
{
    m_spikes.clear();
    m_candidates.clear();
    for (sim::Index i = 0; i < size(); ++i) {
        if (m_vm[i] >= kPeakMv) {
            m_candidates.push_back(i);
            m_score[i] = m_vm[i];
        }
    }
    if (m_candidates.empty()) return;
    for (sim::Index i : m_candidates) {
        m_vm[i] = m_p.c;
        m_v[i] = 1e-3 * m_p.c;
    }
    selectWinners(m_candidates, m_score);
    // Losers are reset without firing; only spikes carry the after-spike increment of u.
    for (sim::Index i : m_candidates) {
        m_spikes.push_back(i);
        m_u[i] += m_p.d;
    }
}

const Eigen::ArrayXd* IzhikevichPopulation::stateVariable(const std::string& name) const
{
    if (name == "v") return &m_v;
    if (name == "u") return &m_u;
    return nullptr;
}

NodeSpec izhikevichSpec()
{
    constexpr double inf = std::numeric_limits<double>::infinity();
    NodeSpec s;
    s.id = "layer.izhikevich";
    s.category = Category::Layer;
    s.name = "Izhikevich neurons";
    s.help = "The simple model of Izhikevich (2003): a quadratic membrane v and a recovery variable u reproduce "
             "regular spiking, bursting, chattering, fast spiking and other cortical firing patterns with four "
             "numbers a, b, c, d, chosen here by a preset. Injected current is divided by i_unit to give the "
             "model's I (10 pA is the paper's I = 10 by default); input spikes jump v by their weight (mV).";
    s.ports = layerPorts();
    s.outputShape = layerShape;
    s.params = layerSizeParams();
    const std::vector<ParamSpec> own = {
        choiceParam("preset", {"RS", "IB", "CH", "FS", "LTS", "RZ", "TC", "custom"}, "RS",
                    "Published cell class of Izhikevich 2003, Fig. 2; 'custom' uses a, b, c, d below."),
        realParam("a", "", 0.02, 0.0, inf, "Recovery rate of u (1/ms), custom preset only."),
        realParam("b", "", 0.2, -inf, inf, "Sensitivity of u to v, custom preset only."),
        realParam("c", "mV", -65.0, -inf, 30.0, "After-spike reset of v, custom preset only."),
        realParam("d", "", 8.0, -inf, inf, "After-spike increment of u, custom preset only."),
        positiveParam("i_unit", "pA", 1.0, "Injected current that counts as I = 1 in the model."),
        realParam("v_init", "mV", -65.0, -inf, 30.0, "Initial v; u starts at b v_init."),
    };
    s.params.insert(s.params.end(), own.begin(), own.end());
    s.build = [](BuildContext& ctx) {
        IzhikevichParams p;
        const std::string& preset = ctx.text("preset");
        if (preset == "custom") {
            p.a = ctx.real("a");
            p.b = ctx.real("b");
            p.c = ctx.real("c");
            p.d = ctx.real("d");
        } else if (auto known = IzhikevichParams::preset(preset)) {
            p = *known;
        } else {
            ctx.fail("preset", "unknown preset '" + preset + "'");
        }
        p.iUnit = ctx.si("i_unit");
        p.vInit = ctx.real("v_init");
        auto& pop = ctx.network().addPopulation<IzhikevichPopulation>(ctx.node().id, ctx.outputShape(), p);
        finishLayer(ctx, pop);
    };
    return s;
}

} // namespace ss::models
