#pragma once
// Surrogate-gradient training of a feed-forward spiking network (input -> LIF hidden -> leaky readout),
// the network of Zenke's SpyTorch tutorial (Neftci, Mostafa & Zenke 2019, IEEE Signal Proc. Mag.;
// Zenke & Ganguli 2018, SuperSpike), trained by backpropagation through time.
//
// Discrete time, step dt, per hidden neuron (alpha = exp(-dt/tau_syn), beta = exp(-dt/tau_mem)):
//   S[t]     = H(U[t] - 1)                                   spike when the membrane crosses 1
//   I[t+1]   = alpha I[t] + sum_i W1[i] x_i[t]                 synaptic current
//   U[t+1]   = (beta U[t] + I[t]) (1 - S[t])                   reset to zero after a spike
// Readout (non-spiking, per class k):
//   F[t+1]   = alpha F[t] + sum_j W2[j] S_j[t],   O[t+1] = beta O[t] + F[t]
//   logit_k  = max_t O_k[t+1],   loss = -log softmax(logits)[label]
// Backward, the Heaviside step has the derivative of a fast sigmoid (SuperSpike):
//   dS/dU ~ 1 / (scale |U - 1| + 1)^2,
// and the reset factor (1 - S) is treated as a constant (SpyTorch's detached reset). Everything else is
// the exact gradient of the equations above. Weights start as N(0, (weight_scale (1 - beta))^2 / fan_in)
// and follow Adam (Kingma & Ba 2015).
//
// Inputs are sparse spike trains (a step and an input index per spike), as a latency code gives them:
// the input layer costs one row of W1 per input spike forward and backward.
#include <Eigen/Dense>

#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

namespace ss::sim {
class Rng;
}

namespace ss::sim::train {

// One sample as input spikes: (step, input index) pairs, and its class.
struct SpikeSample {
    std::vector<std::pair<int, int>> events;
    int label = -1;
};

// SpyTorch's latency code: input x in [0, 1] fires once, at t = tau_eff ln(x / (x - threshold)) (the
// time a leaky integrator driven by x takes to reach the threshold), if x > threshold; t in steps of dt,
// kept when below `steps`.
SpikeSample latencyCode(const std::uint8_t* pixels, int count, int label, int steps, double dt,
                        double tauEff = 20e-3, double threshold = 0.2);

struct SurrogateConfig {
    int inputs = 784;
    int hidden = 100;
    int outputs = 10;
    int steps = 100;           // time steps per sample
    double dt = 1e-3;          // s
    double tauMem = 10e-3;     // s
    double tauSyn = 5e-3;      // s
    double surrogateScale = 100.0;
    double weightScale = 7.0;
    double learningRate = 2e-4; // Adam
    double beta1 = 0.9;
    double beta2 = 0.999;
    double epsilon = 1e-8;
    std::uint64_t seed = 1;
};

struct BatchResult {
    double loss = 0.0; // mean over the batch
    int correct = 0;
    int count = 0;
};

class SurrogateNetwork {
public:
    using Matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

    explicit SurrogateNetwork(const SurrogateConfig& config);

    const SurrogateConfig& config() const { return m_c; }
    // Forward and backward over the batch, then one Adam step.
    BatchResult trainBatch(const std::vector<const SpikeSample*>& batch);
    // Mean loss and correct count over the batch, and its gradients, without learning.
    BatchResult gradients(const std::vector<const SpikeSample*>& batch, Matrix& gW1, Matrix& gW2) const;
    // The class whose readout reaches the largest maximum; the loss of one sample; hidden spikes.
    int predict(const SpikeSample& sample) const;
    BatchResult evaluate(const std::vector<SpikeSample>& samples) const;
    double hiddenSpikes(const SpikeSample& sample) const;

    Matrix& w1() { return m_w1; } // inputs x hidden
    Matrix& w2() { return m_w2; } // hidden x outputs
    const Matrix& w1() const { return m_w1; }
    const Matrix& w2() const { return m_w2; }

private:
    struct Trace; // the forward pass of one sample, kept for the backward pass
    void forward(const SpikeSample& sample, Trace& tr) const;
    double backward(const SpikeSample& sample, const Trace& tr, double scale, Matrix& gW1, Matrix& gW2) const;
    void adam(Matrix& w, Matrix& m, Matrix& v, const Matrix& g);

    SurrogateConfig m_c;
    double m_alpha, m_beta;
    Matrix m_w1, m_w2;
    Matrix m_m1, m_v1, m_m2, m_v2; // Adam moments
    Matrix m_g1, m_g2;             // gradient buffers
    long m_t = 0;                  // Adam step
};

// One epoch: the samples in an order shuffled by `rng`, in batches of `batchSize`, one Adam step each.
// Returns the mean loss over the batches and the training samples classified right before each step.
// `afterBatch` (optional) sees each batch's result and the samples of the epoch done so far; returning
// false ends the epoch early (a live run being stopped).
using BatchCallback = std::function<bool(const BatchResult& batch, std::size_t samplesDone)>;
BatchResult trainEpoch(SurrogateNetwork& net, const std::vector<SpikeSample>& samples, int batchSize, Rng& rng,
                       const BatchCallback& afterBatch = {});

} // namespace ss::sim::train
