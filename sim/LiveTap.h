#pragma once
// Recorders that hand what they read to another thread instead of keeping it: each step they push
// into a single-producer / single-consumer ring that a viewer drains at its own pace. They never wait
// and never allocate in record(): when the ring is full the item is counted as skipped. The counters
// (produced, skipped) are atomics owned by the caller, so that the viewer can read them at any time
// and check that received + skipped == produced.
#include "sim/Recorder.h"
#include "sim/SpscRing.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace ss::sim {

// One spike as handed to a view.
struct SpikeEvent {
    Index neuron = 0;
    Step step = 0;
};

// One sample of a state monitor: its step and the values of its neurons (up to kMaxTraceNeurons).
struct TraceSample {
    static constexpr int kMaxTraceNeurons = 16;
    Step step = 0;
    int count = 0;
    double values[kMaxTraceNeurons] = {};
};

// Every spike of one population, in the network's order (step, then increasing neuron index).
class LiveSpikeTap : public Recorder {
public:
    LiveSpikeTap(const Population& population, SpscRing<SpikeEvent>& ring, std::atomic<std::uint64_t>& produced,
                 std::atomic<std::uint64_t>& skipped)
        : m_pop(population), m_ring(ring), m_produced(produced), m_skipped(skipped)
    {
    }
    void record(Step step) override
    {
        const auto& spikes = m_pop.spikes();
        if (spikes.empty()) return;
        std::uint64_t lost = 0;
        for (Index i : spikes)
            if (!m_ring.push({i, step})) ++lost;
        // Skipped first: a reader that sees `produced` then also sees the skips among them.
        if (lost) {
            m_skipped.fetch_add(lost, std::memory_order_relaxed);
            m_dropped += lost;
        }
        m_produced.fetch_add(spikes.size(), std::memory_order_release);
    }
    void clear() override { m_dropped = 0; }
    const Population& population() const { return m_pop; }

private:
    const Population& m_pop;
    SpscRing<SpikeEvent>& m_ring;
    std::atomic<std::uint64_t>& m_produced;
    std::atomic<std::uint64_t>& m_skipped;
};

// One state variable of up to TraceSample::kMaxTraceNeurons neurons every `interval` steps. Neurons
// asked for through `requests` (the GUI's side of the ring, e.g. a neuron clicked in a raster) join the
// traced ones from the next sample on, as long as there is room: samples carry their count.
class LiveStateTap : public Recorder {
public:
    LiveStateTap(const Population& population, std::string variable, std::vector<Index> neurons, int interval,
                 SpscRing<TraceSample>& ring, std::atomic<std::uint64_t>& produced,
                 std::atomic<std::uint64_t>& skipped, SpscRing<Index>* requests = nullptr)
        : m_pop(population), m_var(std::move(variable)), m_neurons(std::move(neurons)),
          m_interval(std::max(1, interval)), m_ring(ring), m_produced(produced), m_skipped(skipped),
          m_requests(requests)
    {
        if (m_neurons.size() > static_cast<std::size_t>(TraceSample::kMaxTraceNeurons))
            m_neurons.resize(TraceSample::kMaxTraceNeurons);
        m_neurons.reserve(TraceSample::kMaxTraceNeurons); // nothing allocates while stepping
        m_requested.reserve(TraceSample::kMaxTraceNeurons);
        for (Index i : m_neurons)
            if (i < 0 || i >= population.size())
                throw ModelError("live trace of '" + population.name() + "': neuron " + std::to_string(i) +
                                 " is outside 0.." + std::to_string(population.size() - 1));
    }
    void prepare(double /*dt*/) override
    {
        m_source = m_pop.stateVariable(m_var);
        if (!m_source) throw ModelError("population '" + m_pop.name() + "' has no state variable '" + m_var + "'");
    }
    void record(Step step) override
    {
        if (step % m_interval != 0 || !m_source) return;
        if (m_requests && m_requests->size() > 0) {
            m_requested.clear();
            m_requests->popInto(m_requested, TraceSample::kMaxTraceNeurons);
            for (Index i : m_requested)
                if (i >= 0 && i < m_pop.size() && m_neurons.size() < static_cast<std::size_t>(TraceSample::kMaxTraceNeurons) &&
                    std::find(m_neurons.begin(), m_neurons.end(), i) == m_neurons.end())
                    m_neurons.push_back(i);
        }
        TraceSample s;
        s.step = step;
        s.count = static_cast<int>(m_neurons.size());
        for (int k = 0; k < s.count; ++k) s.values[k] = (*m_source)[m_neurons[static_cast<std::size_t>(k)]];
        if (!m_ring.push(s)) {
            m_skipped.fetch_add(1, std::memory_order_relaxed);
            ++m_dropped;
        }
        m_produced.fetch_add(1, std::memory_order_release);
    }
    void clear() override { m_dropped = 0; }
    const std::vector<Index>& neurons() const { return m_neurons; }

private:
    const Population& m_pop;
    std::string m_var;
    std::vector<Index> m_neurons;
    int m_interval;
    SpscRing<TraceSample>& m_ring;
    std::atomic<std::uint64_t>& m_produced;
    std::atomic<std::uint64_t>& m_skipped;
    SpscRing<Index>* m_requests;
    std::vector<Index> m_requested; // scratch
    const Eigen::ArrayXd* m_source = nullptr;
};

} // namespace ss::sim
