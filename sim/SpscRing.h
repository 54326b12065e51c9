#pragma once
// A bounded single-producer / single-consumer queue without locks: the simulation thread pushes, the
// GUI thread pops. push() never waits: when the ring is full it returns false and the producer counts
// what it could not hand over. Capacity is fixed at construction (no allocation afterwards).
#include <atomic>
#include <cstddef>
#include <vector>

namespace ss::sim {

template <class T> class SpscRing {
public:
    explicit SpscRing(std::size_t capacity) : m_items(capacity + 1) {}

    // Producer side.
    bool push(const T& item)
    {
        const std::size_t head = m_head.load(std::memory_order_relaxed);
        const std::size_t next = head + 1 == m_items.size() ? 0 : head + 1;
        if (next == m_tail.load(std::memory_order_acquire)) return false;
        m_items[head] = item;
        m_head.store(next, std::memory_order_release);
        return true;
    }

    // Consumer side: moves up to `max` items into `out` (appending); returns how many.
    std::size_t popInto(std::vector<T>& out, std::size_t max = static_cast<std::size_t>(-1))
    {
        std::size_t tail = m_tail.load(std::memory_order_relaxed);
        const std::size_t head = m_head.load(std::memory_order_acquire);
        std::size_t n = 0;
        while (tail != head && n < max) {
            out.push_back(m_items[tail]);
            tail = tail + 1 == m_items.size() ? 0 : tail + 1;
            ++n;
        }
        m_tail.store(tail, std::memory_order_release);
        return n;
    }

    std::size_t capacity() const { return m_items.size() - 1; }
    // Approximate when read from the other side.
    std::size_t size() const
    {
        const std::size_t h = m_head.load(std::memory_order_acquire), t = m_tail.load(std::memory_order_acquire);
        return h >= t ? h - t : h + m_items.size() - t;
    }

private:
    std::vector<T> m_items;
    alignas(64) std::atomic<std::size_t> m_head{0};
    alignas(64) std::atomic<std::size_t> m_tail{0};
};

} // namespace ss::sim
