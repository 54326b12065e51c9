#include "models/readouts/RidgeReadout.h"

#include <Eigen/Cholesky>

#include <stdexcept>

namespace ss::models {

RidgeReadout::RidgeReadout(Eigen::Index neurons, int classes, double lambda, ReadoutFeature feature)
    : Readout(neurons, classes, feature), m_lambda(lambda)
{
    if (!(lambda >= 0.0)) throw std::invalid_argument("ridge readout: lambda must not be negative");
}

void RidgeReadout::fit(const Eigen::ArrayXXd& features, const std::vector<int>& labels)
{
    Eigen::MatrixXd x;
    std::vector<int> y;
    usable(features, labels, x, y);
    m_scaler.fit(x);
    const Eigen::Index n = x.rows(), d = neurons();
    Eigen::MatrixXd a(n, d + 1);
    a.leftCols(d) = m_scaler.apply(x);
    a.col(d).setOnes();
    Eigen::MatrixXd t = Eigen::MatrixXd::Zero(n, classes());
    for (Eigen::Index k = 0; k < n; ++k) t(k, y[static_cast<std::size_t>(k)]) = 1.0;
    Eigen::MatrixXd gram = a.transpose() * a;
    gram.diagonal().head(d).array() += m_lambda;
    // LDL^T copes with the semi-definite Gram matrix of lambda = 0 and silent neurons (zero columns).
    m_w = gram.ldlt().solve(a.transpose() * t);
    m_fitted = true;
}

Eigen::RowVectorXd RidgeReadout::outputs(const Eigen::ArrayXd& features) const
{
    checkFeatures(features);
    if (!m_fitted) throw std::logic_error("ridge readout: predict before fit");
    const Eigen::RowVectorXd z = m_scaler.apply(features.matrix().transpose());
    return z * m_w.topRows(neurons()) + m_w.row(neurons());
}

int RidgeReadout::predict(const Eigen::ArrayXd& features) const
{
    Eigen::Index best = 0;
    outputs(features).maxCoeff(&best);
    return static_cast<int>(best);
}

void RidgeReadout::saveModel(ByteWriter& out) const
{
    out.put<double>(m_lambda);
    m_scaler.save(out);
    out.putMatrix(m_w);
}

void RidgeReadout::loadModel(ByteReader& in)
{
    m_lambda = in.get<double>();
    m_scaler.load(in, neurons());
    m_w = in.getMatrix();
    if (m_w.rows() != neurons() + 1 || m_w.cols() != classes()) throw StateError(in.what() + ": ridge weights of the wrong size");
}

} // namespace ss::models
