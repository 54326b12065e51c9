#include "models/encoders/FirstSpikeEncoder.h"

#include <algorithm>

namespace ss::models {

FirstSpikeEncoder::FirstSpikeEncoder(std::string name, sim::Shape shape, sim::Index inputs)
    : SpikeEncoder(std::move(name), shape, inputs)
{
    m_fire.assign(static_cast<std::size_t>(size()), -1);
    m_order.reserve(static_cast<std::size_t>(size()));
}

void FirstSpikeEncoder::restart()
{
    std::fill(m_fire.begin(), m_fire.end(), -1);
    computeFireSteps(m_fire);
    m_order.clear();
    for (sim::Index i = 0; i < size(); ++i)
        if (m_fire[static_cast<std::size_t>(i)] >= 0) m_order.push_back(i);
    std::sort(m_order.begin(), m_order.end(), [&](sim::Index a, sim::Index b) {
        const auto sa = m_fire[static_cast<std::size_t>(a)], sb = m_fire[static_cast<std::size_t>(b)];
        return sa < sb || (sa == sb && a < b);
    });
    m_cursor = 0;
}

void FirstSpikeEncoder::emit(sim::Step step)
{
    while (m_cursor < m_order.size()) {
        const sim::Index i = m_order[m_cursor];
        const sim::Step s = m_fire[static_cast<std::size_t>(i)];
        if (s > step) break;
        if (s == step) m_spikes.push_back(i);
        ++m_cursor;
    }
}

} // namespace ss::models
