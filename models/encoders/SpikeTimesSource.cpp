#include "models/encoders/SpikeTimesSource.h"

#include "models/BuildContext.h"
#include "models/encoders/EncoderSpecs.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

namespace ss::models {

namespace {

std::string trimmed(const std::string& s)
{
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

std::vector<std::string> split(const std::string& s, char sep)
{
    std::vector<std::string> parts;
    std::size_t from = 0;
    for (std::size_t at = s.find(sep); at != std::string::npos; at = s.find(sep, from)) {
        parts.push_back(trimmed(s.substr(from, at - from)));
        from = at + 1;
    }
    parts.push_back(trimmed(s.substr(from)));
    return parts;
}

double number(const std::string& word, const std::string& where)
{
    double v = 0.0;
    const auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), v);
    if (word.empty() || ec != std::errc() || end != word.data() + word.size() || !std::isfinite(v))
        throw SpikeTimesError("'" + word + "' " + where + " is not a number");
    return v;
}

sim::Index neuronIndex(const std::string& word, sim::Index size)
{
    long long v = -1;
    const auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), v);
    if (word.empty() || ec != std::errc() || end != word.data() + word.size())
        throw SpikeTimesError("'" + word + "' is not a neuron index (write 'neuron: time, time; ...')");
    if (v < 0 || v >= size)
        throw SpikeTimesError("neuron " + word + " is out of range: the source has " + std::to_string(size) +
                              " neurons, 0 to " + std::to_string(size - 1));
    return static_cast<sim::Index>(v);
}

} // namespace

SpikeTimes parseSpikeTimes(const std::string& text, sim::Index size)
{
    SpikeTimes times(static_cast<std::size_t>(size));
    for (const std::string& entry : split(text, ';')) {
        if (entry.empty()) continue;
        const auto colon = entry.find(':');
        if (colon == std::string::npos)
            throw SpikeTimesError("'" + entry + "' has no ':' (write 'neuron: time, time; ...')");
        const sim::Index i = neuronIndex(trimmed(entry.substr(0, colon)), size);
        const std::string where = "in the times of neuron " + std::to_string(i);
        for (const std::string& word : split(entry.substr(colon + 1), ',')) {
            if (word.empty()) throw SpikeTimesError("an empty time " + where);
            const double t = number(word, where);
            if (t < 0.0) throw SpikeTimesError("the time " + word + " " + where + " is negative");
            times[static_cast<std::size_t>(i)].push_back(t);
        }
    }
    return times;
}

std::vector<double> parseOffsets(const std::string& text, sim::Index size)
{
    const auto n = static_cast<std::size_t>(size);
    if (trimmed(text).empty()) return std::vector<double>(n, 0.0);
    std::vector<double> offsets;
    for (const std::string& word : split(text, ',')) offsets.push_back(number(word, "in the offsets"));
    if (offsets.size() == 1) return std::vector<double>(n, offsets.front());
    if (offsets.size() != n)
        throw SpikeTimesError(std::to_string(offsets.size()) + " offsets for " + std::to_string(size) +
                              " neurons: give one for all or one per neuron");
    return offsets;
}

std::vector<std::vector<sim::Step>> spikeSteps(const SpikeTimes& seconds, double dt)
{
    std::vector<std::vector<sim::Step>> steps(seconds.size());
    for (std::size_t i = 0; i < seconds.size(); ++i) {
        auto& s = steps[i];
        for (double t : seconds[i]) s.push_back(std::llround(t / dt));
        std::sort(s.begin(), s.end());
        const auto twice = std::adjacent_find(s.begin(), s.end());
        if (twice != s.end())
            throw SpikeTimesError("neuron " + std::to_string(i) + " has two spikes in step " + std::to_string(*twice) +
                                  " (t = " + std::to_string(static_cast<double>(*twice) * dt * 1e3) +
                                  " ms); a neuron fires at most once per step");
    }
    return steps;
}

SpikeTimesSource::SpikeTimesSource(std::string name, sim::Shape shape, SpikeTimes seconds)
    : Population(std::move(name), shape), m_seconds(std::move(seconds))
{
    if (m_seconds.size() > static_cast<std::size_t>(size()))
        throw sim::ModelError("source '" + this->name() + "': spike times for more neurons than it has");
}

void SpikeTimesSource::prepareModel()
{
    std::vector<std::vector<sim::Step>> steps;
    try {
        steps = spikeSteps(m_seconds, m_dt);
    } catch (const SpikeTimesError& e) {
        throw sim::ModelError("source '" + name() + "': " + e.what());
    }
    m_schedule.clear();
    for (std::size_t i = 0; i < steps.size(); ++i)
        for (sim::Step s : steps[i]) m_schedule.emplace_back(s, static_cast<sim::Index>(i));
    std::sort(m_schedule.begin(), m_schedule.end());
}

void SpikeTimesSource::resetModel()
{
    m_next = 0;
    m_now = 0;
}

void SpikeTimesSource::thresholdAndReset()
{
    m_spikes.clear();
    while (m_next < m_schedule.size() && m_schedule[m_next].first <= m_now)
        m_spikes.push_back(m_schedule[m_next++].second);
    ++m_now;
}

namespace {

// The times of the node's regular train (ms), per neuron; empty lists when 'count' is 0.
SpikeTimes regularTrain(BuildContext& ctx, sim::Index size)
{
    SpikeTimes times(static_cast<std::size_t>(size));
    const auto count = ctx.integer("count");
    if (count == 0) return times;
    std::vector<double> offsets;
    try {
        offsets = parseOffsets(ctx.text("offsets"), size);
    } catch (const SpikeTimesError& e) {
        ctx.fail("offsets", e.what());
    }
    const double start = ctx.real("start"), period = ctx.real("period");
    for (std::size_t i = 0; i < times.size(); ++i) {
        if (start + offsets[i] < 0.0)
            ctx.fail("offsets", "the train of neuron " + std::to_string(i) + " would start at " +
                                    std::to_string(start + offsets[i]) + " ms, before 0");
        for (std::int64_t m = 0; m < count; ++m) times[i].push_back(start + offsets[i] + static_cast<double>(m) * period);
    }
    return times;
}

SpikeTimes inSeconds(SpikeTimes ms)
{
    for (auto& list : ms)
        for (double& t : list) t *= 1e-3;
    return ms;
}

} // namespace

NodeSpec spikeTimesSpec()
{
    constexpr double inf = std::numeric_limits<double>::infinity();
    NodeSpec s;
    s.id = "source.spike_times";
    s.category = Category::Source;
    s.name = "Spike times";
    s.help = "Neurons that fire at chosen times, as NEST's spike_generator: the pre- and post-synaptic trains of a "
             "pairing protocol, or any hand-made input. 'times' lists each neuron's spikes, as "
             "'0: 10, 60, 110; 1: 20, 70' (neuron: times in ms; neurons separated by ';'). A regular train adds "
             "'count' spikes every 'period' from 'start' + the neuron's offset ('offsets': one per neuron, or one for "
             "all). Times are rounded to the step; a neuron fires at most once per step.";
    s.ports = {{"out", Direction::Out, PortKind::Spikes, false, false, "The neurons' spikes."}};
    s.params = {
        intParam("size", 2, 1, 10'000'000, "Number of neurons."),
        textParam("times", "0: 10, 60, 110; 1: 20, 70",
                  "Spike times per neuron in ms: 'neuron: t, t, ...; neuron: ...'. Empty: none."),
        intParam("count", 0, 0, 100'000'000, "Spikes of the regular train of every neuron (0: no regular train)."),
        realParam("period", "ms", 100.0, 0.0, inf, "Interval between the spikes of the regular train."),
        realParam("start", "ms", 0.0, 0.0, inf, "Time of the first spike of the regular train (before offsets)."),
        textParam("offsets", "", "Shift of each neuron's regular train in ms: one number per neuron, one for all, "
                                 "or empty (none)."),
    };
    s.outputShape = [](const ShapeQuery& q) -> std::optional<sim::Shape> {
        return sim::Shape::flat(static_cast<sim::Index>(q.integer("size")));
    };
    s.build = [](BuildContext& ctx) {
        const auto size = static_cast<sim::Index>(ctx.integer("size"));
        const double dt = ctx.network().dt();
        SpikeTimes listed;
        try {
            listed = inSeconds(parseSpikeTimes(ctx.text("times"), size));
            spikeSteps(listed, dt);
        } catch (const SpikeTimesError& e) {
            ctx.fail("times", e.what());
        }
        const SpikeTimes train = inSeconds(regularTrain(ctx, size));
        try {
            spikeSteps(train, dt);
        } catch (const SpikeTimesError& e) {
            ctx.fail("period", std::string(e.what()) + ": make the period at least one step");
        }
        SpikeTimes all = listed;
        for (std::size_t i = 0; i < all.size(); ++i) all[i].insert(all[i].end(), train[i].begin(), train[i].end());
        try {
            spikeSteps(all, dt);
        } catch (const SpikeTimesError& e) {
            ctx.fail("times", std::string(e.what()) + ", once with 'times' and once in the regular train");
        }
        ctx.provide(ctx.network().addPopulation<SpikeTimesSource>(ctx.node().id, ctx.outputShape(), std::move(all)));
    };
    return s;
}

} // namespace ss::models
