#pragma once
// Node declarations of the encoders (samples -> spikes), the data sources and the current
// injectors. The IDX reader that the data sources use is in models/encoders/IdxReader.h.
#include "models/NodeSpec.h"
#include "models/encoders/IdxReader.h"

#include <vector>

namespace ss::models {

// Encoders (category Encoder): in "samples" (optional), out "out" (spikes).
NodeSpec poissonSpec();          // "encoder.poisson"
NodeSpec regularSpec();          // "encoder.regular"
NodeSpec latencySpec();          // "encoder.latency"
NodeSpec populationCodingSpec(); // "encoder.population"
NodeSpec rankOrderSpec();        // "encoder.rank_order"
NodeSpec dogSpec();              // "encoder.dog"

// Data sources (category Source, phase 0): out "samples".
NodeSpec idxSourceSpec(); // "source.idx"
NodeSpec imageFolderSpec(); // "source.image_folder"
NodeSpec orientedBarsSpec(); // "source.oriented_bars"

// Spike sources (category Source): out "out" (spikes).
NodeSpec repeatingPatternSpec(); // "source.repeating_pattern"
NodeSpec spikeTimesSpec();       // "source.spike_times"

// Current injectors (category Source, phase 2): out "current".
NodeSpec stepCurrentSpec();  // "stimulus.step"
NodeSpec rampCurrentSpec();  // "stimulus.ramp"
NodeSpec ladderCurrentSpec(); // "stimulus.ladder"
NodeSpec sineCurrentSpec();  // "stimulus.sine"
NodeSpec noiseCurrentSpec(); // "stimulus.noise"
// Independent Poisson synaptic input (category Source, phase 2): out "current", into a layer's "current" port.
NodeSpec poissonInputSpec(); // "stimulus.poisson_input"

// All of the above, in palette order.
std::vector<NodeSpec> encoderFamilySpecs();

} // namespace ss::models
