#include "sim/Recorder.h"

#include <algorithm>

namespace ss::sim {

void SpikeRecorder::grow(std::size_t spikes, std::size_t runs)
{
    const std::size_t least = std::size_t{1} << 16;
    if (spikes > m_neurons.capacity()) m_neurons.reserve(std::max({spikes, 2 * m_neurons.capacity(), least}));
    if (runs > m_runs.capacity()) m_runs.reserve(std::max({runs, 2 * m_runs.capacity(), least}));
}

void SpikeRecorder::prepare(double)
{
    // A small population's record starts small: the first 2 MB of a reserved block are backed at once,
    // which a few neurons would pay for every monitor.
    const std::size_t perPopulation = static_cast<std::size_t>(m_pop.size()) * kReservedPerNeuron;
    const std::size_t room = std::min({m_max, kReservedEvents, perPopulation});
    if (m_neurons.capacity() < room) grow(room, std::min(kReservedRuns, room));
}

void SpikeRecorder::recordShare(Step step, int member)
{
    if (member != 0) return;
    for (const auto& list : m_pop.stepSpikes(step)) add(list, step);
}

StateRecorder::StateRecorder(const Population& population, std::string variable, std::vector<Index> neurons,
                             int interval, std::size_t maxSamples)
    : m_pop(population), m_var(std::move(variable)), m_neurons(std::move(neurons)),
      m_interval(interval < 1 ? 1 : interval), m_max(maxSamples)
{
    for (Index i : m_neurons)
        if (i < 0 || i >= population.size())
            throw ModelError("state recorder of '" + population.name() + "': neuron " + std::to_string(i) +
                             " is outside 0.." + std::to_string(population.size() - 1));
}

void StateRecorder::prepare(double)
{
    m_source = m_pop.stateVariable(m_var);
    if (!m_source) {
        std::string known;
        for (const auto& v : m_pop.stateVariables()) known += (known.empty() ? "" : ", ") + v;
        throw ModelError("population '" + m_pop.name() + "' has no state variable '" + m_var + "' (it has: " + known + ")");
    }
    const std::size_t width = std::max<std::size_t>(1, m_neurons.size());
    const std::size_t samples = std::min(m_max, kReservedBytes / (width * sizeof(double)));
    if (m_steps.capacity() < samples) {
        m_steps.reserve(samples);
        m_values.reserve(samples * m_neurons.size());
    }
}

void StateRecorder::record(Step step)
{
    if (step % m_interval != 0) return;
    if (m_steps.size() >= m_max) {
        ++m_dropped;
        return;
    }
    m_steps.push_back(step);
    for (Index i : m_neurons) m_values.push_back((*m_source)[i]);
}

void StateRecorder::beginShares(int members)
{
    m_shares.resize(static_cast<std::size_t>(members));
    for (int m = 0; m < members; ++m) {
        auto& share = m_shares[static_cast<std::size_t>(m)];
        share.positions.clear();
        const auto [begin, end] = m_pop.share(m, members);
        for (std::size_t k = 0; k < m_neurons.size(); ++k)
            if (m_neurons[k] >= begin && m_neurons[k] < end) share.positions.push_back(k);
    }
}

void StateRecorder::recordShare(Step step, int member)
{
    if (step % m_interval != 0) return;
    auto& share = m_shares[static_cast<std::size_t>(member)];
    if (m_steps.size() + share.steps.size() >= m_max) {
        ++share.dropped;
        return;
    }
    share.steps.push_back(step);
    for (std::size_t k : share.positions) share.values.push_back((*m_source)[m_neurons[k]]);
}

void StateRecorder::endShares()
{
    // Every member sampled the same steps; each row of values takes each member's neurons in place.
    const auto& steps = m_shares.front().steps;
    const std::size_t width = m_neurons.size();
    const std::size_t base = m_values.size();
    m_values.resize(base + steps.size() * width);
    for (auto& share : m_shares) {
        const std::size_t count = share.positions.size();
        for (std::size_t s = 0; s < steps.size(); ++s)
            for (std::size_t j = 0; j < count; ++j)
                m_values[base + s * width + share.positions[j]] = share.values[s * count + j];
        share.values.clear();
    }
    m_steps.insert(m_steps.end(), steps.begin(), steps.end());
    m_dropped += m_shares.front().dropped;
    for (auto& share : m_shares) {
        share.steps.clear();
        share.dropped = 0;
    }
}

void StateRecorder::clear()
{
    m_steps.clear();
    m_values.clear();
    m_dropped = 0;
}

} // namespace ss::sim
