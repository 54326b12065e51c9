#pragma once
// Whether a team runs its next chunk of steps together, or member 0 alone, stepping every member's
// share itself while the others sleep (sim/ThreadTeam::standAside). The spikes are the same either way;
// only the speed differs. A team gains only while each member has a core: where another program takes
// one, the members stop at every step's meeting for the one the system has paused, and two threads
// run slower than one.
//
// The sign is in the members' CPU time: what each member spent on its work, neither waiting at a
// meeting nor paused by the system, as a share of the chunk's wall time. Summed over the members, that
// is about what the team gained over one thread. Where it is below `leastGain`, one chunk runs alone,
// and the team is left if that chunk was clearly faster per step (kWin). Whichever mode is kept, the
// other is tried again after 1, 2, 4, ... 64 chunks while the kept one keeps winning, so that a team
// comes back when the other program ends; a team that gains is never tried alone. While the system
// shows no CPU free for the others (sim/CpuLoad), a due trial of the team is put off from chunk to
// chunk, up to kMaxInterval chunks: a trial then costs a team without its cores several times a step
// alone, and the team comes back at the first chunk after the other program ends.
#include <algorithm>
#include <limits>

namespace ss::sim {

class TeamPace {
public:
    static constexpr int kMaxInterval = 64;
    // A trial wins when it takes less than this share of the kept mode's time per step: a team that
    // has lost a core can, for a short trial, get both back by chance.
    static constexpr double kWin = 0.8;

    explicit TeamPace(double leastGain = 1.25) : m_leastGain(leastGain) {}

    // Whether a run's first chunk goes alone: as the last run settled, without a trial it began.
    bool startAlone()
    {
        m_trying = false;
        return m_alone;
    }
    // After each chunk: whether it ran alone, its wall seconds per step and, for a team chunk, the sum
    // over the members of their shares of its wall time at work; where teamTrialDue(), whether the
    // system shows a CPU free for each member. Returns whether the next goes alone.
    bool next(bool alone, double perStep, double gain = 2.0, bool cpusFree = true)
    {
        (alone ? m_aloneTime : m_teamTime) = perStep;
        if (m_trying) {
            m_trying = false;
            if (perStep < kWin * (alone ? m_teamTime : m_aloneTime)) { // the trial won: switch
                m_alone = alone;
                m_interval = 1;
                m_wait = alone ? 1 : 0; // a team paused again is tried alone at once
            } else {
                m_wait = m_interval;
                m_interval = std::min(2 * m_interval, kMaxInterval);
            }
            return m_alone;
        }
        if (m_wait > 0) {
            --m_wait;
            return m_alone;
        }
        if (!m_alone && gain >= m_leastGain) return false;
        if (m_alone && !cpusFree && m_putOff < kMaxInterval) {
            ++m_putOff;
            return true;
        }
        m_putOff = 0;
        m_trying = true;
        return !m_alone;
    }

    bool alone() const { return m_alone; }
    // Whether the next chunk is a trial of the mode not kept (a short one: see Network::runInShares).
    bool trying() const { return m_trying; }
    // Whether the next call of next() after a chunk alone would start a trial of the team.
    bool teamTrialDue() const { return m_alone && !m_trying && m_wait == 0; }

private:
    double m_leastGain;
    bool m_alone = false;  // the mode kept
    bool m_trying = false; // the next chunk tries the other mode
    int m_wait = 0;        // chunks before the next trial
    int m_interval = 1;    // chunks before the trial after a lost one
    int m_putOff = 0;      // chunks a due trial of the team has been put off
    double m_teamTime = std::numeric_limits<double>::infinity();
    double m_aloneTime = std::numeric_limits<double>::infinity();
};

} // namespace ss::sim
