#include "models/VoteReadout.h"

#include <stdexcept>
#include <string>

namespace ss::models {

VoteReadout::VoteReadout(Eigen::Index neurons, int classes)
{
    if (neurons < 1 || classes < 1) throw std::invalid_argument("a vote readout needs neurons and classes");
    m_sums.setZero(neurons, classes);
    m_samples.setZero(classes);
    m_assignments.assign(static_cast<std::size_t>(neurons), -1);
}

void VoteReadout::accumulate(int label, const Eigen::ArrayXd& counts)
{
    if (counts.size() != neurons())
        throw std::invalid_argument("vote readout: expected " + std::to_string(neurons()) + " counts, got " +
                                    std::to_string(counts.size()));
    if (label < 0 || label >= classes()) return;
    m_sums.col(label) += counts;
    m_samples[label] += 1.0;
}

void VoteReadout::accumulate(const std::vector<int>& labels, const Eigen::ArrayXXd& counts)
{
    if (static_cast<Eigen::Index>(labels.size()) != counts.rows())
        throw std::invalid_argument("vote readout: one label per row of counts");
    for (Eigen::Index k = 0; k < counts.rows(); ++k) accumulate(labels[static_cast<std::size_t>(k)], counts.row(k).transpose());
}

void VoteReadout::clear()
{
    m_sums.setZero();
    m_samples.setZero();
}

Eigen::ArrayXXd VoteReadout::meanResponses() const
{
    Eigen::ArrayXXd mean = m_sums;
    for (int c = 0; c < classes(); ++c)
        if (m_samples[c] > 0) mean.col(c) /= m_samples[c];
    return mean;
}

const std::vector<int>& VoteReadout::assign()
{
    const Eigen::ArrayXXd mean = meanResponses();
    for (Eigen::Index j = 0; j < neurons(); ++j) {
        // Strictly greater, starting from 0: a neuron that never fired stays unassigned, and ties go to
        // the lowest class (the authors' loop over classes with rate > maximum_rate).
        int best = -1;
        double most = 0.0;
        for (int c = 0; c < classes(); ++c)
            if (mean(j, c) > most) most = mean(j, c), best = c;
        m_assignments[static_cast<std::size_t>(j)] = best;
    }
    return m_assignments;
}

void VoteReadout::setAssignments(std::vector<int> assignments)
{
    if (static_cast<Eigen::Index>(assignments.size()) != neurons())
        throw std::invalid_argument("vote readout: one assignment per neuron");
    m_assignments = std::move(assignments);
}

Eigen::ArrayXd VoteReadout::votes(const Eigen::ArrayXd& counts) const
{
    if (counts.size() != neurons()) throw std::invalid_argument("vote readout: one count per neuron");
    Eigen::ArrayXd sum = Eigen::ArrayXd::Zero(classes()), members = Eigen::ArrayXd::Zero(classes());
    for (Eigen::Index j = 0; j < neurons(); ++j) {
        const int c = m_assignments[static_cast<std::size_t>(j)];
        if (c < 0 || c >= classes()) continue;
        sum[c] += counts[j];
        members[c] += 1.0;
    }
    return (members > 0.0).select(sum / members.max(1.0), 0.0);
}

int VoteReadout::predict(const Eigen::ArrayXd& counts) const
{
    const Eigen::ArrayXd v = votes(counts);
    int best = -1;
    double most = 0.0;
    for (int c = 0; c < classes(); ++c)
        if (v[c] > most) most = v[c], best = c;
    return best;
}

} // namespace ss::models
