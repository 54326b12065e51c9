#pragma once
// The readout of a supervised spiking output layer: the class whose output neurons fired most wins.
// With n neurons for C classes (n a multiple of C), neurons c n/C .. (c + 1) n/C - 1 stand for class c
// (one neuron per class when n = C); the prediction is argmax_c of the summed features of class c's
// neurons, the lowest class on a tie, and -1 when all are zero (the layer stayed silent). Nothing is
// learnt from the label phase: the output layer was trained to answer this way.
#include "models/readouts/Readout.h"

namespace ss::models {

class SpikingOutputReadout : public Readout {
public:
    SpikingOutputReadout(Eigen::Index neurons, int classes, ReadoutFeature feature = ReadoutFeature::Counts);
    std::string type() const override { return "readout.spiking_output"; }
    void fit(const Eigen::ArrayXXd& features, const std::vector<int>& labels) override;
    int predict(const Eigen::ArrayXd& features) const override;

protected:
    void saveModel(ByteWriter&) const override {}
    void loadModel(ByteReader&) override {}
};

} // namespace ss::models
