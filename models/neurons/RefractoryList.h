#pragma once
// The neurons of a population in their refractory period and its last step, in firing order: the update
// runs over all neurons without looking at refractoriness, then puts these few back to v_reset (at a few
// hertz about 2 % of the neurons, so no array of the population is read for it). Each step's entries
// form a run that shares its last step and comes in increasing neuron order, so a thread that updates
// part of the population finds its part of each run by bisection instead of testing every entry (an
// unpredictable branch each). A team that runs whole steps in shares gives each member a list of its
// own share's entries (share()) and merges them back afterwards (merge()).
#include "sim/Types.h"

#include <cstddef>
#include <vector>

namespace ss::models {

class RefractoryList {
public:
    void clear();
    void reserve(std::size_t entries, std::size_t runs);
    // Entries whose period ended before step `now` expire (with one t_ref they are a prefix of the list,
    // skipped, and erased once they outnumber the others; a changed t_ref may leave expired entries
    // further on, which putBack() passes over).
    void expire(sim::Step now);
    // The neurons that fired at step `step`, in increasing order, are held until step `until`.
    template <class Neurons> void hold(sim::Step step, const Neurons& neurons, sim::Step until)
    {
        if (neurons.empty()) return;
        m_runs.push_back({m_held.size(), step});
        for (sim::Index i : neurons) m_held.push_back({i, until});
    }
    // Sets v to vReset for the neurons held at step `now`; with `range`, only for those in [begin, end).
    void putBack(double* v, double vReset, sim::Step now, bool range, sim::Index begin, sim::Index end) const;
    // This list becomes the entries of `whole` in [begin, end), runs kept.
    void share(const RefractoryList& whole, sim::Index begin, sim::Index end);
    // This list becomes the entries of `parts` (shares in increasing neuron order), run by run.
    void merge(const std::vector<const RefractoryList*>& parts);

private:
    struct Held {
        sim::Index neuron;
        sim::Step until;
    };
    struct Run {
        std::size_t start; // in m_held
        sim::Step step;    // when its neurons fired
    };
    std::size_t runEnd(std::size_t r) const { return r + 1 < m_runs.size() ? m_runs[r + 1].start : m_held.size(); }
    std::vector<Held> m_held;
    std::size_t m_first = 0; // entries before it have expired
    std::vector<Run> m_runs;
};

} // namespace ss::models
