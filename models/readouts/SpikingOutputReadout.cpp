#include "models/readouts/SpikingOutputReadout.h"

#include <stdexcept>

namespace ss::models {

SpikingOutputReadout::SpikingOutputReadout(Eigen::Index neurons, int classes, ReadoutFeature feature)
    : Readout(neurons, classes, feature)
{
    if (neurons % classes != 0)
        throw std::invalid_argument("a spiking output layer needs the same number of neurons for every class: " +
                                    std::to_string(neurons) + " neurons for " + std::to_string(classes) + " classes");
    m_fitted = true;
}

void SpikingOutputReadout::fit(const Eigen::ArrayXXd& features, const std::vector<int>& labels)
{
    if (features.cols() != neurons() || static_cast<Eigen::Index>(labels.size()) != features.rows())
        throw std::invalid_argument("readout: one label per row of features, one feature per neuron");
}

int SpikingOutputReadout::predict(const Eigen::ArrayXd& features) const
{
    checkFeatures(features);
    const Eigen::Index per = neurons() / classes();
    int best = -1;
    double most = 0.0;
    for (int c = 0; c < classes(); ++c) {
        const double sum = features.segment(c * per, per).sum();
        if (sum > most) most = sum, best = c;
    }
    return best;
}

} // namespace ss::models
