#include "sim/Network.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace ss::sim {

Network::Network(double dt, std::uint64_t seed) : m_dt(dt), m_seed(seed)
{
    if (!(dt > 0.0) || !std::isfinite(dt)) throw ModelError("the time step dt must be positive");
}

void Network::prepare()
{
    // Each population's rings must reach its longest incoming delay.
    std::vector<int> slots(m_populations.size(), 1);
    auto indexOf = [&](const Population& p) {
        for (std::size_t i = 0; i < m_populations.size(); ++i)
            if (m_populations[i].get() == &p) return i;
        throw ModelError("a projection targets a population outside this network");
    };
    for (const auto& proj : m_projections) {
        indexOf(proj->pre());
        auto& s = slots[indexOf(proj->post())];
        s = std::max(s, proj->delaySteps() + 1);
    }
    for (std::size_t i = 0; i < m_populations.size(); ++i)
        m_populations[i]->prepare(m_dt, slots[i], Rng(m_seed, 0x100000000ull + i));
    for (std::size_t i = 0; i < m_stimuli.size(); ++i) m_stimuli[i]->prepare(m_dt, Rng(m_seed, 0x200000000ull + i));
    for (auto& rule : m_rules) rule->prepare(m_dt);
    for (auto& rec : m_recorders) rec->prepare(m_dt);
    m_spikeCounts.resize(m_populations.size(), 0);
    m_prepared = true;
    prepareShares();
}

// The members share the neurons of all populations that integrate in ranges as one sequence, in network
// order: member m takes [N m / M, N (m + 1) / M) of their N neurons (each boundary moved to the nearest
// block of ThreadTeam::kAlign within its population), not a part of every population. A population
// then has one or two members rather than all of them, and a member visits the rows of a projection
// only where its share of the targets is not empty: in CUBA at 40,000 neurons, member 0 takes 20,032
// excitatory neurons and delivers nothing into the inhibitory population, whose rows of 16 synapses
// member 1 walks whole instead of both walking a half each.
void Network::prepareShares()
{
    const int members = threads();
    long total = 0;
    for (const auto& pop : m_populations)
        if (pop->integratesInRanges()) total += pop->size();
    long offset = 0;
    for (auto& pop : m_populations) {
        if (!pop->integratesInRanges()) continue;
        const long n = pop->size();
        std::vector<Index> bounds(static_cast<std::size_t>(members) + 1, 0);
        for (int m = 1; m < members; ++m) {
            const long edge = std::clamp(total * m / members - offset, 0L, n);
            const long block = ThreadTeam::kAlign;
            bounds[static_cast<std::size_t>(m)] = static_cast<Index>(std::min(n, (edge + block / 2) / block * block));
        }
        bounds.back() = static_cast<Index>(n);
        pop->setShares(std::move(bounds));
        offset += n;
    }
    for (auto& proj : m_projections)
        if (proj->propagatesInRanges()) proj->prepareShares(members);
    prepareFans(members);
}

void Network::prepareFans(int members)
{
    m_fans.clear();
    m_fanOf.assign(m_projections.size(), -1);
    if (members <= 1) return;
    for (std::size_t first = 0; first < m_projections.size();) {
        // The longest run of projections from `first` on that makes a fan.
        std::vector<SparseProjection*> parts;
        for (std::size_t p = first; p < m_projections.size(); ++p) {
            auto* proj = dynamic_cast<SparseProjection*>(m_projections[p].get());
            if (!proj || !proj->propagatesInRanges()) break;
            parts.push_back(proj);
            if (parts.size() > 1 && !FanOut::fits(parts)) {
                parts.pop_back();
                break;
            }
        }
        if (!FanOut::fits(parts)) {
            ++first;
            continue;
        }
        Fan fan{first, first + parts.size(), {}};
        for (int m = 0; m < members; ++m) fan.members.push_back(std::make_unique<FanOut>(parts, m, members));
        for (std::size_t p = fan.first; p < fan.last; ++p) m_fanOf[p] = static_cast<int>(m_fans.size());
        first = fan.last;
        m_fans.push_back(std::move(fan));
    }
}

bool Network::fansCurrent() const
{
    if (m_fanOf.size() != m_projections.size()) return false;
    return std::all_of(m_fans.begin(), m_fans.end(), [](const Fan& f) { return f.members.front()->current(); });
}

void Network::step()
{
    if (!m_prepared) prepare();
    const double t = time();
    // Only populations that stimuli feed carry external current; the others keep zeros.
    for (auto& stim : m_stimuli) stim->target().externalCurrent().setZero();
    for (auto& stim : m_stimuli) stim->apply(t);
    if (m_team) integrateTogether();
    else {
        for (auto& pop : m_populations) pop->integrate();
        for (auto& pop : m_populations) pop->thresholdAndReset();
    }
    for (std::size_t i = 0; i < m_populations.size(); ++i) {
        m_spikeCounts[i] += m_populations[i]->spikes().size();
        m_neuronUpdates += static_cast<std::uint64_t>(m_populations[i]->size());
    }
    if (m_team) propagateTogether();
    else {
        for (const auto& proj : m_projections) proj->prefetch();
        for (auto& proj : m_projections) m_synOps += proj->propagate();
    }
    for (auto& rule : m_rules)
        if (rule->enabled()) rule->step();
    for (auto& rec : m_recorders) rec->record(m_step);
    for (auto& pop : m_populations) pop->endStep();
    ++m_step;
}

void Network::setThreads(int threads)
{
    if (threads < 1) throw ModelError("the number of threads must be at least 1");
    m_team = threads == 1 ? nullptr : std::make_unique<ThreadTeam>(threads);
    if (m_prepared) prepareShares();
}

// Each member integrates its share of every population that allows it and at once scans that share for
// threshold crossings (no other member touches it in between); the parts are then joined in index order.
// Member m's part is m_parts[p][m * kSlotStride] (the lists between stay empty).
void Network::integrateTogether()
{
    const int members = m_team->size();
    constexpr auto stride = static_cast<std::size_t>(ThreadTeam::kSlotStride);
    m_parts.resize(m_populations.size());
    for (std::size_t p = 0; p < m_populations.size(); ++p) {
        auto& pop = *m_populations[p];
        m_parts[p].resize(static_cast<std::size_t>(members) * stride);
        if (pop.integratesInRanges()) pop.beginIntegrate();
        else pop.integrate();
    }
    m_team->run([&](int member) {
        for (std::size_t p = 0; p < m_populations.size(); ++p) {
            auto& pop = *m_populations[p];
            if (!pop.integratesInRanges()) continue;
            const auto [begin, end] = pop.share(member, members);
            auto& part = m_parts[p][static_cast<std::size_t>(member) * stride];
            part.clear();
            if (begin == end) continue;
            pop.integrateRange(begin, end);
            if (pop.thresholdsInRanges()) pop.scanRange(begin, end, part);
        }
    });
    for (std::size_t p = 0; p < m_populations.size(); ++p) {
        auto& pop = *m_populations[p];
        if (pop.integratesInRanges() && pop.thresholdsInRanges()) pop.finishThreshold(m_parts[p]);
        else pop.thresholdAndReset();
    }
}

// In list order, so that every target sums its inputs in the one-thread order: each run of projections
// that deliver in ranges goes to the team, the others one by one in between.
void Network::propagateTogether()
{
    const int members = m_team->size();
    constexpr auto stride = static_cast<std::size_t>(ThreadTeam::kSlotStride);
    auto& ops = m_memberOps; // member m counts at m * stride
    ops.assign(static_cast<std::size_t>(members) * stride, 0); // keeps its capacity: no allocation per step
    for (std::size_t first = 0; first < m_projections.size();) {
        if (!m_projections[first]->propagatesInRanges()) {
            m_synOps += m_projections[first++]->propagate();
            continue;
        }
        std::size_t last = first;
        while (last < m_projections.size() && m_projections[last]->propagatesInRanges()) ++last;
        m_team->run([&](int member) {
            std::uint64_t count = 0;
            for (std::size_t p = first; p < last; ++p) m_projections[p]->prefetchShare(member, members, std::span(&m_projections[p]->pre().spikes(), 1));
            for (std::size_t p = first; p < last; ++p) {
                auto& proj = *m_projections[p];
                count += proj.propagateShare(member, members, std::span(&proj.pre().spikes(), 1));
            }
            ops[static_cast<std::size_t>(member) * stride] += count;
        });
        first = last;
    }
    for (std::uint64_t n : ops) m_synOps += n;
}

void Network::run(Step steps)
{
    if (!m_prepared) prepare();
    if (m_team && steps > 1 && stepsInShares()) runInShares(steps);
    else
        for (Step s = 0; s < steps; ++s) step();
}

void Network::runFor(double seconds) { run(static_cast<Step>(std::llround(seconds / m_dt))); }

void Network::reset()
{
    if (!m_prepared) prepare();
    for (auto& pop : m_populations) pop->reset();
    for (auto& proj : m_projections) proj->reset();
    for (auto& rule : m_rules) rule->reset();
    m_step = 0;
}

void Network::beginSample(bool resetState)
{
    if (!m_prepared) prepare();
    if (resetState) {
        for (auto& pop : m_populations) pop->reset();
        for (auto& rule : m_rules) rule->reset();
    }
    for (auto& proj : m_projections) proj->reset();
    for (auto& rule : m_rules)
        if (rule->enabled()) rule->beginSample();
}

void Network::setLearning(bool on)
{
    for (auto& pop : m_populations) pop->setLearning(on);
    for (auto& rule : m_rules) rule->setEnabled(on);
}

Population* Network::findPopulation(const std::string& name) const
{
    for (const auto& p : m_populations)
        if (p->name() == name) return p.get();
    return nullptr;
}

std::uint64_t Network::totalSpikes() const
{
    return std::accumulate(m_spikeCounts.begin(), m_spikeCounts.end(), std::uint64_t{0});
}

void Network::clearCounters()
{
    std::fill(m_spikeCounts.begin(), m_spikeCounts.end(), 0);
    m_synOps = 0;
    m_neuronUpdates = 0;
    m_aloneSteps = 0;
}

std::size_t Network::synapseBytes() const
{
    std::size_t total = 0;
    for (const auto& p : m_projections) total += p->synapseBytes();
    for (const auto& fan : m_fans)
        for (const auto& f : fan.members) total += f->bytes();
    return total;
}

std::size_t Network::stateBytes() const
{
    std::size_t total = 0;
    for (const auto& p : m_populations) total += p->stateBytes();
    return total;
}

} // namespace ss::sim
