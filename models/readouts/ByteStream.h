#pragma once
// Little binary writer and reader for saved training states (TrainingState.h) and readout models:
// values in the machine's byte order (the file records it), lengths as 64-bit counts. The reader
// refuses to read past the end with StateError, so a truncated file gives a clear message.
#include <Eigen/Core>

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace ss::models {

class StateError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class ByteWriter {
public:
    template <class T> void put(const T& value)
    {
        static_assert(std::is_trivially_copyable_v<T>);
        const auto* p = reinterpret_cast<const char*>(&value);
        m_bytes.insert(m_bytes.end(), p, p + sizeof(T));
    }
    void putString(const std::string& s)
    {
        put<std::uint64_t>(s.size());
        m_bytes.insert(m_bytes.end(), s.begin(), s.end());
    }
    template <class T> void putArray(const T* data, std::size_t n)
    {
        put<std::uint64_t>(n);
        const auto* p = reinterpret_cast<const char*>(data);
        m_bytes.insert(m_bytes.end(), p, p + n * sizeof(T));
    }
    template <class T> void putVector(const std::vector<T>& v) { putArray(v.data(), v.size()); }
    // A dense matrix: rows, columns, then the values in column-major order.
    template <class Derived> void putMatrix(const Eigen::DenseBase<Derived>& m)
    {
        const Eigen::MatrixXd copy = m.derived().template cast<double>().matrix();
        put<std::int64_t>(copy.rows());
        put<std::int64_t>(copy.cols());
        putArray(copy.data(), static_cast<std::size_t>(copy.size()));
    }
    const std::vector<char>& bytes() const { return m_bytes; }

private:
    std::vector<char> m_bytes;
};

class ByteReader {
public:
    ByteReader(const char* data, std::size_t size, std::string what) : m_p(data), m_end(data + size), m_what(std::move(what)) {}

    template <class T> T get()
    {
        static_assert(std::is_trivially_copyable_v<T>);
        T value;
        std::memcpy(&value, take(sizeof(T)), sizeof(T));
        return value;
    }
    std::string getString()
    {
        const auto n = count(1);
        const char* p = take(n);
        return std::string(p, n);
    }
    template <class T> std::vector<T> getVector()
    {
        const auto n = count(sizeof(T));
        std::vector<T> v(n);
        if (n) std::memcpy(v.data(), take(n * sizeof(T)), n * sizeof(T));
        return v;
    }
    Eigen::MatrixXd getMatrix()
    {
        const auto rows = get<std::int64_t>(), cols = get<std::int64_t>();
        const std::vector<double> values = getVector<double>();
        if (rows < 0 || cols < 0 || static_cast<std::size_t>(rows * cols) != values.size())
            throw StateError(m_what + ": a matrix of the wrong size");
        return Eigen::Map<const Eigen::MatrixXd>(values.data(), rows, cols);
    }
    bool atEnd() const { return m_p == m_end; }
    const std::string& what() const { return m_what; }

private:
    std::size_t count(std::size_t itemSize)
    {
        const auto n = get<std::uint64_t>();
        if (n > static_cast<std::uint64_t>(m_end - m_p) / itemSize) throw StateError(m_what + ": truncated or corrupt");
        return static_cast<std::size_t>(n);
    }
    const char* take(std::size_t n)
    {
        if (static_cast<std::size_t>(m_end - m_p) < n) throw StateError(m_what + ": truncated or corrupt");
        const char* p = m_p;
        m_p += n;
        return p;
    }
    const char* m_p;
    const char* m_end;
    std::string m_what;
};

} // namespace ss::models
