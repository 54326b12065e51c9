#include "sim/SparseProjection.h"

#include <algorithm>
#include <cmath>
#include <unordered_set>

namespace ss::sim {

SparseProjection::SparseProjection(std::string name, Population& pre, Population& post, Channel channel,
                                   int delaySteps, Rule rule, double value, const WeightInit& init, Rng rng,
                                   bool allowSelf)
    : Projection(std::move(name), pre, post, channel, delaySteps)
{
    const bool skipSelf = !allowSelf && &pre == &post;
    const auto nPre = static_cast<std::size_t>(pre.size());
    const auto nPost = static_cast<std::size_t>(post.size());
    if (rule == Rule::Probability) {
        if (!(value >= 0.0 && value <= 1.0)) throw ModelError("projection '" + this->name() + "': p must be in [0, 1]");
        // Rows are generated in order, so the CSR arrays fill directly. Geometric skipping draws one
        // number per synapse instead of one per pair.
        const double expected = value * static_cast<double>(nPre) * static_cast<double>(nPost);
        m_target.reserve(static_cast<std::size_t>(expected * 1.01 + 16));
        m_weight.reserve(m_target.capacity());
        m_rowStart.assign(nPre + 1, 0);
        const double logQ = value >= 1.0 ? -INFINITY : std::log1p(-value);
        for (std::size_t i = 0; i < nPre; ++i) {
            m_rowStart[i] = m_target.size();
            if (value <= 0.0) continue;
            std::uint64_t j = value >= 1.0 ? 0 : rng.geometric(logQ);
            while (j < nPost) {
                if (!(skipSelf && j == i)) {
                    m_target.push_back(static_cast<std::uint32_t>(j));
                    m_weight.push_back(init.draw(rng));
                }
                j += 1 + (value >= 1.0 ? 0 : rng.geometric(logQ));
            }
        }
        m_rowStart[nPre] = m_target.size();
        m_target.shrink_to_fit();
        m_weight.shrink_to_fit();
        return;
    }
    const auto k = static_cast<std::size_t>(value);
    const std::size_t available = nPre - (skipSelf ? 1 : 0);
    if (value < 0 || k > available)
        throw ModelError("projection '" + this->name() + "': in-degree " + std::to_string(k) +
                         " exceeds the " + std::to_string(available) + " possible partners");
    std::vector<Synapse> list;
    list.reserve(k * nPost);
    std::unordered_set<Index> chosen;
    for (std::size_t j = 0; j < nPost; ++j) {
        chosen.clear();
        while (chosen.size() < k) {
            const auto i = static_cast<Index>(rng.below(nPre));
            if (skipSelf && static_cast<std::size_t>(i) == j) continue;
            if (chosen.insert(i).second) list.push_back({i, static_cast<Index>(j), init.draw(rng)});
        }
    }
    fromList(list);
}

SparseProjection::SparseProjection(std::string name, Population& pre, Population& post, Channel channel,
                                   int delaySteps, std::vector<Synapse> synapses)
    : Projection(std::move(name), pre, post, channel, delaySteps)
{
    for (const auto& s : synapses)
        if (s.pre < 0 || s.pre >= pre.size() || s.post < 0 || s.post >= post.size())
            throw ModelError("projection '" + this->name() + "': synapse index out of range");
    fromList(synapses);
}

void SparseProjection::fromList(std::vector<Synapse>& synapses)
{
    std::stable_sort(synapses.begin(), synapses.end(), [](const Synapse& a, const Synapse& b) {
        return a.pre < b.pre || (a.pre == b.pre && a.post < b.post);
    });
    const auto nPre = static_cast<std::size_t>(pre().size());
    m_rowStart.assign(nPre + 1, 0);
    m_target.resize(synapses.size());
    m_weight.resize(synapses.size());
    for (std::size_t s = 0; s < synapses.size(); ++s) {
        ++m_rowStart[static_cast<std::size_t>(synapses[s].pre) + 1];
        m_target[s] = static_cast<std::uint32_t>(synapses[s].post);
        m_weight[s] = synapses[s].weight;
    }
    for (std::size_t i = 0; i < nPre; ++i) m_rowStart[i + 1] += m_rowStart[i];
}

std::uint64_t SparseProjection::propagate()
{
    double* out = target();
    std::uint64_t ops = 0;
    for (Index i : pre().spikes()) {
        const std::uint64_t begin = m_rowStart[static_cast<std::size_t>(i)];
        const std::uint64_t end = m_rowStart[static_cast<std::size_t>(i) + 1];
        const std::uint32_t* idx = m_target.data();
        const float* w = m_weight.data();
        for (std::uint64_t s = begin; s < end; ++s) out[idx[s]] += w[s];
        ops += end - begin;
    }
    return ops;
}

std::uint64_t SparseProjection::propagateRange(Index postBegin, Index postEnd)
{
    double* out = target();
    const std::uint32_t* idx = m_target.data();
    const float* w = m_weight.data();
    const bool fromStart = postBegin <= 0, toEnd = postEnd >= post().size();
    std::uint64_t ops = 0;
    for (Index i : pre().spikes()) {
        const std::uint32_t* row = idx + m_rowStart[static_cast<std::size_t>(i)];
        const std::uint32_t* rowEnd = idx + m_rowStart[static_cast<std::size_t>(i) + 1];
        const std::uint32_t* first = fromStart ? row : std::lower_bound(row, rowEnd, static_cast<std::uint32_t>(postBegin));
        const std::uint32_t* last = toEnd ? rowEnd : std::lower_bound(first, rowEnd, static_cast<std::uint32_t>(postEnd));
        for (const std::uint32_t* s = first; s < last; ++s) out[*s] += w[s - idx];
        ops += static_cast<std::uint64_t>(last - first);
    }
    return ops;
}

std::size_t SparseProjection::synapseBytes() const
{
    return m_target.capacity() * sizeof(std::uint32_t) + m_weight.capacity() * sizeof(float) +
           m_rowStart.capacity() * sizeof(std::uint64_t) + m_postStart.capacity() * sizeof(std::uint64_t) +
           m_postSynapse.capacity() * sizeof(std::uint32_t) + m_source.capacity() * sizeof(Index);
}

void SparseProjection::copyWeights(std::vector<float>& out) const
{
    const auto nPre = static_cast<std::size_t>(pre().size());
    out.assign(nPre * static_cast<std::size_t>(post().size()), 0.0f);
    for (std::size_t i = 0; i < nPre; ++i)
        for (std::uint64_t s = m_rowStart[i]; s < m_rowStart[i + 1]; ++s) out[m_target[s] * nPre + i] += m_weight[s];
}

void SparseProjection::buildPostIndex()
{
    if (!m_postStart.empty()) return;
    const auto nPost = static_cast<std::size_t>(post().size());
    const auto nPre = static_cast<std::size_t>(pre().size());
    m_postStart.assign(nPost + 1, 0);
    m_source.resize(m_target.size());
    for (std::size_t i = 0; i < nPre; ++i)
        for (std::uint64_t s = m_rowStart[i]; s < m_rowStart[i + 1]; ++s) {
            ++m_postStart[m_target[s] + 1];
            m_source[s] = static_cast<Index>(i);
        }
    for (std::size_t j = 0; j < nPost; ++j) m_postStart[j + 1] += m_postStart[j];
    m_postSynapse.resize(m_target.size());
    std::vector<std::uint64_t> fill(m_postStart.begin(), m_postStart.end() - 1);
    for (std::uint64_t s = 0; s < m_target.size(); ++s) m_postSynapse[fill[m_target[s]]++] = static_cast<std::uint32_t>(s);
}

} // namespace ss::sim
