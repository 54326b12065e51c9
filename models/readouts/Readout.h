#pragma once
// A readout turns the response of an output layer to one sample into a class. The protocol
// (models/Protocol.h) shows the labelled samples of its label phase with learning off, collects one
// feature vector per sample, calls fit() once, and then predict() for every test sample.
//
// Features (one per neuron of the layer, over the last presentation of the sample):
//   counts       n_j, the spike count of neuron j.
//   first_spike  f_j = 1 - t_j / T, t_j the time of neuron j's first spike after the sample's onset
//                and T the presentation time; f_j = 0 for a neuron that stayed silent. An early spike
//                gives a value near 1, so that a larger value means a stronger response in both kinds.
//   potential    v_j, the membrane potential of neuron j (mV) at the end of the presentation, before the
//                rest: with a layer that does not fire at test (layer.if fire = learning) the sum of the
//                input weights it received, as Kheradpisheh et al. (2018) read their last layer.
// Pooling (optional, for a C x H x W feature-map layer): map_max keeps, for each of the C maps, the
// largest feature over its H x W positions (a global max pooling: C features instead of C H W). On
// first-spike values it is the earliest spike of the map, on potentials the paper's global pooling.
#include "models/readouts/ByteStream.h"

#include <Eigen/Core>

#include <string>
#include <vector>

namespace ss::models {

enum class ReadoutFeature { Counts, FirstSpike, Potential };
enum class ReadoutPooling { None, MapMax };

ReadoutFeature readoutFeature(const std::string& name); // "counts", "first_spike" or "potential"
std::string toString(ReadoutFeature feature);
ReadoutPooling readoutPooling(const std::string& name); // "none" or "map_max"
std::string toString(ReadoutPooling pooling);

class Readout {
public:
    Readout(Eigen::Index neurons, int classes, ReadoutFeature feature);
    virtual ~Readout() = default;

    virtual std::string type() const = 0; // the node type ("readout.ridge")
    Eigen::Index neurons() const { return m_neurons; }
    int classes() const { return m_classes; }
    ReadoutFeature feature() const { return m_feature; }

    // One row of features per sample; labels outside [0, classes) are ignored.
    virtual void fit(const Eigen::ArrayXXd& features, const std::vector<int>& labels) = 0;
    // The class of one sample; -1 when the readout has no answer (no vote).
    virtual int predict(const Eigen::ArrayXd& features) const = 0;
    bool fitted() const { return m_fitted; }

    // What fit() learnt, for training state files. load() throws StateError on a model that does not
    // fit this readout.
    void save(ByteWriter& out) const;
    void load(ByteReader& in);

protected:
    virtual void saveModel(ByteWriter& out) const = 0;
    virtual void loadModel(ByteReader& in) = 0;
    void checkFeatures(const Eigen::ArrayXd& features) const;
    // Rows whose label is a class, and those labels.
    void usable(const Eigen::ArrayXXd& features, const std::vector<int>& labels, Eigen::MatrixXd& x, std::vector<int>& y) const;
    bool m_fitted = false;

private:
    Eigen::Index m_neurons;
    int m_classes;
    ReadoutFeature m_feature;
};

// Standardisation of features before a linear model (ridge, SVM): z_j = (x_j - mu_j) / sigma_j with
// mu_j and sigma_j the mean and the (population) standard deviation of feature j over the label
// phase's samples. A feature that never changed (a neuron that never fired: sigma_j = 0) gets
// sigma_j = 1, so that it stays 0 after centring and contributes nothing. The test samples are
// scaled with the training mu and sigma.
struct FeatureScaler {
    Eigen::RowVectorXd mean, scale;
    void fit(const Eigen::MatrixXd& x);
    Eigen::MatrixXd apply(const Eigen::MatrixXd& x) const;
    void save(ByteWriter& out) const;
    void load(ByteReader& in, Eigen::Index features);
};

} // namespace ss::models
