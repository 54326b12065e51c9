#include "models/encoders/DogEncoder.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace ss::models {

DogEncoder::DogEncoder(std::string name, sim::Index height, sim::Index width, double sigmaCentre,
                       double sigmaSurround, int window, int steps, double threshold, Order order)
    : FirstSpikeEncoder(std::move(name), {2, height, width}, height * width), m_height(height), m_width(width),
      m_sigmaCentre(sigmaCentre), m_sigmaSurround(sigmaSurround), m_window(window), m_steps(steps),
      m_threshold(threshold), m_order(order)
{
    if (!(sigmaCentre > 0.0) || !(sigmaSurround > 0.0))
        throw sim::ModelError("encoder '" + this->name() + "': the Gaussian widths must be positive");
    if (window < 1 || window % 2 == 0) throw sim::ModelError("encoder '" + this->name() + "': window must be odd");
    if (steps < 1) throw sim::ModelError("encoder '" + this->name() + "': steps must be at least 1");
    m_centre.setZero(height * width);
    m_surround.setZero(height * width);
    m_response.setZero(size());
    m_rank.reserve(static_cast<std::size_t>(size()));
}

void DogEncoder::encode()
{
    // cv::Mat headers over the Eigen buffers: GaussianBlur writes into them without allocating them.
    cv::Mat image(m_height, m_width, CV_64F, m_values.data());
    cv::Mat centre(m_height, m_width, CV_64F, m_centre.data());
    cv::Mat surround(m_height, m_width, CV_64F, m_surround.data());
    const cv::Size k(m_window, m_window);
    cv::GaussianBlur(image, centre, k, m_sigmaCentre, m_sigmaCentre, cv::BORDER_CONSTANT);
    cv::GaussianBlur(image, surround, k, m_sigmaSurround, m_sigmaSurround, cv::BORDER_CONSTANT);
    const sim::Index n = m_height * m_width;
    m_response.head(n) = (m_centre - m_surround).max(0.0);
    m_response.tail(n) = (m_surround - m_centre).max(0.0);
}

void DogEncoder::computeFireSteps(std::vector<sim::Step>& steps)
{
    m_rank.clear();
    for (sim::Index i = 0; i < size(); ++i)
        if (m_response[i] > m_threshold) m_rank.push_back(i);
    if (m_rank.empty()) return;
    if (m_order == Order::Value) {
        const double rMax = m_response.maxCoeff();
        for (sim::Index i : m_rank) {
            const double late = (1.0 - m_response[i] / rMax) * (m_steps - 1);
            steps[static_cast<std::size_t>(i)] = static_cast<sim::Step>(std::llround(late));
        }
        return;
    }
    std::sort(m_rank.begin(), m_rank.end(), [&](sim::Index a, sim::Index b) {
        return m_response[a] > m_response[b] || (m_response[a] == m_response[b] && a < b);
    });
    const auto n = static_cast<sim::Step>(m_rank.size());
    for (std::size_t q = 0; q < m_rank.size(); ++q)
        steps[static_cast<std::size_t>(m_rank[q])] = static_cast<sim::Step>(q) * m_steps / n;
}

const Eigen::ArrayXd* DogEncoder::stateVariable(const std::string& name) const
{
    return name == "response" ? &m_response : SpikeEncoder::stateVariable(name);
}

} // namespace ss::models
