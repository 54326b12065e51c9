#include "app/DocumentIo.h"

#include "models/Catalogue.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace ss::app {

namespace {

QString describe(const QString& file, const QString& node, const QString& field, const QString& message)
{
    QString where = file;
    if (!node.isEmpty()) where += QStringLiteral(": node '%1'").arg(node);
    if (!field.isEmpty()) where += QStringLiteral("%1field '%2'").arg(node.isEmpty() ? QStringLiteral(": ") : QStringLiteral(", "), field);
    return where + QStringLiteral(": ") + message;
}

[[noreturn]] void fail(const QString& file, const QString& node, const QString& field, const QString& message)
{
    throw DocumentError(file, node, field, message);
}

models::ParamValue fromJson(const QString& origin, const models::Node& node, const QString& key, const QJsonValue& v)
{
    const models::NodeSpec* spec = models::findSpec(node.type);
    const models::ParamSpec* p = spec ? spec->param(key.toStdString()) : nullptr;
    const QString id = QString::fromStdString(node.id);
    if (v.isBool()) return v.toBool();
    if (v.isString()) return v.toString().toStdString();
    if (v.isDouble()) {
        const double d = v.toDouble();
        if (p && p->type == models::ParamType::Integer && d == std::floor(d) && std::fabs(d) < 9e15)
            return static_cast<std::int64_t>(d);
        return d;
    }
    fail(origin, id, key, QStringLiteral("must be a number, true/false or text"));
}

QString portRefText(const models::PortRef& r) { return QString::fromStdString(r.node + "." + r.port); }

models::PortRef parsePortRef(const QString& origin, const QJsonValue& v, const char* which)
{
    const QString text = v.toString();
    const int dot = text.lastIndexOf(QLatin1Char('.'));
    if (!v.isString() || dot <= 0 || dot == text.size() - 1)
        fail(origin, QString(), QStringLiteral("wires.%1").arg(QLatin1String(which)),
             QStringLiteral("expected \"node.port\", found '%1'").arg(text));
    return {text.left(dot).toStdString(), text.mid(dot + 1).toStdString()};
}

// experiment.protocol: times in ms, counts as whole numbers, node ids as text.
std::optional<models::ExperimentProtocol> parseProtocol(const QString& origin, const QJsonObject& exp)
{
    const QJsonValue value = exp.value(QStringLiteral("protocol"));
    if (value.isUndefined() || value.isNull()) return std::nullopt;
    const QString where = QStringLiteral("experiment.protocol");
    if (!value.isObject()) fail(origin, QString(), where, QStringLiteral("must be an object"));
    const QJsonObject o = value.toObject();
    models::ExperimentProtocol p;
    auto number = [&](const char* key, double def, double min) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined()) return def;
        if (!v.isDouble() || !(v.toDouble() >= min))
            fail(origin, QString(), where + QStringLiteral(".%1").arg(QLatin1String(key)),
                 QStringLiteral("must be a number from %1").arg(min));
        return v.toDouble();
    };
    auto whole = [&](const char* key, double def, double min) {
        const double d = number(key, def, min);
        if (d != std::floor(d) || d > 9e15)
            fail(origin, QString(), where + QStringLiteral(".%1").arg(QLatin1String(key)), QStringLiteral("must be a whole number"));
        return d;
    };
    auto text = [&](const char* key) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined()) return std::string();
        if (!v.isString()) fail(origin, QString(), where + QStringLiteral(".%1").arg(QLatin1String(key)), QStringLiteral("must be a node id"));
        return v.toString().toStdString();
    };
    auto& s = p.settings;
    s.present = number("present", s.present * 1e3, 0.0) * 1e-3;
    if (!(s.present > 0.0)) fail(origin, QString(), where + QStringLiteral(".present"), QStringLiteral("must be positive"));
    s.rest = number("rest", s.rest * 1e3, 0.0) * 1e-3;
    const QJsonValue reset = o.value(QStringLiteral("reset"));
    if (!reset.isUndefined() && !reset.isBool()) fail(origin, QString(), where + QStringLiteral(".reset"), QStringLiteral("must be true or false"));
    s.resetBetween = reset.toBool(s.resetBetween);
    s.epochs = static_cast<int>(whole("epochs", s.epochs, 1.0));
    s.trainCount = static_cast<std::size_t>(whole("train", 0.0, 0.0));
    s.labelCount = static_cast<std::size_t>(whole("label", 0.0, 0.0));
    s.testCount = static_cast<std::size_t>(whole("test", 0.0, 0.0));
    s.minSpikes = static_cast<int>(whole("min_spikes", s.minSpikes, 0.0));
    s.intensityStep = number("intensity_step", s.intensityStep, 0.0);
    s.maxRepeats = static_cast<int>(whole("max_repeats", s.maxRepeats, 0.0));
    p.trainSource = text("train_source");
    p.testSource = text("test_source");
    p.readoutLayer = text("readout_layer"); // may be empty when a readout node chooses the layer (checked with the nodes)
    return p;
}

QJsonObject protocolJson(const models::ExperimentProtocol& p)
{
    const auto& s = p.settings;
    QJsonObject o{{QStringLiteral("present"), s.present * 1e3},
                  {QStringLiteral("rest"), s.rest * 1e3},
                  {QStringLiteral("reset"), s.resetBetween},
                  {QStringLiteral("epochs"), s.epochs},
                  {QStringLiteral("train"), static_cast<double>(s.trainCount)},
                  {QStringLiteral("label"), static_cast<double>(s.labelCount)},
                  {QStringLiteral("test"), static_cast<double>(s.testCount)},
                  {QStringLiteral("min_spikes"), s.minSpikes},
                  {QStringLiteral("intensity_step"), s.intensityStep},
                  {QStringLiteral("max_repeats"), s.maxRepeats}};
    if (!p.readoutLayer.empty()) o[QStringLiteral("readout_layer")] = QString::fromStdString(p.readoutLayer);
    if (!p.trainSource.empty()) o[QStringLiteral("train_source")] = QString::fromStdString(p.trainSource);
    if (!p.testSource.empty()) o[QStringLiteral("test_source")] = QString::fromStdString(p.testSource);
    return o;
}

// Version 2 names a state monitor's input 'layer' (it records a layer's state, not its spikes), which version 1
// called 'spikes': wires into a state monitor's 'spikes' move to its 'layer'.
QJsonObject fromVersion1(QJsonObject root, const QString& origin)
{
    QSet<QString> stateMonitors;
    for (const QJsonValue& n : root.value(QStringLiteral("nodes")).toArray())
        if (n.toObject().value(QStringLiteral("type")).toString() == QStringLiteral("monitor.state"))
            stateMonitors.insert(n.toObject().value(QStringLiteral("id")).toString());
    QJsonArray wires = root.value(QStringLiteral("wires")).toArray();
    for (auto w = wires.begin(); w != wires.end(); ++w) {
        QJsonObject wire = w->toObject();
        const models::PortRef to = parsePortRef(origin, wire.value(QStringLiteral("to")), "to");
        if (to.port != "spikes" || !stateMonitors.contains(QString::fromStdString(to.node))) continue;
        wire[QStringLiteral("to")] = portRefText({to.node, "layer"});
        *w = wire;
    }
    if (root.contains(QStringLiteral("wires"))) root[QStringLiteral("wires")] = wires;
    return root;
}

} // namespace

DocumentError::DocumentError(const QString& f, const QString& n, const QString& fld, const QString& msg)
    : std::runtime_error(describe(f, n, fld, msg).toStdString()), file(f), node(n), field(fld), message(msg)
{
}

QJsonObject migrate(QJsonObject root, const QString& origin)
{
    if (root.value(QStringLiteral("format")).toString() != QStringLiteral("spikestudio"))
        fail(origin, QString(), QStringLiteral("format"), QStringLiteral("not a SpikeStudio document (\"format\" must be \"spikestudio\")"));
    const QJsonValue versionValue = root.value(QStringLiteral("version"));
    if (!versionValue.isDouble() || versionValue.toDouble() != std::floor(versionValue.toDouble()) || versionValue.toInt() < 1)
        fail(origin, QString(), QStringLiteral("version"), QStringLiteral("must be a whole number from 1"));
    const int version = versionValue.toInt();
    if (version > kDocumentVersion)
        fail(origin, QString(), QStringLiteral("version"),
             QStringLiteral("version %1 was written by a newer SpikeStudio (this one reads up to %2)").arg(version).arg(kDocumentVersion));
    // A migration from version N to N + 1 goes here as `if (version == N) root = fromVersionN(root, origin);`, in order.
    if (version == 1) root = fromVersion1(root, origin);
    root[QStringLiteral("version")] = kDocumentVersion;
    return root;
}

Document parseDocument(const QByteArray& json, const QString& origin)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        const int line = static_cast<int>(json.left(error.offset).count('\n')) + 1;
        fail(origin, QString(), QString(), QStringLiteral("malformed JSON at line %1: %2").arg(line).arg(error.errorString()));
    }
    if (!doc.isObject()) fail(origin, QString(), QString(), QStringLiteral("the document must be a JSON object"));
    const QJsonObject root = migrate(doc.object(), origin);

    Document out;
    out.name = root.value(QStringLiteral("name")).toString();
    out.description = root.value(QStringLiteral("description")).toString();
    out.view = root.value(QStringLiteral("view")).toObject();

    const QJsonValue expValue = root.value(QStringLiteral("experiment"));
    if (!expValue.isUndefined() && !expValue.isObject())
        fail(origin, QString(), QStringLiteral("experiment"), QStringLiteral("must be an object of settings (dt, duration, seed, ...)"));
    const QJsonObject exp = expValue.toObject();
    auto number = [&](const char* key, double def) {
        const QJsonValue v = exp.value(QLatin1String(key));
        if (v.isUndefined()) return def;
        if (!v.isDouble()) fail(origin, QString(), QStringLiteral("experiment.%1").arg(QLatin1String(key)), QStringLiteral("must be a number"));
        return v.toDouble();
    };
    out.graph.experiment.dt = number("dt", 0.1) * 1e-3;
    out.graph.experiment.duration = number("duration", 1000.0) * 1e-3;
    const double seed = number("seed", 1.0);
    if (seed < 0 || seed != std::floor(seed) || seed > 9.007e15)
        fail(origin, QString(), QStringLiteral("experiment.seed"), QStringLiteral("must be a whole number from 0"));
    out.graph.experiment.seed = static_cast<std::uint64_t>(seed);
    out.graph.experiment.protocol = parseProtocol(origin, exp);

    const QJsonValue nodes = root.value(QStringLiteral("nodes"));
    if (!nodes.isArray()) fail(origin, QString(), QStringLiteral("nodes"), QStringLiteral("must be a list of nodes"));
    for (const QJsonValue& nv : nodes.toArray()) {
        const QJsonObject o = nv.toObject();
        models::Node node;
        node.id = o.value(QStringLiteral("id")).toString().toStdString();
        const QString id = QString::fromStdString(node.id);
        if (!nv.isObject() || node.id.empty()) fail(origin, id, QStringLiteral("id"), QStringLiteral("every node needs a text \"id\""));
        node.type = o.value(QStringLiteral("type")).toString().toStdString();
        if (!models::findSpec(node.type))
            fail(origin, id, QStringLiteral("type"), QStringLiteral("unknown node type '%1'").arg(QString::fromStdString(node.type)));
        const QJsonValue position = o.value(QStringLiteral("position"));
        const QJsonArray pos = position.toArray();
        if (!position.isUndefined() && (pos.size() != 2 || !pos[0].isDouble() || !pos[1].isDouble()))
            fail(origin, id, QStringLiteral("position"), QStringLiteral("must be a list of two numbers, [x, y]"));
        if (pos.size() == 2) node.x = pos[0].toDouble(), node.y = pos[1].toDouble();
        const QJsonValue paramsValue = o.value(QStringLiteral("params"));
        if (!paramsValue.isUndefined() && !paramsValue.isObject())
            fail(origin, id, QStringLiteral("params"), QStringLiteral("must be an object of parameter values"));
        const QJsonObject params = paramsValue.toObject();
        for (auto it = params.begin(); it != params.end(); ++it) node.params[it.key().toStdString()] = fromJson(origin, node, it.key(), it.value());
        out.graph.nodes.push_back(std::move(node));
    }
    if (const auto& p = out.graph.experiment.protocol) {
        const bool readoutNode = std::any_of(out.graph.nodes.begin(), out.graph.nodes.end(), [](const models::Node& n) {
            return models::findSpec(n.type)->category == models::Category::Readout;
        });
        if (p->readoutLayer.empty() && !readoutNode)
            fail(origin, QString(), QStringLiteral("experiment.protocol.readout_layer"),
                 QStringLiteral("names no layer (and no readout node is wired to one)"));
        const std::pair<const char*, const std::string*> ids[] = {
            {"readout_layer", &p->readoutLayer}, {"train_source", &p->trainSource}, {"test_source", &p->testSource}};
        for (const auto& [key, id] : ids)
            if (!id->empty() && !out.graph.find(*id))
                fail(origin, QString(), QStringLiteral("experiment.protocol.%1").arg(QLatin1String(key)),
                     QStringLiteral("names no node of this document ('%1')").arg(QString::fromStdString(*id)));
        if (const models::Node* layer = p->readoutLayer.empty() ? nullptr : out.graph.find(p->readoutLayer);
            layer && models::findSpec(layer->type)->category != models::Category::Layer)
            fail(origin, QString(), QStringLiteral("experiment.protocol.readout_layer"),
                 QStringLiteral("'%1' is in category %2; the readout layer must be a layer of neurons")
                     .arg(QString::fromStdString(p->readoutLayer), QString::fromStdString(models::toString(models::findSpec(layer->type)->category))));
    }
    const QJsonValue wires = root.value(QStringLiteral("wires"));
    if (!wires.isUndefined() && !wires.isArray()) fail(origin, QString(), QStringLiteral("wires"), QStringLiteral("must be a list of wires"));
    for (const QJsonValue& wv : wires.toArray()) {
        if (!wv.isObject())
            fail(origin, QString(), QStringLiteral("wires"), QStringLiteral("every wire must be an object {\"from\": \"node.port\", \"to\": \"node.port\"}"));
        const QJsonObject o = wv.toObject();
        out.graph.wires.push_back({parsePortRef(origin, o.value(QStringLiteral("from")), "from"),
                                   parsePortRef(origin, o.value(QStringLiteral("to")), "to")});
    }
    const QJsonValue notes = root.value(QStringLiteral("notes"));
    if (!notes.isUndefined() && !notes.isArray()) fail(origin, QString(), QStringLiteral("notes"), QStringLiteral("must be a list of notes"));
    for (const QJsonValue& nv : notes.toArray()) {
        const QJsonObject o = nv.toObject();
        const QJsonArray pos = o.value(QStringLiteral("position")).toArray();
        out.notes.push_back({o.value(QStringLiteral("id")).toString(), o.value(QStringLiteral("text")).toString(),
                             pos.size() == 2 ? QPointF(pos[0].toDouble(), pos[1].toDouble()) : QPointF()});
        if (out.notes.back().id.isEmpty()) fail(origin, QString(), QStringLiteral("notes.id"), QStringLiteral("every note needs a text \"id\""));
    }
    return out;
}

Document readDocument(const QString& path)
{
    QFile file(path);
    if (!file.exists()) fail(path, QString(), QString(), QStringLiteral("no such file"));
    if (!file.open(QIODevice::ReadOnly)) fail(path, QString(), QString(), QStringLiteral("cannot be read: %1").arg(file.errorString()));
    return parseDocument(file.readAll(), path);
}

QByteArray writeDocument(const Document& doc)
{
    QJsonObject root;
    root[QStringLiteral("format")] = QStringLiteral("spikestudio");
    root[QStringLiteral("version")] = kDocumentVersion;
    if (!doc.name.isEmpty()) root[QStringLiteral("name")] = doc.name;
    if (!doc.description.isEmpty()) root[QStringLiteral("description")] = doc.description;
    const auto& exp = doc.graph.experiment;
    QJsonObject expJson{{QStringLiteral("dt"), exp.dt * 1e3},
                        {QStringLiteral("duration"), exp.duration * 1e3},
                        {QStringLiteral("seed"), static_cast<double>(exp.seed)}};
    if (exp.protocol) expJson[QStringLiteral("protocol")] = protocolJson(*exp.protocol);
    root[QStringLiteral("experiment")] = expJson;
    QJsonArray nodes;
    for (const auto& n : doc.graph.nodes) {
        QJsonObject params;
        for (const auto& [key, value] : n.params) {
            QJsonValue v;
            std::visit([&](const auto& x) {
                using T = std::decay_t<decltype(x)>;
                if constexpr (std::is_same_v<T, std::string>) v = QString::fromStdString(x);
                else if constexpr (std::is_same_v<T, std::int64_t>) v = static_cast<double>(x);
                else v = x;
            }, value);
            params[QString::fromStdString(key)] = v;
        }
        nodes.append(QJsonObject{{QStringLiteral("id"), QString::fromStdString(n.id)},
                                 {QStringLiteral("type"), QString::fromStdString(n.type)},
                                 {QStringLiteral("position"), QJsonArray{n.x, n.y}},
                                 {QStringLiteral("params"), params}});
    }
    root[QStringLiteral("nodes")] = nodes;
    QJsonArray wires;
    for (const auto& w : doc.graph.wires)
        wires.append(QJsonObject{{QStringLiteral("from"), portRefText(w.from)}, {QStringLiteral("to"), portRefText(w.to)}});
    root[QStringLiteral("wires")] = wires;
    if (!doc.notes.empty()) {
        QJsonArray notes;
        for (const auto& n : doc.notes)
            notes.append(QJsonObject{{QStringLiteral("id"), n.id}, {QStringLiteral("text"), n.text},
                                     {QStringLiteral("position"), QJsonArray{n.pos.x(), n.pos.y()}}});
        root[QStringLiteral("notes")] = notes;
    }
    if (!doc.view.isEmpty()) root[QStringLiteral("view")] = doc.view;
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

void saveDocument(const Document& doc, const QString& path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(writeDocument(doc)) < 0 || !file.commit())
        fail(path, QString(), QString(), QStringLiteral("cannot be written: %1").arg(file.errorString()));
}

models::ParamValue parseParamValue(const QString& origin, const models::Node& node, const QString& key, const QString& text)
{
    const models::NodeSpec* spec = models::findSpec(node.type);
    const models::ParamSpec* p = spec ? spec->param(key.toStdString()) : nullptr;
    const QString id = QString::fromStdString(node.id);
    if (!p) fail(origin, id, key, QStringLiteral("node type '%1' has no parameter '%2'").arg(QString::fromStdString(node.type), key));
    bool ok = true;
    switch (p->type) {
    case models::ParamType::Real: {
        const double d = text.toDouble(&ok);
        if (ok) return d;
        break;
    }
    case models::ParamType::Integer: {
        const qlonglong i = text.toLongLong(&ok);
        if (ok) return static_cast<std::int64_t>(i);
        // 1e6 as in a document: a number that the validator checks for being whole and in range.
        const double d = text.toDouble(&ok);
        if (ok) return d == std::floor(d) && std::fabs(d) < 9e15 ? models::ParamValue(static_cast<std::int64_t>(d)) : models::ParamValue(d);
        break;
    }
    case models::ParamType::Bool:
        if (text == QStringLiteral("true") || text == QStringLiteral("1")) return true;
        if (text == QStringLiteral("false") || text == QStringLiteral("0")) return false;
        ok = false;
        break;
    case models::ParamType::Choice:
    case models::ParamType::Text: return text.toStdString();
    }
    fail(origin, id, key, QStringLiteral("'%1' is not a valid value").arg(text));
}

} // namespace ss::app
