#pragma once
// The steps of a spike record, kept per step rather than per spike: the record lists the neurons of
// each step in order, and for each step with spikes one run (its step, and where its neurons end in the
// list). At 40,000 neurons a step has about 20 spikes, so a spike costs its 4-byte neuron and a share
// of 16 bytes per step, about 5 bytes, where a step beside each neuron took 12. SpikeSteps reads the
// step of each spike from the runs: in order by iterating (constant time a spike), or spike k by a
// binary search over the runs.
#include "sim/Types.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <span>

namespace ss::sim {

struct SpikeRun {
    Step step;         // a step with spikes
    std::uint64_t end; // one past its last spike in the record
};

class SpikeSteps {
public:
    class Iterator {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = Step;
        using difference_type = std::ptrdiff_t;
        using pointer = const Step*;
        using reference = Step;
        Iterator() = default;
        Iterator(const SpikeRun* run, std::uint64_t spike) : m_run(run), m_spike(spike) {}
        Step operator*() const { return m_run->step; }
        Iterator& operator++()
        {
            if (++m_spike == m_run->end) ++m_run;
            return *this;
        }
        Iterator operator++(int)
        {
            Iterator before = *this;
            ++*this;
            return before;
        }
        bool operator==(const Iterator& other) const { return m_spike == other.m_spike; }

    private:
        const SpikeRun* m_run = nullptr;
        std::uint64_t m_spike = 0;
    };

    explicit SpikeSteps(std::span<const SpikeRun> runs) : m_runs(runs) {}
    std::size_t size() const { return m_runs.empty() ? 0 : static_cast<std::size_t>(m_runs.back().end); }
    bool empty() const { return size() == 0; }
    Step operator[](std::size_t spike) const
    {
        return std::upper_bound(m_runs.begin(), m_runs.end(), spike,
                                [](std::size_t k, const SpikeRun& run) { return k < run.end; })
            ->step;
    }
    Iterator begin() const { return {m_runs.data(), 0}; }
    Iterator end() const { return {m_runs.data() + m_runs.size(), size()}; }

private:
    std::span<const SpikeRun> m_runs;
};

} // namespace ss::sim
