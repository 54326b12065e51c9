#pragma once
// How a monitor's records are drawn, read from the declaration of the layer it watches: the value axis
// of a state monitor (label, and the factor from the engine's SI value to the one drawn) and the
// threshold line of a membrane potential. The live views and the headless figures share these rules,
// so that a trace reads the same in the workbench and in an exported figure.
#include "models/Graph.h"
#include "sim/Population.h"

#include <QString>

#include <optional>
#include <string>

namespace ss::app {

// The layer wired into a monitor's input (its spec's only port), or null.
const models::Node* watchedLayer(const models::Graph& graph, const std::string& monitor);

// The firing threshold of a layer whose declaration has a fixed one: a 'v_th' parameter in mV, read
// through the declaration so that the unit is converted. Adaptive thresholds (a 'theta' state) move
// away from v_th, so none is given for them.
std::optional<double> fixedThreshold(const models::Node& layer, const sim::Population& population);

struct StateAxis {
    QString label;
    double scale = 1.0;
};

// The axis for a variable with no declaration to read: 'v' ("membrane potential (mV)") and 'theta' in
// mV, anything else by its name as it is.
StateAxis stateAxis(const std::string& variable);

// The axis of state monitor `monitor` recording `variable`. A potential is drawn in mV, as the rest of
// the workbench shows potentials: 'v', and any variable that the watched layer's declaration gives in
// mV through a parameter named after it or after it and an underscore ('theta' of theta_plus, 'u' of
// SRM0's u_rest): "u (mV)". Anything else (gating variables, Izhikevich's recovery u, the log-odds of
// the WTA circuit) keeps its name and value.
StateAxis stateAxisOf(const models::Graph& graph, const std::string& monitor, const std::string& variable);

} // namespace ss::app
