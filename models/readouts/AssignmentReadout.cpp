#include "models/readouts/AssignmentReadout.h"

namespace ss::models {

AssignmentReadout::AssignmentReadout(Eigen::Index neurons, int classes, ReadoutFeature feature)
    : Readout(neurons, classes, feature), m_vote(neurons, classes)
{
}

void AssignmentReadout::fit(const Eigen::ArrayXXd& features, const std::vector<int>& labels)
{
    // Sample by sample, in the order the protocol showed them: the same sums, bit for bit, as the
    // accumulation during the label phase.
    m_vote.clear();
    m_vote.accumulate(labels, features);
    m_vote.assign();
    m_fitted = true;
}

int AssignmentReadout::predict(const Eigen::ArrayXd& features) const
{
    checkFeatures(features);
    return m_vote.predict(features);
}

void AssignmentReadout::saveModel(ByteWriter& out) const { out.putVector(m_vote.assignments()); }

void AssignmentReadout::loadModel(ByteReader& in)
{
    std::vector<int> assignments = in.getVector<int>();
    if (static_cast<Eigen::Index>(assignments.size()) != neurons()) throw StateError(in.what() + ": one assignment per neuron expected");
    for (int a : assignments)
        if (a < -1 || a >= classes()) throw StateError(in.what() + ": an assignment outside the classes");
    m_vote.setAssignments(std::move(assignments));
}

} // namespace ss::models
