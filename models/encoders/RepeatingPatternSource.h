#pragma once
// Spike trains that hide a repeating spatio-temporal pattern in equally dense distractor activity:
// the input of Masquelier, Guyonneau & Thorpe (2008, PLoS ONE 3:e1377, "Spike timing dependent
// plasticity finds the start of repeating patterns in continuous spike trains").
//
// Every afferent fires as an inhomogeneous Poisson process. Its rate r (Hz) moves smoothly: every
// millisecond the slope s changes by a uniform draw in [-ds, ds] and is kept in [-s_max, s_max], then
// r += s * 1 ms, kept in [0, r_max] (r_max 90 Hz, s_max 1800 Hz/s, ds 360 Hz/s). Spike times are
// exact for the rate held over each millisecond (time rescaling: the next spike comes when the
// integral of r reaches a unit exponential draw). An afferent silent for 'max_gap' (50 ms) fires at
// once, so that every afferent takes part in every pattern window.
// Time is cut into sections of the pattern duration (50 ms). A section holds the pattern with
// probability q after a section without it, never after one with it (no repeats back to back): the
// share of time with the pattern is q / (1 + q), so q = f / (1 - f) for a share f < 1/2 (f = 0.25).
// The pattern is the activity of the first round(n * 'involved') afferents (half of them) during the
// first pattern section; later pattern sections replace those afferents' activity by a copy of it,
// every spike moved by Gaussian jitter (SD 1 ms), reflected at the section's edges to stay inside it. Last, every afferent gets
// homogeneous Poisson 'noise' spikes (10 Hz) at all times, the pattern included. The mean rate of an
// afferent is then the same in and out of the pattern (about 64 Hz), so no rate tells the pattern.
// Spike times are rounded down to the step; two spikes of one afferent in one step are one.
//
// Everything is drawn from the population's seeded stream; reset() replays the same trains.
// patternOnsets() lists the step at which each pattern section began, for tests and views.
#include "sim/Population.h"

#include <vector>

namespace ss::models {

struct RepeatingPatternParams {
    double patternDuration = 50e-3; // s, whole milliseconds
    double involved = 0.5;          // share of the afferents that take part in the pattern
    double repeatShare = 0.25;      // share of the time with the pattern, below 1/2
    double maxRate = 90.0;          // Hz
    double maxSlope = 1800.0;       // Hz/s
    double slopeStep = 360.0;       // Hz/s, largest change of the slope per millisecond
    double maxGap = 50e-3;          // s; 0: no forced spikes
    double noiseRate = 10.0;        // Hz
    double jitter = 1e-3;           // s, SD
};

class RepeatingPatternSource : public sim::Population {
public:
    RepeatingPatternSource(std::string name, sim::Shape shape, const RepeatingPatternParams& params);

    void integrate() override {}
    void thresholdAndReset() override;

    const RepeatingPatternParams& params() const { return m_p; }
    // Afferents 0 .. patternAfferents() - 1 take part in the pattern.
    sim::Index patternAfferents() const { return m_involved; }
    // Steps (since the last reset) at which a pattern section began, up to the current step.
    const std::vector<sim::Step>& patternOnsets() const { return m_onsets; }
    // Pattern length in steps.
    sim::Step patternSteps() const { return m_sectionSteps; }

    // "rate": every afferent's current rate of the smooth process (Hz).
    std::vector<std::string> stateVariables() const override { return {"rate"}; }
    const Eigen::ArrayXd* stateVariable(const std::string& name) const override;

protected:
    void prepareModel() override;
    void resetModel() override;

private:
    void generateSection();
    void drawBackground(double sectionStart);
    void addSpike(sim::Index afferent, double offset); // offset in s from the section start

    RepeatingPatternParams m_p;
    sim::Index m_involved = 0;
    int m_bins = 50; // milliseconds per section
    sim::Step m_sectionSteps = 500;
    double m_continueProbability = 1.0 / 3.0;
    sim::Rng m_start; // the stream at prepare(), for replays

    // Smooth rate process and the time-rescaling state, per afferent.
    Eigen::ArrayXd m_rate, m_slope, m_budget, m_lastSpike;
    Eigen::ArrayXd m_noiseNext; // next noise spike, s from the start
    // The current section: spikes per step, and the pattern template (afferent, offset in s).
    std::vector<std::vector<sim::Index>> m_buckets;
    std::vector<std::pair<sim::Index, double>> m_background, m_template;
    std::vector<sim::Step> m_onsets;
    sim::Step m_now = 0;
    bool m_lastWasPattern = false;
};

} // namespace ss::models
