#include "models/plasticity/NesslerRule.h"

#include "models/neurons/SwtaPopulation.h"

#include <algorithm>

namespace ss::models {

NesslerRule::NesslerRule(std::string name, sim::DenseProjection& projection, const NesslerParams& params,
                         SwtaPopulation* swta)
    : sim::PlasticityRule(std::move(name)), m_projection(projection), m_p(params), m_swta(swta)
{
    const std::string who = "rule '" + this->name() + "': ";
    if (!(m_p.eta >= 0.0) || !(m_p.etaBias >= 0.0)) throw sim::ModelError(who + "learning rates must not be negative");
    if (!(m_p.c > 0.0) || !(m_p.cBias > 0.0)) throw sim::ModelError(who + "c and c_bias must be positive");
    if (!(m_p.sigma > 0.0)) throw sim::ModelError(who + "sigma must be positive");
    if (!std::isfinite(m_p.wMin)) throw sim::ModelError(who + "w_min must be finite");
    if (!(m_p.wMin < std::log(m_p.c)) || !(m_p.wMin < std::log(m_p.cBias)))
        throw sim::ModelError(who + "w_min must be below ln c and ln c_bias");
    if (m_swta && &m_projection.post() != static_cast<sim::Population*>(m_swta))
        throw sim::ModelError(who + "the circuit whose excitabilities learn must be the synapses' post layer");
}

void NesslerRule::prepare(double dt)
{
    m_window = std::max(1, static_cast<int>(std::lround(m_p.sigma / dt)));
    m_delay = m_projection.delaySteps();
    m_wMax = std::log(m_p.c);
    m_biasMax = std::log(m_p.cBias);
    const std::size_t length = static_cast<std::size_t>(m_delay + m_window + 1);
    const auto nPre = m_projection.pre().size();
    m_history.assign(length, {});
    for (auto& slot : m_history) slot.reserve(static_cast<std::size_t>(nPre));
    m_inWindow.setZero(nPre);
    m_active.setZero(nPre);
    m_row.setZero(nPre);
    m_now = 0;
}

void NesslerRule::reset()
{
    for (auto& slot : m_history) slot.clear();
    m_inWindow.setZero();
    m_active.setZero();
    m_now = 0;
}

void NesslerRule::step()
{
    // The window of a post spike at step t holds the pre spikes that arrived in its last S steps:
    // spikes of steps t - delay - S + 1 ... t - delay.
    const std::size_t length = m_history.size();
    auto& slot = m_history[m_now % length]; // held step t - length, long out of the window
    const auto& pre = m_projection.pre().spikes();
    slot.assign(pre.begin(), pre.end());
    const auto delay = static_cast<std::size_t>(m_delay), window = static_cast<std::size_t>(m_window);
    if (m_now >= delay)
        for (sim::Index i : m_history[(m_now - delay) % length]) ++m_inWindow[i];
    if (m_now >= delay + window)
        for (sim::Index i : m_history[(m_now - delay - window) % length]) --m_inWindow[i];
    ++m_now;

    const auto& post = m_projection.post().spikes();
    if (post.empty()) return;
    m_active = (m_inWindow > 0).cast<double>();
    Eigen::MatrixXf& weights = m_projection.weights();
    for (sim::Index k : post) {
        m_row = weights.row(k).transpose().cast<double>();
        // Eq. 2: eta (c e^-w - 1) where y_i = 1, -eta elsewhere.
        m_row += m_p.eta * (m_active * (m_p.c * (-m_row).exp()) - 1.0);
        weights.row(k) = m_row.max(m_p.wMin).min(m_wMax).cast<float>().transpose();
    }
    if (m_swta && m_p.etaBias > 0.0) {
        Eigen::ArrayXd& bias = m_swta->bias();
        for (sim::Index k : post) {
            const double bk = bias[k];
            bias -= m_p.etaBias;
            bias[k] = bk + m_p.etaBias * increment(bk, true, m_p.cBias);
            bias = bias.max(m_p.wMin).min(m_biasMax);
        }
    }
}

} // namespace ss::models
