#include "sim/train/SurrogateGradient.h"

#include "sim/Random.h"
#include "sim/Types.h"

#include <algorithm>
#include <cmath>

namespace ss::sim::train {

SpikeSample latencyCode(const std::uint8_t* pixels, int count, int label, int steps, double dt, double tauEff,
                        double threshold)
{
    SpikeSample s;
    s.label = label;
    for (int i = 0; i < count; ++i) {
        const double x = pixels[i] / 255.0;
        if (x <= threshold) continue;
        const int step = static_cast<int>(tauEff * std::log(x / (x - threshold)) / dt);
        if (step < steps) s.events.emplace_back(step, i);
    }
    std::sort(s.events.begin(), s.events.end());
    return s;
}

// Rows are time steps. U, S, I of the hidden layer at step t (before the update to t + 1); O the readout
// after the update, so O.row(t) is O[t+1]; argmax the step of each class's maximum.
struct SurrogateNetwork::Trace {
    Matrix input, u, s, out;
    std::vector<int> argmax;
    Eigen::VectorXd logits;
};

SurrogateNetwork::SurrogateNetwork(const SurrogateConfig& config)
    : m_c(config), m_alpha(std::exp(-config.dt / config.tauSyn)), m_beta(std::exp(-config.dt / config.tauMem))
{
    if (m_c.inputs < 1 || m_c.hidden < 1 || m_c.outputs < 2 || m_c.steps < 1)
        throw ModelError("surrogate-gradient network: sizes and steps must be positive (at least two classes)");
    if (!(m_c.dt > 0.0) || !(m_c.tauMem > 0.0) || !(m_c.tauSyn > 0.0) || !(m_c.learningRate > 0.0))
        throw ModelError("surrogate-gradient network: dt, time constants and learning rate must be positive");
    Rng rng(m_c.seed, 0x500000000ull);
    auto init = [&](Matrix& w, int rows, int cols) {
        const double sd = m_c.weightScale * (1.0 - m_beta) / std::sqrt(static_cast<double>(rows));
        w.resize(rows, cols);
        for (Eigen::Index i = 0; i < w.size(); ++i) w.data()[i] = sd * rng.normal();
    };
    init(m_w1, m_c.inputs, m_c.hidden);
    init(m_w2, m_c.hidden, m_c.outputs);
    for (Matrix* m : {&m_m1, &m_v1, &m_g1}) m->setZero(m_c.inputs, m_c.hidden);
    for (Matrix* m : {&m_m2, &m_v2, &m_g2}) m->setZero(m_c.hidden, m_c.outputs);
}

void SurrogateNetwork::forward(const SpikeSample& sample, Trace& tr) const
{
    const int T = m_c.steps, H = m_c.hidden, K = m_c.outputs;
    tr.input.setZero(T, H);
    for (const auto& [step, i] : sample.events) {
        if (step < 0 || step >= T || i < 0 || i >= m_c.inputs)
            throw ModelError("surrogate-gradient network: an input spike lies outside the steps or inputs");
        tr.input.row(step) += m_w1.row(i);
    }
    tr.u.resize(T, H);
    tr.s.resize(T, H);
    Eigen::RowVectorXd u = Eigen::RowVectorXd::Zero(H), current = Eigen::RowVectorXd::Zero(H);
    for (int t = 0; t < T; ++t) {
        tr.u.row(t) = u;
        tr.s.row(t) = (u.array() > 1.0).cast<double>();
        const Eigen::RowVectorXd keep = 1.0 - tr.s.row(t).array();
        u = ((m_beta * u + current).array() * keep.array()).matrix();
        current = m_alpha * current + tr.input.row(t);
    }
    const Matrix drive = tr.s * m_w2; // T x K
    tr.out.resize(T, K);
    Eigen::RowVectorXd f = Eigen::RowVectorXd::Zero(K), o = Eigen::RowVectorXd::Zero(K);
    for (int t = 0; t < T; ++t) {
        o = m_beta * o + f;
        f = m_alpha * f + drive.row(t);
        tr.out.row(t) = o;
    }
    tr.argmax.assign(K, 0);
    tr.logits.resize(K);
    for (int k = 0; k < K; ++k) tr.logits[k] = tr.out.col(k).maxCoeff(&tr.argmax[k]);
}

// Adds scale * dloss/dW to gW1, gW2; returns the loss.
double SurrogateNetwork::backward(const SpikeSample& sample, const Trace& tr, double scale, Matrix& gW1,
                                  Matrix& gW2) const
{
    const int T = m_c.steps, H = m_c.hidden, K = m_c.outputs;
    const double top = tr.logits.maxCoeff();
    const Eigen::VectorXd e = (tr.logits.array() - top).exp();
    const Eigen::VectorXd p = e / e.sum();
    const double loss = -std::log(p[sample.label]);
    Eigen::VectorXd gLogit = p;
    gLogit[sample.label] -= 1.0;
    gLogit *= scale;

    // Readout, backwards in time: O[t+1] = beta O[t] + F[t], F[t+1] = alpha F[t] + drive[t].
    Matrix gDrive(T, K);
    Eigen::RowVectorXd gO2 = Eigen::RowVectorXd::Zero(K), gF2 = Eigen::RowVectorXd::Zero(K); // of O[t+2], F[t+1]
    for (int t = T - 1; t >= 0; --t) {
        Eigen::RowVectorXd gO1 = m_beta * gO2; // of O[t+1]
        for (int k = 0; k < K; ++k)
            if (tr.argmax[k] == t) gO1[k] += gLogit[k];
        gF2 = m_alpha * gF2 + gO2; // now of F[t+1], which feeds O[t+2] and F[t+2]
        gDrive.row(t) = gF2;
        gO2 = gO1;
    }
    gW2.noalias() += tr.s.transpose() * gDrive;
    const Matrix gS = gDrive * m_w2.transpose(); // T x H

    // Hidden layer, backwards: U[t+1] = (beta U[t] + I[t]) (1 - S[t]), I[t+1] = alpha I[t] + input[t].
    Matrix gInput(T, H);
    Eigen::RowVectorXd gU = Eigen::RowVectorXd::Zero(H), gI = Eigen::RowVectorXd::Zero(H); // of U[t+1], I[t+1]
    for (int t = T - 1; t >= 0; --t) {
        gInput.row(t) = gI;
        const auto keep = 1.0 - tr.s.row(t).array();
        const auto slope = 1.0 / (m_c.surrogateScale * (tr.u.row(t).array() - 1.0).abs() + 1.0).square();
        const Eigen::RowVectorXd gUt = gS.row(t).array() * slope + m_beta * gU.array() * keep;
        gI = (gU.array() * keep + m_alpha * gI.array()).matrix();
        gU = gUt;
    }
    for (const auto& [step, i] : sample.events) gW1.row(i) += gInput.row(step);
    return loss;
}

BatchResult SurrogateNetwork::gradients(const std::vector<const SpikeSample*>& batch, Matrix& gW1, Matrix& gW2) const
{
    gW1.setZero(m_c.inputs, m_c.hidden);
    gW2.setZero(m_c.hidden, m_c.outputs);
    BatchResult r;
    if (batch.empty()) return r;
    Trace tr;
    const double scale = 1.0 / static_cast<double>(batch.size());
    for (const SpikeSample* s : batch) {
        if (s->label < 0 || s->label >= m_c.outputs)
            throw ModelError("surrogate-gradient network: a training sample's label lies outside the classes");
        forward(*s, tr);
        r.loss += backward(*s, tr, scale, gW1, gW2) * scale;
        Eigen::Index best;
        tr.logits.maxCoeff(&best);
        r.correct += best == s->label;
        ++r.count;
    }
    return r;
}

void SurrogateNetwork::adam(Matrix& w, Matrix& m, Matrix& v, const Matrix& g)
{
    const double c1 = 1.0 - std::pow(m_c.beta1, static_cast<double>(m_t));
    const double c2 = 1.0 - std::pow(m_c.beta2, static_cast<double>(m_t));
    m = m_c.beta1 * m + (1.0 - m_c.beta1) * g;
    v = m_c.beta2 * v + (1.0 - m_c.beta2) * g.cwiseProduct(g);
    w.array() -= m_c.learningRate * (m.array() / c1) / ((v.array() / c2).sqrt() + m_c.epsilon);
}

BatchResult SurrogateNetwork::trainBatch(const std::vector<const SpikeSample*>& batch)
{
    const BatchResult r = gradients(batch, m_g1, m_g2);
    if (batch.empty()) return r;
    ++m_t;
    adam(m_w1, m_m1, m_v1, m_g1);
    adam(m_w2, m_m2, m_v2, m_g2);
    return r;
}

int SurrogateNetwork::predict(const SpikeSample& sample) const
{
    Trace tr;
    forward(sample, tr);
    Eigen::Index best;
    tr.logits.maxCoeff(&best);
    return static_cast<int>(best);
}

BatchResult SurrogateNetwork::evaluate(const std::vector<SpikeSample>& samples) const
{
    BatchResult r;
    Trace tr;
    for (const SpikeSample& s : samples) {
        forward(s, tr);
        const double top = tr.logits.maxCoeff();
        const double lse = top + std::log((tr.logits.array() - top).exp().sum());
        if (s.label >= 0 && s.label < m_c.outputs) r.loss += (lse - tr.logits[s.label]) / samples.size();
        Eigen::Index best;
        tr.logits.maxCoeff(&best);
        r.correct += best == s.label;
        ++r.count;
    }
    return r;
}

double SurrogateNetwork::hiddenSpikes(const SpikeSample& sample) const
{
    Trace tr;
    forward(sample, tr);
    return tr.s.sum();
}

BatchResult trainEpoch(SurrogateNetwork& net, const std::vector<SpikeSample>& samples, int batchSize, Rng& rng,
                       const BatchCallback& afterBatch)
{
    if (batchSize < 1) throw ModelError("surrogate-gradient training: the batch size must be at least 1");
    std::vector<std::size_t> order(samples.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.below(i)]);
    BatchResult total;
    int batches = 0;
    std::vector<const SpikeSample*> batch;
    for (std::size_t start = 0; start < order.size(); start += static_cast<std::size_t>(batchSize), ++batches) {
        batch.clear();
        for (std::size_t k = start; k < std::min(order.size(), start + static_cast<std::size_t>(batchSize)); ++k)
            batch.push_back(&samples[order[k]]);
        const BatchResult r = net.trainBatch(batch);
        total.loss += r.loss;
        total.correct += r.correct;
        total.count += r.count;
        if (afterBatch && !afterBatch(r, static_cast<std::size_t>(total.count))) {
            ++batches;
            break;
        }
    }
    if (batches > 0) total.loss /= batches;
    return total;
}

} // namespace ss::sim::train
