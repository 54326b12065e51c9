#include "models/TrainingState.h"

#include "models/Catalogue.h"
#include "models/Protocol.h"
#include "models/neurons/LifPopulation.h"
#include "models/neurons/SwtaPopulation.h"
#include "sim/ConvProjection.h"
#include "sim/DenseProjection.h"
#include "sim/SparseProjection.h"

#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <span>

namespace ss::models {

namespace {

constexpr char kMagic[8] = {'S', 'P', 'K', 'S', 'T', 'A', 'T', 'E'};

std::uint32_t checksum(const char* data, std::size_t size)
{
    uLong crc = crc32_z(0L, Z_NULL, 0);
    return static_cast<std::uint32_t>(crc32_z(crc, reinterpret_cast<const Bytef*>(data), size));
}
constexpr std::uint32_t kByteOrder = 0x01020304;

// The weights a rule learns, in the projection's own storage order; empty for kinds without learnable
// weights of their own.
std::span<float> weightStorage(sim::Projection& p)
{
    if (auto* d = dynamic_cast<sim::DenseProjection*>(&p)) return {d->weights().data(), static_cast<std::size_t>(d->weights().size())};
    if (auto* s = dynamic_cast<sim::SparseProjection*>(&p)) return {s->weights().data(), s->weights().size()};
    if (auto* c = dynamic_cast<sim::ConvProjection*>(&p)) return {c->kernels().data(), c->kernels().size()};
    return {};
}

Eigen::ArrayXd* thetaOf(sim::Population& p)
{
    // The learned excitabilities of a stochastic WTA layer are kept as its thresholds are.
    if (auto* swta = dynamic_cast<SwtaPopulation*>(&p)) return &swta->bias();
    auto* lif = dynamic_cast<LifPopulation*>(&p);
    return lif && lif->params().adaptation == LifParams::Adaptation::Theta ? &lif->theta() : nullptr;
}

std::string hex(std::uint64_t v)
{
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(v));
    return text;
}

class Fnv {
public:
    void add(const std::string& s)
    {
        for (unsigned char c : s) m_h = (m_h ^ c) * 0x100000001b3ull;
        m_h = (m_h ^ 0xffu) * 0x100000001b3ull; // separator, so that "ab"+"c" differs from "a"+"bc"
    }
    std::uint64_t value() const { return m_h; }

private:
    std::uint64_t m_h = 0xcbf29ce484222325ull;
};

std::string canonical(const ParamValue& v)
{
    return std::visit(
        [](const auto& x) -> std::string {
            using T = std::decay_t<decltype(x)>;
            char text[40];
            if constexpr (std::is_same_v<T, double>) std::snprintf(text, sizeof text, "r%.17g", x);
            else if constexpr (std::is_same_v<T, std::int64_t>) std::snprintf(text, sizeof text, "i%lld", static_cast<long long>(x));
            else if constexpr (std::is_same_v<T, bool>) return x ? "btrue" : "bfalse";
            else return "s" + x;
            return text;
        },
        v);
}

} // namespace

std::uint64_t graphHash(const Graph& graph)
{
    Fnv h;
    char text[64];
    std::snprintf(text, sizeof text, "dt %.17g seed %llu", graph.experiment.dt, static_cast<unsigned long long>(graph.experiment.seed));
    h.add(text);
    std::vector<const Node*> nodes;
    for (const Node& n : graph.nodes) nodes.push_back(&n);
    std::sort(nodes.begin(), nodes.end(), [](const Node* a, const Node* b) { return a->id < b->id; });
    for (const Node* n : nodes) {
        h.add("node " + n->id + " " + n->type);
        // Declared parameters with their defaults filled in, so that writing out a default value (as the
        // inspector does) leaves the hash as it was.
        std::map<std::string, ParamValue> params = n->params;
        if (const NodeSpec* spec = findSpec(n->type))
            for (const ParamSpec& p : spec->params) params.try_emplace(p.key, p.defaultValue);
        for (const auto& [key, value] : params) h.add(key + "=" + canonical(value));
    }
    std::vector<std::string> wires;
    for (const Wire& w : graph.wires) wires.push_back(w.from.toString() + "->" + w.to.toString());
    std::sort(wires.begin(), wires.end());
    for (const auto& w : wires) h.add("wire " + w);
    return h.value();
}

TrainingState captureState(CompiledNetwork& compiled, const ProtocolRunner& runner, std::uint64_t documentHash)
{
    TrainingState state;
    state.documentHash = documentHash;
    for (const auto& rule : compiled.network->rules())
        for (const auto& [id, projection] : compiled.projections)
            if (projection == &rule->projection()) {
                const std::span<float> w = weightStorage(*projection);
                if (w.empty()) throw StateError("the weights of synapse node '" + id + "' cannot be saved");
                state.weights[id].assign(w.begin(), w.end());
            }
    for (const auto& [id, pop] : compiled.populations) {
        if (const Eigen::ArrayXd* theta = thetaOf(*pop)) state.theta[id].assign(theta->data(), theta->data() + theta->size());
        state.streams[id] = pop->rng().state();
    }
    state.readoutNode = runner.readoutNode();
    ByteWriter readout;
    runner.classifier().save(readout);
    state.readout = readout.bytes();
    return state;
}

namespace {

template <class Map> auto findNode(const Map& map, const std::string& id, const char* what)
{
    const auto it = map.find(id);
    if (it == map.end() || !it->second)
        throw StateError("the training state is stale: its node '" + id + "' is not a " + what + " of this network");
    return it->second;
}

std::string readoutName(const std::string& node)
{
    return node.empty() ? std::string("the default vote") : "node '" + node + "'";
}

} // namespace

void checkState(const TrainingState& state, std::uint64_t documentHash, const CompiledNetwork& compiled)
{
    // What can be named first (a node, a count), then the hash, which only says that something changed.
    for (const auto& [id, w] : state.weights) {
        const std::span<float> target = weightStorage(*findNode(compiled.projections, id, "synapse node"));
        if (target.size() != w.size())
            throw StateError("the training state is stale: synapse node '" + id + "' has " + std::to_string(w.size()) +
                             " weights in the state, " + std::to_string(target.size()) + " in the network");
    }
    for (const auto& [id, theta] : state.theta) {
        sim::Population* pop = findNode(compiled.populations, id, "layer");
        const Eigen::ArrayXd* target = thetaOf(*pop);
        if (!target)
            throw StateError("the training state is stale: it holds adaptive thresholds for layer '" + id +
                             "', which has none in this network");
        if (static_cast<std::size_t>(pop->size()) != theta.size())
            throw StateError("the training state is stale: layer '" + id + "' has " + std::to_string(theta.size()) +
                             " neurons in the state, " + std::to_string(pop->size()) + " in the network");
    }
    for (const auto& [id, stream] : state.streams) findNode(compiled.populations, id, "layer");
    const std::string readoutNode = compiled.readouts.empty() ? std::string() : compiled.readouts.front().node;
    if (state.readoutNode != readoutNode)
        throw StateError("the training state is stale: it holds the readout of " + readoutName(state.readoutNode) +
                         ", the protocol reads " + readoutName(readoutNode));
    if (state.documentHash != documentHash)
        throw StateError("the training state is stale: it was saved for another version of the document (a changed "
                         "parameter, node or wire; hash " + hex(state.documentHash) + ", the document is now " +
                         hex(documentHash) + "); train again to save a new one");
}

void applyState(const TrainingState& state, std::uint64_t documentHash, CompiledNetwork& compiled, ProtocolRunner& runner)
{
    checkState(state, documentHash, compiled);
    if (state.readoutNode != runner.readoutNode())
        throw StateError("the training state holds the readout of " + readoutName(state.readoutNode) +
                         ", the protocol reads " + readoutName(runner.readoutNode()));
    // The readout first: bytes that do not decode leave the network as it was.
    ByteReader in(state.readout.data(), state.readout.size(), "the readout of the training state");
    runner.classifier().load(in);
    sim::Network& net = *compiled.network;
    if (!net.prepared()) net.prepare(); // prepare() sets the streams and zeroes theta: restore after it
    for (const auto& [id, w] : state.weights) {
        const std::span<float> target = weightStorage(*compiled.projections.at(id));
        std::copy(w.begin(), w.end(), target.begin());
    }
    for (const auto& [id, theta] : state.theta) std::copy(theta.begin(), theta.end(), thetaOf(*compiled.populations.at(id))->data());
    for (const auto& [id, stream] : state.streams) compiled.populations.at(id)->rng().setState(stream);
}

std::vector<char> encodeState(const TrainingState& state)
{
    ByteWriter out;
    for (char c : kMagic) out.put(c);
    out.put(kTrainingStateVersion);
    out.put(kByteOrder);
    out.put(state.documentHash);
    out.put<std::uint64_t>(state.weights.size());
    for (const auto& [id, w] : state.weights) out.putString(id), out.putVector(w);
    out.put<std::uint64_t>(state.theta.size());
    for (const auto& [id, t] : state.theta) out.putString(id), out.putVector(t);
    out.put<std::uint64_t>(state.streams.size());
    for (const auto& [id, s] : state.streams) {
        out.putString(id);
        for (std::uint64_t w : s.words) out.put(w);
        out.put(s.spare);
        out.put<std::uint8_t>(s.hasSpare ? 1 : 0);
    }
    out.putString(state.readoutNode);
    out.putVector(state.readout);
    std::vector<char> bytes = out.bytes();
    const std::uint32_t crc = checksum(bytes.data(), bytes.size());
    const auto* c = reinterpret_cast<const char*>(&crc);
    bytes.insert(bytes.end(), c, c + sizeof crc);
    return bytes;
}

TrainingState decodeState(const char* data, std::size_t size, const std::string& origin)
{
    std::uint32_t version = 0;
    if (size < sizeof kMagic + sizeof version || std::memcmp(data, kMagic, sizeof kMagic) != 0)
        throw StateError(origin + ": not a SpikeStudio training state");
    std::memcpy(&version, data + sizeof kMagic, sizeof version);
    if (version > kTrainingStateVersion)
        throw StateError(origin + ": training state version " + std::to_string(version) + " was written by a newer SpikeStudio (this one reads up to " +
                         std::to_string(kTrainingStateVersion) + ")");
    if (version >= 2) {
        std::uint32_t stored = 0;
        if (size < sizeof kMagic + sizeof version + sizeof stored) throw StateError(origin + ": the file is cut short");
        size -= sizeof stored;
        std::memcpy(&stored, data + size, sizeof stored);
        if (checksum(data, size) != stored)
            throw StateError(origin + ": the file is damaged (its checksum does not match its contents); train again to save a new one");
    }
    ByteReader in(data + sizeof kMagic + sizeof version, size - sizeof kMagic - sizeof version, origin);
    if (in.get<std::uint32_t>() != kByteOrder) throw StateError(origin + ": written on a machine of the other byte order");
    TrainingState state;
    state.documentHash = in.get<std::uint64_t>();
    for (auto n = in.get<std::uint64_t>(); n > 0; --n) {
        std::string id = in.getString();
        state.weights[id] = in.getVector<float>();
    }
    for (auto n = in.get<std::uint64_t>(); n > 0; --n) {
        std::string id = in.getString();
        state.theta[id] = in.getVector<double>();
    }
    for (auto n = in.get<std::uint64_t>(); n > 0; --n) {
        std::string id = in.getString();
        sim::Rng::State s{};
        for (auto& w : s.words) w = in.get<std::uint64_t>();
        s.spare = in.get<double>();
        s.hasSpare = in.get<std::uint8_t>() != 0;
        state.streams[id] = s;
    }
    state.readoutNode = in.getString();
    state.readout = in.getVector<char>();
    if (!in.atEnd()) throw StateError(origin + ": unexpected data after the training state");
    return state;
}

} // namespace ss::models
