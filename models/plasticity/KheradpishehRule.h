#pragma once
// First-spike STDP of Kheradpisheh, Ganjtabesh, Thorpe & Masquelier 2018 ("STDP-based spiking deep
// convolutional neural networks for object recognition", Neural Networks 99, Eq. 3):
//   dw_ij = +a+ w_ij (1 - w_ij)   if t_j - t_i <= 0   (pre i fired before or with post j)
//   dw_ij = -a- w_ij (1 - w_ij)   otherwise           (pre i fired later, or not at all in this sample)
// The factor w (1 - w) keeps weights in [0, 1] without clipping (for a+, a- <= 1) and drives them
// towards 0 or 1. Learning is winner-take-all per sample: a feature map learns once, at the first of
// its neurons to fire. When several neurons of a map fire in the same step the winner is the first in
// index order (the paper takes the highest potential; for convolution maps index order is row-major
// over the output positions). A convolution map updates its shared kernel over the winner's input
// window; input positions that fall into the zero padding never fire and are depressed. For dense
// synapses every post neuron is its own map and learns over its whole input.
// "Fired" is a per pre-neuron flag set by any spike since beginSample(); beginSample() and reset()
// clear the flags and re-arm every map.
//
// Layer-wise training (the paper trains conv1 to the end, then conv2 with conv1 frozen): the rule learns
// only in the samples learn_from <= k < learn_until (0: no end), k counted by beginSample() from 0
// since the network was built, so that one training pass can train the layers one after the other.
//
// Rate schedule (optional): the public reproduction of the paper in SpykeTorch (Mozafari et al. 2019)
// doubles a+ and a- every 500 samples a layer learns, until a+ reaches 0.15, so that the kernels settle
// in a few thousand samples. With double_every n > 0, sample k (learn_from <= k) learns with
//   a+(k) = min(a+ 2^floor((k - learn_from) / n), a+_max),   a-(k) = a-(k) a-/a+ (the ratio kept, at most 1).
//
// Units: the rule acts on w / weight_unit, so that a document weight of 1 is the rule's 1 whatever
// SI unit the projection holds (the node declaration passes the post population's synapticUnit()).
//
// Parameters (node "rule.kheradpisheh", defaults of the paper):
//   a_plus    a+   0.004   dimensionless
//   a_minus   a-   0.003   dimensionless
//   learn_from, learn_until   samples   0, 0 (learn in every sample)
//   double_every  samples  0 (constant rates);  a_plus_max  0.15
// Dense and convolution projections.
#include "sim/ConvProjection.h"
#include "sim/DenseProjection.h"
#include "sim/PlasticityRule.h"

#include <Eigen/Core>

#include <utility>
#include <vector>

namespace ss::models {

struct KheradpishehParams {
    double aPlus = 0.004;
    double aMinus = 0.003;
    double weightUnit = 1.0; // SI value of a rule weight of 1
    long long learnFrom = 0, learnUntil = 0; // samples; learnUntil 0: no end
    long long doubleEvery = 0;               // samples; 0: constant rates
    double aPlusMax = 0.15;
};

class KheradpishehRule : public sim::PlasticityRule {
public:
    KheradpishehRule(std::string name, sim::DenseProjection& projection, const KheradpishehParams& params);
    KheradpishehRule(std::string name, sim::ConvProjection& projection, const KheradpishehParams& params);

    sim::Projection& projection() const override { return m_projection; }
    void prepare(double dt) override;
    void step() override;
    void reset() override;
    void beginSample() override;

    const KheradpishehParams& params() const { return m_p; }
    // Number of maps: features for convolution, post neurons for dense synapses.
    sim::Index mapCount() const { return static_cast<sim::Index>(m_winner.size()); }
    // Post neuron at which map f learned in this sample, -1 while it is still armed.
    sim::Index winner(sim::Index f) const { return m_winner[static_cast<std::size_t>(f)]; }
    // Samples begun since the network was built; the rule learns in those within [learnFrom, learnUntil).
    long long samples() const { return m_samples; }
    // The rates in sample k (the schedule of double_every), a+ and a-.
    std::pair<double, double> rates(long long k) const;

private:
    void check() const;
    void rearm();
    void learnDense(sim::Index post);
    void learnConv(sim::Index post);

    sim::Projection& m_projection;
    sim::DenseProjection* m_dense = nullptr;
    sim::ConvProjection* m_conv = nullptr;
    KheradpishehParams m_p;
    Eigen::ArrayXd m_fired;          // 1 for pre neurons that fired in this sample, else 0
    std::vector<sim::Index> m_winner; // per map
    sim::Shape m_out;                 // convolution output geometry (F x Ho x Wo)
    long long m_samples = 0;
    double m_aPlus = 0.0, m_aMinus = 0.0; // of the sample under way
};

} // namespace ss::models
