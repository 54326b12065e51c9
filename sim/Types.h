#pragma once
// Basic types shared by the whole engine. SI units everywhere inside sim/ and models/:
// seconds, volts, amperes, siemens (or conductances relative to the leak, where a model says so).
#include <cstdint>
#include <stdexcept>
#include <string>

namespace ss::sim {

using Index = std::int32_t;
using Step = std::int64_t;

// Geometry of a population: channels x height x width (a flat population is n x 1 x 1).
struct Shape {
    Index channels = 1;
    Index height = 1;
    Index width = 1;

    static Shape flat(Index n) { return {n, 1, 1}; }
    Index size() const { return channels * height * width; }
    Index index(Index c, Index y, Index x) const { return (c * height + y) * width + x; }
    bool operator==(const Shape&) const = default;
    std::string toString() const
    {
        if (height == 1 && width == 1) return std::to_string(channels);
        return std::to_string(channels) + "x" + std::to_string(height) + "x" + std::to_string(width);
    }
};

// The two input channels of every population: what they mean (a current jump, an exponential
// current, a conductance) is up to the neuron model that receives them.
enum class Channel : int { Excitatory = 0, Inhibitory = 1 };

// An error in the description of a network, raised while building or preparing it.
class ModelError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace ss::sim
