#include "sim/ThresholdScan.h"

#include <cstdint>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define SPIKESTUDIO_X86_SCAN 1
#endif

namespace ss::sim {

namespace {

template <bool Theta>
void findScalar(Index from, Index n, const double* v, const double* theta, double bar, Index offset, std::vector<Index>& found)
{
    for (Index i = from; i < n; ++i)
        if (v[i] - (Theta ? theta[i] : 0.0) >= bar) found.push_back(offset + i);
}

// Appends the set bits of `bits` (bit k: neuron first + k) in increasing order.
inline void appendBits(std::uint64_t bits, Index first, std::vector<Index>& found)
{
    for (; bits != 0; bits &= bits - 1) found.push_back(first + static_cast<Index>(__builtin_ctzll(bits)));
}

#ifdef SPIKESTUDIO_X86_SCAN

// The two loops below differ only in their instruction set. Each is compiled for its own (`target`),
// and a loop shared as a template could not inline a compare built for a wider set than its own.

// Bit k: v[i + k] - theta[i + k] >= bar, for k < 8 (AVX-512) or k < 4 (AVX2).
template <bool Theta>
__attribute__((target("avx512f"), always_inline)) inline std::uint64_t mask8(const double* v, const double* theta, Index i, __m512d level)
{
    __m512d x = _mm512_loadu_pd(v + i);
    if constexpr (Theta) x = _mm512_sub_pd(x, _mm512_loadu_pd(theta + i));
    return _mm512_cmp_pd_mask(x, level, _CMP_GE_OQ);
}

template <bool Theta>
__attribute__((target("avx2"), always_inline)) inline std::uint64_t mask4(const double* v, const double* theta, Index i, __m256d level)
{
    __m256d x = _mm256_loadu_pd(v + i);
    if constexpr (Theta) x = _mm256_sub_pd(x, _mm256_loadu_pd(theta + i));
    return static_cast<std::uint64_t>(_mm256_movemask_pd(_mm256_cmp_pd(x, level, _CMP_GE_OQ)));
}

template <bool Theta>
__attribute__((target("avx512f"))) void findAvx512(Index n, const double* v, const double* theta, double bar, Index offset,
                                                   std::vector<Index>& found)
{
    const __m512d level = _mm512_set1_pd(bar);
    Index i = 0;
    for (; i + 64 <= n; i += 64) {
        std::uint64_t bits = 0;
        for (int k = 0; k < 8; ++k) bits |= mask8<Theta>(v, theta, i + 8 * k, level) << (8 * k);
        appendBits(bits, offset + i, found);
    }
    findScalar<Theta>(i, n, v, theta, bar, offset, found);
}

template <bool Theta>
__attribute__((target("avx2"))) void findAvx2(Index n, const double* v, const double* theta, double bar, Index offset,
                                              std::vector<Index>& found)
{
    const __m256d level = _mm256_set1_pd(bar);
    Index i = 0;
    for (; i + 64 <= n; i += 64) {
        std::uint64_t bits = 0;
        for (int k = 0; k < 16; ++k) bits |= mask4<Theta>(v, theta, i + 4 * k, level) << (4 * k);
        appendBits(bits, offset + i, found);
    }
    findScalar<Theta>(i, n, v, theta, bar, offset, found);
}

#endif

ScanWidth widest()
{
#ifdef SPIKESTUDIO_X86_SCAN
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) return ScanWidth::Avx512;
    if (__builtin_cpu_supports("avx2")) return ScanWidth::Avx2;
#endif
    return ScanWidth::Scalar;
}

// Asked once, when first needed.
ScanWidth best()
{
    static const ScanWidth width = widest();
    return width;
}

} // namespace

bool scanWidthAvailable(ScanWidth width)
{
    switch (width) {
    case ScanWidth::Avx512:
        return best() == ScanWidth::Avx512;
    case ScanWidth::Avx2:
        return best() == ScanWidth::Avx512 || best() == ScanWidth::Avx2;
    default:
        return true;
    }
}

void findAtLeast(Index n, const double* v, const double* theta, double bar, Index offset, std::vector<Index>& found,
                 ScanWidth width)
{
    if (width == ScanWidth::Widest || !scanWidthAvailable(width)) width = best();
#ifdef SPIKESTUDIO_X86_SCAN
    if (width == ScanWidth::Avx512) {
        theta ? findAvx512<true>(n, v, theta, bar, offset, found) : findAvx512<false>(n, v, theta, bar, offset, found);
        return;
    }
    if (width == ScanWidth::Avx2) {
        theta ? findAvx2<true>(n, v, theta, bar, offset, found) : findAvx2<false>(n, v, theta, bar, offset, found);
        return;
    }
#endif
    theta ? findScalar<true>(0, n, v, theta, bar, offset, found) : findScalar<false>(0, n, v, theta, bar, offset, found);
}

} // namespace ss::sim
