#pragma once
// A versioned snapshot of a projection's weights for a viewer on another thread. Every `interval`
// steps the tap copies the weights into its own buffer, then swaps that buffer into the snapshot under
// a mutex it only tries to take: if the viewer holds it (copying the last snapshot out), the swap is
// retried on the next step. The engine never waits for the viewer and, once both buffers have their
// size, never allocates. The viewer compares `version` with what it showed and copies out under the
// mutex when it changed.
#include "sim/Projection.h"
#include "sim/Recorder.h"

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
    Step step = 0;                         // the step the data was copied at
};

class LiveWeightTap : public Recorder {
public:
    LiveWeightTap(const Projection& projection, int interval, WeightSnapshot& snapshot)
        : m_proj(projection), m_interval(interval < 1 ? 1 : interval), m_snapshot(snapshot)
    {
    }
    void record(Step step) override
    {
        if (step % m_interval == 0) {
            m_proj.copyWeights(m_buffer);
            m_bufferStep = step;
            m_pending = true;
        }
        if (m_pending && m_snapshot.mutex.try_lock()) {
            publishLocked();
            m_snapshot.mutex.unlock();
        }
    }
    // A snapshot of the weights as they are now (the worker, between steps: after a pause or the end
    // of a run). Waits only for a viewer's copy in progress.
    void snapshotNow(Step step)
    {
        m_proj.copyWeights(m_buffer);
        m_bufferStep = step;
        std::lock_guard lock(m_snapshot.mutex);
        publishLocked();
    }
    void clear() override { m_pending = false; }

private:
    void publishLocked()
    {
        m_snapshot.data.swap(m_buffer);
        m_snapshot.step = m_bufferStep;
        m_pending = false;
        m_snapshot.version.fetch_add(1, std::memory_order_release);
    }

    const Projection& m_proj;
    int m_interval;
    WeightSnapshot& m_snapshot;
    std::vector<float> m_buffer;
    Step m_bufferStep = 0;
    bool m_pending = false;
};

} // namespace ss::sim
