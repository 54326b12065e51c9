#pragma once
// Typed access to a node's parameters, falling back to the declared defaults.
#include "models/Graph.h"
#include "models/NodeSpec.h"

#include <functional>
#include <optional>

namespace ss::models {

class ParamReader {
public:
    ParamReader(const Node& node, const NodeSpec& spec) : m_node(node), m_spec(spec) {}

    const Node& node() const { return m_node; }
    const NodeSpec& spec() const { return m_spec; }
    [[noreturn]] void fail(const std::string& field, const std::string& message) const;

    const ParamValue& value(const std::string& key) const;
    double si(const std::string& key) const; // display value times the unit's SI factor
    double real(const std::string& key) const;
    std::int64_t integer(const std::string& key) const;
    bool flag(const std::string& key) const;
    const std::string& text(const std::string& key) const; // Choice and Text

private:
    const ParamSpec& declared(const std::string& key) const;
    const Node& m_node;
    const NodeSpec& m_spec;
};

// What an outputShape function sees: the parameters and the shapes wired into the input ports.
class ShapeQuery : public ParamReader {
public:
    using PortShape = std::function<std::optional<sim::Shape>(const std::string& port)>;
    ShapeQuery(const Node& node, const NodeSpec& spec, PortShape input, PortShape target)
        : ParamReader(node, spec), m_input(std::move(input)), m_target(std::move(target))
    {
    }
    // Shape of what is wired into an input port (the first known one); nullopt when unknown.
    std::optional<sim::Shape> input(const std::string& port) const { return m_input(port); }
    // Shape of what an output port feeds (the first known one); nullopt when unknown.
    std::optional<sim::Shape> target(const std::string& port) const { return m_target(port); }

private:
    PortShape m_input;
    PortShape m_target;
};

} // namespace ss::models
