#include "models/encoders/RankOrderEncoder.h"

#include <algorithm>

namespace ss::models {

RankOrderEncoder::RankOrderEncoder(std::string name, sim::Shape shape, sim::Index perStep, double threshold)
    : FirstSpikeEncoder(std::move(name), shape, shape.size()), m_perStep(perStep), m_threshold(threshold)
{
    if (perStep < 1) throw sim::ModelError("encoder '" + this->name() + "': per_step must be at least 1");
    m_rank.reserve(static_cast<std::size_t>(size()));
}

void RankOrderEncoder::computeFireSteps(std::vector<sim::Step>& steps)
{
    m_rank.clear();
    for (sim::Index i = 0; i < size(); ++i)
        if (m_values[i] > m_threshold) m_rank.push_back(i);
    std::sort(m_rank.begin(), m_rank.end(), [&](sim::Index a, sim::Index b) {
        return m_values[a] > m_values[b] || (m_values[a] == m_values[b] && a < b);
    });
    for (std::size_t r = 0; r < m_rank.size(); ++r)
        steps[static_cast<std::size_t>(m_rank[r])] = static_cast<sim::Step>(r / static_cast<std::size_t>(m_perStep));
}

} // namespace ss::models
