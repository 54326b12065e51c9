#pragma once
// Linear support vector machine readout (OpenCV ml: cv::ml::SVM, C_SVC with a linear kernel, the
// classifier Kheradpisheh et al. 2018 put on their STDP features). It learns on the standardised
// features of the label phase (Readout.h: FeatureScaler) by minimising
//     1/2 |w|^2 + C sum_k xi_k   subject to   y_k (w . z_k + b) >= 1 - xi_k,  xi_k >= 0
// for every pair of classes (one against one; the prediction is the class with the most pairwise
// wins). C trades the margin for the training errors: small C regularises strongly.
#include "models/readouts/Readout.h"

#include <memory>

namespace cv::ml {
class SVM;
}

namespace ss::models {

class SvmReadout : public Readout {
public:
    SvmReadout(Eigen::Index neurons, int classes, double c, ReadoutFeature feature = ReadoutFeature::Counts);
    ~SvmReadout() override;
    std::string type() const override { return "readout.svm"; }
    void fit(const Eigen::ArrayXXd& features, const std::vector<int>& labels) override;
    int predict(const Eigen::ArrayXd& features) const override;

protected:
    void saveModel(ByteWriter& out) const override;
    void loadModel(ByteReader& in) override;

private:
    double m_c;
    FeatureScaler m_scaler;
    std::shared_ptr<cv::ml::SVM> m_svm; // cv::Ptr is a std::shared_ptr
};

} // namespace ss::models
