#include "models/readouts/Readout.h"

#include <algorithm>
#include <stdexcept>

namespace ss::models {

ReadoutFeature readoutFeature(const std::string& name)
{
    if (name == "counts") return ReadoutFeature::Counts;
    if (name == "first_spike") return ReadoutFeature::FirstSpike;
    if (name == "potential") return ReadoutFeature::Potential;
    throw std::invalid_argument("unknown readout feature '" + name + "' (counts, first_spike or potential)");
}

std::string toString(ReadoutFeature feature)
{
    switch (feature) {
    case ReadoutFeature::Counts: return "counts";
    case ReadoutFeature::FirstSpike: return "first_spike";
    case ReadoutFeature::Potential: return "potential";
    }
    return "counts";
}

ReadoutPooling readoutPooling(const std::string& name)
{
    if (name == "none") return ReadoutPooling::None;
    if (name == "map_max") return ReadoutPooling::MapMax;
    throw std::invalid_argument("unknown readout pooling '" + name + "' (none or map_max)");
}

std::string toString(ReadoutPooling pooling) { return pooling == ReadoutPooling::MapMax ? "map_max" : "none"; }

Readout::Readout(Eigen::Index neurons, int classes, ReadoutFeature feature)
    : m_neurons(neurons), m_classes(classes), m_feature(feature)
{
    if (neurons < 1 || classes < 2) throw std::invalid_argument("a readout needs neurons and at least two classes");
}

void Readout::checkFeatures(const Eigen::ArrayXd& features) const
{
    if (features.size() != m_neurons)
        throw std::invalid_argument("readout: expected " + std::to_string(m_neurons) + " features, got " +
                                    std::to_string(features.size()));
}

void Readout::usable(const Eigen::ArrayXXd& features, const std::vector<int>& labels, Eigen::MatrixXd& x,
                     std::vector<int>& y) const
{
    if (features.cols() != m_neurons || static_cast<Eigen::Index>(labels.size()) != features.rows())
        throw std::invalid_argument("readout: one label per row of features, one feature per neuron");
    std::vector<Eigen::Index> rows;
    y.clear();
    for (std::size_t k = 0; k < labels.size(); ++k)
        if (labels[k] >= 0 && labels[k] < m_classes) rows.push_back(static_cast<Eigen::Index>(k)), y.push_back(labels[k]);
    x.resize(static_cast<Eigen::Index>(rows.size()), m_neurons);
    for (std::size_t r = 0; r < rows.size(); ++r) x.row(static_cast<Eigen::Index>(r)) = features.row(rows[r]).matrix();
    if (rows.empty()) throw std::invalid_argument("readout: no labelled samples to learn from");
}

void Readout::save(ByteWriter& out) const
{
    out.putString(type());
    out.put<std::int64_t>(m_neurons);
    out.put<std::int32_t>(m_classes);
    out.put<std::int32_t>(static_cast<std::int32_t>(m_feature));
    out.put<std::uint8_t>(m_fitted ? 1 : 0);
    if (m_fitted) saveModel(out);
}

void Readout::load(ByteReader& in)
{
    const std::string savedType = in.getString();
    const auto neurons = in.get<std::int64_t>();
    const auto classes = in.get<std::int32_t>();
    const auto feature = in.get<std::int32_t>();
    if (savedType != type() || neurons != m_neurons || classes != m_classes || feature != static_cast<std::int32_t>(m_feature))
        throw StateError(in.what() + ": the saved readout is a " + savedType + " of " + std::to_string(neurons) + " neurons and " +
                         std::to_string(classes) + " classes; this document has a " + type() + " of " +
                         std::to_string(m_neurons) + " neurons and " + std::to_string(m_classes) + " classes");
    m_fitted = in.get<std::uint8_t>() != 0;
    if (m_fitted) loadModel(in);
}

void FeatureScaler::fit(const Eigen::MatrixXd& x)
{
    mean = x.colwise().mean();
    const Eigen::MatrixXd centred = x.rowwise() - mean;
    scale = (centred.array().square().colwise().sum() / static_cast<double>(std::max<Eigen::Index>(1, x.rows()))).sqrt().matrix();
    for (Eigen::Index j = 0; j < scale.size(); ++j)
        if (!(scale[j] > 1e-12)) scale[j] = 1.0;
}

Eigen::MatrixXd FeatureScaler::apply(const Eigen::MatrixXd& x) const
{
    return ((x.rowwise() - mean).array().rowwise() / scale.array()).matrix();
}

void FeatureScaler::save(ByteWriter& out) const
{
    out.putMatrix(mean);
    out.putMatrix(scale);
}

void FeatureScaler::load(ByteReader& in, Eigen::Index features)
{
    mean = in.getMatrix();
    scale = in.getMatrix();
    if (mean.size() != features || scale.size() != features) throw StateError(in.what() + ": feature scaling of the wrong size");
}

} // namespace ss::models
