#include "models/Graph.h"

namespace ss::models {

const Node* Graph::find(const std::string& id) const
{
    for (const auto& n : nodes)
        if (n.id == id) return &n;
    return nullptr;
}

Node* Graph::find(const std::string& id)
{
    for (auto& n : nodes)
        if (n.id == id) return &n;
    return nullptr;
}

} // namespace ss::models
