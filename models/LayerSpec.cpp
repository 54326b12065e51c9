#include "models/LayerSpec.h"

namespace ss::models {

std::vector<PortSpec> layerPorts()
{
    return {
        {"in", Direction::In, PortKind::Spikes, false, true, "Synaptic input from synapse nodes.", Category::Synapses},
        {"current", Direction::In, PortKind::Current, false, true, "Injected current from current sources."},
        {"out", Direction::Out, PortKind::Spikes, false, false, "The spikes of the layer."},
    };
}

std::vector<ParamSpec> layerSizeParams()
{
    return {
        intParam("size", 0, 0, 100'000'000,
                 "Number of neurons; 0 takes the shape of the synapses wired into 'in' (for convolution and "
                 "pooling)."),
        intParam("k_wta", 0, 0, 100'000'000,
                 "At most this many neurons fire in one step; the others that reach threshold are reset (0: no "
                 "limit)."),
    };
}

std::optional<sim::Shape> layerShape(const ShapeQuery& q)
{
    const auto n = q.integer("size");
    if (n > 0) return sim::Shape::flat(static_cast<sim::Index>(n));
    return q.input("in");
}

void finishLayer(BuildContext& ctx, sim::Population& population)
{
    population.setWinnersTakeAll(static_cast<sim::Index>(ctx.integer("k_wta")));
    ctx.provide(population);
}

} // namespace ss::models
