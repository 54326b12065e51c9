#pragma once
// The one explicit list of every node type SpikeStudio knows. The palette, the inspector, the
// document reader, the validator, the compiler and the tests iterate it.
#include "models/NodeSpec.h"

#include <vector>

namespace ss::models {

const std::vector<NodeSpec>& catalogue();
const NodeSpec* findSpec(const std::string& id);

} // namespace ss::models
