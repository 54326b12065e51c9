#pragma once
// What a protocol run learnt, saved beside its document (FILE.state) so that the test phase can run
// again without training: `spikestudio run FILE.json --test-only`.
//   weights   of every projection a plasticity rule changes (by synapse node id), bit for bit;
//   theta     adaptive thresholds of the populations that have them, and the excitabilities of
//             stochastic WTA layers (by layer node id);
//   streams   the random stream of every population (encoders included), so that the test samples
//             are encoded into exactly the spikes they got after training;
//   readout   the fitted readout (assignments, ridge weights and scaling, SVM model).
// The state is captured at the end of the label phase. With reset between samples (the protocol's
// default: every sample starts from the initial state) nothing else carries over into the test, so
// the test of a loaded state gives the accuracy of the training run exactly.
//
// File format (version 1), binary, in the machine's byte order:
//   "SPKSTATE", u32 version, u32 0x01020304 (byte order), u64 documentHash,
//   u64 n, n x (string node, u64 count, count x f32 weights),
//   u64 n, n x (string node, u64 count, count x f64 theta),
//   u64 n, n x (string node, 4 x u64 xoshiro256++ words, f64 spare normal, u8 has spare),
//   string readout node ("" for the default vote), u64 count, count bytes of Readout::save.
// Strings are a u64 length and the bytes. The document hash (graphHash) covers what the network is
// made of (node types and parameters, wires, dt, seed), not node positions, notes or the protocol's
// sample counts; a state whose hash differs from the document's is refused as stale.
#include "models/BuildContext.h"
#include "models/Graph.h"
#include "models/readouts/ByteStream.h"
#include "sim/Random.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ss::models {

class ProtocolRunner;

// 2: a CRC-32 of everything before it ends the file, so that a damaged state is refused rather than
// loaded as wrong weights. Version 1 files (without it) are still read.
constexpr std::uint32_t kTrainingStateVersion = 2;

struct TrainingState {
    std::uint64_t documentHash = 0;
    std::map<std::string, std::vector<float>> weights;
    std::map<std::string, std::vector<double>> theta;
    std::map<std::string, sim::Rng::State> streams;
    std::string readoutNode;
    std::vector<char> readout;
};

// FNV-1a (64 bit) of a canonical text of the network: nodes sorted by id with their type and
// parameters (defaults filled in), wires sorted, dt and seed.
std::uint64_t graphHash(const Graph& graph);

// The state of a network and its protocol's readout (after the label phase).
TrainingState captureState(CompiledNetwork& compiled, const ProtocolRunner& runner, std::uint64_t documentHash);
// Checks, without changing anything, that a state fits a compiled network of the document whose
// graphHash is `documentHash`: its nodes exist with the same sizes, it holds the readout the network
// has, and the hash is the same. Throws StateError ("... is stale: ...") naming the node or the count
// that differs, or the hash when only that tells.
void checkState(const TrainingState& state, std::uint64_t documentHash, const CompiledNetwork& compiled);
// Puts a state back into a freshly compiled network of the same document; throws StateError when the
// state does not fit (checkState) or its readout does not decode, and then leaves the network as it was.
void applyState(const TrainingState& state, std::uint64_t documentHash, CompiledNetwork& compiled, ProtocolRunner& runner);

std::vector<char> encodeState(const TrainingState& state);
// `origin` names the file in messages; throws StateError.
TrainingState decodeState(const char* data, std::size_t size, const std::string& origin);

} // namespace ss::models
