#pragma once
// Runs a compiled document without a window: a progress line, then per-population counts and rates,
// and CSV files of the monitors' recordings.
#include "models/BuildContext.h"
#include "models/Protocol.h"
#include "models/TrainingState.h"

#include <QString>
#include <QTextStream>

namespace ss::app {

struct RunSummary {
    double simulatedSeconds = 0.0;
    double wallSeconds = 0.0;
    std::uint64_t spikes = 0;
    std::uint64_t synapticEvents = 0;
};

// Runs `network` for `seconds`, drawing a progress line into `progress` when it is a terminal.
RunSummary runNetwork(models::CompiledNetwork& compiled, double seconds, QTextStream* progress);
// The table of populations with neurons, spikes and mean rates.
void printSummary(const models::CompiledNetwork& compiled, const RunSummary& summary, QTextStream& out);
// One CSV per monitor in `dir`: <node>_spikes.csv (neuron,time_s) and <node>_<variable>.csv
// (time_s, then one column per neuron). Returns the files written; throws std::runtime_error.
QStringList writeRecordings(const models::CompiledNetwork& compiled, const QString& dir);

// What a protocol run does with the training state (models/TrainingState.h).
struct ProtocolStateOptions {
    std::uint64_t documentHash = 0;              // models::graphHash of the document
    const models::TrainingState* load = nullptr; // put it into the network and run only the test phase
    models::TrainingState* save = nullptr;       // filled when the label phase has fitted the readout
};

// Runs the document's training protocol (train, label, test) with a progress line into `progress`
// (rewritten in place on a terminal, one line per tenth of a phase otherwise). Throws models::ProtocolError,
// and models::StateError when a state to load is stale or does not fit.
models::ProtocolResult runProtocol(models::CompiledNetwork& compiled, const models::ExperimentProtocol& protocol,
                                   QTextStream* progress, const ProtocolStateOptions& state = {});
// Test accuracy, wall time per sample and the confusion matrix.
void printProtocolResult(const models::ProtocolResult& result, QTextStream& out);
// accuracy.csv (phase,samples,accuracy: the running accuracy curve) and confusion.csv (true class per
// row, predicted class per column) in `dir`. Returns the files written; throws std::runtime_error.
QStringList writeProtocolResult(const models::ProtocolResult& result, const QString& dir);

} // namespace ss::app
