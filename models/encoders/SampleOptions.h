#pragma once
// What the image sources (IDX files, image folders) share: the order and the subset of the samples,
// their preprocessing, the standard file names of the train and test splits, and the final build step.
#include "models/BuildContext.h"
#include "models/encoders/IdxReader.h"

#include <utility>

namespace ss::models {

// Keeps the samples in file order or in a seeded random order (Fisher-Yates with sim::Rng(seed, 0)),
// then the first `count` of them (0: all).
IdxDataset arrangeSamples(IdxDataset data, bool shuffle, std::uint64_t seed, std::size_t count);

// The images and labels files of a split in an IDX folder: "train-images-idx3-ubyte" and
// "train-labels-idx1-ubyte" (or "t10k-..."), raw or with ".gz". Throws IdxError naming the folder and
// the file names looked for.
std::pair<std::string, std::string> idxSplitFiles(const std::string& folder, bool train);

// Parameters "count", "order", "seed", "normalise", "scale", "index".
std::vector<ParamSpec> sampleOptionParams();

// Orders and cuts `data` as the node's parameters say, checks "index" and provides the source.
void provideSamples(BuildContext& ctx, IdxDataset data, const std::string& origin);

} // namespace ss::models
