#pragma once
// The class-assignment readout of Diehl & Cook (2015, authors' code: get_new_assignments and
// get_recognized_number_ranking). After training, labelled samples are shown with learning off and
// each output neuron's spike counts are averaged per class:
//     r_jc = (1 / N_c) sum_{samples k of class c} n_j(k)
// Neuron j is assigned to the class with the highest mean response, a_j = argmax_c r_jc; a neuron that
// never fired (all r_jc = 0) stays unassigned (-1). A new sample is classified by vote: for each class
// c with at least one assigned neuron, the mean count of its neurons
//     v_c = (1 / |{j : a_j = c}|) sum_{j : a_j = c} n_j,
// and the prediction is argmax_c v_c (the lowest class on a tie). A sample with no vote above zero
// (no assigned neuron fired) is predicted -1, which never matches a label.
#include <Eigen/Core>

#include <vector>

namespace ss::models {

class VoteReadout {
public:
    VoteReadout(Eigen::Index neurons, int classes = 10);

    Eigen::Index neurons() const { return m_sums.rows(); }
    int classes() const { return static_cast<int>(m_sums.cols()); }

    // One sample's spike counts (one per neuron) with its label; labels outside [0, classes) are ignored.
    void accumulate(int label, const Eigen::ArrayXd& counts);
    // Several samples: counts has one row per sample.
    void accumulate(const std::vector<int>& labels, const Eigen::ArrayXXd& counts);
    // Forgets the accumulated responses (the assignments stay until the next assign()).
    void clear();
    // Assigns every neuron to its class of highest mean response; returns the assignments.
    const std::vector<int>& assign();
    void setAssignments(std::vector<int> assignments);

    // The class voted for by `counts` (-1 when no assigned neuron fired).
    int predict(const Eigen::ArrayXd& counts) const;
    // Mean count of each class's assigned neurons (0 for a class without neurons).
    Eigen::ArrayXd votes(const Eigen::ArrayXd& counts) const;

    const std::vector<int>& assignments() const { return m_assignments; }
    // r_jc, neurons x classes (0 for classes never seen).
    Eigen::ArrayXXd meanResponses() const;
    // Samples accumulated per class.
    const Eigen::ArrayXd& samplesPerClass() const { return m_samples; }

private:
    Eigen::ArrayXXd m_sums;   // neurons x classes
    Eigen::ArrayXd m_samples; // per class
    std::vector<int> m_assignments;
};

} // namespace ss::models
