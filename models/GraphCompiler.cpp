#include "models/GraphCompiler.h"

#include <algorithm>
#include <cmath>
#include <new>
#include <sstream>
#include <unistd.h>

namespace ss::models {

double physicalMemoryBytes()
{
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long size = sysconf(_SC_PAGE_SIZE);
    return pages > 0 && size > 0 ? static_cast<double>(pages) * static_cast<double>(size) : 0.0;
}

GraphCompiler::GraphCompiler(const Graph& graph, const std::vector<NodeSpec>& specs) : m_graph(graph), m_specs(specs) {}

const NodeSpec& GraphCompiler::specOf(const Node& node) const
{
    const NodeSpec* spec = findSpec(m_specs, node.type);
    if (!spec) throw BuildError(node.id, "type", "unknown node type '" + node.type + "'");
    return *spec;
}

std::vector<const Wire*> GraphCompiler::wiresInto(const std::string& node, const std::string& port) const
{
    std::vector<const Wire*> out;
    for (const auto& w : m_graph.wires)
        if (w.to.node == node && w.to.port == port) out.push_back(&w);
    return out;
}

std::vector<const Wire*> GraphCompiler::wiresFrom(const std::string& node, const std::string& port) const
{
    std::vector<const Wire*> out;
    for (const auto& w : m_graph.wires)
        if (w.from.node == node && w.from.port == port) out.push_back(&w);
    return out;
}

ShapeQuery GraphCompiler::queryFor(const Node& node)
{
    auto input = [this, &node](const std::string& port) -> std::optional<sim::Shape> {
        for (const Wire* w : wiresInto(node.id, port))
            if (auto s = shapeOf(w->from.node)) return s;
        return std::nullopt;
    };
    auto target = [this, &node](const std::string& port) -> std::optional<sim::Shape> {
        for (const Wire* w : wiresFrom(node.id, port))
            if (auto s = shapeOf(w->to.node)) return s;
        return std::nullopt;
    };
    return ShapeQuery(node, specOf(node), input, target);
}

std::optional<sim::Shape> GraphCompiler::shapeOf(const std::string& nodeId)
{
    if (auto it = m_shapes.find(nodeId); it != m_shapes.end()) return it->second;
    const Node* node = m_graph.find(nodeId);
    if (!node) return std::nullopt;
    const NodeSpec& spec = specOf(*node);
    if (!spec.outputShape || m_inferring.count(nodeId)) return std::nullopt; // a loop: unknown from here
    m_inferring.insert(nodeId);
    std::optional<sim::Shape> shape;
    try {
        shape = spec.outputShape(queryFor(*node));
    } catch (const sim::ModelError& e) {
        m_inferring.erase(nodeId);
        throw BuildError(nodeId, "shape", e.what());
    }
    m_inferring.erase(nodeId);
    m_shapes[nodeId] = shape;
    return shape;
}

double GraphCompiler::estimatedBytes()
{
    double total = delayRingBytes();
    for (const auto& node : m_graph.nodes) {
        const NodeSpec& spec = specOf(node);
        if (spec.memoryBytes) total += spec.memoryBytes(queryFor(node));
        else if (spec.category == Category::Layer || spec.category == Category::Encoder)
            if (auto s = shapeOf(node.id)) total += static_cast<double>(s->size()) * 12.0 * sizeof(double);
    }
    return total;
}

double GraphCompiler::delayRingBytes(std::string* longest)
{
    // Every population keeps its delayed input in two rings (excitatory, inhibitory) of one column per
    // step of the network's longest delay (sim/DelayRing.h).
    double neurons = 0.0, steps = 1.0;
    for (const auto& node : m_graph.nodes) {
        const NodeSpec& spec = specOf(node);
        if (spec.param("delay")) {
            const double d = std::round(queryFor(node).si("delay") / m_graph.experiment.dt);
            if (d > steps && longest) *longest = node.id;
            steps = std::max(steps, d);
        }
        if (!spec.memoryBytes && (spec.category == Category::Layer || spec.category == Category::Encoder))
            if (auto s = shapeOf(node.id)) neurons += static_cast<double>(s->size());
    }
    return 2.0 * (steps + 1.0) * neurons * sizeof(double);
}

namespace {

std::string humanBytes(double bytes)
{
    std::ostringstream os;
    os.precision(3);
    if (bytes >= 1e9) os << bytes / 1e9 << " GB";
    else os << bytes / 1e6 << " MB";
    return os.str();
}

} // namespace

std::optional<Problem> GraphCompiler::memoryProblem()
{
    const double available = physicalMemoryBytes();
    const double needed = estimatedBytes();
    if (available <= 0 || needed <= 0.8 * available) return std::nullopt;
    // The node that needs most: a node's own estimate, or the populations' input rings that the node
    // with the longest delay makes them keep.
    std::string biggest;
    double most = delayRingBytes(&biggest);
    bool rings = !biggest.empty();
    if (!rings) most = -1.0;
    for (const auto& node : m_graph.nodes) {
        const NodeSpec& spec = specOf(node);
        if (!spec.memoryBytes) continue;
        const double b = spec.memoryBytes(queryFor(node));
        if (b > most) most = b, biggest = node.id, rings = false;
    }
    std::string which;
    if (rings) which = " (node '" + biggest + "': its delay makes the populations keep " + humanBytes(most) + " of delayed input)";
    else if (!biggest.empty()) which = " (node '" + biggest + "' alone needs " + humanBytes(most) + ")";
    return Problem{biggest, "memory",
                   "the network needs about " + humanBytes(needed) + " but this machine has " + humanBytes(available) + which};
}

CompiledNetwork GraphCompiler::compile()
{
    const auto problems = validate(m_graph, m_specs);
    if (!problems.empty()) throw BuildError(problems.front().node, problems.front().field, problems.front().message);

    if (auto p = memoryProblem()) throw BuildError(p->node, p->field, p->message);

    m_result = CompiledNetwork{};
    m_result.network = std::make_unique<sim::Network>(m_graph.experiment.dt, m_graph.experiment.seed);
    std::vector<const Node*> order;
    for (const auto& n : m_graph.nodes) order.push_back(&n);
    std::stable_sort(order.begin(), order.end(), [this](const Node* a, const Node* b) {
        return buildPhase(specOf(*a)) < buildPhase(specOf(*b));
    });
    for (const Node* node : order) {
        const NodeSpec& spec = specOf(*node);
        if (!spec.build) continue;
        BuildContext ctx(*this, *node, spec);
        try {
            spec.build(ctx);
        } catch (const sim::ModelError& e) {
            throw BuildError(node->id, "", e.what());
        } catch (const std::bad_alloc&) {
            throw BuildError(node->id, "memory", "out of memory while building this node (the whole network was estimated at " +
                                                     humanBytes(estimatedBytes()) + ")");
        }
    }
    try {
        m_result.network->prepare();
    } catch (const sim::ModelError& e) {
        throw BuildError("", "", e.what());
    } catch (const std::bad_alloc&) {
        throw BuildError("", "memory", "out of memory while preparing the network's state and buffers (estimated at " +
                                           humanBytes(estimatedBytes()) + ")");
    }
    return std::move(m_result);
}

// --- BuildContext ---------------------------------------------------------------------------

BuildContext::BuildContext(GraphCompiler& compiler, const Node& node, const NodeSpec& spec)
    : ParamReader(node, spec), m_compiler(compiler)
{
}

sim::Network& BuildContext::network() { return *m_compiler.result().network; }
CompiledNetwork& BuildContext::result() { return m_compiler.result(); }

int BuildContext::delaySteps(const std::string& key) const
{
    const double steps = si(key) / m_compiler.graph().experiment.dt;
    return std::max(1, static_cast<int>(std::lround(steps)));
}

sim::Shape BuildContext::outputShape() const
{
    auto shape = m_compiler.shapeOf(node().id);
    if (!shape) fail("size", "the size cannot be inferred: set 'size' or wire synapses that define a shape");
    return *shape;
}

sim::Population* BuildContext::inputPopulation(const std::string& port) const
{
    for (const Wire* w : m_compiler.wiresInto(node().id, port)) {
        auto it = m_compiler.result().populations.find(w->from.node);
        if (it != m_compiler.result().populations.end()) return it->second;
    }
    return nullptr;
}

std::vector<sim::Population*> BuildContext::outputPopulations(const std::string& port) const
{
    std::vector<sim::Population*> out;
    for (const Wire* w : m_compiler.wiresFrom(node().id, port)) {
        auto it = m_compiler.result().populations.find(w->to.node);
        if (it != m_compiler.result().populations.end()) out.push_back(it->second);
    }
    return out;
}

sim::Population* BuildContext::outputPopulation(const std::string& port) const
{
    auto all = outputPopulations(port);
    return all.empty() ? nullptr : all.front();
}

sim::Projection* BuildContext::outputProjection(const std::string& port) const
{
    for (const Wire* w : m_compiler.wiresFrom(node().id, port)) {
        auto it = m_compiler.result().projections.find(w->to.node);
        if (it != m_compiler.result().projections.end()) return it->second;
    }
    return nullptr;
}

sim::Projection* BuildContext::inputProjection(const std::string& port) const
{
    for (const Wire* w : m_compiler.wiresInto(node().id, port)) {
        auto it = m_compiler.result().projections.find(w->from.node);
        if (it != m_compiler.result().projections.end()) return it->second;
    }
    return nullptr;
}

DataSource* BuildContext::inputSource(const std::string& port) const
{
    for (const Wire* w : m_compiler.wiresInto(node().id, port)) {
        auto it = m_compiler.result().sources.find(w->from.node);
        if (it != m_compiler.result().sources.end()) return it->second.get();
    }
    return nullptr;
}

void BuildContext::provide(sim::Population& population) { result().populations[node().id] = &population; }
void BuildContext::provide(sim::Projection& projection) { result().projections[node().id] = &projection; }
void BuildContext::provide(std::unique_ptr<DataSource> source) { result().sources[node().id] = std::move(source); }
void BuildContext::addEncoder(SampleEncoder& encoder, DataSource* source) { result().encoders.emplace_back(&encoder, source); }
void BuildContext::addMonitor(Monitor monitor)
{
    monitor.node = node().id;
    result().monitors.push_back(monitor);
}
void BuildContext::addReadout(ReadoutBinding readout)
{
    readout.node = node().id;
    result().readouts.push_back(std::move(readout));
}

} // namespace ss::models
