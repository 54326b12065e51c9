#include "models/neurons/RefractoryList.h"

#include <algorithm>
#include <limits>

namespace ss::models {

void RefractoryList::clear()
{
    m_held.clear();
    m_runs.clear();
    m_firstRun = 0;
    m_count = 0;
    m_inOrder = true;
    m_lastUntil = std::numeric_limits<sim::Step>::min();
}

void RefractoryList::reserve(std::size_t entries, std::size_t runs)
{
    m_held.reserve(entries);
    m_runs.reserve(runs);
}

void RefractoryList::end(Run& run, std::size_t r, std::uint8_t* flags)
{
    for (std::size_t k = run.start; k < runEnd(r); ++k) flags[m_held[k]] = 0;
    m_count -= runEnd(r) - run.start;
    run.ended = true;
}

void RefractoryList::expire(sim::Step now, std::uint8_t* flags)
{
    for (; m_firstRun < m_runs.size(); ++m_firstRun) {
        Run& run = m_runs[m_firstRun];
        if (run.ended) continue;
        if (run.until >= now) break;
        end(run, m_firstRun, flags);
    }
    if (!m_inOrder) {
        bool inOrder = true;
        sim::Step last = std::numeric_limits<sim::Step>::min();
        for (std::size_t r = m_firstRun; r < m_runs.size(); ++r) {
            Run& run = m_runs[r];
            if (!run.ended && run.until < now) end(run, r, flags);
            if (run.ended) continue;
            inOrder = inOrder && run.until >= last;
            last = std::max(last, run.until);
        }
        m_inOrder = inOrder;
        m_lastUntil = last;
    }
    // Ended runs are erased once they outnumber the others: no allocation per step.
    if (m_firstRun == 0 || 2 * m_firstRun < m_runs.size()) return;
    const std::size_t first = m_firstRun < m_runs.size() ? m_runs[m_firstRun].start : m_held.size();
    m_held.erase(m_held.begin(), m_held.begin() + static_cast<std::ptrdiff_t>(first));
    m_runs.erase(m_runs.begin(), m_runs.begin() + static_cast<std::ptrdiff_t>(m_firstRun));
    for (auto& r : m_runs) r.start -= first;
    m_firstRun = 0;
}

void RefractoryList::push(const Run& run, const sim::Index* begin, const sim::Index* end)
{
    if (begin == end) return;
    // Members' runs of one step share its last held step: merged, they make one run of the whole.
    const bool joins = !m_runs.empty() && m_runs.back().step == run.step && m_runs.back().until == run.until;
    if (!joins) {
        m_inOrder = m_inOrder && run.until >= m_lastUntil;
        m_lastUntil = std::max(m_lastUntil, run.until);
        m_runs.push_back({m_held.size(), run.step, run.until, false});
    }
    m_held.insert(m_held.end(), begin, end);
    m_count += static_cast<std::size_t>(end - begin);
}

void RefractoryList::share(const RefractoryList& whole, sim::Index begin, sim::Index end)
{
    clear();
    const sim::Index* held = whole.m_held.data();
    for (std::size_t r = whole.m_firstRun; r < whole.m_runs.size(); ++r) {
        const Run& run = whole.m_runs[r];
        if (run.ended) continue;
        const sim::Index* lo = std::lower_bound(held + run.start, held + whole.runEnd(r), begin);
        const sim::Index* hi = std::lower_bound(lo, held + whole.runEnd(r), end);
        push(run, lo, hi);
    }
}

void RefractoryList::merge(const std::vector<const RefractoryList*>& parts)
{
    clear();
    std::vector<std::size_t> next(parts.size()); // each part's next run
    for (std::size_t k = 0; k < parts.size(); ++k) next[k] = parts[k]->m_firstRun;
    for (;;) {
        sim::Step step = std::numeric_limits<sim::Step>::max();
        for (std::size_t k = 0; k < parts.size(); ++k) {
            const RefractoryList& part = *parts[k];
            while (next[k] < part.m_runs.size() && part.m_runs[next[k]].ended) ++next[k];
            if (next[k] < part.m_runs.size()) step = std::min(step, part.m_runs[next[k]].step);
        }
        if (step == std::numeric_limits<sim::Step>::max()) return;
        for (std::size_t k = 0; k < parts.size(); ++k) {
            const RefractoryList& part = *parts[k];
            if (next[k] >= part.m_runs.size() || part.m_runs[next[k]].step != step) continue;
            const sim::Index* held = part.m_held.data();
            push(part.m_runs[next[k]], held + part.m_runs[next[k]].start, held + part.runEnd(next[k]));
            ++next[k];
        }
    }
}

} // namespace ss::models
