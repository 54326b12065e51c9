#include "models/export/NpzWriter.h"

#include <array>
#include <fstream>
#include <initializer_list>
#include <stdexcept>

namespace ss::models::exporting {

namespace {

// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as ZIP requires for every member.
std::uint32_t crc32(const std::string& bytes)
{
    static const std::array<std::uint32_t, 256> table = [] {
        std::array<std::uint32_t, 256> t{};
        for (std::uint32_t n = 0; n < 256; ++n) {
            std::uint32_t c = n;
            for (int k = 0; k < 8; ++k) c = (c & 1u) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[n] = c;
        }
        return t;
    }();
    std::uint32_t c = 0xFFFFFFFFu;
    for (unsigned char b : bytes) c = table[(c ^ b) & 0xFFu] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

// Little-endian fields of 2 or 4 bytes, in order.
struct Field {
    int bytes;
    std::uint32_t value;
};

void put(std::string& out, std::initializer_list<Field> fields)
{
    for (const Field& f : fields)
        for (int k = 0; k < f.bytes; ++k) out.push_back(static_cast<char>((f.value >> (8 * k)) & 0xFF));
}

} // namespace

void NpzWriter::add(const std::string& name, const std::vector<std::int32_t>& values)
{
    addRaw(name, "<i4", values.data(), values.size() * sizeof(std::int32_t), values.size());
}

void NpzWriter::add(const std::string& name, const std::vector<double>& values)
{
    addRaw(name, "<f8", values.data(), values.size() * sizeof(double), values.size());
}

void NpzWriter::addRaw(const std::string& name, const char* descr, const void* data, std::size_t bytes,
                       std::size_t count)
{
    std::string header =
        "{'descr': '" + std::string(descr) + "', 'fortran_order': False, 'shape': (" + std::to_string(count) + ",), }";
    // Magic (6) + version (2) + header length (2) + header, padded with spaces and a newline to 64 bytes.
    while ((10 + header.size() + 1) % 64 != 0) header.push_back(' ');
    header.push_back('\n');
    std::string npy("\x93NUMPY\x01\x00", 8);
    put(npy, {{2, static_cast<std::uint32_t>(header.size())}});
    npy += header;
    npy.append(static_cast<const char*>(data), bytes);
    m_entries.push_back({name, std::move(npy)});
}

void NpzWriter::write(const std::string& path) const
{
    std::string zip, central;
    for (const Entry& e : m_entries) {
        const std::string file = e.name + ".npy";
        if (e.bytes.size() >= 0xFFFFFFFFu || zip.size() >= 0xFFFFFFFFu)
            throw std::runtime_error("cannot write " + path + ": array '" + e.name +
                                     "' is too large for a ZIP archive");
        const std::uint32_t crc = crc32(e.bytes);
        const auto size = static_cast<std::uint32_t>(e.bytes.size());
        const auto offset = static_cast<std::uint32_t>(zip.size());
        const auto nameLength = static_cast<std::uint32_t>(file.size());
        // Local file header: signature, version 2.0 needed, no flags, stored (method 0), DOS time 0 and
        // date 1980-01-01, CRC-32, compressed and plain sizes, name length, no extra field.
        put(zip, {{4, 0x04034b50u}, {2, 20}, {2, 0}, {2, 0}, {2, 0}, {2, 0x21}, {4, crc}, {4, size}, {4, size},
                  {2, nameLength}, {2, 0}});
        zip += file;
        zip += e.bytes;
        // Central directory entry: the same, plus version made by, comment length, disk number, internal
        // and external attributes and the offset of the local header.
        put(central, {{4, 0x02014b50u}, {2, 20}, {2, 20}, {2, 0}, {2, 0}, {2, 0}, {2, 0x21}, {4, crc}, {4, size},
                      {4, size}, {2, nameLength}, {2, 0}, {2, 0}, {2, 0}, {2, 0}, {4, 0}, {4, offset}});
        central += file;
    }
    const auto count = static_cast<std::uint32_t>(m_entries.size());
    const auto centralOffset = static_cast<std::uint32_t>(zip.size());
    zip += central;
    // End of central directory: signature, disk numbers, entries on this disk and in all, size and
    // offset of the central directory, no comment.
    put(zip, {{4, 0x06054b50u}, {2, 0}, {2, 0}, {2, count}, {2, count}, {4, static_cast<std::uint32_t>(central.size())},
              {4, centralOffset}, {2, 0}});
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + path);
    out.write(zip.data(), static_cast<std::streamsize>(zip.size()));
    if (!out) throw std::runtime_error("cannot write " + path);
}

} // namespace ss::models::exporting
