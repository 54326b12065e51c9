#pragma once
// Checks a graph against the node declarations without building anything: unknown types and
// parameters, values out of range, time constants not larger than dt, wires between missing or
// incompatible ports, missing required inputs.
#include "models/Graph.h"

#include <string>
#include <vector>

namespace ss::models {

struct Problem {
    std::string node;  // node id, empty for document-wide problems
    std::string field; // parameter key, port name or experiment setting
    std::string message;
};

std::vector<Problem> validate(const Graph& graph, const std::vector<NodeSpec>& specs);
const NodeSpec* findSpec(const std::vector<NodeSpec>& specs, const std::string& id);

} // namespace ss::models
