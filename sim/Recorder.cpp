#include "sim/Recorder.h"

#include "sim/HugePages.h"

#include <algorithm>

namespace ss::sim {

void SpikeRecorder::grow(std::size_t events)
{
    const std::size_t wanted = std::max({events, 2 * m_neurons.capacity(), std::size_t{1} << 16});
    reallocateHuge(m_neurons, wanted);
    reallocateHuge(m_steps, wanted);
}

void SpikeRecorder::prepare(double)
{
    const std::size_t room = std::min(m_max, kReservedEvents);
    if (m_neurons.capacity() < room) grow(room);
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
        reallocateHuge(m_steps, samples);
        reallocateHuge(m_values, samples * m_neurons.size());
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

void StateRecorder::clear()
{
    m_steps.clear();
    m_values.clear();
    m_dropped = 0;
}

} // namespace ss::sim
