#pragma once
// The small network that the live-run GUI tests open: 100 Poisson inputs at 20 Hz -> sparse synapses
// (p = 0.1) -> 200 LIF neurons with the CUBA defaults of Vogels & Abbott (2005); spikes of both layers
// and v of neurons 0-2 recorded; dt 0.1 ms.
#include <QByteArray>

namespace ss::test {

inline QByteArray liveTestDocument(int durationMs)
{
    QByteArray doc = R"({
  "format": "spikestudio", "version": 2, "name": "live run",
  "experiment": {"dt": 0.1, "duration": DURATION, "seed": 7},
  "nodes": [
    {"id": "input", "type": "encoder.poisson", "position": [0, 0], "params": {"rate": 20, "size": 100}},
    {"id": "syn", "type": "synapses.sparse", "position": [200, 0],
     "params": {"connectivity": "probability", "p": 0.1, "weight": 1.0, "target": "excitatory", "delay": 1.0}},
    {"id": "lif", "type": "layer.lif", "position": [400, 0], "params": {"size": 200}},
    {"id": "input_raster", "type": "monitor.spikes", "position": [200, 200], "params": {}},
    {"id": "raster", "type": "monitor.spikes", "position": [600, 0], "params": {}},
    {"id": "trace", "type": "monitor.state", "position": [600, 200],
     "params": {"variable": "v", "neurons": "0-2", "interval": 1}}
  ],
  "wires": [
    {"from": "input.out", "to": "syn.pre"},
    {"from": "syn.post", "to": "lif.in"},
    {"from": "input.out", "to": "input_raster.spikes"},
    {"from": "lif.out", "to": "raster.spikes"},
    {"from": "lif.out", "to": "trace.layer"}
  ]
})";
    return doc.replace("DURATION", QByteArray::number(durationMs));
}

} // namespace ss::test
