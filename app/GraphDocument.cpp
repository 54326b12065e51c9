#include "app/GraphDocument.h"

#include "models/Catalogue.h"
#include "models/GraphCompiler.h"

#include <algorithm>
#include <map>
#include <cctype>
#include <set>
#include <sstream>

// Ordering of notifications: a mutator changes the data, revalidates, then emits its own signal and,
// when the problems or any inferred shape differ from before, problemsChanged. So graph(), problems()
// and shapeOf() already describe the new state in every slot, and a view that follows nodeAdded knows
// the node before it hears about the node's problems. A parameter of one node can change the shapes of
// every node downstream (a kernel size), which is why problemsChanged also stands for "shapes changed":
// views refresh their shape labels on it. Positions and notes never change a problem nor a shape, so
// moves and note edits do not revalidate.

namespace ss::app {

namespace {

// The results of a validation, kept to tell whether the next one differs.
struct Validation {
    std::vector<models::Problem> problems;
    std::map<std::string, std::optional<sim::Shape>> shapes;

    bool differs(const std::vector<models::Problem>& p, const std::map<std::string, std::optional<sim::Shape>>& s) const
    {
        const auto same = [](const models::Problem& x, const models::Problem& y) {
            return x.node == y.node && x.field == y.field && x.message == y.message;
        };
        return shapes != s || !std::equal(problems.begin(), problems.end(), p.begin(), p.end(), same);
    }
};

// "lif_12" -> "lif": numbering restarts from the stem so that copies of "lif_2" become "lif_3", not "lif_2_2".
std::string stemOf(const std::string& base)
{
    const auto underscore = base.find_last_of('_');
    if (underscore == std::string::npos || underscore == 0 || underscore + 1 == base.size()) return base;
    for (std::size_t i = underscore + 1; i < base.size(); ++i)
        if (!std::isdigit(static_cast<unsigned char>(base[i]))) return base;
    return base.substr(0, underscore);
}

// Ids may not contain dots (they separate node and port in wires) nor white space.
std::string sanitized(std::string base)
{
    for (char& c : base)
        if (c == '.' || std::isspace(static_cast<unsigned char>(c))) c = '_';
    return base.empty() ? std::string("node") : base;
}

} // namespace

GraphDocument::GraphDocument(QObject* parent) : QObject(parent)
{
    connect(&m_undo, &QUndoStack::cleanChanged, this, [this](bool clean) { emit modifiedChanged(!clean); });
    revalidate();
}

void GraphDocument::reset(Document doc, const QString& filePath)
{
    m_doc = std::move(doc);
    m_undo.clear();
    m_undo.setClean();
    revalidate();
    setFilePath(filePath);
    emit documentReset();
    emit problemsChanged();
}

void GraphDocument::setFilePath(const QString& path)
{
    if (path == m_filePath) return;
    m_filePath = path;
    emit filePathChanged(m_filePath);
}

void GraphDocument::setSaved() { m_undo.setClean(); }

int GraphDocument::nodeIndex(const std::string& id) const
{
    const auto& nodes = m_doc.graph.nodes;
    const auto it = std::find_if(nodes.begin(), nodes.end(), [&](const models::Node& n) { return n.id == id; });
    return it == nodes.end() ? -1 : static_cast<int>(it - nodes.begin());
}

int GraphDocument::wireIndex(const models::Wire& wire) const
{
    const auto& wires = m_doc.graph.wires;
    const auto it = std::find_if(wires.begin(), wires.end(),
                                 [&](const models::Wire& w) { return w.from == wire.from && w.to == wire.to; });
    return it == wires.end() ? -1 : static_cast<int>(it - wires.begin());
}

const Note* GraphDocument::note(const QString& id) const
{
    for (const auto& n : m_doc.notes)
        if (n.id == id) return &n;
    return nullptr;
}

std::string GraphDocument::uniqueNodeId(const std::string& base) const
{
    const std::string clean = sanitized(base);
    if (!node(clean)) return clean;
    const std::string stem = stemOf(clean);
    for (int k = 2;; ++k) {
        std::string candidate = stem + "_" + std::to_string(k);
        if (!node(candidate)) return candidate;
    }
}

QString GraphDocument::uniqueNoteId() const
{
    for (int k = 1;; ++k) {
        const QString candidate = QStringLiteral("note_%1").arg(k);
        if (!note(candidate)) return candidate;
    }
}

std::optional<sim::Shape> GraphDocument::shapeOf(const std::string& id) const
{
    const auto it = m_shapes.find(id);
    return it == m_shapes.end() ? std::nullopt : it->second;
}

// --- primitive mutators ----------------------------------------------------------------------------

void GraphDocument::insertNode(int index, models::Node node)
{
    auto& nodes = m_doc.graph.nodes;
    index = std::clamp(index, 0, static_cast<int>(nodes.size()));
    const QString id = QString::fromStdString(node.id);
    nodes.insert(nodes.begin() + index, std::move(node));
    const Validation before{m_problems, m_shapes};
    revalidate();
    emit nodeAdded(id);
    if (before.differs(m_problems, m_shapes)) emit problemsChanged();
}

models::Node GraphDocument::takeNode(const std::string& id)
{
    const int index = nodeIndex(id);
    if (index < 0) return {};
    auto& nodes = m_doc.graph.nodes;
    models::Node taken = std::move(nodes[static_cast<std::size_t>(index)]);
    nodes.erase(nodes.begin() + index);
    const Validation before{m_problems, m_shapes};
    revalidate();
    emit nodeRemoved(QString::fromStdString(id));
    if (before.differs(m_problems, m_shapes)) emit problemsChanged();
    return taken;
}

void GraphDocument::insertWire(int index, models::Wire wire)
{
    auto& wires = m_doc.graph.wires;
    index = std::clamp(index, 0, static_cast<int>(wires.size()));
    wires.insert(wires.begin() + index, std::move(wire));
    const Validation before{m_problems, m_shapes};
    revalidate();
    emit wiresChanged();
    if (before.differs(m_problems, m_shapes)) emit problemsChanged();
}

models::Wire GraphDocument::takeWire(int index)
{
    auto& wires = m_doc.graph.wires;
    if (index < 0 || index >= static_cast<int>(wires.size())) return {};
    models::Wire taken = std::move(wires[static_cast<std::size_t>(index)]);
    wires.erase(wires.begin() + index);
    const Validation before{m_problems, m_shapes};
    revalidate();
    emit wiresChanged();
    if (before.differs(m_problems, m_shapes)) emit problemsChanged();
    return taken;
}

void GraphDocument::setNodePosition(const std::string& id, QPointF pos)
{
    models::Node* n = m_doc.graph.find(id);
    if (!n) return;
    n->x = pos.x();
    n->y = pos.y();
    emit nodeMoved(QString::fromStdString(id));
}

void GraphDocument::setParam(const std::string& id, const std::string& key,
                             const std::optional<models::ParamValue>& value)
{
    models::Node* n = m_doc.graph.find(id);
    if (!n) return;
    if (value) n->params[key] = *value;
    else n->params.erase(key);
    const Validation before{m_problems, m_shapes};
    revalidate();
    emit nodeChanged(QString::fromStdString(id));
    if (before.differs(m_problems, m_shapes)) emit problemsChanged();
}

void GraphDocument::renameNode(const std::string& oldId, const std::string& newId)
{
    models::Node* n = m_doc.graph.find(oldId);
    if (!n || oldId == newId) return;
    n->id = newId;
    for (auto& w : m_doc.graph.wires) {
        if (w.from.node == oldId) w.from.node = newId;
        if (w.to.node == oldId) w.to.node = newId;
    }
    const Validation before{m_problems, m_shapes};
    revalidate();
    emit nodeRenamed(QString::fromStdString(oldId), QString::fromStdString(newId));
    emit wiresChanged();
    if (before.differs(m_problems, m_shapes)) emit problemsChanged();
}

void GraphDocument::insertNote(int index, Note note)
{
    auto& notes = m_doc.notes;
    index = std::clamp(index, 0, static_cast<int>(notes.size()));
    notes.insert(notes.begin() + index, std::move(note));
    emit notesChanged();
}

Note GraphDocument::takeNote(const QString& id)
{
    auto& notes = m_doc.notes;
    const auto it = std::find_if(notes.begin(), notes.end(), [&](const Note& n) { return n.id == id; });
    if (it == notes.end()) return {};
    Note taken = std::move(*it);
    notes.erase(it);
    emit notesChanged();
    return taken;
}

void GraphDocument::setNote(const QString& id, const QString& text, QPointF pos)
{
    for (auto& n : m_doc.notes) {
        if (n.id != id) continue;
        n.text = text;
        n.pos = pos;
        emit notesChanged();
        return;
    }
}

void GraphDocument::setExperiment(const models::Experiment& experiment)
{
    m_doc.graph.experiment = experiment;
    const Validation before{m_problems, m_shapes};
    revalidate();
    emit experimentChanged();
    if (before.differs(m_problems, m_shapes)) emit problemsChanged();
}

// --- validation ----------------------------------------------------------------------------------

// The declared checks, then shape inference along the wires (a convolution larger than its input,
// a pooling window that does not fit), then the memory estimate. Errors of shape inference that
// only repeat a parameter problem already found (a wrong type) are not listed twice.
void GraphDocument::revalidate()
{
    const auto& specs = models::catalogue();
    std::vector<models::Problem> problems = models::validate(m_doc.graph, specs);
    m_shapes.clear();

    auto known = [&](const std::string& node, const std::string& field) {
        return std::any_of(problems.begin(), problems.end(),
                           [&](const models::Problem& p) { return p.node == node && p.field == field; });
    };
    std::set<std::pair<std::string, std::string>> shapeErrors; // (node, message)
    bool shapesOk = true;
    models::GraphCompiler compiler(m_doc.graph, specs);
    for (const auto& node : m_doc.graph.nodes) {
        try {
            m_shapes[node.id] = compiler.shapeOf(node.id);
        } catch (const models::BuildError& e) {
            m_shapes[node.id] = std::nullopt;
            shapesOk = false;
            const std::string at = e.node().empty() ? node.id : e.node();
            if (known(at, e.field()) || !shapeErrors.insert({at, e.what()}).second) continue;
            problems.push_back({at, "shape", e.what()});
        } catch (const std::exception& e) {
            m_shapes[node.id] = std::nullopt;
            shapesOk = false;
            if (shapeErrors.insert({node.id, e.what()}).second) problems.push_back({node.id, "shape", e.what()});
        }
    }

    if (shapesOk) {
        try {
            if (auto p = compiler.memoryProblem()) problems.push_back(*p);
        } catch (const std::exception&) {
            // An estimate that cannot be made is not a problem of its own; the compiler reports it.
        }
    }
    m_problems = std::move(problems);
}

} // namespace ss::app
