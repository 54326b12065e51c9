#pragma once
// A population of neurons (or of spike sources) whose state is held as structure of arrays.
// Each step the network calls integrate() and then thresholdAndReset(); spikes() then lists the
// neurons that fired during this step, in increasing index order.
#include "sim/DelayRing.h"
#include "sim/Random.h"
#include "sim/ThreadTeam.h"
#include "sim/Types.h"

#include <Eigen/Core>

#include <array>
#include <span>
#include <string>
#include <vector>

namespace ss::sim {

class Population {
public:
    Population(std::string name, Shape shape);
    virtual ~Population() = default;
    Population(const Population&) = delete;
    Population& operator=(const Population&) = delete;

    const std::string& name() const { return m_name; }
    const Shape& shape() const { return m_shape; }
    Index size() const { return m_shape.size(); }

    // Computes derived constants and allocates all buffers; ringSlots = longest incoming delay + 1.
    void prepare(double dt, int ringSlots, Rng rng);
    // Puts every state variable back to its initial value and empties the input rings.
    void reset();

    // Subthreshold dynamics over one step, consuming this step's input.
    virtual void integrate() = 0;
    // Threshold scan and reset; fills m_spikes.
    virtual void thresholdAndReset() = 0;
    // Models whose update is independent per neuron may be integrated in parts by several threads:
    // beginIntegrate() once, then integrateRange() on disjoint ranges that cover [0, size()), which
    // together do what integrate() does.
    virtual bool integratesInRanges() const { return false; }
    virtual void beginIntegrate() {}
    virtual void integrateRange(Index /*begin*/, Index /*end*/) {}
    // Likewise the threshold test: scanRange() collects the neurons of a range that reached threshold
    // (in any thread; ranges disjoint) and may reset them there, in the thread whose cache holds them;
    // then finishThreshold() gets the parts in index order and does the rest of thresholdAndReset()
    // (winners-take-all, the spike list) in one thread.
    virtual bool thresholdsInRanges() const { return false; }
    virtual void scanRange(Index /*begin*/, Index /*end*/, std::vector<Index>& /*candidates*/) {}
    virtual void finishThreshold(const std::vector<std::vector<Index>>& /*parts*/) {}
    // Models that can run whole steps in shares, each member of a team keeping the bookkeeping of its
    // own neurons (refractoriness), so that the team runs many steps in one run and meets once per step
    // (Network::run). Only for populations that need no one-thread part in a step (no winners-take-all)
    // and read no input ring. beginShares(members) before such a run, in one thread; then per step and
    // member stepShare(): integrate, threshold and reset the member's share (share()) and list
    // its spikes in `spikes`; endShares() after the run, in one thread, back to one-thread bookkeeping.
    virtual bool stepsInShares() const { return false; }
    virtual void beginShares(int /*members*/) {}
    virtual void stepShare(int /*member*/, std::vector<Index>& /*spikes*/) {}
    virtual void endShares() {}
    // The members' spike lists in such a run: two sets that alternate by step parity (a member writes
    // step t + 1's while another may still read step t's), member m's list at m * kSlotStride (the lists
    // between stay empty), so that the lists of a step in order are its spikes in index order.
    // prepareShareSpikes() sizes them before the run; joinShareSpikes(step) makes spikes() that step's.
    void prepareShareSpikes(int members);
    std::vector<Index>& shareSpikes(Step step, int member) { return m_shareSpikes[parity(step)][slot(member)]; }
    const std::vector<Index>& shareSpikes(Step step, int member) const { return m_shareSpikes[parity(step)][slot(member)]; }
    std::span<const std::vector<Index>> stepSpikes(Step step) const { return m_shareSpikes[parity(step)]; }
    void joinShareSpikes(Step step);
    // Member `member`'s share of the neurons in a team of `members`: [first, second). The network sets
    // the shares of all populations together (setShares, at most one boundary per member and so at most
    // members - 1 populations cut in two); a population it did not set splits evenly
    // (ThreadTeam::share). Everything split by member uses these: the update, the threshold scan, the
    // delivery into the population and the recording of its state.
    std::pair<Index, Index> share(int member, int members) const;
    // bounds[m] .. bounds[m + 1] is member m's share; bounds has members + 1 entries, from 0 to size().
    void setShares(std::vector<Index> bounds) { m_shareBounds = std::move(bounds); }
    // Called by the network after the step, to move the input rings on.
    void endStep();

    const std::vector<Index>& spikes() const { return m_spikes; }
    DelayRing& input(Channel c) { return m_input[static_cast<int>(c)]; }
    // Where input that acts `delay` steps from now is added: a column of the ring or, for a model that
    // takes its input directly (m_directInput), its synaptic state, which serves delay 0 before this
    // step's integration (stimuli) and delay 1 after it (projections).
    double* inputTarget(Channel c, int delay)
    {
        double* direct = m_directInput[static_cast<int>(c)];
        return direct && delay <= 1 ? direct : m_input[static_cast<int>(c)].future(delay);
    }
    // External current in amperes, summed by the stimuli at the start of every step. Whoever asks for
    // it may write it, so asking marks the population as driven; undriven populations may skip reading
    // their (all-zero) current in the step.
    Eigen::ArrayXd& externalCurrent()
    {
        m_driven = true;
        return m_current;
    }
    bool driven() const { return m_driven; }

    // Named state variables that recorders may read (in SI units).
    virtual std::vector<std::string> stateVariables() const { return {}; }
    virtual const Eigen::ArrayXd* stateVariable(const std::string& name) const;

    // Learning switches adaptive thresholds and similar slow variables on or off.
    void setLearning(bool on) { m_learning = on; }
    bool learning() const { return m_learning; }

    // The population's random stream (Poisson encoders, random initial potentials), saved and restored
    // with a training state.
    Rng& rng() { return m_rng; }
    const Rng& rng() const { return m_rng; }

    // At most k neurons may fire in one step (0 = no limit); the others that crossed the threshold
    // are reset without firing, as under strong lateral inhibition. Scope Position applies the limit
    // at each position of a C x H x W layer separately, across its feature maps: the local inhibition
    // between the maps of a convolutional layer (Kheradpisheh et al. 2018), which a delayed lateral
    // projection cannot give to neurons that cross the threshold in the same step.
    enum class WinnersScope { Layer, Position };
    void setWinnersTakeAll(Index k, WinnersScope scope = WinnersScope::Layer)
    {
        m_winners = k;
        m_winnersScope = scope;
    }
    Index winnersTakeAll() const { return m_winners; }
    WinnersScope winnersScope() const { return m_winnersScope; }

    // SI value of one unit of synaptic weight as documents give it: weights are millivolts for models
    // whose synaptic input is a voltage (jumps or currents in volts), and conductances relative to the
    // leak (unit 1) for conductance-based models, which override this.
    virtual double synapticUnit() const { return 1e-3; }

    // Parameter changes during a run, made as NEST makes them: the edited description is built anew
    // (and so validated), and the population built from it for the same node offers its parameters.
    // acceptsParameters: `edited` differs from this one only in values that may change between two
    // steps (not in its size, its kind or anything its state was laid out for). It reads only what
    // never changes after construction, so another thread may ask while this population runs.
    // adoptParameters (between steps): takes those values and recomputes what derives from them,
    // leaving the state as it is. By default nothing can change during a run.
    virtual bool acceptsParameters(const Population& /*edited*/) const { return false; }
    virtual void adoptParameters(const Population& /*edited*/) {}

    // Estimated bytes of state, for the memory check before building.
    virtual std::size_t stateBytes() const;

protected:
    virtual void prepareModel() {}
    virtual void resetModel() = 0;
    // Keeps in `candidates` the k with the highest score when winners-take-all is on.
    void selectWinners(std::vector<Index>& candidates, const Eigen::ArrayXd& score);

    double m_dt = 1e-4;
    Rng m_rng;
    std::vector<Index> m_spikes;
    std::vector<Index> m_candidates; // scratch, reserved in prepare()
    std::vector<Index> m_winnerSlot;  // scratch of selectWinners, one entry per position, all -1 between calls
    Eigen::ArrayXd m_current;
    DelayRing m_input[2];
    bool m_learning = true;
    // Set by models whose integrate() zeroes this step's input columns as it reads them, which spares
    // the rings a second pass.
    bool m_clearsInput = false;
    // Set in prepareModel() by models whose synaptic state takes each input as a jump (ge += w, then
    // decay), when no incoming projection has a delay beyond one step (input(c).slotCount() <= 2):
    // projections then add straight into that state, as Brian2's `on_pre: ge += w` does, and the
    // integration reads no ring. prepare() clears them before prepareModel().
    double* m_directInput[2] = {nullptr, nullptr};
    bool m_driven = false;

private:
    static std::size_t parity(Step step) { return static_cast<std::size_t>(step & 1); }
    static std::size_t slot(int member) { return static_cast<std::size_t>(member) * ThreadTeam::kSlotStride; }
    std::array<std::vector<std::vector<Index>>, 2> m_shareSpikes;
    std::vector<Index> m_shareBounds;
    std::string m_name;
    Shape m_shape;
    Index m_winners = 0;
    WinnersScope m_winnersScope = WinnersScope::Layer;
};

} // namespace ss::sim
