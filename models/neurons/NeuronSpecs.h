#pragma once
// Declarations of the spiking-neuron layers: one function per node type, defined beside its model.
#include "models/NodeSpec.h"

namespace ss::models {

NodeSpec lifSpec();             // "layer.lif"             LifPopulation, current-based (CUBA)
NodeSpec lifCondSpec();         // "layer.lif_cond"        LifPopulation, conductance-based (COBA)
NodeSpec adaptiveLifSpec();     // "layer.adaptive_lif"    LifPopulation, Diehl & Cook 2015 excitatory neuron
NodeSpec alifSpec();            // "layer.alif"            LifPopulation, Bellec et al. 2018 ALIF
NodeSpec ifSpec();              // "layer.if"              IfPopulation
NodeSpec izhikevichSpec();      // "layer.izhikevich"      IzhikevichPopulation
NodeSpec hodgkinHuxleySpec();   // "layer.hodgkin_huxley"  HodgkinHuxleyPopulation
NodeSpec srm0Spec();            // "layer.srm0"            Srm0Population
NodeSpec swtaSpec();            // "layer.swta"            SwtaPopulation, Nessler et al. 2013

} // namespace ss::models
