#include "models/neurons/SwtaPopulation.h"

#include "models/LayerSpec.h"
#include "models/neurons/NeuronSpecs.h"
#include "sim/Network.h"

#include <cmath>

namespace ss::models {

SwtaPopulation::SwtaPopulation(std::string name, sim::Shape shape, const SwtaParams& params)
    : Population(std::move(name), shape), m_p(params)
{
    const std::string who = "population '" + this->name() + "': ";
    if (!(m_p.rate >= 0.0) || !std::isfinite(m_p.rate)) throw sim::ModelError(who + "the rate must be >= 0");
    if (!(m_p.sigma > 0.0)) throw sim::ModelError(who + "sigma must be positive");
}

void SwtaPopulation::prepareModel()
{
    m_pspSteps = std::max(1, static_cast<int>(std::lround(m_p.sigma / m_dt)));
    m_fireProbability = m_p.rate * m_dt;
    if (m_fireProbability > 1.0)
        throw sim::ModelError("population '" + name() + "': rate x dt = " + std::to_string(m_fireProbability) +
                              " exceeds 1 (at most one spike per step); lower the rate or dt");
    const auto n = size();
    m_arrivals.setZero(n, m_pspSteps);
    m_u.setZero(n);
    m_share.setZero(n);
    // A uniform prior: every neuron equally likely before learning.
    m_bias.setConstant(n, -std::log(static_cast<double>(n)));
}

void SwtaPopulation::resetModel()
{
    m_arrivals.setZero();
    m_slot = 0;
    m_u = m_bias;
}

void SwtaPopulation::integrate()
{
    // The rectangular PSP: what arrived in the last S steps (this one included) counts in full.
    m_arrivals.col(m_slot) =
        input(sim::Channel::Excitatory).current() + input(sim::Channel::Inhibitory).current();
    m_u = m_bias + m_arrivals.rowwise().sum();
    m_slot = (m_slot + 1) % m_pspSteps;
}

void SwtaPopulation::thresholdAndReset()
{
    m_spikes.clear();
    if (m_rng.uniform() >= m_fireProbability) return;
    // Softmax, shifted by the largest u so that no exp overflows.
    m_share = (m_u - m_u.maxCoeff()).exp();
    const double target = m_rng.uniform() * m_share.sum();
    double cumulative = 0.0;
    sim::Index k = size() - 1;
    for (sim::Index i = 0; i < size(); ++i) {
        cumulative += m_share[i];
        if (target < cumulative) {
            k = i;
            break;
        }
    }
    m_spikes.push_back(k);
}

Eigen::ArrayXd SwtaPopulation::firingShares() const
{
    Eigen::ArrayXd q = (m_u - m_u.maxCoeff()).exp();
    return q / q.sum();
}

const Eigen::ArrayXd* SwtaPopulation::stateVariable(const std::string& name) const
{
    if (name == "u") return &m_u;
    if (name == "bias") return &m_bias;
    return nullptr;
}

bool SwtaPopulation::acceptsParameters(const sim::Population& edited) const
{
    const auto* e = dynamic_cast<const SwtaPopulation*>(&edited);
    return e && e->shape() == shape() && e->m_p.sigma == m_p.sigma && e->m_p.rate * m_dt <= 1.0;
}

void SwtaPopulation::adoptParameters(const sim::Population& edited)
{
    m_p.rate = static_cast<const SwtaPopulation&>(edited).m_p.rate;
    m_fireProbability = m_p.rate * m_dt;
}

std::size_t SwtaPopulation::stateBytes() const
{
    const auto steps = static_cast<std::size_t>(std::max(1.0, std::ceil(m_p.sigma / m_dt)));
    return Population::stateBytes() + static_cast<std::size_t>(size()) * sizeof(double) * steps;
}

NodeSpec swtaSpec()
{
    NodeSpec s;
    s.id = "layer.swta";
    s.category = Category::Layer;
    s.name = "Stochastic WTA (Nessler)";
    s.help = "The stochastic winner-take-all circuit of Nessler et al. 2013: neuron k's potential is u_k = w_k0 + "
             "sum_i w_ki y_i, where y_i is 1 while input i spiked within the last sigma (a rectangular PSP), and the "
             "circuit fires as one Poisson process of total rate R whose spikes go to neuron k with probability "
             "exp(u_k) / sum_j exp(u_j). Weights are dimensionless log-domain values (log probabilities under "
             "rule.nessler); the excitabilities w_k0 start at ln(1/size) and are learned by that rule.";
    s.ports = {
        {"in", Direction::In, PortKind::Spikes, false, true, "Synaptic input (log-domain weights) from synapse nodes.",
         Category::Synapses},
        {"out", Direction::Out, PortKind::Spikes, false, false, "The spikes of the circuit, at most one per step."},
    };
    s.outputShape = [](const ShapeQuery& q) -> std::optional<sim::Shape> {
        return sim::Shape::flat(static_cast<sim::Index>(q.integer("size")));
    };
    s.params = {
        intParam("size", 100, 1, 1'000'000, "Number of neurons K (mixture components)."),
        positiveParam("rate", "Hz", 200.0, "Total firing rate R of the circuit; rate x dt must not exceed 1."),
        timeConstantParam("sigma", 10.0, "Length of the rectangular PSP: an input counts for sigma after its spike."),
    };
    s.build = [](BuildContext& ctx) {
        SwtaParams p;
        p.rate = ctx.si("rate");
        p.sigma = ctx.si("sigma");
        if (p.rate * ctx.network().dt() > 1.0)
            ctx.fail("rate", "rate x dt must not exceed 1: the circuit fires at most one spike per step");
        auto& pop = ctx.network().addPopulation<SwtaPopulation>(ctx.node().id, ctx.outputShape(), p);
        ctx.provide(pop);
    };
    return s;
}

} // namespace ss::models
