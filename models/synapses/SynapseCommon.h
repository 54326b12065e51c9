#pragma once
// Ports, parameters and build steps shared by the synapse declarations.
#include "models/BuildContext.h"
#include "sim/Projection.h"

namespace ss::models::synapses {

std::vector<PortSpec> ports();
// target, delay, weight, weight_init, weight_low, weight_sd.
std::vector<ParamSpec> commonParams(double defaultWeight);
// Pre and post populations; fails naming the port when one is not wired.
std::pair<sim::Population*, sim::Population*> endpoints(BuildContext& ctx);
sim::Channel channel(const BuildContext& ctx);
// The weight distribution in SI (document weights times the post population's synaptic unit).
sim::WeightInit weightInit(const BuildContext& ctx, const sim::Population& post);

} // namespace ss::models::synapses
