#pragma once
// The target neuron of every synapse of a sparse projection, in synapse order: 2 bytes each where the
// target population has at most 65,536 neurons, 4 bytes otherwise. The indices are most of a static
// synapse's memory (its weight aside, which equal weights share), and the delivery reads the rows of a
// step's spikes from all over them: half the bytes, half the cache lines to wait for.
// visit(f) calls f with the array itself (const std::uint16_t* or const std::uint32_t*), so that a loop
// over many synapses is compiled for each width and tests it once.
#include "sim/HugePages.h"

#include <cstdint>

namespace ss::sim {

class TargetIndex {
public:
    static constexpr std::size_t kNarrowTargets = std::size_t{1} << 16;
    // Bytes per index onto a population of `targets` neurons (also for estimates before building).
    static constexpr int bytesPerIndex(double targets) { return targets <= static_cast<double>(kNarrowTargets) ? 2 : 4; }

    explicit TargetIndex(std::size_t targets) : m_narrow(bytesPerIndex(static_cast<double>(targets)) == 2) {}

    bool narrow() const { return m_narrow; }
    std::size_t size() const { return m_narrow ? m_16.size() : m_32.size(); }
    std::size_t bytes() const { return m_narrow ? m_16.capacity() * 2 : m_32.capacity() * 4; }
    std::uint32_t operator[](std::size_t s) const { return m_narrow ? m_16[s] : m_32[s]; }

    void reserve(std::size_t n) { m_narrow ? m_16.reserve(n) : m_32.reserve(n); }
    void resize(std::size_t n) { m_narrow ? m_16.resize(n) : m_32.resize(n); }
    void shrinkToFit() { m_narrow ? m_16.shrink_to_fit() : m_32.shrink_to_fit(); }
    void pushBack(std::uint32_t target)
    {
        if (m_narrow) m_16.push_back(static_cast<std::uint16_t>(target));
        else m_32.push_back(target);
    }
    void set(std::size_t s, std::uint32_t target)
    {
        if (m_narrow) m_16[s] = static_cast<std::uint16_t>(target);
        else m_32[s] = target;
    }

    template <class F> decltype(auto) visit(F&& f) const { return m_narrow ? f(m_16.data()) : f(m_32.data()); }

private:
    bool m_narrow;
    HugeVector<std::uint16_t> m_16;
    HugeVector<std::uint32_t> m_32;
};

} // namespace ss::sim
