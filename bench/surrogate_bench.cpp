// Surrogate-gradient training throughput of the 784-100-10 SNN (sim/train, SpyTorch's network: 100 steps
// of 1 ms, latency-coded digits): samples per second forward and backward (training in batches of 64,
// Adam) and forward only (evaluation). Real MNIST digits from $SPIKESTUDIO_DATA/mnist.
// Usage: bench_surrogate [SAMPLES=2000] [REPEATS=3]. Prints medians; with --json, one JSON line each.
// bench_surrogate --dump DIR: trains 5 batches of 64, then writes the weights, the next batch's input spikes,
// its loss and the gradients into DIR (raw little-endian doubles, row-major; meta.json), which
// bench/surrogate_torch.py --check recomputes with PyTorch's autograd (the surrogate_vs_torch test).
#include "models/encoders/IdxReader.h"
#include "sim/train/SurrogateGradient.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

using namespace ss;

namespace {

double seconds(std::chrono::steady_clock::time_point since)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : 0.5 * (v[v.size() / 2 - 1] + v[v.size() / 2]);
}

void writeMatrix(const std::string& path, const sim::train::SurrogateNetwork::Matrix& m)
{
    std::ofstream f(path, std::ios::binary);
    f.write(reinterpret_cast<const char*>(m.data()), static_cast<std::streamsize>(m.size() * sizeof(double)));
    if (!f) throw std::runtime_error("cannot write " + path);
}

// Five Adam steps on batches 0-4, then the gradients of batch 5 (the trainer's gradients(), no step).
int dump(const std::string& dir, const std::vector<sim::train::SpikeSample>& samples,
         const sim::train::SurrogateConfig& config)
{
    constexpr std::size_t kBatch = 64;
    if (samples.size() < 6 * kBatch) throw std::runtime_error("--dump needs at least 384 samples");
    sim::train::SurrogateNetwork net(config);
    auto batchAt = [&](std::size_t b) {
        std::vector<const sim::train::SpikeSample*> batch;
        for (std::size_t k = b * kBatch; k < (b + 1) * kBatch; ++k) batch.push_back(&samples[k]);
        return batch;
    };
    for (std::size_t b = 0; b < 5; ++b) net.trainBatch(batchAt(b));
    sim::train::SurrogateNetwork::Matrix g1, g2;
    const auto batch = batchAt(5);
    const auto r = net.gradients(batch, g1, g2);
    writeMatrix(dir + "/w1.f64", net.w1());
    writeMatrix(dir + "/w2.f64", net.w2());
    writeMatrix(dir + "/g1.f64", g1);
    writeMatrix(dir + "/g2.f64", g2);
    std::ofstream meta(dir + "/meta.json");
    meta.precision(17);
    meta << "{\"inputs\": " << config.inputs << ", \"hidden\": " << config.hidden << ", \"outputs\": "
         << config.outputs << ", \"steps\": " << config.steps << ", \"dt\": " << config.dt
         << ", \"tau_mem\": " << config.tauMem << ", \"tau_syn\": " << config.tauSyn
         << ", \"surrogate_scale\": " << config.surrogateScale << ", \"loss\": " << r.loss
         << ", \"correct\": " << r.correct << ", \"batch\": [";
    for (std::size_t b = 0; b < batch.size(); ++b) {
        meta << (b ? ",\n" : "\n") << "{\"label\": " << batch[b]->label << ", \"events\": [";
        for (std::size_t e = 0; e < batch[b]->events.size(); ++e)
            meta << (e ? ", [" : "[") << batch[b]->events[e].first << ", " << batch[b]->events[e].second << "]";
        meta << "]}";
    }
    meta << "]}\n";
    if (!meta) throw std::runtime_error("cannot write " + dir + "/meta.json");
    std::printf("bench_surrogate: wrote batch 6's loss %.6f and gradients to %s\n", r.loss, dir.c_str());
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    bool json = false;
    std::string dumpDir;
    std::vector<int> numbers;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--json") == 0) json = true;
        else if (std::strcmp(argv[i], "--dump") == 0 && i + 1 < argc) dumpDir = argv[++i];
        else numbers.push_back(std::atoi(argv[i]));
    }
    const int count = numbers.size() > 0 ? numbers[0] : (dumpDir.empty() ? 2000 : 384);
    const int repeats = numbers.size() > 1 ? numbers[1] : 3;
    const std::string dir = models::expandDataPath("${DATA}/mnist/");
    sim::train::SurrogateConfig config;
    config.learningRate = 2e-3;
    std::vector<sim::train::SpikeSample> samples;
    try {
        const auto d = models::loadIdxDataset(dir + "train-images-idx3-ubyte", dir + "train-labels-idx1-ubyte", count);
        for (std::size_t i = 0; i < d.n; ++i)
            samples.push_back(sim::train::latencyCode(&d.pixels[i * 784], 784, d.labels[i], config.steps, config.dt));
        if (!dumpDir.empty()) return dump(dumpDir, samples, config);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_surrogate: %s\n", e.what());
        return 1;
    }
    std::vector<double> train, forward;
    for (int r = 0; r < repeats; ++r) {
        sim::train::SurrogateNetwork net(config);
        auto t0 = std::chrono::steady_clock::now();
        for (std::size_t s = 0; s < samples.size(); s += 64) {
            std::vector<const sim::train::SpikeSample*> batch;
            for (std::size_t k = s; k < std::min(samples.size(), s + 64); ++k) batch.push_back(&samples[k]);
            net.trainBatch(batch);
        }
        train.push_back(samples.size() / seconds(t0));
        t0 = std::chrono::steady_clock::now();
        const auto result = net.evaluate(samples);
        forward.push_back(samples.size() / seconds(t0));
        if (result.count != static_cast<int>(samples.size())) return 1;
    }
    if (json) {
        std::printf("{\"name\": \"surrogate_784_100_10\", \"engine\": \"spikestudio\", \"target\": \"train\", "
                    "\"samples_per_s\": %.1f, \"samples\": %zu}\n", median(train), samples.size());
        std::printf("{\"name\": \"surrogate_784_100_10\", \"engine\": \"spikestudio\", \"target\": \"forward\", "
                    "\"samples_per_s\": %.1f, \"samples\": %zu}\n", median(forward), samples.size());
    } else {
        std::printf("surrogate-gradient 784-100-10, %zu digits x 100 steps, median of %d:\n", samples.size(), repeats);
        std::printf("  forward + backward (batches of 64, Adam): %8.0f samples/s\n", median(train));
        std::printf("  forward only:                             %8.0f samples/s\n", median(forward));
    }
    return 0;
}
