#include "sim/ConvProjection.h"

namespace ss::sim {

Shape ConvGeometry::output(const Shape& in, const std::string& who) const
{
    if (kernel < 1 || stride < 1 || padding < 0 || features < 1)
        throw ModelError(who + ": kernel, stride and features must be positive and padding not negative");
    const Index h = in.height + 2 * padding - kernel;
    const Index w = in.width + 2 * padding - kernel;
    if (h < 0 || w < 0)
        throw ModelError(who + ": a " + std::to_string(kernel) + "x" + std::to_string(kernel) +
                         " kernel does not fit an input of " + in.toString());
    return {features, h / stride + 1, w / stride + 1};
}

ConvProjection::ConvProjection(std::string name, Population& pre, Population& post, Channel channel,
                               int delaySteps, const ConvGeometry& geometry, const WeightInit& init, Rng rng)
    : Projection(std::move(name), pre, post, channel, delaySteps), m_geo(geometry)
{
    const Shape out = geometry.output(pre.shape(), "projection '" + this->name() + "'");
    if (out.size() != post.size())
        throw ModelError("projection '" + this->name() + "': convolution output " + out.toString() + " does not match " +
                         "population '" + post.name() + "' of " + post.shape().toString());
    m_kernels.resize(static_cast<std::size_t>(geometry.features * pre.shape().channels * geometry.kernel *
                                              geometry.kernel));
    for (auto& w : m_kernels) w = init.draw(rng);
}

std::uint64_t ConvProjection::propagate()
{
    const Shape in = pre().shape();
    const Index k = m_geo.kernel, s = m_geo.stride, p = m_geo.padding, nf = m_geo.features;
    const Index ho = (in.height + 2 * p - k) / s + 1;
    const Index wo = (in.width + 2 * p - k) / s + 1;
    const Index plane = ho * wo;
    double* out = target();
    std::uint64_t ops = 0;
    for (Index i : pre().spikes()) {
        const Index c = i / (in.height * in.width);
        const Index y = (i / in.width) % in.height;
        const Index x = i % in.width;
        for (Index ky = 0; ky < k; ++ky) {
            const Index ny = y + p - ky;
            if (ny < 0 || ny % s != 0 || ny / s >= ho) continue;
            const Index oy = ny / s;
            for (Index kx = 0; kx < k; ++kx) {
                const Index nx = x + p - kx;
                if (nx < 0 || nx % s != 0 || nx / s >= wo) continue;
                const Index ox = nx / s;
                const float* kw = &m_kernels[static_cast<std::size_t>((c * k + ky) * k + kx)];
                const std::size_t fStride = static_cast<std::size_t>(in.channels * k * k);
                double* o = out + oy * wo + ox;
                for (Index f = 0; f < nf; ++f) o[f * plane] += kw[f * fStride];
                ops += static_cast<std::uint64_t>(nf);
            }
        }
    }
    return ops;
}

} // namespace ss::sim
