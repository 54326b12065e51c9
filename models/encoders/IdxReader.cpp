#include "models/encoders/IdxReader.h"

#include <zlib.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>

namespace ss::models {

namespace {

[[noreturn]] void failFile(const std::string& path, const std::string& message)
{
    throw IdxError("'" + path + "': " + message);
}

std::vector<std::uint8_t> inflateGzip(const std::string& path, std::vector<std::uint8_t>& packed)
{
    if (packed.size() > std::numeric_limits<uInt>::max()) failFile(path, "gzip file larger than 4 GiB");
    // The gzip trailer stores the inflated size modulo 2^32 (RFC 1952), a good first reservation.
    std::size_t hint = 0;
    if (packed.size() >= 18) {
        const auto* t = packed.data() + packed.size() - 4;
        hint = std::size_t{t[0]} | std::size_t{t[1]} << 8 | std::size_t{t[2]} << 16 | std::size_t{t[3]} << 24;
    }
    // A corrupt trailer must not make us allocate gigabytes: deflate expands at most 1032:1.
    const std::size_t bound = packed.size() * 1032;
    std::vector<std::uint8_t> out(std::max<std::size_t>(hint > 0 && hint <= bound ? hint : 4 * packed.size(), 1 << 16));

    z_stream zs{};
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) failFile(path, "cannot start the gzip decoder");
    zs.next_in = packed.data();
    zs.avail_in = static_cast<uInt>(packed.size());
    std::size_t produced = 0;
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        if (produced == out.size()) out.resize(out.size() * 2);
        const std::size_t room = std::min<std::size_t>(out.size() - produced, std::numeric_limits<uInt>::max());
        zs.next_out = out.data() + produced;
        zs.avail_out = static_cast<uInt>(room);
        rc = inflate(&zs, Z_NO_FLUSH);
        produced += room - zs.avail_out;
        if (rc == Z_STREAM_END) break;
        if (rc == Z_BUF_ERROR && zs.avail_in == 0) {
            inflateEnd(&zs);
            failFile(path, "truncated gzip data: the compressed stream ends early");
        }
        if (rc != Z_OK && rc != Z_BUF_ERROR) {
            const std::string why = zs.msg ? zs.msg : "error " + std::to_string(rc);
            inflateEnd(&zs);
            failFile(path, "corrupt gzip data (" + why + ")");
        }
        if (rc == Z_OK && zs.avail_in == 0 && zs.avail_out != 0) {
            inflateEnd(&zs);
            failFile(path, "truncated gzip data: the compressed stream ends early");
        }
    }
    inflateEnd(&zs);
    out.resize(produced);
    return out;
}

} // namespace

std::vector<std::uint8_t> readMaybeGzip(const std::string& path)
{
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) failFile(path, "is a folder, not a file");
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) failFile(path, "cannot open the file (missing or unreadable)");
    const std::streamoff end = in.tellg();
    if (end < 0) failFile(path, "cannot read the file's size");
    const auto size = static_cast<std::size_t>(end);
    in.seekg(0);
    std::vector<std::uint8_t> bytes(size);
    if (size > 0 && !in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size)))
        failFile(path, "read error");
    if (bytes.size() >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b) return inflateGzip(path, bytes);
    return bytes;
}

std::vector<std::uint32_t> readIdxDims(const std::string& path)
{
    // gzread passes files without the gzip magic through unchanged.
    gzFile f = gzopen(path.c_str(), "rb");
    if (!f) failFile(path, "cannot open the file (missing or unreadable)");
    std::uint8_t head[4 + 4 * 255];
    const int got = gzread(f, head, sizeof head);
    gzclose(f);
    if (got < 4 || head[0] != 0 || head[1] != 0 || head[2] != 0x08)
        failFile(path, "not an unsigned-byte IDX file (expected the magic 00 00 08 dd)");
    const int d = head[3];
    if (got < 4 + 4 * d) failFile(path, "truncated IDX header");
    std::vector<std::uint32_t> dims;
    for (int i = 0; i < d; ++i) {
        const std::uint8_t* p = head + 4 + 4 * i;
        dims.push_back(std::uint32_t{p[0]} << 24 | std::uint32_t{p[1]} << 16 | std::uint32_t{p[2]} << 8 | p[3]);
    }
    return dims;
}

IdxArray readIdx(const std::string& path)
{
    const std::vector<std::uint8_t> bytes = readMaybeGzip(path);
    if (bytes.size() < 4)
        failFile(path,
                 "not an IDX file: " + std::to_string(bytes.size()) + " bytes, expected at least a 4-byte header");
    if (bytes[0] != 0 || bytes[1] != 0)
        failFile(path, "not an IDX file: the magic number must start with two zero bytes");
    if (bytes[2] != 0x08) {
        static const char* hex = "0123456789abcdef";
        failFile(path, std::string("IDX element type 0x") + hex[bytes[2] >> 4] + hex[bytes[2] & 15] +
                           " is not supported; expected 0x08 (unsigned bytes)");
    }
    const std::size_t d = bytes[3];
    if (d == 0) failFile(path, "IDX header declares zero dimensions");
    const std::size_t header = 4 + 4 * d;
    if (bytes.size() < header)
        failFile(path, "truncated IDX header: expected " + std::to_string(header) + " bytes for " + std::to_string(d) +
                           " dimensions, found " + std::to_string(bytes.size()));
    IdxArray a;
    std::size_t elements = 1;
    for (std::size_t i = 0; i < d; ++i) {
        const auto* p = bytes.data() + 4 + 4 * i;
        const std::uint32_t n = std::uint32_t{p[0]} << 24 | std::uint32_t{p[1]} << 16 | std::uint32_t{p[2]} << 8 | p[3];
        a.dims.push_back(n);
        if (n != 0 && elements > (std::size_t{1} << 40) / n) failFile(path, "IDX dimensions are implausibly large");
        elements *= n;
    }
    const std::size_t found = bytes.size() - header;
    if (found < elements)
        failFile(path, "truncated IDX data: the header declares " + std::to_string(elements) +
                           " bytes of data, found " + std::to_string(found));
    if (found > elements)
        failFile(path, "IDX data longer than its header declares: expected " + std::to_string(elements) +
                           " bytes of data, found " + std::to_string(found));
    a.data.assign(bytes.begin() + static_cast<std::ptrdiff_t>(header), bytes.end());
    return a;
}

IdxDataset loadIdxDataset(const std::string& imagesPath, const std::string& labelsPath, std::size_t maxCount)
{
    IdxArray images = readIdx(imagesPath);
    if (images.dims.size() != 3)
        failFile(imagesPath, "expected an image file with 3 dimensions (idx3: count x rows x columns), found " +
                                 std::to_string(images.dims.size()));
    IdxDataset ds;
    ds.n = images.dims[0];
    ds.rows = images.dims[1];
    ds.cols = images.dims[2];
    if (ds.rows == 0 || ds.cols == 0) failFile(imagesPath, "images have zero rows or columns");
    ds.pixels = std::move(images.data);
    if (!labelsPath.empty()) {
        IdxArray labels = readIdx(labelsPath);
        if (labels.dims.size() != 1)
            failFile(labelsPath, "expected a label file with 1 dimension (idx1), found " +
                                     std::to_string(labels.dims.size()));
        if (labels.dims[0] != ds.n)
            failFile(labelsPath, "has " + std::to_string(labels.dims[0]) + " labels but '" + imagesPath + "' has " +
                                     std::to_string(ds.n) + " images");
        ds.labels = std::move(labels.data);
    }
    if (maxCount > 0 && maxCount < ds.n) {
        ds.n = maxCount;
        ds.pixels.resize(ds.n * ds.rows * ds.cols);
        if (!ds.labels.empty()) ds.labels.resize(ds.n);
    }
    return ds;
}

std::string expandDataPath(const std::string& path)
{
    static const std::string key = "${DATA}";
    if (path.compare(0, key.size(), key) != 0) return path;
    if (path.size() > key.size() && path[key.size()] != '/') return path;
    const char* env = std::getenv("SPIKESTUDIO_DATA");
    const std::string root = env && *env ? env : "data";
    return root + path.substr(key.size());
}

} // namespace ss::models
