#pragma once
// A data source over IDX images and labels (MNIST, Fashion-MNIST, ...): sample k has values
// pixel / 255 in [0, 1] and shape 1 x rows x columns, then preprocessed:
//   normalise  v = (v - min) / (max - min) over the image (a blank image stays 0): full contrast
//   scale      v = scale * v, scale in [0, 1] (a dimmer input, e.g. lower Poisson rates)
#include "models/BuildContext.h"
#include "models/encoders/IdxReader.h"

namespace ss::models {

struct SamplePreprocess {
    double scale = 1.0;
    bool normalise = false;
};

class IdxSource : public DataSource {
public:
    // defaultIndex: the sample a run shows when no protocol steps through the data.
    explicit IdxSource(IdxDataset data, std::size_t defaultIndex = 0, SamplePreprocess preprocess = {});

    sim::Shape shape() const override;
    std::size_t count() const override { return m_data.n; }
    void sample(std::size_t k, Eigen::ArrayXd& out) const override;
    int label(std::size_t k) const override;

    std::size_t defaultIndex() const { return m_default; }
    const IdxDataset& data() const { return m_data; }

private:
    IdxDataset m_data;
    std::size_t m_default;
    SamplePreprocess m_pre;
};

// The sample an encoder shows when it is built: the source's default index for an IdxSource, else 0.
std::size_t defaultSampleIndex(const DataSource& source);

} // namespace ss::models
