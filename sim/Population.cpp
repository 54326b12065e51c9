#include "sim/Population.h"

#include <algorithm>

namespace ss::sim {

Population::Population(std::string name, Shape shape) : m_name(std::move(name)), m_shape(shape)
{
    if (shape.size() <= 0) throw ModelError("population '" + m_name + "' must have at least one neuron");
}

void Population::prepare(double dt, int ringSlots, Rng rng)
{
    m_dt = dt;
    m_rng = rng;
    m_current.setZero(size());
    for (auto& ring : m_input) ring.resize(size(), ringSlots);
    m_spikes.clear();
    m_spikes.reserve(static_cast<std::size_t>(size()));
    m_candidates.reserve(static_cast<std::size_t>(size()));
    m_directInput[0] = m_directInput[1] = nullptr;
    prepareModel();
    resetModel();
}

void Population::reset()
{
    for (auto& ring : m_input) ring.clear();
    m_current.setZero();
    m_spikes.clear();
    resetModel();
}

std::pair<Index, Index> Population::share(int member, int members) const
{
    if (m_shareBounds.size() == static_cast<std::size_t>(members) + 1)
        return {m_shareBounds[static_cast<std::size_t>(member)], m_shareBounds[static_cast<std::size_t>(member) + 1]};
    const auto [begin, end] = ThreadTeam::share(size(), member, members);
    return {static_cast<Index>(begin), static_cast<Index>(end)};
}

void Population::prepareShareSpikes(int members)
{
    for (auto& lists : m_shareSpikes) lists.resize(slot(members));
}

void Population::joinShareSpikes(Step step)
{
    m_spikes.clear();
    for (const auto& list : stepSpikes(step)) m_spikes.insert(m_spikes.end(), list.begin(), list.end());
}

void Population::endStep()
{
    for (auto& ring : m_input) ring.advance(m_clearsInput);
}

const Eigen::ArrayXd* Population::stateVariable(const std::string&) const { return nullptr; }

std::size_t Population::stateBytes() const
{
    // Two input rings of a few slots, the external current, the spike list and about four state
    // variables: a conservative estimate for every model.
    return static_cast<std::size_t>(size()) * sizeof(double) * 12;
}

void Population::selectWinners(std::vector<Index>& candidates, const Eigen::ArrayXd& score)
{
    if (m_winners <= 0 || static_cast<Index>(candidates.size()) <= m_winners) return;
    if (m_winnersScope == WinnersScope::Position) {
        // Group by position (row-major over H x W, shared by the maps), best score first in a group.
        const Index plane = shape().height * shape().width;
        if (m_winners == 1) {
            // One winner per position in one pass: m_winnerSlot[pos] is where the position's best so far
            // stands among the kept candidates (-1 between calls). Best: the highest score, then the
            // lowest index, as the sort below would rank them.
            m_winnerSlot.resize(static_cast<std::size_t>(plane), -1);
            std::size_t kept = 0;
            for (std::size_t c = 0; c < candidates.size(); ++c) {
                const Index i = candidates[c];
                Index& slot = m_winnerSlot[static_cast<std::size_t>(i % plane)];
                if (slot < 0) {
                    slot = static_cast<Index>(kept);
                    candidates[kept++] = i;
                    continue;
                }
                Index& best = candidates[static_cast<std::size_t>(slot)];
                if (score[i] > score[best] || (score[i] == score[best] && i < best)) best = i;
            }
            candidates.resize(kept);
            for (Index i : candidates) m_winnerSlot[static_cast<std::size_t>(i % plane)] = -1;
            std::sort(candidates.begin(), candidates.end());
            return;
        }
        std::sort(candidates.begin(), candidates.end(), [&](Index a, Index b) {
            if (a % plane != b % plane) return a % plane < b % plane;
            return score[a] > score[b] || (score[a] == score[b] && a < b);
        });
        std::size_t kept = 0;
        Index run = 0;
        for (std::size_t i = 0; i < candidates.size(); ++i) {
            run = (i > 0 && candidates[i] % plane == candidates[i - 1] % plane) ? run + 1 : 0;
            if (run < m_winners) candidates[kept++] = candidates[i];
        }
        candidates.resize(kept);
        std::sort(candidates.begin(), candidates.end());
        return;
    }
    std::nth_element(candidates.begin(), candidates.begin() + m_winners, candidates.end(),
                     [&](Index a, Index b) { return score[a] > score[b] || (score[a] == score[b] && a < b); });
    candidates.resize(static_cast<std::size_t>(m_winners));
    std::sort(candidates.begin(), candidates.end());
}

} // namespace ss::sim
