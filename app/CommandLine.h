#pragma once
// The command-line face of SpikeStudio:
//   spikestudio run FILE.json [--duration T] [--seed N] [--set node.param=value]... [--out DIR] [--figures DIR]
//                             [--figure-format png|svg|pdf]
//                             [--train N] [--label N] [--test N] [--epochs E]
//   (a document with experiment.protocol trains, labels and tests; the counts override the protocol's)
//   spikestudio validate FILE.json
// Exit codes: 0 success, 2 invalid input (one message naming the file, the node and the field),
// 1 any other failure (an output folder that cannot be written).
// --figures needs a QApplication (see FigureExport.h).
#include <QStringList>
#include <QTextStream>

namespace ss::app {

int runCommandLine(const QStringList& args, QTextStream& out, QTextStream& err);
QString usage();

} // namespace ss::app
