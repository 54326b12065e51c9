#pragma once
// Ports, parameters and build steps that every neuron-layer declaration shares.
#include "models/BuildContext.h"

namespace ss::models {

// in (spikes, several), current (current, several), out (spikes).
std::vector<PortSpec> layerPorts();
// "size" (0 = the shape of what is wired into "in") and "k_wta" (winners-take-all per step).
std::vector<ParamSpec> layerSizeParams();
// size > 0: a flat population of that size; else the shape wired into "in".
std::optional<sim::Shape> layerShape(const ShapeQuery& q);
// Applies k_wta and registers the population as this node's output.
void finishLayer(BuildContext& ctx, sim::Population& population);

} // namespace ss::models
