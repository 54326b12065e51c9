#pragma once
// A data source over IDX images and labels (MNIST, Fashion-MNIST, ...): sample k has values
// pixel / 255 in [0, 1] and shape 1 x rows x columns.
#include "models/BuildContext.h"
#include "models/encoders/IdxReader.h"

namespace ss::models {

class IdxSource : public DataSource {
public:
    // defaultIndex: the sample a run shows when no protocol steps through the data.
    explicit IdxSource(IdxDataset data, std::size_t defaultIndex = 0);

    sim::Shape shape() const override;
    std::size_t count() const override { return m_data.n; }
    void sample(std::size_t k, Eigen::ArrayXd& out) const override;
    int label(std::size_t k) const override;

    std::size_t defaultIndex() const { return m_default; }
    const IdxDataset& data() const { return m_data; }

private:
    IdxDataset m_data;
    std::size_t m_default;
};

// The sample an encoder shows when it is built: the source's default index for an IdxSource, else 0.
std::size_t defaultSampleIndex(const DataSource& source);

} // namespace ss::models
