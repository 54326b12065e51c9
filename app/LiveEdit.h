#pragma once
// How an edit of the document meets the network that runs it. Parameters of population nodes (a
// layer's threshold or time constants, an encoder's rates) are adopted by the running network between
// two steps: the edited document is compiled anew, which validates it, and each changed population
// offers its parameters to the running one (sim::Population::acceptsParameters). Anything else (nodes
// added, removed or renamed, wiring, sizes, kinds, synapse or rule parameters, experiment settings)
// changes what was built, and the network must be compiled again and the run restarted.
#include "app/SimulationController.h"
#include "models/Graph.h"

#include <string>

namespace ss::app {

struct LiveEdit {
    std::string structural; // why the network must be rebuilt (one line for the user); empty when not
    ParameterChange change; // the populations that adopt new parameters; empty when nothing changed
    std::string adopted;    // what they adopt, "'lif' (v_th, tau_m)", for the user
};

// running: the graph the loaded network was compiled from (with any changes adopted since); edited:
// the document now; loaded: the network the controller runs (only its maps of populations are read,
// and acceptsParameters, which any thread may call). Throws models::BuildError when the edited
// document does not compile.
LiveEdit classifyEdit(const models::Graph& running, const models::Graph& edited, const models::CompiledNetwork& loaded);

} // namespace ss::app
