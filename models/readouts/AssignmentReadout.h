#pragma once
// The class-assignment readout of Diehl & Cook (2015) as a readout node: fit() assigns each neuron to
// the class of its highest mean response over the label phase, predict() is the vote of the assigned
// neurons (models/VoteReadout.h has the equations). The protocol's readout when a document has no
// readout node.
#include "models/VoteReadout.h"
#include "models/readouts/Readout.h"

namespace ss::models {

class AssignmentReadout : public Readout {
public:
    AssignmentReadout(Eigen::Index neurons, int classes, ReadoutFeature feature = ReadoutFeature::Counts);
    std::string type() const override { return "readout.vote"; }
    void fit(const Eigen::ArrayXXd& features, const std::vector<int>& labels) override;
    int predict(const Eigen::ArrayXd& features) const override;
    const VoteReadout& vote() const { return m_vote; }

protected:
    void saveModel(ByteWriter& out) const override;
    void loadModel(ByteReader& in) override;

private:
    VoteReadout m_vote;
};

} // namespace ss::models
