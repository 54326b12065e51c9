#pragma once
// A network document without any GUI: nodes with their parameters (in display units, as saved) and
// wires from an output port to an input port, plus the experiment settings.
#include "models/NodeSpec.h"
#include "models/ProtocolSettings.h"

#include <map>
#include <string>
#include <vector>

namespace ss::models {

struct Node {
    std::string id;   // unique in the document
    std::string type; // NodeSpec::id
    std::map<std::string, ParamValue> params;
    double x = 0.0, y = 0.0; // canvas position
};

struct PortRef {
    std::string node;
    std::string port;
    bool operator==(const PortRef&) const = default;
    std::string toString() const { return node + "." + port; }
};

struct Wire {
    PortRef from; // an output port
    PortRef to;   // an input port
};

struct Experiment {
    double dt = 1e-4;       // s
    double duration = 1.0;  // s
    std::uint64_t seed = 1;
    std::optional<ExperimentProtocol> protocol; // training protocol (Protocol.h), absent in plain runs
};

struct Graph {
    std::vector<Node> nodes;
    std::vector<Wire> wires;
    Experiment experiment;

    const Node* find(const std::string& id) const;
    Node* find(const std::string& id);
};

} // namespace ss::models
