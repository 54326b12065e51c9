#include "models/neurons/IfPopulation.h"

#include "models/LayerSpec.h"
#include "models/neurons/NeuronSpecs.h"
#include "sim/FastMath.h"
#include "sim/ThresholdScan.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ss::models {

IfPopulation::IfPopulation(std::string name, sim::Shape shape, const IfParams& params)
    : Population(std::move(name), shape), m_p(params)
{
    if (!(m_p.vReset < m_p.vTh))
        throw sim::ModelError("population '" + this->name() + "': v_reset must lie below v_th");
    if (!(m_p.capacitance > 0.0))
        throw sim::ModelError("population '" + this->name() + "': capacitance must be positive");
}

void IfPopulation::prepareModel()
{
    m_v.setZero(size());
    m_score.setZero(size());
    m_refractory.setZero(size());
    m_refSteps = static_cast<int>(std::lround(m_p.tRef / m_dt));
    m_currentGain = m_dt / m_p.capacitance;
    m_clearsInput = true;
}

void IfPopulation::resetModel()
{
    m_v.setConstant(m_p.vReset);
    m_refractory.setZero();
}

namespace {

// v takes this step's input (dropped while refractory) and the input columns are zeroed as they are
// read. Built for AVX-512, AVX2 and any x86-64 (sim/FastMath.h), the same operations in each.
SPIKESTUDIO_WIDE void integrateIf(sim::Index n, double* __restrict v, int* __restrict refractory,
                                  double* __restrict inE, double* __restrict inI, const double* __restrict current,
                                  double gain)
{
    if (current) {
        for (sim::Index i = 0; i < n; ++i) {
            const double next = v[i] + inE[i] + inI[i] + gain * current[i];
            v[i] = refractory[i] > 0 ? v[i] : next;
            refractory[i] = std::max(refractory[i] - 1, 0);
            inE[i] = 0.0;
            inI[i] = 0.0;
        }
        return;
    }
    for (sim::Index i = 0; i < n; ++i) {
        const double next = v[i] + inE[i] + inI[i];
        v[i] = refractory[i] > 0 ? v[i] : next;
        refractory[i] = std::max(refractory[i] - 1, 0);
        inE[i] = 0.0;
        inI[i] = 0.0;
    }
}

} // namespace

void IfPopulation::integrate()
{
    // One pass (m_clearsInput: the rings need no pass of their own to clear). An undriven population's
    // current is all zeros and is not read.
    integrateIf(size(), m_v.data(), m_refractory.data(), input(sim::Channel::Excitatory).current().data(),
                input(sim::Channel::Inhibitory).current().data(), driven() ? m_current.data() : nullptr,
                m_currentGain);
}

void IfPopulation::thresholdAndReset()
{
    m_spikes.clear();
    m_candidates.clear();
    if (m_p.fireOnlyWhileLearning && !m_learning) return; // integrate only: v is read, not thresholded
    // Vector compares, tested 64 neurons at a time (sim/ThresholdScan): most steps of a convolutional
    // layer have few crossings.
    sim::findAtLeast(size(), m_v.data(), nullptr, m_p.vTh, 0, m_candidates);
    for (sim::Index i : m_candidates) m_score[i] = m_v[i] - m_p.vTh;
    if (m_candidates.empty()) return;
    const double jump = m_p.vTh - m_p.vReset;
    for (sim::Index i : m_candidates) {
        if (m_p.reset == IfParams::Reset::Subtract)
            m_v[i] -= jump;
        else
            m_v[i] = m_p.vReset;
    }
    selectWinners(m_candidates, m_score);
    for (sim::Index i : m_candidates) {
        m_spikes.push_back(i);
        m_refractory[i] = m_refSteps;
    }
}

const Eigen::ArrayXd* IfPopulation::stateVariable(const std::string& name) const
{
    return name == "v" ? &m_v : nullptr;
}

NodeSpec ifSpec()
{
    constexpr double inf = std::numeric_limits<double>::infinity();
    NodeSpec s;
    s.id = "layer.if";
    s.category = Category::Layer;
    s.name = "IF neurons (non-leaky)";
    s.help = "Integrate-and-fire neurons without leak: every input spike adds its weight (mV) to v and injected "
             "current charges the capacitance. With reset by subtraction the firing rate is proportional to the "
             "input, the spiking equivalent of a ReLU used to convert trained ANNs into SNNs (Rueckauer et al. "
             "2017).";
    s.ports = layerPorts();
    s.outputShape = layerShape;
    s.params = layerSizeParams();
    const std::vector<ParamSpec> own = {
        realParam("v_th", "mV", 1.0, -inf, inf, "Firing threshold."),
        realParam("v_reset", "mV", 0.0, -inf, inf, "Initial potential and reset potential; below v_th."),
        positiveParam("capacitance", "pF", 1.0, "Membrane capacitance, seen by injected current."),
        choiceParam("reset", {"subtract", "zero"}, "subtract",
                    "Subtract the threshold (keeps the residue, rate proportional to input) or go back to v_reset."),
        realParam("t_ref", "ms", 0.0, 0.0, inf, "Refractory period: v frozen and input dropped."),
        choiceParam("fire", {"always", "learning"}, "always",
                    "When the neurons fire: always, or only while learning is on. With learning off (the label "
                    "and test phases of a protocol) they then integrate every input without a threshold, and a "
                    "readout with feature 'potential' reads their final potentials (the last convolution layer "
                    "of Kheradpisheh et al. 2018)."),
        choiceParam("wta_scope", {"layer", "position"}, "layer",
                    "Where k_wta applies: the whole layer, or each position of a feature-map layer across its maps "
                    "(local inhibition of a convolutional layer)."),
    };
    s.params.insert(s.params.end(), own.begin(), own.end());
    s.build = [](BuildContext& ctx) {
        IfParams p;
        p.vTh = ctx.si("v_th");
        p.vReset = ctx.si("v_reset");
        p.capacitance = ctx.si("capacitance");
        p.reset = ctx.text("reset") == "zero" ? IfParams::Reset::Zero : IfParams::Reset::Subtract;
        p.tRef = ctx.si("t_ref");
        p.fireOnlyWhileLearning = ctx.text("fire") == "learning";
        if (!(p.vReset < p.vTh)) ctx.fail("v_reset", "v_reset must lie below v_th");
        auto& pop = ctx.network().addPopulation<IfPopulation>(ctx.node().id, ctx.outputShape(), p);
        finishLayer(ctx, pop);
        if (ctx.text("wta_scope") == "position")
            pop.setWinnersTakeAll(pop.winnersTakeAll(), sim::Population::WinnersScope::Position);
    };
    return s;
}

} // namespace ss::models
