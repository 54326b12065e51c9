#pragma once
// Declarations of the synapse nodes: dense, sparse random, one-to-one, convolution, pooling and
// lateral inhibition. Each has an input 'pre' (the spikes of the source population), an output
// 'post' (wired into the 'in' port of the target layer) and an input 'rule' for learning rules.
#include "models/NodeSpec.h"

namespace ss::models {

NodeSpec denseSynapsesSpec();
NodeSpec sparseSynapsesSpec();
NodeSpec oneToOneSynapsesSpec();
NodeSpec convSynapsesSpec();
NodeSpec poolSynapsesSpec();
NodeSpec lateralInhibitionSpec();

NodeSpec spikeMonitorSpec();
NodeSpec stateMonitorSpec();
NodeSpec weightMonitorSpec();
NodeSpec stdpWindowMonitorSpec();

} // namespace ss::models
