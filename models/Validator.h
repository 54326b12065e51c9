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
// Why `id` cannot name a node (empty when it can): ids name the node's files in output folders, so
// no dots, white space or slashes. Uniqueness is the graph's to check.
std::string idProblem(const std::string& id);
const NodeSpec* findSpec(const std::vector<NodeSpec>& specs, const std::string& id);

} // namespace ss::models
