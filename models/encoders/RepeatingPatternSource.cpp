#include "models/encoders/RepeatingPatternSource.h"

#include "models/BuildContext.h"
#include "models/encoders/EncoderSpecs.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ss::models {

namespace {

constexpr double kBin = 1e-3; // the rate process moves once per millisecond

double unitExponential(sim::Rng& rng) { return -std::log(1.0 - rng.uniform()); }

} // namespace

RepeatingPatternSource::RepeatingPatternSource(std::string name, sim::Shape shape, const RepeatingPatternParams& params)
    : Population(std::move(name), shape), m_p(params)
{
    const std::string who = "source '" + this->name() + "': ";
    if (!(m_p.patternDuration >= kBin)) throw sim::ModelError(who + "the pattern must last at least 1 ms");
    if (!(m_p.involved >= 0.0 && m_p.involved <= 1.0))
        throw sim::ModelError(who + "the share of afferents in the pattern must be in [0, 1]");
    if (!(m_p.repeatShare >= 0.0 && m_p.repeatShare < 0.5))
        throw sim::ModelError(who + "the pattern can fill less than half of the time (no repeats back to back)");
    if (!(m_p.maxRate >= 0.0) || !(m_p.maxSlope >= 0.0) || !(m_p.slopeStep >= 0.0) || !(m_p.noiseRate >= 0.0) ||
        !(m_p.maxGap >= 0.0) || !(m_p.jitter >= 0.0))
        throw sim::ModelError(who + "rates, slopes, gap and jitter must not be negative");
}

void RepeatingPatternSource::prepareModel()
{
    const auto n = size();
    m_involved = static_cast<sim::Index>(std::lround(static_cast<double>(n) * m_p.involved));
    m_bins = static_cast<int>(std::max(1L, std::lround(m_p.patternDuration / kBin)));
    m_sectionSteps = std::max<sim::Step>(1, std::llround(m_bins * kBin / m_dt));
    m_continueProbability = m_p.repeatShare / (1.0 - m_p.repeatShare);
    m_start = m_rng;
    for (auto* a : {&m_rate, &m_slope, &m_budget, &m_lastSpike, &m_noiseNext}) a->setZero(n);
    m_buckets.assign(static_cast<std::size_t>(m_sectionSteps), {});
    m_background.reserve(static_cast<std::size_t>(n) * 8);
}

void RepeatingPatternSource::resetModel()
{
    m_rng = m_start;
    for (sim::Index i = 0; i < size(); ++i) {
        m_rate[i] = m_p.maxRate * m_rng.uniform();
        m_slope[i] = 0.0;
        m_budget[i] = unitExponential(m_rng);
        m_lastSpike[i] = 0.0;
        m_noiseNext[i] = m_p.noiseRate > 0.0 ? unitExponential(m_rng) / m_p.noiseRate
                                             : std::numeric_limits<double>::infinity();
    }
    m_template.clear();
    m_onsets.clear();
    for (auto& bucket : m_buckets) bucket.clear();
    m_now = 0;
    m_lastWasPattern = false;
}

void RepeatingPatternSource::thresholdAndReset()
{
    const auto slot = static_cast<std::size_t>(m_now % m_sectionSteps);
    if (slot == 0) generateSection();
    auto& bucket = m_buckets[slot];
    std::sort(bucket.begin(), bucket.end());
    bucket.erase(std::unique(bucket.begin(), bucket.end()), bucket.end());
    m_spikes.assign(bucket.begin(), bucket.end());
    bucket.clear();
    ++m_now;
}

void RepeatingPatternSource::addSpike(sim::Index afferent, double offset)
{
    const auto step = std::clamp<sim::Step>(static_cast<sim::Step>(std::floor(offset / m_dt)), 0, m_sectionSteps - 1);
    m_buckets[static_cast<std::size_t>(step)].push_back(afferent);
}

void RepeatingPatternSource::drawBackground(double sectionStart)
{
    m_background.clear();
    for (sim::Index i = 0; i < size(); ++i) {
        for (int b = 0; b < m_bins; ++b) {
            m_slope[i] = std::clamp(m_slope[i] + m_p.slopeStep * (2.0 * m_rng.uniform() - 1.0), -m_p.maxSlope,
                                    m_p.maxSlope);
            m_rate[i] = std::clamp(m_rate[i] + m_slope[i] * kBin, 0.0, m_p.maxRate);
            // Time rescaling over the bin: the integral of the rate spends the exponential budget.
            double t = b * kBin;
            const double end = t + kBin, r = m_rate[i];
            while (r > 0.0 && t + m_budget[i] / r < end) {
                t += m_budget[i] / r;
                m_background.emplace_back(i, t);
                m_lastSpike[i] = sectionStart + t;
                m_budget[i] = unitExponential(m_rng);
            }
            m_budget[i] -= r * (end - t);
            if (m_p.maxGap > 0.0 && sectionStart + end - m_lastSpike[i] >= m_p.maxGap) {
                m_lastSpike[i] += m_p.maxGap;
                m_background.emplace_back(i, std::max(m_lastSpike[i] - sectionStart, b * kBin));
            }
        }
    }
}

void RepeatingPatternSource::generateSection()
{
    const double start = static_cast<double>(m_now) * m_dt;
    const bool pattern = !m_lastWasPattern && m_rng.uniform() < m_continueProbability;
    m_lastWasPattern = pattern;
    drawBackground(start);
    if (pattern) {
        m_onsets.push_back(m_now);
        if (m_template.empty()) {
            // The first pattern section is the pattern: its activity is kept as it was drawn.
            for (const auto& [i, t] : m_background)
                if (i < m_involved) m_template.emplace_back(i, t);
            for (const auto& [i, t] : m_background) addSpike(i, t);
        } else {
            for (const auto& [i, t] : m_background)
                if (i >= m_involved) addSpike(i, t);
            // Jitter reflected at the section's edges: clamping would pile spikes into its first and last
            // steps, synchronous volleys that STDP would learn.
            const double length = m_bins * kBin;
            for (const auto& [i, t] : m_template) {
                double moved = std::abs(t + m_p.jitter * m_rng.normal());
                if (moved >= length) moved = std::max(0.0, 2.0 * length - moved - 0.5 * m_dt);
                addSpike(i, moved);
            }
        }
    } else {
        for (const auto& [i, t] : m_background) addSpike(i, t);
    }
    if (m_p.noiseRate <= 0.0) return;
    const double end = start + m_bins * kBin;
    for (sim::Index i = 0; i < size(); ++i) {
        while (m_noiseNext[i] < end) {
            addSpike(i, m_noiseNext[i] - start);
            m_noiseNext[i] += unitExponential(m_rng) / m_p.noiseRate;
        }
    }
}

const Eigen::ArrayXd* RepeatingPatternSource::stateVariable(const std::string& name) const
{
    return name == "rate" ? &m_rate : nullptr;
}

NodeSpec repeatingPatternSpec()
{
    constexpr double inf = std::numeric_limits<double>::infinity();
    NodeSpec s;
    s.id = "source.repeating_pattern";
    s.category = Category::Source;
    s.name = "Repeating spike pattern";
    s.help = "Masquelier, Guyonneau & Thorpe (2008): afferents firing as Poisson processes whose rates drift "
             "smoothly between 0 and max_rate, plus 'noise' Hz of spontaneous spikes. A 50 ms spike pattern of the "
             "first half of the afferents repeats at random times (a quarter of the time, never back to back), "
             "as dense as the distractor activity around it. Wire it straight into synapses: a neuron with STDP "
             "learns to fire at the start of the pattern. The pattern onsets are recorded for the views.";
    s.ports = {{"out", Direction::Out, PortKind::Spikes, false, false, "The afferents' spikes."}};
    const RepeatingPatternParams d;
    s.params = {
        intParam("size", 2000, 1, 10'000'000, "Number of afferents."),
        realParam("duration", "ms", d.patternDuration * 1e3, 1.0, inf, "Length of the pattern (whole ms)."),
        realParam("involved", "", d.involved, 0.0, 1.0, "Share of the afferents that take part in the pattern."),
        realParam("repeat_share", "", d.repeatShare, 0.0, 0.49, "Share of the time filled by the pattern."),
        realParam("max_rate", "Hz", d.maxRate, 0.0, inf, "Highest rate of the drifting Poisson process."),
        realParam("max_slope", "Hz/s", d.maxSlope, 0.0, inf, "Largest rate change per second (Hz/s)."),
        realParam("slope_step", "Hz/s", d.slopeStep, 0.0, inf,
                  "Largest change of the rate slope per millisecond (Hz/s)."),
        realParam("max_gap", "ms", d.maxGap * 1e3, 0.0, inf,
                  "An afferent silent this long fires at once (0: never forced)."),
        realParam("noise", "Hz", d.noiseRate, 0.0, inf, "Rate of the spontaneous spikes added everywhere."),
        realParam("jitter", "ms", d.jitter * 1e3, 0.0, inf, "SD of the Gaussian jitter of the pattern spikes."),
    };
    s.outputShape = [](const ShapeQuery& q) -> std::optional<sim::Shape> {
        return sim::Shape::flat(static_cast<sim::Index>(q.integer("size")));
    };
    s.build = [](BuildContext& ctx) {
        RepeatingPatternParams p;
        p.patternDuration = ctx.si("duration");
        p.involved = ctx.real("involved");
        p.repeatShare = ctx.real("repeat_share");
        p.maxRate = ctx.si("max_rate");
        p.maxSlope = ctx.si("max_slope");
        p.slopeStep = ctx.si("slope_step");
        p.maxGap = ctx.si("max_gap");
        p.noiseRate = ctx.si("noise");
        p.jitter = ctx.si("jitter");
        if (p.patternDuration < 10.0 * ctx.network().dt())
            ctx.fail("duration", "the pattern must last at least 10 steps");
        ctx.provide(ctx.network().addPopulation<RepeatingPatternSource>(ctx.node().id, ctx.outputShape(), p));
    };
    return s;
}

} // namespace ss::models
