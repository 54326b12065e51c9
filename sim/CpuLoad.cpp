#include "sim/CpuLoad.h"

#include <charconv>
#include <cstdio>
#include <thread>

#if defined(__linux__)
#include <sched.h>
#include <sys/sysinfo.h>
#endif

namespace ss::sim {

std::optional<int> runnableInLoadavg(std::string_view text)
{
    // "0.52 0.58 0.59 4/120 12345": three load averages, then running/all.
    for (int field = 0; field < 3; ++field) {
        const auto space = text.find(' ');
        if (space == std::string_view::npos) return std::nullopt;
        text.remove_prefix(space + 1);
    }
    int runnable = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), runnable);
    if (error != std::errc() || end == text.data() + text.size() || *end != '/' || runnable < 1) return std::nullopt;
    return runnable;
}

int processCpus()
{
#if defined(__linux__)
    cpu_set_t mask;
    CPU_ZERO(&mask);
    if (sched_getaffinity(0, sizeof mask, &mask) == 0) return CPU_COUNT(&mask);
#endif
    return static_cast<int>(std::thread::hardware_concurrency());
}

std::optional<int> wholeMachineCpus()
{
#if defined(__linux__)
    const int cpus = processCpus();
    if (cpus < get_nprocs()) return std::nullopt;
    return cpus;
#else
    return std::nullopt;
#endif
}

bool cpusFreeFor(int threads)
{
#if defined(__linux__)
    const auto cpus = wholeMachineCpus();
    if (!cpus) return true;
    std::FILE* file = std::fopen("/proc/loadavg", "r");
    if (!file) return true;
    char text[128] = {};
    const std::size_t read = std::fread(text, 1, sizeof text - 1, file);
    std::fclose(file);
    const auto runnable = runnableInLoadavg(std::string_view(text, read));
    // The caller is one of the runnable threads; the others are other programs' (or this one's).
    return !runnable || *cpus - (*runnable - 1) >= threads;
#else
    (void)threads;
    return true;
#endif
}

} // namespace ss::sim
