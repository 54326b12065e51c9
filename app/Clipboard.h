#pragma once
// Copy, paste and duplicate of canvas items. The clipboard carries a fragment in the document format
// (the selected nodes, the wires with both ends among them, the selected notes), so that a fragment
// pasted into another document, or saved by hand, reads like any document.
#include "app/GraphDocument.h"

#include <QByteArray>
#include <QPointF>
#include <QStringList>

#include <string>
#include <vector>

namespace ss::app {

inline constexpr char kFragmentMimeType[] = "application/x-spikestudio-fragment";
// Where Duplicate puts the copies, relative to the originals.
inline constexpr QPointF kDuplicateOffset{20.0, 20.0};

// The selected nodes and notes, in document order, with the wires between selected nodes.
QByteArray copyItems(const GraphDocument& doc, const QStringList& nodeIds, const QStringList& noteIds);

// Items ready for AddItemsCommand.
struct Pasted {
    std::vector<models::Node> nodes;
    std::vector<models::Wire> wires;
    std::vector<Note> notes;
};

// The items of a fragment with ids that are free in `doc` (an id is kept when it is free, as after a
// cut), the inner wires renamed with them, and every position shifted by `offset`. Wires whose ends
// are not both in the fragment are dropped. Throws DocumentError when `fragment` is not one.
Pasted pasteItems(const GraphDocument& doc, const QByteArray& fragment, QPointF offset);

// Copy then paste with kDuplicateOffset.
Pasted duplicateItems(const GraphDocument& doc, const QStringList& nodeIds, const QStringList& noteIds);

} // namespace ss::app
