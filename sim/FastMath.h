#pragma once
// Vectorisable maths for the per-neuron loops.
//
// SPIKESTUDIO_WIDE builds a function three times, for AVX-512 (x86-64-v4), AVX2 and any x86-64, and
// picks one when the program starts. The clones run the same IEEE operations in wider registers, and the
// build passes -ffp-contract=off (no fused multiply-adds, which GCC would otherwise use in the AVX-512
// clone even in ISO C++ mode), so results are bit-identical on every machine.
//
// exp: glibc's exp is a library call the compiler cannot vectorise (without -ffast-math). This one is
// branch-free arithmetic that it can: Cody & Waite's reduction x = k ln2 + r, |r| <= ln2/2, with ln2 split
// in two so that k ln2_hi is exact; a polynomial of degree 11 for e^r; 2^k made from the bits of the
// rounded k (the "1.5 * 2^52 shifter": adding it leaves k in the low mantissa bits). Within 1 ulp of the
// correctly rounded value over [-708, 709] (tested); arguments are clamped to that range, so it never
// returns infinity or a denormal.
#include <bit>
#include <cstdint>

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define SPIKESTUDIO_WIDE [[gnu::target_clones("arch=x86-64-v4", "avx2", "default")]]
#else
#define SPIKESTUDIO_WIDE
#endif

namespace ss::sim {

inline constexpr double kExpLow = -708.0;
inline constexpr double kExpHigh = 709.0;

// e^x with x clamped to [lo, hi] (at most [kExpLow, kExpHigh]). A loop should pass bounds it reads at run
// time: GCC turns the clamp against them into one vmaxpd and one vminpd, but against constants it
// evaluates the polynomial at each bound and selects among three results after it, seven operations more
// (COBA's update 8 % slower on an AVX2 machine).
inline double vexp(double x, double lo, double hi)
{
    x = x < lo ? lo : x;
    x = x > hi ? hi : x;
    constexpr double shifter = 0x1.8p52;
    const double t = x * 0x1.71547652b82fep0 + shifter; // x / ln2, rounded to an integer in the low bits
    const double k = t - shifter;
    const double r = (x - k * 0x1.62e42fee00000p-1) - k * 0x1.a39ef35793c76p-33;
    // e^r = 1 + (r + r^2 (a0 + a1 r + ... + a9 r^9)): the a_i minimise the relative error on |r| <= ln2/2
    // (Remez's exchange in 60-digit arithmetic: at most 3.6e-18, where the Taylor series needs degree 13
    // for 4e-18), rounded to doubles. The terms from a2 up are summed in Estrin's scheme, pairs joined by
    // r^2 and r^4, so that a loop over neurons is not held up by one long chain of dependent operations;
    // their rounding is scaled down by r^4 < 0.015 and the two last additions are Horner's, so the result
    // is as close as Horner's (within 1 ulp, tested). Two degrees fewer than the Taylor series: COBA's
    // update is 9 % faster on an AVX2 machine.
    const double r2 = r * r;
    const double r4 = r2 * r2;
    const double a01 = 0x1.000000000000ap-1 + r * 0x1.55555555554fap-3;
    const double a23 = 0x1.555555555088cp-5 + r * 0x1.1111111127b9bp-7;
    const double a45 = 0x1.6c16c184266b4p-10 + r * 0x1.a01a012a69cf4p-13;
    const double a67 = 0x1.a0199a16e68edp-16 + r * 0x1.71df253a08086p-19;
    const double a89 = 0x1.28ad689e8aee0p-22 + r * 0x1.ad7f7b1096349p-26;
    const double q = (a23 + r2 * a45) + r4 * (a67 + r2 * a89);
    const double p = 1.0 + (r + r2 * (a01 + r2 * q));
    // (k + 1023) << 52: the shifter's own bits fall off the top of the shift.
    const double scale = std::bit_cast<double>((std::bit_cast<std::uint64_t>(t) + 1023u) << 52);
    return p * scale;
}

inline double vexp(double x)
{
    return vexp(x, kExpLow, kExpHigh);
}

} // namespace ss::sim
