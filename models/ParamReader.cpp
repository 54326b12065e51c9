#include "models/ParamReader.h"

#include "models/BuildContext.h"

namespace ss::models {

void ParamReader::fail(const std::string& field, const std::string& message) const
{
    throw BuildError(m_node.id, field, message);
}

const ParamSpec& ParamReader::declared(const std::string& key) const
{
    const ParamSpec* p = m_spec.param(key);
    if (!p) fail(key, "node type '" + m_spec.id + "' has no parameter '" + key + "'");
    return *p;
}

const ParamValue& ParamReader::value(const std::string& key) const
{
    const ParamSpec& p = declared(key);
    const auto it = m_node.params.find(key);
    return it == m_node.params.end() ? p.defaultValue : it->second;
}

double ParamReader::si(const std::string& key) const { return real(key) * declared(key).siScale; }

double ParamReader::real(const std::string& key) const
{
    const ParamValue& v = value(key);
    if (const auto* d = std::get_if<double>(&v)) return *d;
    if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
    fail(key, "parameter '" + key + "' must be a number");
}

std::int64_t ParamReader::integer(const std::string& key) const
{
    const ParamValue& v = value(key);
    if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
    if (const auto* d = std::get_if<double>(&v); d && *d == static_cast<double>(static_cast<std::int64_t>(*d)))
        return static_cast<std::int64_t>(*d);
    fail(key, "parameter '" + key + "' must be a whole number");
}

bool ParamReader::flag(const std::string& key) const
{
    const ParamValue& v = value(key);
    if (const auto* b = std::get_if<bool>(&v)) return *b;
    fail(key, "parameter '" + key + "' must be true or false");
}

const std::string& ParamReader::text(const std::string& key) const
{
    const ParamValue& v = value(key);
    if (const auto* s = std::get_if<std::string>(&v)) return *s;
    fail(key, "parameter '" + key + "' must be text");
}

} // namespace ss::models
