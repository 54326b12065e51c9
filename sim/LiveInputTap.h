#pragma once
// What the input layer is shown, for a viewer on another thread: the sample of the current
// presentation (its values, shape, index and label) and the spikes that the encoder population fired
// for it, counted per neuron. The worker calls begin() between steps when a presentation starts (each
// sample of a protocol, each repeat at raised intensity); record() counts the encoder's spikes of the
// presentation's steps and publishes a copy every `interval` counted steps and at its last step.
// Publishing follows LiveWeightTap: the snapshot's mutex is only tried, so the engine never waits for
// the viewer (a copy that finds it held is retried on the next step), and the buffers keep their size
// after the first presentation, so nothing is allocated in record().
#include "sim/Recorder.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

namespace ss::sim {

// One presentation: where its sample comes from.
struct InputPresentation {
    std::string phase;     // "train", "label", "test"; empty outside a protocol
    std::size_t index = 0; // the sample's index in its source
    int label = -1;        // -1: unlabelled
    double intensity = 1.0;
    Step first = 0; // the presentation's first step
    Step steps = 0; // its length in steps
};

struct InputSnapshot {
    std::atomic<std::uint64_t> version{0}; // incremented after each copy
    std::mutex mutex;                      // guards the members below
    InputPresentation presentation;
    Shape shape;                // of the sample
    std::vector<float> values;  // the sample, shape.size() values in [0, 1]
    Shape encoderShape;         // of the encoder population
    std::vector<float> counts;  // spikes of each encoder neuron since the presentation began
    Step counted = 0;           // steps of the presentation counted so far
};

class LiveInputTap : public Recorder {
public:
    LiveInputTap(const Population& encoder, Shape sampleShape, int interval, InputSnapshot& snapshot)
        : m_pop(encoder), m_sampleShape(sampleShape), m_interval(std::max(1, interval)), m_snapshot(snapshot)
    {
        m_counts.assign(static_cast<std::size_t>(encoder.size()), 0.0f);
    }

    // A presentation starts at step p.first (between steps, on the thread that steps the network). The
    // new sample is published at once with no spikes counted yet, or on the next step if a viewer is
    // copying.
    template <class Values> void begin(const InputPresentation& p, const Values& values)
    {
        m_presentation = p;
        m_values.resize(static_cast<std::size_t>(values.size()));
        for (std::size_t k = 0; k < m_values.size(); ++k) m_values[k] = static_cast<float>(values[static_cast<Index>(k)]);
        std::fill(m_counts.begin(), m_counts.end(), 0.0f);
        m_counted = 0;
        m_pending = true;
        tryPublish();
    }
    // The current counts, now (after a pause or the end of a run). Waits only for a viewer's copy.
    void publishNow()
    {
        std::lock_guard lock(m_snapshot.mutex);
        publishLocked();
    }
    void record(Step step) override
    {
        const Step end = m_presentation.first + m_presentation.steps;
        if (step >= m_presentation.first && step < end) {
            for (Index i : m_pop.spikes()) m_counts[static_cast<std::size_t>(i)] += 1.0f;
            ++m_counted;
            if (m_counted % m_interval == 0 || step + 1 == end) m_pending = true;
        }
        tryPublish();
    }
    void clear() override { m_pending = false; }

private:
    void tryPublish()
    {
        if (m_pending && m_snapshot.mutex.try_lock()) {
            publishLocked();
            m_snapshot.mutex.unlock();
        }
    }
    void publishLocked()
    {
        // Copies, not swaps: the tap goes on counting. Same sizes after the first time: no allocation.
        m_snapshot.presentation = m_presentation;
        m_snapshot.shape = m_sampleShape;
        m_snapshot.values.assign(m_values.begin(), m_values.end());
        m_snapshot.encoderShape = m_pop.shape();
        m_snapshot.counts.assign(m_counts.begin(), m_counts.end());
        m_snapshot.counted = m_counted;
        m_pending = false;
        m_snapshot.version.fetch_add(1, std::memory_order_release);
    }

    const Population& m_pop;
    Shape m_sampleShape;
    int m_interval;
    InputSnapshot& m_snapshot;
    InputPresentation m_presentation;
    std::vector<float> m_values, m_counts;
    Step m_counted = 0;
    bool m_pending = false;
};

} // namespace ss::sim
