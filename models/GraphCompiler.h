#pragma once
// Turns a validated graph into an engine network: infers shapes along the wires, checks that the
// network fits in memory, then builds nodes phase by phase (sources, populations, projections and
// current injectors, rules, monitors), in document order within a phase.
#include "models/BuildContext.h"
#include "models/Validator.h"

#include <map>
#include <optional>
#include <set>

namespace ss::models {

class GraphCompiler {
public:
    GraphCompiler(const Graph& graph, const std::vector<NodeSpec>& specs);

    // Throws BuildError naming the node and field at fault.
    CompiledNetwork compile();
    // Inferred output shape of a node, nullopt when it has none or it cannot be inferred.
    std::optional<sim::Shape> shapeOf(const std::string& nodeId);
    // Estimated bytes the compiled network needs.
    double estimatedBytes();
    // Of which the populations' delayed-input rings, sized by the longest delay (its node in `longest`,
    // left as it was when no delay exceeds one step).
    double delayRingBytes(std::string* longest = nullptr);
    // A problem when the network would need more than 80 % of this machine's memory, naming the
    // node that needs most; nullopt when it fits.
    std::optional<Problem> memoryProblem();

    // For BuildContext.
    const Graph& graph() const { return m_graph; }
    CompiledNetwork& result() { return m_result; }
    std::vector<const Wire*> wiresInto(const std::string& node, const std::string& port) const;
    std::vector<const Wire*> wiresFrom(const std::string& node, const std::string& port) const;

private:
    const NodeSpec& specOf(const Node& node) const;
    ShapeQuery queryFor(const Node& node);

    const Graph& m_graph;
    const std::vector<NodeSpec>& m_specs;
    CompiledNetwork m_result;
    std::map<std::string, std::optional<sim::Shape>> m_shapes;
    std::set<std::string> m_inferring;
};

// Physical memory of this machine in bytes (0 when unknown).
double physicalMemoryBytes();

} // namespace ss::models
