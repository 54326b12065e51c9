#pragma once
// Reading and writing SpikeStudio documents (JSON):
//   {"format": "spikestudio", "version": 2, "name": ..., "description": ...,
//    "experiment": {"dt": ms, "duration": ms, "seed": n, "protocol": {...} (optional)},
//    "nodes": [{"id", "type", "position": [x, y], "params": {key: value in display units}}],
//    "wires": [{"from": "node.port", "to": "node.port"}],
//    "notes": [{"id", "text", "position": [x, y]}],
//    "view": {...}}
// "protocol" (optional; models/Protocol.h): {"present": ms, "rest": ms, "reset": bool, "epochs": n,
//    "train": n, "label": n, "test": n (0: all), "min_spikes": n, "intensity_step": x, "max_repeats": n,
//    "train_source": node, "test_source": node, "readout_layer": node (optional with a readout node)}.
// Older versions are brought up to date by explicit migrations before anything else reads them.
#include "models/Graph.h"

#include <QByteArray>
#include <QJsonObject>
#include <QPointF>
#include <QString>

#include <stdexcept>

namespace ss::app {

inline constexpr int kDocumentVersion = 2;

// A document that cannot be used: names the file, the node and the field.
class DocumentError : public std::runtime_error {
public:
    DocumentError(const QString& file, const QString& node, const QString& field, const QString& message);
    QString file, node, field, message;
};

// A text note on the canvas, for teaching.
struct Note {
    QString id;
    QString text;
    QPointF pos;
    bool operator==(const Note&) const = default;
};

struct Document {
    models::Graph graph;
    std::vector<Note> notes;
    QString name;
    QString description;
    QJsonObject view; // view layout, kept as written by the workbench
};

Document readDocument(const QString& path);
// `origin` names the data in messages (a path, or "clipboard").
Document parseDocument(const QByteArray& json, const QString& origin);
QByteArray writeDocument(const Document& doc);
void saveDocument(const Document& doc, const QString& path);

// Migrations from older versions, applied in order; exposed for tests.
QJsonObject migrate(QJsonObject root, const QString& origin);

// Parses `text` as a value of the parameter `key` of node `nodeId`, by the declared type.
models::ParamValue parseParamValue(const QString& origin, const models::Node& node, const QString& key, const QString& text);

} // namespace ss::app
