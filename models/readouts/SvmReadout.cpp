#include "models/readouts/SvmReadout.h"

#include <opencv2/core/persistence.hpp>
#include <opencv2/ml.hpp>

#include <cmath>
#include <stdexcept>

namespace ss::models {

namespace {

constexpr const char* kModelName = "svm";

cv::Mat toFloatRows(const Eigen::MatrixXd& z)
{
    cv::Mat m(static_cast<int>(z.rows()), static_cast<int>(z.cols()), CV_32F);
    for (Eigen::Index r = 0; r < z.rows(); ++r)
        for (Eigen::Index c = 0; c < z.cols(); ++c) m.at<float>(static_cast<int>(r), static_cast<int>(c)) = static_cast<float>(z(r, c));
    return m;
}

} // namespace

SvmReadout::SvmReadout(Eigen::Index neurons, int classes, double c, ReadoutFeature feature)
    : Readout(neurons, classes, feature), m_c(c)
{
    if (!(c > 0.0)) throw std::invalid_argument("SVM readout: C must be positive");
}

SvmReadout::~SvmReadout() = default;

void SvmReadout::fit(const Eigen::ArrayXXd& features, const std::vector<int>& labels)
{
    Eigen::MatrixXd x;
    std::vector<int> y;
    usable(features, labels, x, y);
    m_scaler.fit(x);
    cv::Mat responses(static_cast<int>(y.size()), 1, CV_32S);
    for (std::size_t k = 0; k < y.size(); ++k) responses.at<int>(static_cast<int>(k)) = y[k];
    m_svm = cv::ml::SVM::create();
    m_svm->setType(cv::ml::SVM::C_SVC);
    m_svm->setKernel(cv::ml::SVM::LINEAR);
    m_svm->setC(m_c);
    m_svm->setTermCriteria(cv::TermCriteria(cv::TermCriteria::MAX_ITER + cv::TermCriteria::EPS, 100000, 1e-5));
    bool trained = false;
    try {
        trained = m_svm->train(toFloatRows(m_scaler.apply(x)), cv::ml::ROW_SAMPLE, responses);
    } catch (const cv::Exception& e) {
        throw std::runtime_error("SVM readout: training failed (" + e.msg + ")");
    }
    if (!trained) throw std::runtime_error("SVM readout: training failed");
    m_fitted = true;
}

int SvmReadout::predict(const Eigen::ArrayXd& features) const
{
    checkFeatures(features);
    if (!m_fitted) throw std::logic_error("SVM readout: predict before fit");
    const cv::Mat z = toFloatRows(m_scaler.apply(features.matrix().transpose()));
    return static_cast<int>(std::lround(m_svm->predict(z)));
}

void SvmReadout::saveModel(ByteWriter& out) const
{
    out.put<double>(m_c);
    m_scaler.save(out);
    // OpenCV's own model format (YAML text; floats with 9 and doubles with 17 significant digits, so
    // the model reads back exactly).
    cv::FileStorage fs(".yml", cv::FileStorage::WRITE | cv::FileStorage::MEMORY);
    fs << kModelName << "{";
    m_svm->write(fs);
    fs << "}";
    out.putString(fs.releaseAndGetString());
}

void SvmReadout::loadModel(ByteReader& in)
{
    m_c = in.get<double>();
    m_scaler.load(in, neurons());
    const std::string model = in.getString();
    try {
        m_svm = cv::Algorithm::loadFromString<cv::ml::SVM>(model, kModelName);
    } catch (const cv::Exception& e) {
        throw StateError(in.what() + ": the SVM model cannot be read (" + e.msg + ")");
    }
    if (!m_svm || !m_svm->isTrained() || m_svm->getVarCount() != static_cast<int>(neurons()))
        throw StateError(in.what() + ": the SVM model does not fit this readout");
}

} // namespace ss::models
