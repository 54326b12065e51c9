#include "sim/PoolProjection.h"

namespace ss::sim {

Shape PoolProjection::output(const Shape& in, Index window, Index stride, const std::string& who)
{
    ConvGeometry g{window, stride, 0, in.channels};
    return g.output(in, who);
}

PoolProjection::PoolProjection(std::string name, Population& pre, Population& post, Channel channel,
                               int delaySteps, Index window, Index stride, Mode mode, float weight)
    : Projection(std::move(name), pre, post, channel, delaySteps), m_window(window), m_stride(stride),
      m_mode(mode), m_weight(weight)
{
    m_out = output(pre.shape(), window, stride, "projection '" + this->name() + "'");
    if (m_out.size() != post.size())
        throw ModelError("projection '" + this->name() + "': pooling output " + m_out.toString() +
                         " does not match population '" + post.name() + "' of " + post.shape().toString());
    m_passed.assign(static_cast<std::size_t>(post.size()), 0);
    m_touched.reserve(static_cast<std::size_t>(post.size()));
}

void PoolProjection::reset() { std::fill(m_passed.begin(), m_passed.end(), 0); }

std::uint64_t PoolProjection::propagate()
{
    const Shape in = pre().shape();
    double* out = target();
    const float avg = m_weight / static_cast<float>(m_window * m_window);
    std::uint64_t ops = 0;
    for (Index i : pre().spikes()) {
        const Index c = i / (in.height * in.width);
        const Index y = (i / in.width) % in.height;
        const Index x = i % in.width;
        // Every window (oy, ox) with oy * s <= y < oy * s + k.
        for (Index oy = std::max<Index>(0, (y - m_window + m_stride) / m_stride); oy < m_out.height; ++oy) {
            if (oy * m_stride > y) break;
            if (y >= oy * m_stride + m_window) continue;
            for (Index ox = std::max<Index>(0, (x - m_window + m_stride) / m_stride); ox < m_out.width; ++ox) {
                if (ox * m_stride > x) break;
                if (x >= ox * m_stride + m_window) continue;
                const Index o = m_out.index(c, oy, ox);
                ++ops;
                if (m_mode == Mode::Average) {
                    out[o] += avg;
                } else if (!m_passed[static_cast<std::size_t>(o)]) {
                    m_passed[static_cast<std::size_t>(o)] = 1;
                    out[o] += m_weight;
                    if (m_mode == Mode::Max) m_touched.push_back(o);
                }
            }
        }
    }
    // Max pooling relays at most one spike per window and step: forget the marks for the next step.
    for (Index o : m_touched) m_passed[static_cast<std::size_t>(o)] = 0;
    m_touched.clear();
    return ops;
}

void PoolProjection::copyWeights(std::vector<float>& out) const
{
    const auto nPre = static_cast<std::size_t>(pre().size());
    out.assign(nPre * static_cast<std::size_t>(post().size()), 0.0f);
    const Shape in = pre().shape();
    const float w = m_mode == Mode::Average ? m_weight / static_cast<float>(m_window * m_window) : m_weight;
    for (Index c = 0; c < m_out.channels; ++c)
        for (Index oy = 0; oy < m_out.height; ++oy)
            for (Index ox = 0; ox < m_out.width; ++ox)
                for (Index dy = 0; dy < m_window; ++dy)
                    for (Index dx = 0; dx < m_window; ++dx) {
                        const Index i = in.index(c, oy * m_stride + dy, ox * m_stride + dx);
                        out[static_cast<std::size_t>(m_out.index(c, oy, ox)) * nPre + static_cast<std::size_t>(i)] = w;
                    }
}

} // namespace ss::sim
