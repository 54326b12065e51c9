#include "models/export/ScriptText.h"

#include "models/export/NpzWriter.h"

#include <array>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace ss::models::exporting {

std::string num(double value)
{
    std::array<char, 64> buf{};
    const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), value);
    return std::string(buf.data(), r.ptr);
}

std::string approx(double value)
{
    std::array<char, 64> buf{};
    std::snprintf(buf.data(), buf.size(), "%.12g", value);
    return buf.data();
}

std::string pyName(const std::string& id, const std::set<std::string>& reserved)
{
    static const std::set<std::string> keywords = {
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
        "not", "or", "pass", "raise", "return", "try", "while", "with", "yield"};
    std::string out;
    for (char c : id) out.push_back(std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
    if (out.empty() || std::isdigit(static_cast<unsigned char>(out.front())) || out.front() == '_') out = "n" + out;
    if (keywords.count(out) || reserved.count(out)) out += "_";
    return out;
}

std::string pyString(const std::string& text)
{
    std::string out = "'";
    for (char c : text) {
        if (c == '\\' || c == '\'') out.push_back('\\');
        if (c == '\n')
            out += "\\n";
        else
            out.push_back(c);
    }
    return out + "'";
}

std::string pyNeurons(const std::string& text)
{
    if (text == "all") return "True";
    std::vector<std::string> parts;
    std::stringstream ss(text);
    std::string item, singles;
    while (std::getline(ss, item, ',')) {
        const auto dash = item.find('-', 1);
        if (dash == std::string::npos) {
            singles += (singles.empty() ? "" : ", ") + std::to_string(std::stol(item));
        } else {
            const long a = std::stol(item.substr(0, dash)), b = std::stol(item.substr(dash + 1));
            parts.push_back("list(range(" + std::to_string(a) + ", " + std::to_string(b + 1) + "))");
        }
    }
    if (!singles.empty()) parts.insert(parts.begin(), "[" + singles + "]");
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : " + ") + p;
    return out;
}

std::string dataPathFor(const std::string& scriptPath)
{
    const auto slash = scriptPath.find_last_of('/');
    const auto dot = scriptPath.find_last_of('.');
    const bool hasExt = dot != std::string::npos && (slash == std::string::npos || dot > slash);
    return (hasExt ? scriptPath.substr(0, dot) : scriptPath) + ".npz";
}

std::string baseName(const std::string& path)
{
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

void writeScriptAndData(const ExportNetwork& net, const std::set<std::string>& reserved, const std::string& path,
                        ScriptMaker script)
{
    const std::string dataPath = dataPathFor(path);
    const std::string text = script(net, baseName(dataPath));
    writeConnectivity(net, reserved, dataPath);
    writeText(path, text);
}

void writeConnectivity(const ExportNetwork& net, const std::set<std::string>& reserved, const std::string& path)
{
    NpzWriter npz;
    for (const auto& p : net.projections) {
        const std::string name = pyName(p.node->id, reserved);
        npz.add(name + "_i", p.i);
        npz.add(name + "_j", p.j);
        npz.add(name + "_w", p.w);
    }
    npz.write(path);
}

void writeText(const std::string& path, const std::string& text)
{
    std::ofstream out(path, std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + path);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + path);
}

std::string delayText(const ExportNetwork& net, const ExportProjection& p)
{
    return approx(p.delaySteps * net.dtMs) + " ms (" + std::to_string(p.delaySteps) +
           (p.delaySteps == 1 ? " step)" : " steps)");
}

} // namespace ss::models::exporting
