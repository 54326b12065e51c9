#pragma once
// What a node's build function sees: its parameters (validated), the engine objects wired to its
// ports, and the network to add its own objects to.
#include "models/Graph.h"
#include "models/NodeSpec.h"
#include "models/ParamReader.h"
#include "sim/Network.h"

#include <Eigen/Core>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ss::models {

// A stream of input samples (images, vectors) with optional labels.
class DataSource {
public:
    virtual ~DataSource() = default;
    virtual sim::Shape shape() const = 0;
    virtual std::size_t count() const = 0;
    // Sample k with values in [0, 1], shape().size() entries.
    virtual void sample(std::size_t k, Eigen::ArrayXd& out) const = 0;
    virtual int label(std::size_t k) const = 0; // -1 when unlabelled
};

// Something that turns samples into spikes: encoders implement it beside being populations.
class SampleEncoder {
public:
    virtual ~SampleEncoder() = default;
    // values in [0, 1], one per input position.
    virtual void present(const Eigen::ArrayXd& values) = 0;
};

// A monitor's recording, for the runner and the views.
struct Monitor {
    std::string node;
    const sim::SpikeRecorder* spikes = nullptr;
    const sim::StateRecorder* state = nullptr;
    const sim::WeightRecorder* weights = nullptr;
};

class Readout;                // models/readouts/Readout.h
enum class ReadoutPooling;   // models/readouts/Readout.h

// A readout node: the layer it reads, how its features are pooled (value-initialised: none) and how
// to make its classifier once the protocol knows the number of classes and of features.
struct ReadoutBinding {
    std::string node;
    sim::Population* population = nullptr;
    std::function<std::unique_ptr<Readout>(Eigen::Index features, int classes)> make;
    ReadoutPooling pooling{};
    long long poolGrid = 1; // map_max: g x g regions per map
};

// The result of compiling a graph.
struct CompiledNetwork {
    std::unique_ptr<sim::Network> network;
    std::map<std::string, sim::Population*> populations; // by node id
    std::map<std::string, sim::Projection*> projections; // by node id
    std::map<std::string, std::unique_ptr<DataSource>> sources;
    std::vector<std::pair<SampleEncoder*, DataSource*>> encoders;
    std::vector<Monitor> monitors;
    std::vector<ReadoutBinding> readouts;
};

// A build or validation failure, naming the node and the field (parameter or port) at fault.
class BuildError : public std::runtime_error {
public:
    BuildError(std::string node, std::string field, const std::string& message)
        : std::runtime_error(message), m_node(std::move(node)), m_field(std::move(field))
    {
    }
    const std::string& node() const { return m_node; }
    const std::string& field() const { return m_field; }

private:
    std::string m_node, m_field;
};

class GraphCompiler;

class BuildContext : public ParamReader {
public:
    BuildContext(GraphCompiler& compiler, const Node& node, const NodeSpec& spec);

    sim::Network& network();
    CompiledNetwork& result();
    // A delay parameter in whole steps, at least one.
    int delaySteps(const std::string& key) const;
    // The shape this node's output was inferred to have (populations use it for their size).
    sim::Shape outputShape() const;

    // Engine objects on the other side of a port (nullptr / empty when nothing is wired).
    sim::Population* inputPopulation(const std::string& port) const;
    std::vector<sim::Population*> outputPopulations(const std::string& port) const;
    sim::Population* outputPopulation(const std::string& port) const;
    sim::Projection* outputProjection(const std::string& port) const;
    // The projection of the synapse node wired into an input port (weight monitors).
    sim::Projection* inputProjection(const std::string& port) const;
    DataSource* inputSource(const std::string& port) const;

    // What this node made, so that later nodes can find it.
    void provide(sim::Population& population);
    void provide(sim::Projection& projection);
    void provide(std::unique_ptr<DataSource> source);
    void addEncoder(SampleEncoder& encoder, DataSource* source);
    void addMonitor(Monitor monitor);
    void addReadout(ReadoutBinding readout);

private:
    GraphCompiler& m_compiler;
};

} // namespace ss::models
