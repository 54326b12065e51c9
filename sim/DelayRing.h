#pragma once
// Input that arrives in the future: one column of n values per step of delay. A projection with a
// delay of d steps adds into the column of step t + d; the population reads and clears the column of
// the current step while integrating. Allocated once in prepare(), never in the step loop.
#include "sim/Types.h"

#include <Eigen/Core>

namespace ss::sim {

class DelayRing {
public:
    void resize(Index neurons, int slotCount)
    {
        m_values.setZero(neurons, slotCount < 1 ? 1 : slotCount);
        m_now = 0;
    }
    int slotCount() const { return static_cast<int>(m_values.cols()); }

    // Column that is integrated at the current step.
    auto current() { return m_values.col(m_now); }
    // Column that arrives `delay` steps from now (1 <= delay < slotCount()).
    double* future(int delay) { return m_values.col((m_now + delay) % m_values.cols()).data(); }
    void add(int delay, Index neuron, double value) { future(delay)[neuron] += value; }

    // Clears the current column (unless the consumer already did) and moves on to the next step.
    void advance(bool alreadyCleared = false)
    {
        if (!alreadyCleared) m_values.col(m_now).setZero();
        m_now = (m_now + 1) % static_cast<int>(m_values.cols());
    }
    void clear()
    {
        m_values.setZero();
        m_now = 0;
    }

private:
    Eigen::ArrayXXd m_values;
    int m_now = 0;
};

} // namespace ss::sim
