#pragma once
// The first pass of a threshold test over many neurons, of which at a few hertz almost none fire in a
// step: which of them reached a bar, found with vector compares whose results are tested 64 neurons at
// a time, so that the few that did are found without a branch per neuron. The caller then decides each
// of those exactly. Picks the widest instructions the machine has (AVX-512, AVX2, or none) when the
// program starts; the result is the same on every machine.
#include "sim/Types.h"

#include <vector>

namespace ss::sim {

// Which instructions the pass uses: the widest the machine has, or (for tests) one of them.
enum class ScanWidth { Widest, Avx512, Avx2, Scalar };
bool scanWidthAvailable(ScanWidth width);

// Appends offset + i to `found`, in increasing order, for each i in [0, n) with v[i] - theta[i] >= bar
// (v[i] >= bar when theta is null). A NaN never reaches the bar.
void findAtLeast(Index n, const double* v, const double* theta, double bar, Index offset, std::vector<Index>& found,
                 ScanWidth width = ScanWidth::Widest);

} // namespace ss::sim
