#pragma once
// Declarations of the readout nodes. Each has one input port 'spikes', wired from the 'out' of the
// layer it reads; in a document with a training protocol the readout node replaces the protocol's
// default readout (the class vote on experiment.protocol.readout_layer) and reads its own layer.
#include "models/NodeSpec.h"

namespace ss::models {

NodeSpec voteReadoutSpec();          // "readout.vote"
NodeSpec ridgeReadoutSpec();         // "readout.ridge"
NodeSpec svmReadoutSpec();           // "readout.svm"
NodeSpec spikingOutputReadoutSpec(); // "readout.spiking_output"

} // namespace ss::models
