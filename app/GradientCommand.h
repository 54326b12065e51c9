#pragma once
// spikestudio train-gradient: surrogate-gradient training of the 784-H-10 spiking network of
// sim/train on an IDX data set (MNIST, Fashion-MNIST or a user's files), one line per epoch, and the
// curves as CSV.
//   spikestudio train-gradient [--data DIR] [--train N] [--test N] [--hidden H] [--steps T] [--epochs E]
//                              [--batch B] [--lr X] [--seed S] [--out DIR]
// DIR holds train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and
// t10k-labels-idx1-ubyte (each raw or .gz); "${DATA}/..." names the set-up's data folder.
#include "sim/train/SurrogateGradient.h"

#include <QStringList>
#include <QTextStream>

namespace ss::app {

// The images of `<dir>/<prefix>-images-idx3-ubyte` (raw or .gz) with their labels, latency-coded for
// `config` (count 0: all). Throws models::IdxError naming the file when it is missing, corrupt, not
// 28x28 or labelled outside 0-9.
std::vector<sim::train::SpikeSample> loadLatencySamples(const QString& dir, const QString& prefix, int count,
                                                        const sim::train::SurrogateConfig& config);

// Returns the exit code; throws std::invalid_argument on bad options (the caller prints the usage).
int trainGradientCommand(const QStringList& args, QTextStream& out, QTextStream& err);

} // namespace ss::app
