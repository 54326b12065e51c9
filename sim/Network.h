#pragma once
// A network of populations and projections advanced with a fixed time step. The step order is fixed:
//   1. stimuli inject current,
//   2. every population integrates its subthreshold dynamics,
//   3. every population applies threshold and reset (spikes of this step),
//   4. every projection propagates this step's spikes into future input,
//   5. plasticity rules update traces and weights,
//   6. recorders read the state,
//   7. the clock advances.
#include "sim/FanOut.h"
#include "sim/PlasticityRule.h"
#include "sim/Population.h"
#include "sim/Projection.h"
#include "sim/Random.h"
#include "sim/Recorder.h"
#include "sim/Stimulus.h"
#include "sim/TeamPace.h"
#include "sim/ThreadTeam.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace ss::sim {

class Network {
public:
    explicit Network(double dt = 1e-4, std::uint64_t seed = 1);

    double dt() const { return m_dt; }
    std::uint64_t seed() const { return m_seed; }
    // A fresh random stream for an object being built; streams depend only on the seed and on the
    // order of the calls, so the same build gives the same streams.
    Rng nextStream() { return Rng(m_seed, m_streams++); }

    template <class T, class... Args> T& addPopulation(Args&&... args)
    {
        return add<T>(m_populations, std::forward<Args>(args)...);
    }
    template <class T, class... Args> T& addProjection(Args&&... args)
    {
        return add<T>(m_projections, std::forward<Args>(args)...);
    }
    template <class T, class... Args> T& addRule(Args&&... args) { return add<T>(m_rules, std::forward<Args>(args)...); }
    template <class T, class... Args> T& addStimulus(Args&&... args)
    {
        return add<T>(m_stimuli, std::forward<Args>(args)...);
    }
    template <class T, class... Args> T& addRecorder(Args&&... args)
    {
        return add<T>(m_recorders, std::forward<Args>(args)...);
    }

    // Allocates every buffer and computes derived constants; run() calls it when needed.
    void prepare();
    bool prepared() const { return m_prepared; }
    void step();
    // Threads that integrate the populations and deliver the spikes together (1, the default, runs
    // everything in the calling thread). Work is split by neuron index, so the spikes are bit-identical
    // to a one-thread run whatever the number.
    void setThreads(int threads);
    int threads() const { return m_team ? m_team->size() : 1; }
    // Runs `steps` steps. With a team, a network of populations that can step in shares, projections
    // that deliver in ranges, recorders that record in shares, and no stimulus or active rule, runs
    // them all in one run of the team, whose members meet once per step (to see each other's spikes)
    // instead of twice handing over and joining; the results are the same.
    // Where another program takes a member's core, member 0 runs chunks of those steps alone
    // (sim/TeamPace); aloneSteps() counts them. setTeamPace() sets the rule's threshold.
    void run(Step steps);
    void runFor(double seconds);
    // State, traces, input and clock back to zero; weights and recordings are kept.
    void reset();
    // Starts a new input sample: resets state and lets the rules normalise or re-arm.
    void beginSample(bool resetState);
    // Learning on or off in every rule and every adaptive population.
    void setLearning(bool on);

    Step currentStep() const { return m_step; }
    double time() const { return static_cast<double>(m_step) * m_dt; }

    const std::vector<std::unique_ptr<Population>>& populations() const { return m_populations; }
    const std::vector<std::unique_ptr<Projection>>& projections() const { return m_projections; }
    const std::vector<std::unique_ptr<PlasticityRule>>& rules() const { return m_rules; }
    const std::vector<std::unique_ptr<Recorder>>& recorders() const { return m_recorders; }
    Population* findPopulation(const std::string& name) const;

    // Counters since construction (or clearCounters()).
    std::uint64_t synapticOperations() const { return m_synOps; }
    std::uint64_t neuronUpdates() const { return m_neuronUpdates; }
    std::uint64_t spikeCount(std::size_t population) const { return m_spikeCounts[population]; }
    std::uint64_t totalSpikes() const;
    // Steps of run() that a team left to member 0 alone (sim/TeamPace).
    std::uint64_t aloneSteps() const { return m_aloneSteps; }
    void setTeamPace(const TeamPace& pace) { m_pace = pace; }
    void clearCounters();

    // How many groups of projections a team delivers together, each member one row per spike over the
    // group (sim/FanOut); none with one thread.
    std::size_t fans() const { return m_fans.size(); }
    // Memory the synapses and the state take, in bytes.
    std::size_t synapseBytes() const;
    std::size_t stateBytes() const;

private:
    void integrateTogether();
    void propagateTogether();
    // Whether the team may run whole steps in shares (see run()), and that run.
    bool stepsInShares() const;
    void runInShares(Step steps);
    // Lets the projections that deliver in shares prepare them for the team's size.
    void prepareShares();
    // Groups each run of consecutive sparse projections from one population that FanOut::fits into a
    // fan per member (none for one thread), and whether those fans still hold. Consecutive: then no other
    // projection's additions into the same targets come between theirs, and the sums stay the same.
    void prepareFans(int members);
    bool fansCurrent() const;
    // In list order, calls proj(projection) for each projection delivered on its own and fan(member's
    // FanOut, pre-synaptic population) once for each fan.
    template <class OnProjection, class OnFan> void forEachDelivery(int member, OnProjection proj, OnFan fan)
    {
        for (std::size_t p = 0; p < m_projections.size();) {
            if (m_fanOf[p] < 0) {
                proj(*m_projections[p++]);
                continue;
            }
            const Fan& f = m_fans[static_cast<std::size_t>(m_fanOf[p])];
            fan(*f.members[static_cast<std::size_t>(member)], m_projections[p]->pre());
            p = f.last;
        }
    }
    template <class T, class Base, class... Args> T& add(std::vector<std::unique_ptr<Base>>& list, Args&&... args)
    {
        auto object = std::make_unique<T>(std::forward<Args>(args)...);
        T& ref = *object;
        list.push_back(std::move(object));
        m_prepared = false;
        return ref;
    }

    double m_dt;
    std::uint64_t m_seed;
    std::uint64_t m_streams = 0;
    Step m_step = 0;
    bool m_prepared = false;
    std::unique_ptr<ThreadTeam> m_team;
    TeamPace m_pace;
    std::vector<std::vector<std::vector<Index>>> m_parts; // threshold crossings per population and member
    std::vector<std::uint64_t> m_memberOps; // synaptic events (and in runInShares spikes) per member
    // Projections first, ..., last - 1 delivered together, by member m's FanOut at m.
    struct Fan {
        std::size_t first, last;
        std::vector<std::unique_ptr<FanOut>> members;
    };
    std::vector<Fan> m_fans;
    std::vector<int> m_fanOf; // per projection: its fan in m_fans, or -1
    std::vector<std::unique_ptr<Population>> m_populations;
    std::vector<std::unique_ptr<Projection>> m_projections;
    std::vector<std::unique_ptr<PlasticityRule>> m_rules;
    std::vector<std::unique_ptr<Stimulus>> m_stimuli;
    std::vector<std::unique_ptr<Recorder>> m_recorders;
    std::vector<std::uint64_t> m_spikeCounts;
    std::uint64_t m_synOps = 0;
    std::uint64_t m_neuronUpdates = 0;
    std::uint64_t m_aloneSteps = 0;
};

} // namespace ss::sim
