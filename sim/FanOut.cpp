#include "sim/FanOut.h"

#include "sim/Prefetch.h"

#include <algorithm>
#include <limits>
#include <utility>

namespace ss::sim {

namespace {

std::size_t largestTarget(const std::vector<SparseProjection*>& parts)
{
    std::size_t n = 0;
    for (const auto* p : parts) n = std::max(n, static_cast<std::size_t>(p->post().size()));
    return n;
}

} // namespace

bool FanOut::fits(const std::vector<SparseProjection*>& parts)
{
    if (parts.size() < 2) return false;
    std::size_t synapses = 0;
    for (std::size_t k = 0; k < parts.size(); ++k) {
        const auto* p = parts[k];
        if (&p->pre() != &parts.front()->pre() || !p->uniform() || p->synapseCount() == 0) return false;
        for (std::size_t j = 0; j < k; ++j)
            if (&parts[j]->post() == &p->post() && parts[j]->channel() == p->channel()) return false;
        synapses += p->synapseCount();
    }
    return synapses <= std::numeric_limits<std::uint32_t>::max();
}

FanOut::FanOut(std::vector<SparseProjection*> parts, int member, int members)
    : m_parts(std::move(parts)), m_outs(m_parts.size(), nullptr), m_target(largestTarget(m_parts))
{
    const auto nPre = static_cast<std::size_t>(m_parts.front()->pre().size());
    std::vector<std::pair<Index, Index>> shares;
    std::size_t room = 0;
    for (const auto* p : m_parts) {
        m_weights.push_back(p->weightOf(0));
        shares.push_back(p->post().share(member, members));
        room += p->synapseCount();
    }
    m_target.reserve(room / static_cast<std::size_t>(members) + room / 16 + 16);
    const std::size_t count = m_parts.size();
    m_bounds.reserve(nPre * count + 1);
    for (std::size_t i = 0; i < nPre; ++i)
        for (std::size_t k = 0; k < count; ++k) {
            m_bounds.push_back(static_cast<std::uint32_t>(m_target.size()));
            const auto* p = m_parts[k];
            const auto [begin, end] = shares[k];
            // A row is sorted by target: the member's part is the run of targets in its share.
            for (std::uint64_t s = p->rowBegin(static_cast<Index>(i)); s < p->rowBegin(static_cast<Index>(i) + 1); ++s) {
                const std::uint32_t j = p->targetOf(s);
                if (j >= static_cast<std::uint32_t>(end)) break;
                if (j >= static_cast<std::uint32_t>(begin)) m_target.pushBack(j);
            }
        }
    m_bounds.push_back(static_cast<std::uint32_t>(m_target.size()));
    m_target.shrinkToFit();
}

bool FanOut::current() const
{
    for (std::size_t k = 0; k < m_parts.size(); ++k)
        if (!m_parts[k]->uniform() || m_parts[k]->weightOf(0) != m_weights[k]) return false;
    return true;
}

void FanOut::prefetch(std::span<const std::vector<Index>> spikes) const
{
    const std::size_t count = m_parts.size();
    for (const auto& list : spikes)
        for (Index i : list) prefetchLine(m_bounds.data() + static_cast<std::size_t>(i) * count);
    m_target.visit([&](const auto* idx) {
        for (const auto& list : spikes)
            for (Index i : list) {
                const std::uint32_t* b = m_bounds.data() + static_cast<std::size_t>(i) * count;
                prefetchLines(idx + b[0], idx + std::min<std::uint64_t>(b[count], b[0] + kRowPrefetch));
            }
    });
}

std::uint64_t FanOut::deliver(std::span<const std::vector<Index>> spikes)
{
    // The parts' targets, looked up per call: a ring's slot moves from step to step.
    const std::size_t count = m_parts.size();
    for (std::size_t k = 0; k < count; ++k) m_outs[k] = m_parts[k]->target();
    double* const* out = m_outs.data();
    const float* w = m_weights.data();
    return m_target.visit([&](const auto* idx) {
        std::uint64_t ops = 0;
        for (const auto& list : spikes)
            for (Index i : list) {
                const std::uint32_t* b = m_bounds.data() + static_cast<std::size_t>(i) * count;
                for (std::size_t k = 0; k < count; ++k) {
                    double* o = out[k];
                    const float wk = w[k];
                    for (std::uint32_t s = b[k]; s < b[k + 1]; ++s) o[idx[s]] += wk;
                }
                ops += b[count] - b[0];
            }
        return ops;
    });
}

} // namespace ss::sim
