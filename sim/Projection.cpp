#include "sim/Projection.h"

#include <algorithm>

namespace ss::sim {

float WeightInit::draw(Rng& rng) const
{
    switch (kind) {
    case Kind::Constant: return static_cast<float>(a);
    case Kind::Uniform: return static_cast<float>(a + (b - a) * rng.uniform());
    case Kind::Normal: {
        const double w = a + b * rng.normal();
        // A normal draw never changes the sign of the mean weight.
        return static_cast<float>(a >= 0 ? std::max(w, 0.0) : std::min(w, 0.0));
    }
    }
    return 0.0f;
}

Projection::Projection(std::string name, Population& pre, Population& post, Channel channel, int delaySteps)
    : m_name(std::move(name)), m_pre(pre), m_post(post), m_channel(channel), m_delay(delaySteps)
{
    if (delaySteps < 1) throw ModelError("projection '" + m_name + "': delay must be at least one step");
}

} // namespace ss::sim
