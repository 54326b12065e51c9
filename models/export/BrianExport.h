#pragma once
// Brian2 scripts (Stimberg, Brette & Goodman 2019, eLife 8:e47314) from SpikeStudio documents: the
// same populations with their parameters in units, the synapses SpikeStudio drew (from an .npz beside
// the script), pair STDP with event-driven traces, current stimuli and monitors. The script runs in
// Brian2's runtime mode; --device cpp_standalone (or --standalone), cuda_standalone (Brian2CUDA, on an
// NVIDIA GPU) or genn (Brian2GeNN) choose another device (set_device), and a GPU device whose package
// is missing ends the script with a message saying what to install (exit code 1).
//
// Translated: layer.lif (delta, exp_current), layer.lif_cond, encoder.poisson without samples;
// synapses.dense, .sparse, .one_to_one; rule.stdp (all_to_all and nearest pairing); stimulus.step,
// .ramp, .ladder, .sine, .noise; monitor.spikes, .state, .weights, .stdp_window. Anything else is refused with the
// node and the reason.
#include "models/export/ExportNetwork.h"

namespace ss::models::exporting {

// The script for `net`; it loads its synapses from `dataFile`, a bare file name beside the script.
std::string brian2Script(const ExportNetwork& net, const std::string& dataFile);

// Compiles `graph`, writes the script to `path` and the synapses to the .npz beside it. Throws
// BuildError naming the node and field that Brian2 (or this writer) cannot express, and
// std::runtime_error when a file cannot be written.
void exportBrian2(const Graph& graph, const std::vector<NodeSpec>& specs, const std::string& title,
                  const std::string& path);

} // namespace ss::models::exporting
