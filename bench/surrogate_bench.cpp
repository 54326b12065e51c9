// Surrogate-gradient training throughput of the 784-100-10 SNN (sim/train, SpyTorch's network: 100 steps
// of 1 ms, latency-coded digits): samples per second forward and backward (training in batches of 64,
// Adam) and forward only (evaluation). Real MNIST digits from $SPIKESTUDIO_DATA/mnist.
// Usage: bench_surrogate [SAMPLES=2000] [REPEATS=3]. Prints medians; with --json, one JSON line each.
#include "models/encoders/IdxReader.h"
#include "sim/train/SurrogateGradient.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
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

} // namespace

int main(int argc, char** argv)
{
    bool json = false;
    std::vector<int> numbers;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--json") == 0) json = true;
        else numbers.push_back(std::atoi(argv[i]));
    }
    const int count = numbers.size() > 0 ? numbers[0] : 2000;
    const int repeats = numbers.size() > 1 ? numbers[1] : 3;
    const std::string dir = models::expandDataPath("${DATA}/mnist/");
    sim::train::SurrogateConfig config;
    config.learningRate = 2e-3;
    std::vector<sim::train::SpikeSample> samples;
    try {
        const auto d = models::loadIdxDataset(dir + "train-images-idx3-ubyte", dir + "train-labels-idx1-ubyte", count);
        for (std::size_t i = 0; i < d.n; ++i)
            samples.push_back(sim::train::latencyCode(&d.pixels[i * 784], 784, d.labels[i], config.steps, config.dt));
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
