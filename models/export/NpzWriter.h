#pragma once
// Writes NumPy's .npz archive (numpy.load reads it): a ZIP file, stored without compression, of one
// .npy file per array (NumPy format version 1.0: magic, a header dictionary padded to 64 bytes, then
// the raw little-endian data). Little-endian hosts only, as every machine SpikeStudio builds for.
#include <cstdint>
#include <string>
#include <vector>

namespace ss::models::exporting {

class NpzWriter {
public:
    void add(const std::string& name, const std::vector<std::int32_t>& values);
    void add(const std::string& name, const std::vector<double>& values);
    // Throws std::runtime_error naming the file when it cannot be written.
    void write(const std::string& path) const;

private:
    struct Entry {
        std::string name;  // without ".npy"
        std::string bytes; // the whole .npy file
    };
    void addRaw(const std::string& name, const char* descr, const void* data, std::size_t bytes, std::size_t count);
    std::vector<Entry> m_entries;
};

} // namespace ss::models::exporting
