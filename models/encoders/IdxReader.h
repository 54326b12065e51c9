#pragma once
// Reader for the IDX format of LeCun's MNIST distribution (also Fashion-MNIST, EMNIST, KMNIST).
//
// Layout (all integers big-endian):
//   bytes 0-1   zero
//   byte  2     element type: 0x08 unsigned byte (the only type read here), 0x09 signed byte,
//               0x0B short, 0x0C int, 0x0D float, 0x0E double
//   byte  3     number of dimensions d (1 for labels "idx1", 3 for images "idx3")
//   4 * d bytes the size of each dimension
//   then the elements in row-major order: dim0 * dim1 * ... bytes for unsigned bytes.
// Files may be raw or gzip-compressed; gzip is recognised by its magic bytes 1f 8b (RFC 1952), not by
// the file name. Every error names the file and says what was expected.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace ss::models {

class IdxError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// One IDX file: its dimensions and its unsigned bytes.
struct IdxArray {
    std::vector<std::uint32_t> dims;
    std::vector<std::uint8_t> data;
};

// Images with their labels: pixel (k, y, x) is pixels[(k * rows + y) * cols + x]; labels is empty
// when no label file was given.
struct IdxDataset {
    std::size_t n = 0;
    std::size_t rows = 0;
    std::size_t cols = 0;
    std::vector<std::uint8_t> pixels;
    std::vector<std::uint8_t> labels;
};

// The whole file, inflated when it starts with the gzip magic.
std::vector<std::uint8_t> readMaybeGzip(const std::string& path);

// The dimensions of an unsigned-byte IDX file from its header alone (for shape inference).
std::vector<std::uint32_t> readIdxDims(const std::string& path);

// An unsigned-byte IDX file with any number of dimensions.
IdxArray readIdx(const std::string& path);

// Images (idx3: n x rows x cols) and, when labelsPath is not empty, labels (idx1: n). maxCount > 0 keeps
// only the first maxCount samples.
IdxDataset loadIdxDataset(const std::string& imagesPath, const std::string& labelsPath, std::size_t maxCount = 0);

// "${DATA}/..." becomes "$SPIKESTUDIO_DATA/...", or "data/..." (relative to the working directory) when
// the variable is unset or empty. Other paths are returned unchanged.
std::string expandDataPath(const std::string& path);

} // namespace ss::models
