#pragma once
// A versioned snapshot of a projection's weights for a viewer on another thread. Every `interval`
// steps the tap copies the weights into its own buffer, then swaps that buffer into the snapshot under
// a mutex it only tries to take: if the viewer holds it (copying the last snapshot out), the swap is
// retried on the next step. The engine never waits for the viewer and, once both buffers have their
// size, never allocates. The viewer compares `version` with what it showed and copies out under the
// mutex when it changed.
// With the weights go the spike counts of the pre- and post-synaptic neurons since the start, taken at
// the same step: a pairing protocol's view divides each weight change by the pairings it has seen.
#include "sim/Projection.h"
#include "sim/Recorder.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <mutex>
#include <vector>

namespace ss::sim {

struct WeightSnapshot {
    Shape row;     // shape of one row (weightRowShape(): pre shape, or C x k x k for kernels)
    Index count = 0; // rows: post neurons, or features of a convolution
    std::atomic<std::uint64_t> version{0}; // incremented after each swap
    std::mutex mutex;                      // guards data and step
    std::vector<float> data;               // count rows of row.size() weights
    std::vector<std::uint32_t> preSpikes;  // spikes of each pre-synaptic neuron up to `step`
    std::vector<std::uint32_t> postSpikes; // spikes of each post-synaptic neuron up to `step`
    Step step = 0;                         // the step the data was copied at
    bool exponential = false;              // the viewer shows e^w (WeightRecorder::exponential)
};

class LiveWeightTap : public Recorder {
public:
    LiveWeightTap(const Projection& projection, int interval, WeightSnapshot& snapshot)
        : m_proj(projection), m_interval(interval < 1 ? 1 : interval), m_snapshot(snapshot),
          m_preCounts(static_cast<std::size_t>(projection.pre().size()), 0),
          m_postCounts(static_cast<std::size_t>(projection.post().size()), 0)
    {
    }
    void record(Step step) override
    {
        for (Index i : m_proj.pre().spikes()) ++m_preCounts[static_cast<std::size_t>(i)];
        for (Index i : m_proj.post().spikes()) ++m_postCounts[static_cast<std::size_t>(i)];
        if (step % m_interval == 0) copy(step);
        if (m_pending && m_snapshot.mutex.try_lock()) {
            publishLocked();
            m_snapshot.mutex.unlock();
        }
    }
    // A snapshot of the weights as they are now (the worker, between steps: after a pause or the end
    // of a run). Waits only for a viewer's copy in progress.
    void snapshotNow(Step step)
    {
        copy(step);
        std::lock_guard lock(m_snapshot.mutex);
        publishLocked();
    }
    void clear() override
    {
        m_pending = false;
        std::fill(m_preCounts.begin(), m_preCounts.end(), 0);
        std::fill(m_postCounts.begin(), m_postCounts.end(), 0);
    }

private:
    void copy(Step step)
    {
        m_proj.copyWeights(m_buffer);
        m_preBuffer.assign(m_preCounts.begin(), m_preCounts.end());
        m_postBuffer.assign(m_postCounts.begin(), m_postCounts.end());
        m_bufferStep = step;
        m_pending = true;
    }
    void publishLocked()
    {
        m_snapshot.data.swap(m_buffer);
        m_snapshot.preSpikes.swap(m_preBuffer);
        m_snapshot.postSpikes.swap(m_postBuffer);
        m_snapshot.step = m_bufferStep;
        m_pending = false;
        m_snapshot.version.fetch_add(1, std::memory_order_release);
    }

    const Projection& m_proj;
    int m_interval;
    WeightSnapshot& m_snapshot;
    std::vector<float> m_buffer;
    std::vector<std::uint32_t> m_preCounts, m_postCounts; // since the start (or the last clear)
    std::vector<std::uint32_t> m_preBuffer, m_postBuffer;
    Step m_bufferStep = 0;
    bool m_pending = false;
};

} // namespace ss::sim
