#pragma once
// Vectorisable maths for the per-neuron loops.
//
// SPIKESTUDIO_WIDE builds a function three times, for AVX-512 (x86-64-v4), AVX2 and any x86-64, and
// picks one when the program starts. The clones run the same IEEE operations in wider registers, and
// C++20 without GNU extensions compiles with -ffp-contract=off (no fused multiply-adds), so results are
// bit-identical on every machine.
//
// exp: glibc's exp is a library call the compiler cannot vectorise (without -ffast-math). This one is
// branch-free arithmetic that it can: Cody & Waite's reduction x = k ln2 + r, |r| <= ln2/2, with ln2 split
// in two so that k ln2_hi is exact; the Taylor series of e^r to r^13 (truncation below 2e-16 relative),
// its low terms in Horner form and the rest in Estrin's; 2^k made from the bits of the rounded k (the
// "1.5 * 2^52 shifter": adding it leaves k in the low mantissa bits). Within 1 ulp of the correctly
// rounded value over [-708, 709] (tested); arguments are clamped to that range, so it never returns
// infinity or a denormal.
#include <bit>
#include <cstdint>

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define SPIKESTUDIO_WIDE [[gnu::target_clones("arch=x86-64-v4", "avx2", "default")]]
#else
#define SPIKESTUDIO_WIDE
#endif

namespace ss::sim {

inline double vexp(double x)
{
    x = x < -708.0 ? -708.0 : (x > 709.0 ? 709.0 : x);
    constexpr double shifter = 0x1.8p52;
    const double t = x * 0x1.71547652b82fep0 + shifter; // x / ln2, rounded to an integer in the low bits
    const double k = t - shifter;
    const double r = (x - k * 0x1.62e42fee00000p-1) - k * 0x1.a39ef35793c76p-33;
    // e^r = 1 + (r + r^2 (1/2 + r/6 + r^2 Q)), with the terms from r^4 up (Q) in Estrin's scheme: pairs of
    // terms joined by r^2 and r^4. A chain of 13 dependent operations after r, where Horner's takes 26,
    // so that a loop over neurons is not held up by their latency (on an AVX2 machine without AVX-512
    // COBA spent two thirds of its time here). Q's rounding is scaled down by r^4 < 0.015 and the two
    // last additions are Horner's, so the result is as close (within 1 ulp, tested).
    const double r2 = r * r;
    const double r4 = r2 * r2;
    const double q45 = 1.0 / 24.0 + r * (1.0 / 120.0);
    const double q67 = 1.0 / 720.0 + r * (1.0 / 5040.0);
    const double q89 = 1.0 / 40320.0 + r * (1.0 / 362880.0);
    const double q1011 = 1.0 / 3628800.0 + r * (1.0 / 39916800.0);
    const double q1213 = 1.0 / 479001600.0 + r * (1.0 / 6227020800.0);
    const double q = (q45 + r2 * q67) + r4 * ((q89 + r2 * q1011) + r4 * q1213);
    const double p = 1.0 + (r + r2 * ((0.5 + r * (1.0 / 6.0)) + r2 * q));
    // (k + 1023) << 52: the shifter's own bits fall off the top of the shift.
    const double scale = std::bit_cast<double>((std::bit_cast<std::uint64_t>(t) + 1023u) << 52);
    return p * scale;
}

} // namespace ss::sim
