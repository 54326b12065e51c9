#pragma once
// Rank-order coding (Thorpe & Gautrais 1998): only the order in which inputs fire carries the
// information. The inputs whose value exceeds `threshold` fire once each, in order of decreasing
// value (equal values in increasing index order), `per_step` of them per step: the input of rank r
// (0 = largest) fires in step floor(r / per_step) after the presentation.
//
// Parameters                                     default   unit
//   per_step   spikes per step                   1         -
//   threshold  values <= threshold stay silent   0         -
#include "models/encoders/FirstSpikeEncoder.h"

namespace ss::models {

class RankOrderEncoder : public FirstSpikeEncoder {
public:
    RankOrderEncoder(std::string name, sim::Shape shape, sim::Index perStep, double threshold);

protected:
    void computeFireSteps(std::vector<sim::Step>& steps) override;

private:
    sim::Index m_perStep;
    double m_threshold;
    std::vector<sim::Index> m_rank; // scratch
};

} // namespace ss::models
