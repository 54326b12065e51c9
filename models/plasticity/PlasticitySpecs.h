#pragma once
// Declarations of the learning-rule nodes. Each has one output port 'rule' (kind Rule) that is wired
// into the 'rule' input of a synapse node; the rule then learns on that node's projection. Amplitudes
// and bounds given in weight units are in the document's weight unit (the unit the synapse node's
// 'weight' uses: mV for voltage-input neurons, relative conductance for conductance neurons), and are
// converted with the post-synaptic population's synapticUnit() at build time.
#include "models/NodeSpec.h"

namespace ss::models {

NodeSpec stdpSpec();        // "rule.stdp"
NodeSpec diehlCookSpec();   // "rule.diehl_cook"
NodeSpec kheradpishehSpec(); // "rule.kheradpisheh"
NodeSpec nesslerSpec();      // "rule.nessler"

} // namespace ss::models
