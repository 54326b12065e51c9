#pragma once
// The declaration of a node type: what the palette, the inspector, the serializer, the validator,
// the compiler and the tests all read. One declaration per type, in the file of its model.
#include "sim/Types.h"

#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace ss::models {

enum class Category { Source, Encoder, Layer, Synapses, LearningRule, Readout, Monitor };
enum class PortKind { Spikes, Current, Samples, Labels, Reward, Rule };
enum class Direction { In, Out };

std::string toString(Category c);
std::string toString(PortKind k);

struct PortSpec {
    std::string name;
    Direction direction = Direction::In;
    PortKind kind = PortKind::Spikes;
    bool required = true;  // inputs only: the node cannot compile without it
    bool multiple = false; // inputs only: accepts several wires
    std::string help;
    // Inputs only: the category of node the port takes, where no other means anything (a layer's
    // synaptic input takes synapse nodes, not another layer's spikes).
    std::optional<Category> from = std::nullopt;
};

using ParamValue = std::variant<double, std::int64_t, bool, std::string>;
enum class ParamType { Real, Integer, Bool, Choice, Text };

struct ParamSpec {
    std::string key; // saved key: never renamed without a migration
    ParamType type = ParamType::Real;
    std::string unit;    // display unit, in which documents store the value ("ms", "mV", "Hz", ...)
    double siScale = 1.0; // SI value = stored value * siScale
    ParamValue defaultValue = 0.0;
    double min = -std::numeric_limits<double>::infinity();
    double max = std::numeric_limits<double>::infinity();
    bool minExclusive = false;
    std::vector<std::string> choices; // Choice only
    std::string help;
    bool timeConstant = false; // must be larger than dt
};

// SI factor of a display unit ("ms" -> 1e-3); 1 for units that are already SI or dimensionless.
double unitScale(const std::string& unit);

// Declaration helpers.
ParamSpec realParam(std::string key, std::string unit, double def, double min, double max, std::string help);
ParamSpec positiveParam(std::string key, std::string unit, double def, std::string help); // (0, inf)
ParamSpec timeConstantParam(std::string key, double defMs, std::string help);              // ms, > dt
ParamSpec intParam(std::string key, std::int64_t def, std::int64_t min, std::int64_t max, std::string help);
ParamSpec boolParam(std::string key, bool def, std::string help);
ParamSpec choiceParam(std::string key, std::vector<std::string> choices, std::string def, std::string help);
ParamSpec textParam(std::string key, std::string def, std::string help);

class BuildContext;
class ShapeQuery;

struct NodeSpec {
    std::string id;       // saved type key ("layer.lif"), never the display name
    Category category = Category::Layer;
    std::string name;     // display name
    std::string help;     // one paragraph, shown in the palette tooltip and the lesson panel
    std::vector<PortSpec> ports;
    std::vector<ParamSpec> params;
    // Shape of the node's output (populations and projections); nullopt when it does not define one.
    std::function<std::optional<sim::Shape>(const ShapeQuery&)> outputShape;
    // Bytes the node will allocate (synapses, state), checked against the machine's memory before
    // anything is built; absent: populations are estimated from their shape, others as negligible.
    std::function<double(const ShapeQuery&)> memoryBytes;
    // Turns the node into engine objects.
    std::function<void(BuildContext&)> build;
    // Build order; -1 takes buildPhase(category). Current injectors (category Source) need the
    // populations they feed and set 2.
    int phase = -1;

    const ParamSpec* param(const std::string& key) const;
    const PortSpec* port(const std::string& name) const;
};

// Order in which nodes are built: data sources (0), populations (1), projections and current
// injectors (2), learning rules (3), readouts and monitors (4).
int buildPhase(const NodeSpec& spec);

} // namespace ss::models
