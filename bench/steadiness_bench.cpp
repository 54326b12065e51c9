// How steady is each CPU of this machine? One thread pinned to each CPU runs the same fixed loop (a
// chain of dependent integer additions: no memory, no sharing, nothing but the core's clock) over and
// over for a while, and the median time of a pass is taken per quarter second. On a dedicated machine
// every window takes the same time. On a virtual machine whose host shares or slows the physical core
// behind a virtual CPU, some windows take far longer, on one CPU at a time: a team of threads that meets
// at every step then waits for the slowest CPU, while one thread is slowed only when its own CPU is.
//
// Usage: bench_steadiness [seconds = 20]. Prints, per CPU, its windows' times as multiples of its
// fastest quarter, the share of windows at least 15 % slower than that, and the share of windows in
// which any CPU was. Asserts nothing.
#include <pthread.h>
#include <sched.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
struct Pass {
    double start, seconds; // since the common start
};

std::atomic<bool> g_go{false}, g_stop{false};

void spin(int cpu, Clock::time_point origin, std::vector<Pass>* passes)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    pthread_setaffinity_np(pthread_self(), sizeof set, &set);
    while (!g_go.load()) {}
    while (!g_stop.load(std::memory_order_relaxed)) {
        const auto a = Clock::now();
        unsigned long x = 1;
        for (long i = 0; i < 1'000'000; ++i) {
            x += static_cast<unsigned long>(i);
            asm volatile("" : "+r"(x)); // keeps the chain: one addition after the other
        }
        const auto b = Clock::now();
        passes->push_back({std::chrono::duration<double>(a - origin).count(), std::chrono::duration<double>(b - a).count()});
    }
}

double median(std::vector<double> v)
{
    std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
    return v[v.size() / 2];
}

} // namespace

int main(int argc, char** argv)
{
    const double seconds = argc > 1 ? std::atof(argv[1]) : 20.0;
    const int cpus = std::max(1u, std::thread::hardware_concurrency());
    const double window = 0.25;
    const auto windows = static_cast<std::size_t>(seconds / window);
    std::vector<std::vector<Pass>> passes(cpus);
    for (auto& p : passes) p.reserve(static_cast<std::size_t>(seconds * 5000));
    const auto origin = Clock::now();
    std::vector<std::thread> threads;
    for (int c = 0; c < cpus; ++c) threads.emplace_back(spin, c, origin, &passes[c]);
    g_go = true;
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    g_stop = true;
    for (auto& t : threads) t.join();

    // Median pass per window and CPU, as a multiple of the CPU's fastest quarter of windows.
    std::vector<std::vector<double>> ratio(cpus, std::vector<double>(windows, 0.0));
    std::vector<int> slowAny(windows, 0);
    std::printf("%d CPUs, %.0f s, windows of %.2f s; a pass is 1,000,000 dependent additions\n", cpus, seconds, window);
    for (int c = 0; c < cpus; ++c) {
        std::vector<std::vector<double>> perWindow(windows);
        for (const Pass& p : passes[c])
            if (const auto w = static_cast<std::size_t>(p.start / window); w < windows) perWindow[w].push_back(p.seconds);
        std::vector<double> medians;
        for (auto& w : perWindow) medians.push_back(w.empty() ? 1e9 : median(w));
        std::vector<double> sorted = medians;
        std::sort(sorted.begin(), sorted.end());
        const double fast = sorted[sorted.size() / 4];
        int slow = 0;
        for (std::size_t w = 0; w < windows; ++w) {
            ratio[c][w] = medians[w] / fast;
            if (ratio[c][w] >= 1.15) ++slow, slowAny[w] = 1;
        }
        std::printf("CPU %d: pass %.3f ms in its fast windows; %d of %zu windows at least 1.15x that (%.1f %%), slowest %.2fx\n", c,
                    fast * 1e3, slow, windows, 100.0 * slow / static_cast<double>(windows), sorted.back() / fast);
        std::printf("  windows:");
        for (double r : ratio[c]) std::printf(" %.2f", r);
        std::printf("\n");
    }
    int any = 0;
    for (int s : slowAny) any += s;
    std::printf("windows in which some CPU was at least 1.15x slow: %d of %zu (%.1f %%)\n", any, windows,
                100.0 * any / static_cast<double>(windows));
}
