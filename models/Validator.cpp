#include "models/Validator.h"

#include <cmath>
#include <map>
#include <set>
#include <sstream>

namespace ss::models {

const NodeSpec* findSpec(const std::vector<NodeSpec>& specs, const std::string& id)
{
    for (const auto& s : specs)
        if (s.id == id) return &s;
    return nullptr;
}

namespace {

std::string number(double v)
{
    std::ostringstream os;
    os << v;
    return os.str();
}

// The longest period, delay or run the engine accepts, in steps of dt (about 28 hours at dt = 0.1 ms).
constexpr double kMaxSteps = 1e9;

void checkParam(const Node& node, const ParamSpec& p, const ParamValue& v, double dt, std::vector<Problem>& out)
{
    auto problem = [&](const std::string& msg) { out.push_back({node.id, p.key, msg}); };
    switch (p.type) {
    case ParamType::Real:
    case ParamType::Integer: {
        double x;
        if (const auto* d = std::get_if<double>(&v)) x = *d;
        else if (const auto* i = std::get_if<std::int64_t>(&v)) x = static_cast<double>(*i);
        else return problem("'" + p.key + "' must be a number");
        if (!std::isfinite(x)) return problem("'" + p.key + "' must be a finite number");
        if (p.type == ParamType::Integer && x != std::floor(x)) return problem("'" + p.key + "' must be a whole number");
        const std::string unit = p.unit.empty() ? "" : " " + p.unit;
        if (x < p.min || (p.minExclusive && x == p.min))
            return problem("'" + p.key + "' is " + number(x) + unit + " but must be " + (p.minExclusive ? "above " : "at least ") +
                           number(p.min) + unit);
        if (x > p.max) return problem("'" + p.key + "' is " + number(x) + unit + " but must be at most " + number(p.max) + unit);
        if (p.timeConstant && x * p.siScale <= dt)
            return problem("time constant '" + p.key + "' (" + number(x) + unit + ") must be larger than the time step dt (" +
                           number(dt * 1e3) + " ms)");
        // Times the engine counts in steps (periods, delays, intervals; not the time constants, which
        // only set a decay factor) must fit its step counters and the buffers sized by them.
        const bool time = p.unit == "s" || p.unit == "ms" || p.unit == "us";
        if (time && !p.timeConstant && dt > 0.0 && std::abs(x) * p.siScale / dt > kMaxSteps)
            return problem("'" + p.key + "' is " + number(x) + unit + ", more than " + number(kMaxSteps) +
                           " steps of dt (" + number(dt * 1e3) + " ms)");
        return;
    }
    case ParamType::Bool:
        if (!std::holds_alternative<bool>(v)) problem("'" + p.key + "' must be true or false");
        return;
    case ParamType::Choice: {
        const auto* s = std::get_if<std::string>(&v);
        if (!s) return problem("'" + p.key + "' must be one of its choices");
        for (const auto& c : p.choices)
            if (c == *s) return;
        std::string list;
        for (const auto& c : p.choices) list += (list.empty() ? "" : ", ") + c;
        return problem("'" + p.key + "' is '" + *s + "' but must be one of: " + list);
    }
    case ParamType::Text:
        if (!std::holds_alternative<std::string>(v)) problem("'" + p.key + "' must be text");
        return;
    }
}

} // namespace

std::string idProblem(const std::string& id)
{
    if (!id.empty() && id.find_first_of(". \t\n\r/\\") == std::string::npos) return {};
    return "node id '" + id + "' must be non-empty, without dots, spaces or slashes";
}

std::vector<Problem> validate(const Graph& graph, const std::vector<NodeSpec>& specs)
{
    std::vector<Problem> out;
    const double dt = graph.experiment.dt;
    if (!(dt > 0.0) || dt > 0.01 || !std::isfinite(dt)) out.push_back({"", "dt", "the time step dt must be in (0, 10] ms"});
    if (!(graph.experiment.duration >= 0.0) || !std::isfinite(graph.experiment.duration))
        out.push_back({"", "duration", "the duration must be zero or positive"});
    else if (dt > 0.0 && graph.experiment.duration / dt > kMaxSteps)
        out.push_back({"", "duration", "the duration (" + number(graph.experiment.duration) + " s) is more than " +
                                           number(kMaxSteps) + " steps of dt (" + number(dt * 1e3) + " ms)"});

    std::set<std::string> ids;
    for (const auto& node : graph.nodes) {
        if (std::string why = idProblem(node.id); !why.empty()) out.push_back({node.id, "id", std::move(why)});
        if (!ids.insert(node.id).second) out.push_back({node.id, "id", "node id '" + node.id + "' is used twice"});
        const NodeSpec* spec = findSpec(specs, node.type);
        if (!spec) {
            out.push_back({node.id, "type", "unknown node type '" + node.type + "'"});
            continue;
        }
        for (const auto& [key, value] : node.params) {
            const ParamSpec* p = spec->param(key);
            if (!p) out.push_back({node.id, key, "node type '" + spec->id + "' has no parameter '" + key + "'"});
            else checkParam(node, *p, value, dt, out);
        }
        for (const auto& p : spec->params)
            if (!node.params.count(p.key)) checkParam(node, p, p.defaultValue, dt, out);
    }

    std::map<std::pair<std::string, std::string>, int> into;
    for (const auto& w : graph.wires) {
        const Node* from = graph.find(w.from.node);
        const Node* to = graph.find(w.to.node);
        const std::string what = "wire " + w.from.toString() + " -> " + w.to.toString();
        if (!from) { out.push_back({w.from.node, "wire", what + ": no node '" + w.from.node + "'"}); continue; }
        if (!to) { out.push_back({w.to.node, "wire", what + ": no node '" + w.to.node + "'"}); continue; }
        const NodeSpec* fs = findSpec(specs, from->type);
        const NodeSpec* ts = findSpec(specs, to->type);
        if (!fs || !ts) continue;
        const PortSpec* fp = fs->port(w.from.port);
        const PortSpec* tp = ts->port(w.to.port);
        if (!fp || fp->direction != Direction::Out) {
            out.push_back({from->id, w.from.port, what + ": '" + fs->id + "' has no output port '" + w.from.port + "'"});
            continue;
        }
        if (!tp || tp->direction != Direction::In) {
            out.push_back({to->id, w.to.port, what + ": '" + ts->id + "' has no input port '" + w.to.port + "'"});
            continue;
        }
        if (fp->kind != tp->kind) {
            out.push_back({to->id, w.to.port, what + ": cannot connect " + toString(fp->kind) + " to " + toString(tp->kind)});
            continue;
        }
        if (tp->from && fs->category != *tp->from) {
            out.push_back({to->id, w.to.port, what + ": input '" + tp->name + "' takes " + toString(*tp->from) +
                                                  " nodes; put one between '" + from->id + "' and '" + to->id + "'"});
            continue;
        }
        if (++into[{to->id, tp->name}] == 2 && !tp->multiple)
            out.push_back({to->id, tp->name, "input port '" + tp->name + "' takes one wire only"});
    }
    for (const auto& node : graph.nodes) {
        const NodeSpec* spec = findSpec(specs, node.type);
        if (!spec) continue;
        for (const auto& port : spec->ports)
            if (port.direction == Direction::In && port.required && !into.count({node.id, port.name}))
                out.push_back({node.id, port.name, "required input '" + port.name + "' is not connected"});
    }
    return out;
}

} // namespace ss::models
