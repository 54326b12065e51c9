#pragma once
// PyNN scripts (Davison et al. 2009, Front. Neuroinform. 2:11) from SpikeStudio documents, with the
// simulator chosen on the command line (nest, neuron, spiNNaker). The synapses SpikeStudio drew come
// from an .npz beside the script through FromListConnector; parameters are in PyNN's units (ms, mV,
// nA, nF, uS).
//
// Unit conversions: PyNN's integrate-and-fire cells have a capacitance where SpikeStudio has R_m, so
// cm = tau_m / R_m; a current-based weight w (mV of the synaptic variable ge) is the current w / R_m
// (nA), a conductance weight relative to the leak is g_leak w = w / R_m (uS). STDP amplitudes of
// PyNN's weight dependences are fractions of w_max where SpikeStudio's additive ones are in weight
// units (NEST's stdp_synapse: dw = lambda w_max K), hence A = a / w_max for those.
//
// Translated: layer.lif (delta as IF_curr_delta, exp_current as IF_curr_exp), layer.lif_cond
// (IF_cond_exp), encoder.poisson without samples (SpikeSourcePoisson); synapses.dense, .sparse,
// .one_to_one; rule.stdp with all-to-all pairing; stimulus.step, .ramp, .ladder, .sine, .noise;
// monitor.spikes, monitor.state of v, monitor.weights and monitor.stdp_window (their final weights).
// Anything else is refused with the node and the reason (nearest-neighbour pairings, for one, have no
// PyNN timing rule).
#include "models/export/ExportNetwork.h"

namespace ss::models::exporting {

// The script for `net`; it loads its synapses from `dataFile`, a bare file name beside the script.
std::string pynnScript(const ExportNetwork& net, const std::string& dataFile);

// Compiles `graph`, writes the script to `path` and the synapses to the .npz beside it. Throws
// BuildError naming the node and field that PyNN (or this writer) cannot express, and
// std::runtime_error when a file cannot be written.
void exportPynn(const Graph& graph, const std::vector<NodeSpec>& specs, const std::string& title,
                const std::string& path);

} // namespace ss::models::exporting
