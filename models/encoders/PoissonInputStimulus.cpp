#include "models/encoders/PoissonInputStimulus.h"

#include <algorithm>
#include <cmath>

namespace ss::models {

PoissonInputStimulus::PoissonInputStimulus(sim::Population& target, sim::Channel channel, std::int64_t count,
                                           double rate, double weight)
    : sim::Stimulus(target), m_channel(channel), m_count(count), m_rate(rate), m_weight(weight)
{
    if (count < 1) throw sim::ModelError("Poisson input into '" + target.name() + "': the number of inputs must be at least 1");
    if (!(rate >= 0.0) || !std::isfinite(rate))
        throw sim::ModelError("Poisson input into '" + target.name() + "': the rate must be finite and >= 0");
    if (!std::isfinite(weight)) throw sim::ModelError("Poisson input into '" + target.name() + "': the weight must be finite");
}

void PoissonInputStimulus::prepare(double dt, sim::Rng rng)
{
    sim::Stimulus::prepare(dt, rng);
    const double p = m_rate * dt;
    if (p > 1.0)
        throw sim::ModelError("Poisson input into '" + m_target.name() + "': rate * dt must not exceed 1 (at most one "
                              "spike per input and step)");
    m_cdf.clear();
    m_first = 0;
    if (p == 0.0 || p == 1.0) {
        m_first = p == 0.0 ? 0 : m_count;
        m_cdf.push_back(1.0);
        return;
    }
    // log P(K = k) = log C(n, k) + k log p + (n - k) log(1 - p); the table starts at the first k whose
    // cumulative probability passes 1e-16 and ends where the rest falls below it.
    const auto n = static_cast<double>(m_count);
    const double logP = std::log(p), logQ = std::log1p(-p);
    auto logPmf = [&](std::int64_t k) {
        const auto kd = static_cast<double>(k);
        return std::lgamma(n + 1.0) - std::lgamma(kd + 1.0) - std::lgamma(n - kd + 1.0) + kd * logP + (n - kd) * logQ;
    };
    constexpr double kTail = 1e-16;
    const double mean = n * p, sd = std::sqrt(n * p * (1.0 - p));
    // Start well below the mean (the binomial's tails fall faster than a normal's beyond 40 sd) and
    // accumulate from there; terms below the start are negligible.
    const std::int64_t from = std::max<std::int64_t>(0, static_cast<std::int64_t>(std::floor(mean - 40.0 * sd - 2.0)));
    double cumulative = 0.0;
    for (std::int64_t k = from; k <= m_count; ++k) {
        cumulative += std::exp(logPmf(k));
        if (m_cdf.empty() && cumulative < kTail) continue;
        if (m_cdf.empty()) m_first = k;
        m_cdf.push_back(std::min(cumulative, 1.0));
        if (1.0 - cumulative < kTail && static_cast<double>(k) > mean) break;
    }
    m_cdf.back() = 1.0; // the rest of the upper tail goes to the last count
}

std::int64_t PoissonInputStimulus::draw()
{
    const double u = m_rng.uniform();
    const auto it = std::upper_bound(m_cdf.begin(), m_cdf.end() - 1, u);
    return m_first + (it - m_cdf.begin());
}

void PoissonInputStimulus::apply(double)
{
    // This step's input: the ring's current column, or the synaptic state of a model that takes its
    // input directly (sim::Population::inputTarget).
    double* in = m_target.inputTarget(m_channel, 0);
    const auto n = static_cast<Eigen::Index>(m_target.size());
    if (m_cdf.size() == 1) {
        if (m_first != 0) Eigen::Map<Eigen::ArrayXd>(in, n) += static_cast<double>(m_first) * m_weight;
        return;
    }
    for (Eigen::Index i = 0; i < n; ++i) in[i] += static_cast<double>(draw()) * m_weight;
}

} // namespace ss::models
