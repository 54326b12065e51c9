#pragma once
// Difference-of-Gaussians (DoG) on/off-centre filtering followed by latency coding, the retina-like
// first stage of Kheradpisheh, Ganjtabesh, Thorpe & Masquelier (2018), "STDP-based spiking deep
// convolutional neural networks for object recognition" (sigmas 1 and 2 pixels, 7 x 7 window,
// 15-30 time steps).
//
// For a grey image I (values in [0, 1], H x W):
//     D  = G(sigma_centre) * I - G(sigma_surround) * I
//     on = max(0, D)   (channel 0: bright centre, dark surround)
//     off = max(0, -D) (channel 1: dark centre, bright surround)
// where G(s) * I is cv::GaussianBlur with a window x window kernel whose 1-D factor is
// g_k = exp(-k^2 / (2 s^2)) / sum_k exp(-k^2 / (2 s^2)), k = -(window-1)/2 .. (window-1)/2 (each
// Gaussian sums to 1, so D sums to 0 and a uniform region gives no response), and the image is zero
// outside its border (as the zero padding of the paper's convolution). Output: 2 x H x W neurons,
// neuron (c, y, x) at index (c * H + y) * W + x.
//
// Latency: every response r > threshold fires once, larger responses earlier, within `steps` steps:
//   order "value": step = round((1 - r / r_max) * (steps - 1)), r_max the largest response of the
//                  image (both channels): the strongest fires at once, times linear in the value;
//   order "rank":  the responses sorted in decreasing order are cut into `steps` bins of equal count
//                  (SpykeTorch's Intensity2Latency): the response of rank q (0 = largest) among n
//                  fires in step floor(q * steps / n).
//
// Parameters                                        default   unit
//   sigma_centre    centre Gaussian                 1         px
//   sigma_surround  surround Gaussian               2         px
//   window          odd kernel width                7         px
//   steps           latency window                  30        steps
//   threshold       responses <= threshold silent   0.05      -
//   order           "value" or "rank"               value     -
#include "models/encoders/FirstSpikeEncoder.h"

namespace ss::models {

class DogEncoder : public FirstSpikeEncoder {
public:
    enum class Order { Value, Rank };
    DogEncoder(std::string name, sim::Index height, sim::Index width, double sigmaCentre, double sigmaSurround,
               int window, int steps, double threshold, Order order);

    // On (first H * W entries) and off (last H * W) responses of the presented image.
    const Eigen::ArrayXd& responses() const { return m_response; }

    std::vector<std::string> stateVariables() const override { return {"value", "response"}; }
    const Eigen::ArrayXd* stateVariable(const std::string& name) const override;

protected:
    void encode() override;
    void computeFireSteps(std::vector<sim::Step>& steps) override;

private:
    sim::Index m_height, m_width;
    double m_sigmaCentre, m_sigmaSurround;
    int m_window, m_steps;
    double m_threshold;
    Order m_order;
    Eigen::ArrayXd m_centre, m_surround, m_response;
    std::vector<sim::Index> m_rank; // scratch
};

} // namespace ss::models
