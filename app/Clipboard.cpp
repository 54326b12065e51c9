#include "app/Clipboard.h"

#include <cctype>
#include <map>
#include <set>

namespace ss::app {

namespace {

// "lif_12" -> "lif", as GraphDocument::uniqueNodeId numbers ids.
std::string stemOf(const std::string& id)
{
    const auto underscore = id.find_last_of('_');
    if (underscore == std::string::npos || underscore == 0 || underscore + 1 == id.size()) return id;
    for (std::size_t i = underscore + 1; i < id.size(); ++i)
        if (!std::isdigit(static_cast<unsigned char>(id[i]))) return id;
    return id.substr(0, underscore);
}

} // namespace

QByteArray copyItems(const GraphDocument& doc, const QStringList& nodeIds, const QStringList& noteIds)
{
    std::set<std::string> selected;
    for (const QString& id : nodeIds) selected.insert(id.toStdString());
    Document fragment;
    fragment.graph.experiment = doc.graph().experiment;
    for (const auto& n : doc.graph().nodes)
        if (selected.count(n.id)) fragment.graph.nodes.push_back(n);
    for (const auto& w : doc.graph().wires)
        if (selected.count(w.from.node) && selected.count(w.to.node)) fragment.graph.wires.push_back(w);
    for (const auto& n : doc.document().notes)
        if (noteIds.contains(n.id)) fragment.notes.push_back(n);
    return writeDocument(fragment);
}

Pasted pasteItems(const GraphDocument& doc, const QByteArray& fragmentJson, QPointF offset)
{
    Document fragment = parseDocument(fragmentJson, QStringLiteral("clipboard"));
    Pasted out;

    // Fresh ids: free in the document and not given to an earlier item of this paste.
    std::map<std::string, std::string> renamed;
    std::set<std::string> taken;
    for (auto& n : fragment.graph.nodes) {
        if (renamed.count(n.id)) continue; // a repeated id in a hand-made fragment: keep the first
        const auto isFree = [&](const std::string& c) { return !doc.node(c) && !taken.count(c); };
        std::string id = doc.uniqueNodeId(n.id);
        for (int k = 2; !isFree(id); ++k) id = stemOf(id) + "_" + std::to_string(k);
        taken.insert(id);
        renamed[n.id] = id;
        n.id = id;
        n.x += offset.x();
        n.y += offset.y();
        out.nodes.push_back(std::move(n));
    }
    for (auto& w : fragment.graph.wires) {
        const auto from = renamed.find(w.from.node);
        const auto to = renamed.find(w.to.node);
        if (from == renamed.end() || to == renamed.end()) continue;
        w.from.node = from->second;
        w.to.node = to->second;
        out.wires.push_back(std::move(w));
    }

    std::set<QString> takenNotes;
    for (auto& n : fragment.notes) {
        QString id = n.id;
        if (doc.note(id) || takenNotes.count(id)) {
            for (int k = 1;; ++k) {
                id = QStringLiteral("note_%1").arg(k);
                if (!doc.note(id) && !takenNotes.count(id)) break;
            }
        }
        takenNotes.insert(id);
        n.id = id;
        n.pos += offset;
        out.notes.push_back(std::move(n));
    }
    return out;
}

Pasted duplicateItems(const GraphDocument& doc, const QStringList& nodeIds, const QStringList& noteIds)
{
    return pasteItems(doc, copyItems(doc, nodeIds, noteIds), kDuplicateOffset);
}

} // namespace ss::app
