#include "models/neurons/RefractoryList.h"

#include <algorithm>
#include <limits>

namespace ss::models {

void RefractoryList::clear()
{
    m_held.clear();
    m_first = 0;
    m_runs.clear();
}

void RefractoryList::reserve(std::size_t entries, std::size_t runs)
{
    m_held.reserve(entries);
    m_runs.reserve(runs);
}

void RefractoryList::expire(sim::Step now)
{
    while (m_first < m_held.size() && m_held[m_first].until < now) ++m_first;
    if (2 * m_first < m_held.size()) return;
    // A run's entries expire together, so m_first lies at the start of a run.
    m_held.erase(m_held.begin(), m_held.begin() + static_cast<std::ptrdiff_t>(m_first));
    const auto kept = std::find_if(m_runs.begin(), m_runs.end(), [&](const Run& r) { return r.start >= m_first; });
    m_runs.erase(m_runs.begin(), kept);
    for (auto& r : m_runs) r.start -= m_first;
    m_first = 0;
}

void RefractoryList::putBack(double* v, double vReset, sim::Step now, bool range, sim::Index begin, sim::Index end) const
{
    const Held* held = m_held.data();
    if (!range) {
        for (std::size_t k = m_first; k < m_held.size(); ++k)
            if (held[k].until >= now) v[held[k].neuron] = vReset;
        return;
    }
    for (std::size_t r = 0; r < m_runs.size(); ++r) {
        const std::size_t from = std::max(m_runs[r].start, m_first);
        const std::size_t to = runEnd(r);
        if (from >= to || held[from].until < now) continue;
        const Held* k = std::partition_point(held + from, held + to, [&](const Held& h) { return h.neuron < begin; });
        for (; k != held + to && k->neuron < end; ++k) v[k->neuron] = vReset;
    }
}

void RefractoryList::share(const RefractoryList& whole, sim::Index begin, sim::Index end)
{
    clear();
    const Held* held = whole.m_held.data();
    for (std::size_t r = 0; r < whole.m_runs.size(); ++r) {
        const std::size_t from = std::max(whole.m_runs[r].start, whole.m_first);
        const std::size_t to = whole.runEnd(r);
        if (from >= to) continue;
        const Held* lo = std::partition_point(held + from, held + to, [&](const Held& h) { return h.neuron < begin; });
        const Held* hi = std::partition_point(lo, held + to, [&](const Held& h) { return h.neuron < end; });
        if (lo == hi) continue;
        m_runs.push_back({m_held.size(), whole.m_runs[r].step});
        m_held.insert(m_held.end(), lo, hi);
    }
}

void RefractoryList::merge(const std::vector<const RefractoryList*>& parts)
{
    clear();
    std::vector<std::size_t> next(parts.size(), 0); // each part's next run
    for (;;) {
        sim::Step step = std::numeric_limits<sim::Step>::max();
        for (std::size_t k = 0; k < parts.size(); ++k)
            if (next[k] < parts[k]->m_runs.size()) step = std::min(step, parts[k]->m_runs[next[k]].step);
        if (step == std::numeric_limits<sim::Step>::max()) return;
        const std::size_t start = m_held.size();
        for (std::size_t k = 0; k < parts.size(); ++k) {
            const RefractoryList& part = *parts[k];
            if (next[k] >= part.m_runs.size() || part.m_runs[next[k]].step != step) continue;
            const std::size_t from = std::max(part.m_runs[next[k]].start, part.m_first);
            const std::size_t to = part.runEnd(next[k]);
            if (from < to) m_held.insert(m_held.end(), part.m_held.begin() + static_cast<std::ptrdiff_t>(from),
                                         part.m_held.begin() + static_cast<std::ptrdiff_t>(to));
            ++next[k];
        }
        if (m_held.size() > start) m_runs.push_back({start, step});
    }
}

} // namespace ss::models
