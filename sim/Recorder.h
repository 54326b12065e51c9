#pragma once
// Recorders read the network at the end of every step into buffers of bounded size. When a buffer
// is full the recorder stops storing and counts what it dropped; counters are never dropped.
#include "sim/HugePages.h"
#include "sim/Population.h"
#include "sim/Projection.h"
#include "sim/SpikeSteps.h"

#include <cmath>
#include <cstdint>
#include <vector>

namespace ss::sim {

class Recorder {
public:
    virtual ~Recorder() = default;
    virtual void prepare(double /*dt*/) {}
    virtual void record(Step step) = 0;
    virtual void clear() = 0;
    std::uint64_t dropped() const { return m_dropped; }

    // Recorders that can record while a team runs whole steps in shares (Network::run): member m calls
    // recordShare(step, m) after delivering the step's spikes to its share. What a member may
    // read then is the state of its own share, the spikes of the step of all members
    // (Population::stepSpikes: no member writes them before the next meeting) and the weights, which
    // no rule changes in such a run; spikes() holds the last step's only after the run. The default
    // records in member 0, for recorders that read only weights. beginShares() and endShares() are
    // called in one thread around the run.
    virtual bool recordsInShares() const { return false; }
    virtual void beginShares(int /*members*/) {}
    virtual void recordShare(Step step, int member)
    {
        if (member == 0) record(step);
    }
    virtual void endShares() {}

protected:
    std::uint64_t m_dropped = 0;
};

// Spikes as (neuron, step) pairs: the neurons of each step in index order, and the steps as runs
// (sim/SpikeSteps.h).
class SpikeRecorder : public Recorder {
public:
    explicit SpikeRecorder(const Population& population, std::size_t maxEvents = 50'000'000)
        : m_pop(population), m_max(maxEvents)
    {
    }
    void prepare(double dt) override;
    void record(Step step) override { add(m_pop.spikes(), step); }
    // In shares, member 0 records the step's spikes of all members, in member order (index order), as
    // record() does: nothing is left to join after the run, in one thread. (In CUBA and COBA member 0
    // waits for member 1 at the meetings, as member 1 walks the inhibitory rows whole.)
    bool recordsInShares() const override { return true; }
    void recordShare(Step step, int member) override;
    void clear() override
    {
        m_neurons.clear();
        m_runs.clear();
        m_dropped = 0;
    }
    const Population& population() const { return m_pop; }
    const HugeVector<Index>& neurons() const { return m_neurons; }
    // The step of each spike, in the order of neurons().
    SpikeSteps steps() const { return SpikeSteps(m_runs); }
    // The memory the record takes now.
    std::size_t bytes() const { return m_neurons.size() * sizeof(Index) + m_runs.size() * sizeof(SpikeRun); }

private:
    // Room for at least `spikes` and `runs`, and at least twice the present room, in buffers advised for
    // huge pages: a long run records millions of spikes, and each fresh page is a page fault.
    void grow(std::size_t spikes, std::size_t runs);
    // Address space reserved before the run (4 bytes a spike and 16 a step with spikes): the kernel backs
    // a page only when it is first written (all but the first 2 MB, sim/HugePages.h), so the rest costs
    // no memory, and a record that stays below it is
    // never copied while it grows (a doubling vector writes every page twice, and a page fault costs
    // microseconds, 15 on virtual machines that shadow the page tables).
    static constexpr std::size_t kReservedEvents = std::size_t{1} << 22;
    static constexpr std::size_t kReservedRuns = std::size_t{1} << 20;
    static constexpr std::size_t kReservedPerNeuron = 1024;
    template <class Neurons> void add(const Neurons& neurons, Step step)
    {
        const std::size_t room = m_max - std::min(m_max, m_neurons.size());
        const std::size_t kept = std::min(room, static_cast<std::size_t>(neurons.size()));
        m_dropped += neurons.size() - kept;
        if (kept == 0) return;
        const bool newRun = m_runs.empty() || m_runs.back().step != step;
        if (m_neurons.size() + kept > m_neurons.capacity() || (newRun && m_runs.size() == m_runs.capacity()))
            grow(m_neurons.size() + kept, m_runs.size() + 1);
        m_neurons.insert(m_neurons.end(), neurons.begin(), neurons.begin() + static_cast<std::ptrdiff_t>(kept));
        if (newRun) m_runs.push_back({step, 0});
        m_runs.back().end = m_neurons.size();
    }
    const Population& m_pop;
    std::size_t m_max;
    HugeVector<Index> m_neurons;
    HugeVector<SpikeRun> m_runs;
};

// One state variable of chosen neurons, every `interval` steps. values() holds one row per sample.
class StateRecorder : public Recorder {
public:
    StateRecorder(const Population& population, std::string variable, std::vector<Index> neurons, int interval = 1,
                  std::size_t maxSamples = 10'000'000);
    void prepare(double dt) override;
    void record(Step step) override;
    void clear() override;
    // In shares, each member keeps the values of its own neurons; endShares() interleaves them.
    bool recordsInShares() const override { return true; }
    void beginShares(int members) override;
    void recordShare(Step step, int member) override;
    void endShares() override;
    const Population& population() const { return m_pop; }
    const std::string& variable() const { return m_var; }
    const std::vector<Index>& neurons() const { return m_neurons; }
    int interval() const { return m_interval; }
    const HugeVector<Step>& steps() const { return m_steps; }
    const HugeVector<double>& values() const { return m_values; }
    double value(std::size_t sample, std::size_t neuron) const { return m_values[sample * m_neurons.size() + neuron]; }

private:
    // Address space reserved before the run for the values, as SpikeRecorder reserves it for spikes.
    static constexpr std::size_t kReservedBytes = std::size_t{1} << 25;
    const Population& m_pop;
    std::string m_var;
    std::vector<Index> m_neurons;
    int m_interval;
    std::size_t m_max;
    const Eigen::ArrayXd* m_source = nullptr;
    HugeVector<Step> m_steps;
    HugeVector<double> m_values;
    // While a team records in shares: per member, its neurons (positions in m_neurons) and their
    // values, a row per sample; the steps sampled and dropped (the same for every member).
    struct alignas(64) Share {
        std::vector<std::size_t> positions;
        std::vector<double> values;
        std::vector<Step> steps;
        std::uint64_t dropped = 0;
    };
    std::vector<Share> m_shares;
};

// Snapshots of a projection's weights every `interval` steps.
class WeightRecorder : public Recorder {
public:
    WeightRecorder(const Projection& projection, int interval, std::size_t maxSnapshots = 1000)
        : m_proj(projection), m_interval(interval < 1 ? 1 : interval), m_max(maxSnapshots)
    {
    }
    bool recordsInShares() const override { return true; } // weights only
    void record(Step step) override
    {
        if (step % m_interval != 0) return;
        if (m_snapshots.size() >= m_max) {
            ++m_dropped;
            return;
        }
        m_steps.push_back(step);
        m_snapshots.emplace_back();
        m_proj.copyWeights(m_snapshots.back());
        if (m_exponential)
            for (float& w : m_snapshots.back()) w = std::exp(w);
    }
    // Snapshots hold e^w instead of w: log-domain weights shown as probabilities (Nessler et al. 2013).
    void setExponential(bool on) { m_exponential = on; }
    bool exponential() const { return m_exponential; }
    void clear() override
    {
        m_snapshots.clear();
        m_steps.clear();
        m_dropped = 0;
    }
    const std::vector<std::vector<float>>& snapshots() const { return m_snapshots; }
    const std::vector<Step>& steps() const { return m_steps; }
    const Projection& projection() const { return m_proj; }
    int interval() const { return m_interval; } // steps

private:
    const Projection& m_proj;
    int m_interval;
    std::size_t m_max;
    std::vector<Step> m_steps;
    std::vector<std::vector<float>> m_snapshots;
    bool m_exponential = false;
};

} // namespace ss::sim
