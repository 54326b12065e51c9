#pragma once
// Linear readout by ridge regression (regularised least squares onto one-hot class targets), solved in
// closed form. With the standardised features z (Readout.h: FeatureScaler) of the N label-phase
// samples as the rows of Z, A = [Z 1] (a column of ones for the bias) and T the N x C one-hot targets
// (T_kc = 1 when sample k is of class c),
//     W = (A^T A + lambda D)^-1 A^T T,   D = diag(1, ..., 1, 0)   (the bias is not penalised),
// and a sample is given the class of its largest output, argmax_c ([z 1] W)_c. lambda = 0 is plain
// least squares. (Hastie, Tibshirani & Friedman, The Elements of Statistical Learning, 2nd ed.,
// sections 3.4.1 and 4.2.)
#include "models/readouts/Readout.h"

#include <Eigen/Core>

namespace ss::models {

class RidgeReadout : public Readout {
public:
    RidgeReadout(Eigen::Index neurons, int classes, double lambda, ReadoutFeature feature = ReadoutFeature::Counts);
    std::string type() const override { return "readout.ridge"; }
    void fit(const Eigen::ArrayXXd& features, const std::vector<int>& labels) override;
    int predict(const Eigen::ArrayXd& features) const override;
    // The C outputs of a sample before the argmax.
    Eigen::RowVectorXd outputs(const Eigen::ArrayXd& features) const;
    const Eigen::MatrixXd& weights() const { return m_w; } // (neurons + 1) x classes, bias last

protected:
    void saveModel(ByteWriter& out) const override;
    void loadModel(ByteReader& in) override;

private:
    double m_lambda;
    FeatureScaler m_scaler;
    Eigen::MatrixXd m_w;
};

} // namespace ss::models
