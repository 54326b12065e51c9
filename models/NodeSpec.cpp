#include "models/NodeSpec.h"

#include <map>

namespace ss::models {

std::string toString(Category c)
{
    switch (c) {
    case Category::Source: return "Source";
    case Category::Encoder: return "Encoder";
    case Category::Layer: return "Layer";
    case Category::Synapses: return "Synapses";
    case Category::LearningRule: return "Learning rule";
    case Category::Readout: return "Readout";
    case Category::Monitor: return "Monitor";
    }
    return "?";
}

std::string toString(PortKind k)
{
    switch (k) {
    case PortKind::Spikes: return "spikes";
    case PortKind::Current: return "current";
    case PortKind::Samples: return "samples";
    case PortKind::Labels: return "labels";
    case PortKind::Reward: return "reward";
    case PortKind::Rule: return "rule";
    }
    return "?";
}

double unitScale(const std::string& unit)
{
    static const std::map<std::string, double> scales = {
        {"s", 1.0},     {"ms", 1e-3},   {"us", 1e-6},  {"V", 1.0},     {"mV", 1e-3}, {"uV", 1e-6},
        {"A", 1.0},     {"nA", 1e-9},   {"pA", 1e-12}, {"S", 1.0},     {"uS", 1e-6}, {"nS", 1e-9},
        {"F", 1.0},     {"nF", 1e-9},   {"pF", 1e-12}, {"Ohm", 1.0},   {"MOhm", 1e6}, {"GOhm", 1e9},
        {"Hz", 1.0},    {"kHz", 1e3},   {"m2", 1.0},   {"um2", 1e-12}, {"cm2", 1e-4},
        {"uF/cm2", 1e-2}, {"mS/cm2", 10.0}, {"uA/cm2", 1e-2}};
    const auto it = scales.find(unit);
    return it == scales.end() ? 1.0 : it->second;
}

ParamSpec realParam(std::string key, std::string unit, double def, double min, double max, std::string help)
{
    ParamSpec p;
    p.key = std::move(key);
    p.type = ParamType::Real;
    p.siScale = unitScale(unit);
    p.unit = std::move(unit);
    p.defaultValue = def;
    p.min = min;
    p.max = max;
    p.help = std::move(help);
    return p;
}

ParamSpec positiveParam(std::string key, std::string unit, double def, std::string help)
{
    ParamSpec p = realParam(std::move(key), std::move(unit), def, 0.0, std::numeric_limits<double>::infinity(),
                            std::move(help));
    p.minExclusive = true;
    return p;
}

ParamSpec timeConstantParam(std::string key, double defMs, std::string help)
{
    ParamSpec p = positiveParam(std::move(key), "ms", defMs, std::move(help));
    p.timeConstant = true;
    return p;
}

ParamSpec intParam(std::string key, std::int64_t def, std::int64_t min, std::int64_t max, std::string help)
{
    ParamSpec p;
    p.key = std::move(key);
    p.type = ParamType::Integer;
    p.defaultValue = def;
    p.min = static_cast<double>(min);
    p.max = static_cast<double>(max);
    p.help = std::move(help);
    return p;
}

ParamSpec boolParam(std::string key, bool def, std::string help)
{
    ParamSpec p;
    p.key = std::move(key);
    p.type = ParamType::Bool;
    p.defaultValue = def;
    p.help = std::move(help);
    return p;
}

ParamSpec choiceParam(std::string key, std::vector<std::string> choices, std::string def, std::string help)
{
    ParamSpec p;
    p.key = std::move(key);
    p.type = ParamType::Choice;
    p.choices = std::move(choices);
    p.defaultValue = std::move(def);
    p.help = std::move(help);
    return p;
}

ParamSpec textParam(std::string key, std::string def, std::string help)
{
    ParamSpec p;
    p.key = std::move(key);
    p.type = ParamType::Text;
    p.defaultValue = std::move(def);
    p.help = std::move(help);
    return p;
}

const ParamSpec* NodeSpec::param(const std::string& key) const
{
    for (const auto& p : params)
        if (p.key == key) return &p;
    return nullptr;
}

const PortSpec* NodeSpec::port(const std::string& portName) const
{
    for (const auto& p : ports)
        if (p.name == portName) return &p;
    return nullptr;
}

int buildPhase(const NodeSpec& spec)
{
    if (spec.phase >= 0) return spec.phase;
    switch (spec.category) {
    case Category::Source: return 0;
    case Category::Encoder:
    case Category::Layer: return 1;
    case Category::Synapses: return 2;
    case Category::LearningRule: return 3;
    case Category::Readout:
    case Category::Monitor: return 4;
    }
    return 4;
}

} // namespace ss::models
