#include "models/neurons/LifPopulation.h"

#include "sim/FastMath.h"
#include "sim/ThresholdScan.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <tuple>

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
    m_held.clear();
    m_refractoryStore.assign(static_cast<std::size_t>(n) + 64, 0);
    m_refractory = m_refractoryStore.data() + (64 - reinterpret_cast<std::uintptr_t>(m_refractoryStore.data()) % 64) % 64;
    m_stepCount = 0;
    m_score.setZero(n);
    m_clearsInput = true;
    // ge and gi take their input directly unless a projection needs a longer delay (see Population).
    if (m_p.synapse != LifParams::Synapse::Delta && input(sim::Channel::Excitatory).slotCount() <= 2) {
        m_directInput[static_cast<int>(sim::Channel::Excitatory)] = m_ge.data();
        m_directInput[static_cast<int>(sim::Channel::Inhibitory)] = m_gi.data();
    }
    deriveConstants();
    // A neuron is held at most once, and ended runs never outnumber the others by more than one: about
    // two runs per step of t_ref (ended runs wait for the next erase), no allocation per step, unless
    // t_ref grows during a run.
    m_held.reserve(2 * static_cast<std::size_t>(n) + 2, 2 * static_cast<std::size_t>(m_refSteps) + 4);
}

void LifPopulation::deriveConstants()
{
    m_refSteps = static_cast<sim::Step>(std::llround(m_p.tRef / m_dt));
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
    m_held.clear();
    std::fill(m_refractoryStore.begin(), m_refractoryStore.end(), std::uint8_t{0});
    // Diehl & Cook's theta is learnt like a weight and survives the reset between samples; the ALIF
    // adaptation is fast state and starts from zero.
    if (m_p.adaptation != LifParams::Adaptation::Theta) m_theta.setZero();
}

// One pass over the population per step: consume this step's input and integrate exactly. Models with
// synaptic state take their input there directly (Population::m_directInput) and read no ring;
// otherwise the pass reads this step's ring column and leaves it zeroed, which spares the ring a pass
// of its own. A refractory neuron's flag (a byte, RefractoryList) holds it at v_reset; its input is
// dropped for the Delta synapse and kept in ge, gi for the others. With bytes beside the doubles the
// compiler takes 64 neurons at a time, and the last n % 64 of a block (of a population of fewer than
// 512 neurons, say) one at a time. Populations that no stimulus drives skip their all-zero current. The
// threshold is tested by a vector loop of its own, run on each block of 512 neurons right after this
// loop (update()): marking the blocks near threshold within this loop, so that the test read only those,
// made it slower (CUBA 4,000 for 10 s: 0.147 s against 0.130 s, medians of 6 alternated runs), and a
// scan of the whole population after the update read v again from the L2 cache (CUBA 40,000 for 1 s:
// 0.314 s against 0.295 s blocked, medians of 7).
// Free functions over restrict pointers, which the compiler vectorises (spikestudio_target compiles
// with -fno-trapping-math), built for AVX-512, AVX2 and x86-64; each variant (ring or not, driven or
// not) is a loop of its own without branches, which the compiler needs to vectorise the conductance
// update. These loops stream their arrays through the L2 cache once per step: every array fewer is
// time saved.
namespace {

struct Arrays {
    double* inE; // this step's ring columns, or null when the input is already in ge, gi
    double* inI;
    double* v;
    double* ge;
    double* gi;
    const double* current; // external current (read only when driven)
    const std::uint8_t* held; // 1 for a refractory neuron, which stays at vReset
    double vReset;
};

// Runs `Loop<Ring, Driven>::run` for the variant that the arrays ask for. Restrict parameters of the
// inlined loops keep them free of aliasing checks.
// Each loop returns a count that is zero only where it left no neuron at or above `bar` (a vector compare
// and count, nearly free in most loops; the conductance loop returns n): where zero, the threshold scan
// skips the block.
template <template <bool, bool> class Loop, class... Args>
[[gnu::always_inline]] inline Eigen::Index dispatch(Eigen::Index n, const Arrays& a, bool driven, const Args&... args)
{
    if (a.inE != nullptr) return driven ? Loop<true, true>::run(n, a, args...) : Loop<true, false>::run(n, a, args...);
    return driven ? Loop<false, true>::run(n, a, args...) : Loop<false, false>::run(n, a, args...);
}

template <bool Ring, bool Driven> struct DeltaLoop {
    [[gnu::always_inline]] static Eigen::Index run(Eigen::Index n, const Arrays& a, double bar, double eL, double rM,
                                                   double pm)
    {
        return loop(n, Ring ? a.inE : nullptr, Ring ? a.inI : nullptr, a.v, a.current, a.held, bar, eL, rM, pm,
                    a.vReset);
    }
    [[gnu::always_inline]] static Eigen::Index loop(Eigen::Index n, double* __restrict inE, double* __restrict inI,
                                                    double* __restrict v, const double* __restrict current,
                                                    const std::uint8_t* __restrict held, double bar, double eL,
                                                    double rM, double pm, double vReset)
    {
        Eigen::Index near = 0;
        for (Eigen::Index i = 0; i < n; ++i) {
            const double vInf = Driven ? eL + rM * current[i] : eL;
            const double u = vInf + (v[i] + (Ring ? inE[i] + inI[i] : 0.0) - vInf) * pm;
            const double x = held[i] ? vReset : u;
            v[i] = x;
            near += x >= bar;
            if constexpr (Ring) {
                inE[i] = 0.0;
                inI[i] = 0.0;
            }
        }
        return near;
    }
};

// Exact solution over dt of tau_m dv/dt = (E_L - v) + ge + gi + R I with exponentially decaying ge, gi.
template <bool Ring, bool Driven> struct ExpCurrentLoop {
    [[gnu::always_inline]] static Eigen::Index run(Eigen::Index n, const Arrays& a, double bar, double eL, double rM,
                                                   double pm, double pe, double pi, double ke, double ki)
    {
        return loop(n, Ring ? a.inE : nullptr, Ring ? a.inI : nullptr, a.v, a.ge, a.gi, a.current, a.held, bar, eL, rM,
                    pm, pe, pi, ke, ki, a.vReset);
    }
    [[gnu::always_inline]] static Eigen::Index loop(Eigen::Index n, double* __restrict inE, double* __restrict inI,
                                                    double* __restrict v, double* __restrict ge, double* __restrict gi,
                                                    const double* __restrict current, const std::uint8_t* __restrict held,
                                                    double bar, double eL, double rM, double pm, double pe, double pi,
                                                    double ke, double ki, double vReset)
    {
        Eigen::Index near = 0;
        for (Eigen::Index i = 0; i < n; ++i) {
            double e = ge[i], g = gi[i];
            if constexpr (Ring) {
                e += inE[i];
                g += inI[i];
                inE[i] = 0.0;
                inI[i] = 0.0;
            }
            const double vInf = Driven ? eL + rM * current[i] : eL;
            const double u = vInf + (v[i] - vInf) * pm + e * ke + g * ki;
            const double x = held[i] ? vReset : u;
            v[i] = x;
            near += x >= bar;
            ge[i] = e * pe;
            gi[i] = g * pi;
        }
        return near;
    }
};

// Exponential Euler at frozen conductances (relative to the leak).
template <bool Ring, bool Driven> struct ConductanceLoop {
    [[gnu::always_inline]] static Eigen::Index run(Eigen::Index n, const Arrays& a, double eL, double rM, double eExc,
                                                   double eInh, double rate, double pe, double pi, double xLow,
                                                   double xHigh)
    {
        return loop(n, Ring ? a.inE : nullptr, Ring ? a.inI : nullptr, a.v, a.ge, a.gi, a.current, eL, rM, eExc, eInh,
                    rate, pe, pi, xLow, xHigh);
    }
    [[gnu::always_inline]] static Eigen::Index loop(Eigen::Index n, double* __restrict inE, double* __restrict inI,
                                                    double* __restrict v, double* __restrict ge, double* __restrict gi,
                                                    const double* __restrict current, double eL, double rM,
                                                    double eExc, double eInh, double rate, double pe, double pi,
                                                    double xLow, double xHigh)
    {
        // Counts nothing and has every block scanned: the count made this loop slower (COBA 40,000 for
        // 1 s: 0.772 s against 0.714 s), and at the rates of such networks most blocks hold a candidate.
        // Nor does it read the refractory flags (holdRefractory() does, after it): 64 neurons at a time,
        // the vector exponential spilled its registers, and Diehl & Cook's training of 300 digits took
        // 0.67-0.70 s against 0.52-0.57 s.
        for (Eigen::Index i = 0; i < n; ++i) {
            double e = ge[i], g = gi[i];
            if constexpr (Ring) {
                e += inE[i];
                g += inI[i];
                inE[i] = 0.0;
                inI[i] = 0.0;
            }
            const double gTot = 1.0 + e + g;
            const double drive = Driven ? eL + rM * current[i] : eL;
            const double vInf = (drive + e * eExc + g * eInh) / gTot;
            v[i] = vInf + (v[i] - vInf) * sim::vexp(gTot * rate, xLow, xHigh);
            ge[i] = e * pe;
            gi[i] = g * pi;
        }
        return n;
    }
};

SPIKESTUDIO_WIDE Eigen::Index integrateDelta(Eigen::Index n, const Arrays& a, bool driven, double bar, double eL,
                                             double rM, double pm)
{
    return dispatch<DeltaLoop>(n, a, driven, bar, eL, rM, pm);
}

SPIKESTUDIO_WIDE Eigen::Index integrateExpCurrent(Eigen::Index n, const Arrays& a, bool driven, double bar, double eL,
                                                  double rM, double pm, double pe, double pi, double ke, double ki)
{
    return dispatch<ExpCurrentLoop>(n, a, driven, bar, eL, rM, pm, pe, pi, ke, ki);
}

// xLow and xHigh clamp the exponential's argument: bounds passed in, not constants (see sim::vexp).
SPIKESTUDIO_WIDE Eigen::Index integrateConductance(Eigen::Index n, const Arrays& a, bool driven, double eL, double rM,
                                                   double eExc, double eInh, double rate, double pe, double pi,
                                                   double xLow, double xHigh)
{
    return dispatch<ConductanceLoop>(n, a, driven, eL, rM, eExc, eInh, rate, pe, pi, xLow, xHigh);
}

// Sets the refractory neurons of a block to vReset, after a loop that did not (a select, which the
// compiler turns into masked stores): the block is still in the L1 cache.
SPIKESTUDIO_WIDE void holdRefractory(Eigen::Index n, double* __restrict v, const std::uint8_t* __restrict held, double vReset)
{
    for (Eigen::Index i = 0; i < n; ++i) v[i] = held[i] ? vReset : v[i];
}

} // namespace

void LifPopulation::integrate()
{
    beginIntegrate();
    m_candidates.clear();
    update(0, size(), m_held.heldCount() > 0, &m_candidates);
    m_found = true;
}

// The neurons whose refractory period ended at the last step leave the held list and lose their flags.
void LifPopulation::beginIntegrate()
{
    ++m_stepCount;
    m_held.expire(m_stepCount, m_refractory);
}

void LifPopulation::integrateRange(sim::Index begin, sim::Index end)
{
    update(begin, end, m_held.heldCount() > 0, nullptr);
}

// With `found`, block by block: each block of kScanBlock neurons is integrated and then at once scanned
// for neurons near threshold (findNear) while it is still in the L1 cache, instead of in a second pass
// that reads v again from the L2 cache. Refractory neurons are at v_reset, below v_th (and theta, raised
// by non-negative steps, is not negative), so none of them is found.
void LifPopulation::update(sim::Index begin, sim::Index end, bool held, std::vector<sim::Index>* found)
{
    const bool ring = m_directInput[0] == nullptr;
    const bool adapt = adapts();
    const bool adaptive = m_p.adaptation != LifParams::Adaptation::None;
    const double bar = nearBar();
    const sim::Index block = found ? kScanBlock : end - begin;
    for (sim::Index from = begin; from < end; from += block) {
        const sim::Index to = std::min(end, from + block);
        const auto n = static_cast<Eigen::Index>(to - from);
        Arrays a{ring ? input(sim::Channel::Excitatory).current().data() + from : nullptr,
                 ring ? input(sim::Channel::Inhibitory).current().data() + from : nullptr,
                 m_v.data() + from,
                 m_ge.data() + from,
                 m_gi.data() + from,
                 m_current.data() + from,
                 m_refractory + from,
                 m_p.vReset};
        Eigen::Index near = 0;
        switch (m_p.synapse) {
        case LifParams::Synapse::Delta:
            near = integrateDelta(n, a, driven(), bar, m_p.eL, m_p.rM, m_pm);
            break;
        case LifParams::Synapse::ExpCurrent:
            near = integrateExpCurrent(n, a, driven(), bar, m_p.eL, m_p.rM, m_pm, m_pe, m_pi, m_ke, m_ki);
            break;
        case LifParams::Synapse::Conductance:
            near = integrateConductance(n, a, driven(), m_p.eL, m_p.rM, m_p.eExc, m_p.eInh, -m_dt / m_p.tauM, m_pe, m_pi,
                                        sim::kExpLow, sim::kExpHigh);
            if (held) holdRefractory(n, a.v, a.held, a.vReset);
            break;
        }
        if (adapt) m_theta.segment(from, n) *= m_ptheta;
        // A block whose loop left no v at the bar has no candidate. One with an adaptive threshold is
        // scanned all the same: the loop compared v without theta, which a loaded training state may
        // have set below zero.
        if (found && (near > 0 || adaptive)) findNear(from, to, *found);
    }
}

void LifPopulation::thresholdAndReset()
{
    if (!m_found) {
        m_candidates.clear();
        findNear(0, size(), m_candidates);
    }
    m_found = false;
    decide(m_candidates, 0);
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
    const std::size_t first = candidates.size();
    findNear(begin, end, candidates);
    decide(candidates, first);
}

// Appends the neurons of [begin, end) within a microvolt of their threshold, found by a vector pass
// (sim::findAtLeast) with slack against rounding: a conservative filter, which at a few hertz finds
// none in most blocks of 64 neurons.
void LifPopulation::findNear(sim::Index begin, sim::Index end, std::vector<sim::Index>& candidates) const
{
    const bool adaptive = m_p.adaptation != LifParams::Adaptation::None;
    sim::findAtLeast(end - begin, m_v.data() + begin, adaptive ? m_theta.data() + begin : nullptr, nearBar(), begin,
                     candidates);
}

// The exact margin decides among the candidates from `first` on: those at or above their threshold
// stay, in order, and their potential is reset.
void LifPopulation::decide(std::vector<sim::Index>& candidates, std::size_t first)
{
    double* v = m_v.data();
    const double* theta = m_theta.data();
    const double vTh = m_p.vTh;
    const bool adaptive = m_p.adaptation != LifParams::Adaptation::None;
    std::size_t kept = first;
    for (std::size_t k = first; k < candidates.size(); ++k) {
        const sim::Index i = candidates[k];
        const double margin = v[i] - (vTh + (adaptive ? theta[i] : 0.0));
        if (margin < 0.0) continue;
        candidates[kept++] = i;
        m_score[i] = margin;
        v[i] = m_p.vReset;
    }
    candidates.resize(kept);
}

void LifPopulation::fire()
{
    m_spikes.clear();
    if (m_candidates.empty()) return;
    selectWinners(m_candidates, m_score);

    const bool adapt = adapts();
    m_held.hold(m_stepCount, m_candidates, m_stepCount + m_refSteps, m_refractory);
    for (sim::Index i : m_candidates) {
        m_spikes.push_back(i);
        if (adapt) m_theta[i] += m_p.thetaPlus;
    }
}

// Each member keeps its share's refractory neurons and counts the steps itself; the threshold does what
// fire() does, with no winners-take-all to decide across shares.
void LifPopulation::beginShares(int members)
{
    m_members.resize(static_cast<std::size_t>(members));
    for (int m = 0; m < members; ++m) {
        auto& member = m_members[static_cast<std::size_t>(m)];
        std::tie(member.begin, member.end) = share(m, members);
        member.held.share(m_held, member.begin, member.end);
        member.step = m_stepCount;
    }
}

void LifPopulation::stepShare(int member, std::vector<sim::Index>& spikes)
{
    auto& me = m_members[static_cast<std::size_t>(member)];
    const sim::Step now = ++me.step;
    me.held.expire(now, m_refractory);
    spikes.clear();
    update(me.begin, me.end, me.held.heldCount() > 0, &spikes);
    decide(spikes, 0);
    me.held.hold(now, spikes, now + m_refSteps, m_refractory);
    if (adapts())
        for (sim::Index i : spikes) m_theta[i] += m_p.thetaPlus;
}

void LifPopulation::endShares()
{
    m_stepCount = m_members.front().step;
    std::vector<const RefractoryList*> parts;
    for (const auto& member : m_members) parts.push_back(&member.held);
    m_held.merge(parts);
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
