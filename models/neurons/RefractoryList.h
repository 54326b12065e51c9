#pragma once
// The neurons of a population in their refractory period, and a flag per neuron that the update reads:
// the update loop holds a flagged neuron at v_reset as it passes, so that no array of the population is
// read for refractoriness but one byte per neuron (at a few hertz about 2 % of the neurons are held;
// putting them back to v_reset after the pass, by a list, cost a scattered store each per step, 6 % of
// the one-thread time of CUBA 40,000). The list keeps the held neurons in firing order, in runs that
// share their step and their last held step, so that a run's flags are cleared in the step after its
// last. A team that runs whole steps in shares gives each member a list of its own share's entries
// (share()), each clearing the flags of its own share, and merges them back afterwards (merge()).
#include "sim/Types.h"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace ss::models {

class RefractoryList {
public:
    void clear();
    void reserve(std::size_t entries, std::size_t runs);
    // Runs whose period ended before step `now` end, and their neurons' flags are cleared. With one t_ref
    // they end in firing order; a t_ref shortened between steps may end a later run first.
    void expire(sim::Step now, std::uint8_t* flags);
    // The neurons that fired at step `step`, in increasing order, are held (flagged) until step `until`.
    template <class Neurons> void hold(sim::Step step, const Neurons& neurons, sim::Step until, std::uint8_t* flags)
    {
        push({0, step, until, false}, neurons.data(), neurons.data() + neurons.size());
        for (sim::Index i : neurons) flags[i] = 1;
    }
    // How many neurons are held now.
    std::size_t heldCount() const { return m_count; }
    // This list becomes the entries of `whole` in [begin, end), runs kept.
    void share(const RefractoryList& whole, sim::Index begin, sim::Index end);
    // This list becomes the entries of `parts` (shares in increasing neuron order), run by run.
    void merge(const std::vector<const RefractoryList*>& parts);

private:
    struct Run {
        std::size_t start; // in m_held
        sim::Step step;    // when its neurons fired
        sim::Step until;   // their last held step
        bool ended;
    };
    std::size_t runEnd(std::size_t r) const { return r + 1 < m_runs.size() ? m_runs[r + 1].start : m_held.size(); }
    void end(Run& run, std::size_t r, std::uint8_t* flags);
    // Appends [begin, end) (none: nothing) as a run like `run`, or to the last run where that has its
    // step and last held step (another member's part of the same run, in merge()).
    void push(const Run& run, const sim::Index* begin, const sim::Index* end);
    std::vector<sim::Index> m_held;
    std::vector<Run> m_runs;
    std::size_t m_firstRun = 0; // runs before it have ended
    std::size_t m_count = 0;    // neurons in the runs that have not ended
    bool m_inOrder = true;      // whether the runs from m_firstRun on end in firing order
    // The latest last step of the runs that have not ended (or of ended ones, which lies before any new
    // run's): a new run that ends before it ends out of order.
    sim::Step m_lastUntil = std::numeric_limits<sim::Step>::min();
};

} // namespace ss::models
