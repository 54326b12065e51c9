#include "sim/SparseProjection.h"

#include "sim/Prefetch.h"

#include <algorithm>
#include <cmath>
#include <unordered_set>

namespace ss::sim {

SparseProjection::SparseProjection(std::string name, Population& pre, Population& post, Channel channel,
                                   int delaySteps, Rule rule, double value, const WeightInit& init, Rng rng,
                                   bool allowSelf)
    : Projection(std::move(name), pre, post, channel, delaySteps), m_target(static_cast<std::size_t>(post.size()))
{
    const bool skipSelf = !allowSelf && &pre == &post;
    const auto nPre = static_cast<std::size_t>(pre.size());
    const auto nPost = static_cast<std::size_t>(post.size());
    if (rule == Rule::Probability) {
        if (!(value >= 0.0 && value <= 1.0)) throw ModelError("projection '" + this->name() + "': p must be in [0, 1]");
        // Rows are generated in order, so the CSR arrays fill directly. Geometric skipping draws one
        // number per synapse instead of one per pair.
        const double expected = value * static_cast<double>(nPre) * static_cast<double>(nPost);
        // The synapse arrays are read at random in every step: in huge pages where the system has them.
        // Constant weights are kept once (and draw no random numbers).
        const bool constant = init.kind == WeightInit::Kind::Constant;
        const auto room = static_cast<std::size_t>(expected * 1.01 + 16);
        m_target.reserve(room);
        if (!constant) m_weight.reserve(room);
        m_rowStart.assign(nPre + 1, 0);
        const double logQ = value >= 1.0 ? -INFINITY : std::log1p(-value);
        for (std::size_t i = 0; i < nPre; ++i) {
            m_rowStart[i] = m_target.size();
            if (value <= 0.0) continue;
            std::uint64_t j = value >= 1.0 ? 0 : rng.geometric(logQ);
            while (j < nPost) {
                if (!(skipSelf && j == i)) {
                    m_target.pushBack(static_cast<std::uint32_t>(j));
                    if (!constant) m_weight.push_back(init.draw(rng));
                }
                j += 1 + (value >= 1.0 ? 0 : rng.geometric(logQ));
            }
        }
        m_rowStart[nPre] = m_target.size();
        m_target.shrinkToFit();
        m_weight.shrink_to_fit();
        if (constant) m_sameWeight = init.draw(rng);
        shareEqualWeights();
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
    : Projection(std::move(name), pre, post, channel, delaySteps), m_target(static_cast<std::size_t>(post.size()))
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
        m_target.set(s, static_cast<std::uint32_t>(synapses[s].post));
        m_weight[s] = synapses[s].weight;
    }
    for (std::size_t i = 0; i < nPre; ++i) m_rowStart[i + 1] += m_rowStart[i];
    shareEqualWeights();
}

void SparseProjection::shareEqualWeights()
{
    if (m_weight.empty() || !std::all_of(m_weight.begin(), m_weight.end(), [&](float w) { return w == m_weight.front(); })) return;
    m_sameWeight = m_weight.front();
    HugeVector<float>().swap(m_weight);
}

void SparseProjection::storeEveryWeight() { m_weight.assign(m_target.size(), m_sameWeight); }

// The rows of a step's spikes lie scattered over megabytes of synapses, and walking them one after
// the other would wait for each row's cache misses in turn: the first lines of every row are asked for
// before any row is walked (the network does so for all its projections first), so that the misses
// overlap.
template <class Part> void SparseProjection::prefetchRows(std::span<const std::vector<Index>> spikes, Part part) const
{
    const float* w = uniform() ? nullptr : m_weight.data();
    // First where each row lies (its offsets and cuts, scattered over a megabyte at 40,000 neurons): the
    // lookups below branch on them, and a lookup that misses the cache would hold up the next.
    const std::size_t cuts = m_cut.empty() ? 0 : static_cast<std::size_t>(m_cutMembers - 1);
    for (const auto& list : spikes)
        for (Index i : list) {
            const auto r = static_cast<std::size_t>(i);
            prefetchLine(m_rowStart.data() + r);
            if (cuts) prefetchLine(m_cut.data() + r * cuts);
        }
    m_target.visit([&](const auto* idx) {
        for (const auto& list : spikes)
            for (Index i : list) {
                const auto [first, last] = part(i);
                const std::uint64_t end = std::min(last, first + kRowPrefetch);
                prefetchLines(idx + first, idx + end);
                if (w) prefetchLines(w + first, w + end);
            }
    });
}

template <class Part> std::uint64_t SparseProjection::deliver(std::span<const std::vector<Index>> spikes, Part part)
{
    return uniform() ? deliverRows<true>(spikes, part) : deliverRows<false>(spikes, part);
}

template <bool Uniform, class Part>
std::uint64_t SparseProjection::deliverRows(std::span<const std::vector<Index>> spikes, Part part)
{
    const float* w = Uniform ? nullptr : m_weight.data();
    double* out = target();
    const float same = m_sameWeight;
    return m_target.visit([&](const auto* idx) {
        std::uint64_t ops = 0;
        for (const auto& list : spikes)
            for (Index i : list) {
                const auto [first, last] = part(i);
                for (std::uint64_t s = first; s < last; ++s) out[idx[s]] += Uniform ? same : w[s];
                ops += last - first;
            }
        return ops;
    });
}

std::pair<std::uint64_t, std::uint64_t> SparseProjection::row(Index i) const
{
    const auto r = static_cast<std::size_t>(i);
    return {m_rowStart[r], m_rowStart[r + 1]};
}

std::pair<std::uint64_t, std::uint64_t> SparseProjection::rowShare(Index i, int member, int members) const
{
    const auto cuts = static_cast<std::size_t>(members - 1);
    const auto k = static_cast<std::size_t>(member);
    const auto r = static_cast<std::size_t>(i);
    const std::uint64_t start = m_rowStart[r];
    const std::uint64_t first = k == 0 ? start : start + m_cut[r * cuts + k - 1];
    const std::uint64_t last = k == cuts ? m_rowStart[r + 1] : start + m_cut[r * cuts + k];
    return {first, last};
}

void SparseProjection::prefetch() const
{
    prefetchRows(std::span(&pre().spikes(), 1), [this](Index i) { return row(i); });
}

std::uint64_t SparseProjection::propagate()
{
    return deliver(std::span(&pre().spikes(), 1), [this](Index i) { return row(i); });
}

void SparseProjection::prepareShares(int members)
{
    m_cutMembers = members;
    m_cut.clear();
    if (members <= 1) return;
    const auto nPre = static_cast<std::size_t>(pre().size());
    const auto cuts = static_cast<std::size_t>(members - 1);
    m_cut.resize(nPre * cuts);
    // The first target of members 1 .. members - 1, the same for every row.
    std::vector<std::uint32_t> firsts(cuts);
    for (std::size_t k = 0; k < cuts; ++k) firsts[k] = static_cast<std::uint32_t>(post().share(static_cast<int>(k + 1), members).first);
    m_target.visit([&](const auto* idx) {
        for (std::size_t i = 0; i < nPre; ++i) {
            const auto* row = idx + m_rowStart[i];
            const auto* rowEnd = idx + m_rowStart[i + 1];
            for (std::size_t k = 0; k < cuts; ++k)
                m_cut[i * cuts + k] = static_cast<std::uint32_t>(std::lower_bound(row, rowEnd, firsts[k]) - row);
        }
    });
}

void SparseProjection::prefetchShare(int member, int members, std::span<const std::vector<Index>> spikes) const
{
    if (members != m_cutMembers || emptyShare(member, members)) return;
    prefetchRows(spikes, [&](Index i) { return rowShare(i, member, members); });
}

std::uint64_t SparseProjection::propagateShare(int member, int members, std::span<const std::vector<Index>> spikes)
{
    if (members != m_cutMembers) throw ModelError("projection '" + name() + "': shares were prepared for another team size");
    if (emptyShare(member, members)) return 0;
    return deliver(spikes, [&](Index i) { return rowShare(i, member, members); });
}

std::size_t SparseProjection::synapseBytes() const
{
    return m_target.bytes() + m_weight.capacity() * sizeof(float) +
           m_rowStart.capacity() * sizeof(std::uint64_t) + m_cut.capacity() * sizeof(std::uint32_t) + m_postStart.capacity() * sizeof(std::uint64_t) +
           m_postSynapse.capacity() * sizeof(std::uint32_t) + m_source.capacity() * sizeof(Index);
}

void SparseProjection::copyWeights(std::vector<float>& out) const
{
    const auto nPre = static_cast<std::size_t>(pre().size());
    out.assign(nPre * static_cast<std::size_t>(post().size()), 0.0f);
    for (std::size_t i = 0; i < nPre; ++i)
        for (std::uint64_t s = m_rowStart[i]; s < m_rowStart[i + 1]; ++s) out[m_target[s] * nPre + i] += weightOf(s);
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
