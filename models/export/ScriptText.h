#pragma once
// Text helpers shared by the script writers: numbers, Python names and literals, neuron lists, and
// the files written beside a script.
#include "models/export/ExportNetwork.h"

#include <set>
#include <string>

namespace ss::models::exporting {

// The shortest text that reads back as the same double ("20", "-49", "0.1", "1.62").
std::string num(double value);
// A computed value to twelve significant digits, so that 3 * 0.1 prints as 0.3.
std::string approx(double value);
// A Python identifier for a node id: other characters become '_', and names in `reserved` (or
// Python keywords) get a trailing '_'.
std::string pyName(const std::string& id, const std::set<std::string>& reserved);
// A single-quoted Python string literal.
std::string pyString(const std::string& text);
// A monitor's neuron list ("0,3,10-12" or "all", already validated by the compiler) as a Python list
// expression, or "True" for all.
std::string pyNeurons(const std::string& text);
// "dir/cuba.py" -> "dir/cuba.npz"; the script opens it by the bare file name, beside itself.
std::string dataPathFor(const std::string& scriptPath);
std::string baseName(const std::string& path);
// The synapses of every projection, as <name>_i, <name>_j (int32) and <name>_w (float64, document
// weight units), named by pyName of the synapse node.
void writeConnectivity(const ExportNetwork& net, const std::set<std::string>& reserved, const std::string& path);
// Writes `text` to `path`; throws std::runtime_error naming the file.
void writeText(const std::string& path, const std::string& text);
// The whole export: the script made by `script(net, data file name)` at `path`, and the synapses in
// the .npz beside it (dataPathFor).
using ScriptMaker = std::string (*)(const ExportNetwork& net, const std::string& dataFile);
void writeScriptAndData(const ExportNetwork& net, const std::set<std::string>& reserved, const std::string& path,
                        ScriptMaker script);
// The SpikeStudio delay of a projection in whole steps, as text for comments ("0.1 ms (1 step)").
std::string delayText(const ExportNetwork& net, const ExportProjection& p);

} // namespace ss::models::exporting
