#pragma once
// Seeded random streams. Every stochastic object owns one stream derived from the network seed and
// its own index, so that the same network and seed give bit-identical spikes whatever the order in
// which objects draw. Generator: xoshiro256++ (Blackman & Vigna 2019), seeded through SplitMix64.
#include <cmath>
#include <cstdint>

namespace ss::sim {

class Rng {
public:
    Rng() : Rng(1, 0) {}
    Rng(std::uint64_t seed, std::uint64_t stream)
    {
        std::uint64_t x = seed ^ (0x9E3779B97F4A7C15ull * (stream + 1));
        for (auto& word : m_s) word = splitMix(x);
    }

    // The whole state of the stream, so that a saved training state continues it bit for bit.
    struct State {
        std::uint64_t words[4];
        double spare;
        bool hasSpare;
    };
    State state() const { return {{m_s[0], m_s[1], m_s[2], m_s[3]}, m_spare, m_hasSpare}; }
    void setState(const State& s)
    {
        for (int i = 0; i < 4; ++i) m_s[i] = s.words[i];
        m_spare = s.spare;
        m_hasSpare = s.hasSpare;
    }

    std::uint64_t next()
    {
        const std::uint64_t result = rotl(m_s[0] + m_s[3], 23) + m_s[0];
        const std::uint64_t t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = rotl(m_s[3], 45);
        return result;
    }

    // Uniform in [0, 1) with 53 random bits.
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

    // Uniform integer in [0, n).
    std::uint64_t below(std::uint64_t n) { return static_cast<std::uint64_t>(uniform() * static_cast<double>(n)); }

    // Standard normal (Marsaglia polar method); caches the second value.
    double normal()
    {
        if (m_hasSpare) {
            m_hasSpare = false;
            return m_spare;
        }
        double u, v, s;
        do {
            u = 2.0 * uniform() - 1.0;
            v = 2.0 * uniform() - 1.0;
            s = u * u + v * v;
        } while (s >= 1.0 || s == 0.0);
        const double f = std::sqrt(-2.0 * std::log(s) / s);
        m_spare = v * f;
        m_hasSpare = true;
        return u * f;
    }

    // Number of failures before the first success with probability p (p in (0, 1]), used to skip
    // through Bernoulli trials in O(expected successes).
    std::uint64_t geometric(double logOneMinusP)
    {
        if (logOneMinusP == 0.0) return UINT64_MAX;
        const double u = 1.0 - uniform(); // (0, 1]
        const double k = std::floor(std::log(u) / logOneMinusP);
        return k >= 1.8e19 ? UINT64_MAX : static_cast<std::uint64_t>(k);
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    static std::uint64_t splitMix(std::uint64_t& x)
    {
        std::uint64_t z = (x += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }

    std::uint64_t m_s[4];
    double m_spare = 0.0;
    bool m_hasSpare = false;
};

} // namespace ss::sim
