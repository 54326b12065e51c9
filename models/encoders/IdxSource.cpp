#include "models/encoders/IdxSource.h"

namespace ss::models {

IdxSource::IdxSource(IdxDataset data, std::size_t defaultIndex, SamplePreprocess preprocess)
    : m_data(std::move(data)), m_default(defaultIndex), m_pre(preprocess)
{
    if (!(m_pre.scale >= 0.0 && m_pre.scale <= 1.0)) throw IdxError("the scale must be in [0, 1]");
    if (m_data.n > 0 && m_default >= m_data.n)
        throw IdxError("sample index " + std::to_string(m_default) + " is out of range: the data has " +
                       std::to_string(m_data.n) + " samples");
}

sim::Shape IdxSource::shape() const
{
    return {1, static_cast<sim::Index>(m_data.rows), static_cast<sim::Index>(m_data.cols)};
}

void IdxSource::sample(std::size_t k, Eigen::ArrayXd& out) const
{
    const std::size_t size = m_data.rows * m_data.cols;
    if (k >= m_data.n) throw IdxError("sample " + std::to_string(k) + " requested from " + std::to_string(m_data.n));
    out.resize(static_cast<Eigen::Index>(size));
    const std::uint8_t* p = m_data.pixels.data() + k * size;
    for (std::size_t i = 0; i < size; ++i) out[static_cast<Eigen::Index>(i)] = p[i] / 255.0;
    if (m_pre.normalise && size > 0) {
        const double lo = out.minCoeff(), hi = out.maxCoeff();
        out = hi > lo ? ((out - lo) / (hi - lo)).eval() : Eigen::ArrayXd::Zero(out.size()).eval();
    }
    if (m_pre.scale != 1.0) out *= m_pre.scale;
}

int IdxSource::label(std::size_t k) const { return k < m_data.labels.size() ? m_data.labels[k] : -1; }

std::size_t defaultSampleIndex(const DataSource& source)
{
    if (const auto* idx = dynamic_cast<const IdxSource*>(&source)) return idx->defaultIndex();
    return 0;
}

} // namespace ss::models
