#pragma once
// Latency (time-to-first-spike) coding: every input fires once per presentation, stronger inputs
// earlier (Thorpe, Delorme & Van Rullen 2001; Gerstner & Kistler 2002, ch. 1.4). Two mappings from
// a value v in [0, 1] to the spike time t after the presentation:
//   linear:  t = t_max * (1 - v)                    (v = 1 fires at once, v -> 0 at t_max)
//   log:     t = tau * ln(v / (v - threshold))      (time for an RC membrane, tau dv/dt = -u + v,
//                                                    to charge from 0 to the threshold: u(t) =
//                                                    v (1 - exp(-t / tau)); as snnTorch's
//                                                    spikegen.latency(..., linear=False))
// Values at or below `threshold` never fire, in both modes. t is rounded to the nearest whole step:
// the spike is emitted in step round(t / dt) after the presentation.
//
// Parameters                                    default   unit
//   mode       "linear" or "log"                linear    -
//   t_max      latency of a value near 0 (lin)  50        ms
//   tau        membrane time constant (log)     5         ms
//   threshold  values <= threshold stay silent  0.01      -
#include "models/encoders/FirstSpikeEncoder.h"

namespace ss::models {

class LatencyEncoder : public FirstSpikeEncoder {
public:
    enum class Mode { Linear, Log };
    LatencyEncoder(std::string name, sim::Shape shape, Mode mode, double tMax, double tau, double threshold);

    // Spike time in seconds after the presentation for value v; negative when v never fires.
    double latency(double v) const;

protected:
    void computeFireSteps(std::vector<sim::Step>& steps) override;

private:
    Mode m_mode;
    double m_tMax, m_tau, m_threshold;
};

} // namespace ss::models
