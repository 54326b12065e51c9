#include "models/encoders/SampleOptions.h"

#include "models/encoders/IdxSource.h"
#include "sim/Random.h"

#include <filesystem>
#include <limits>

namespace ss::models {

IdxDataset arrangeSamples(IdxDataset data, bool shuffle, std::uint64_t seed, std::size_t count)
{
    const std::size_t size = data.rows * data.cols;
    const std::size_t kept = count > 0 ? std::min(count, data.n) : data.n;
    if (!shuffle) {
        data.n = kept;
        data.pixels.resize(kept * size);
        if (!data.labels.empty()) data.labels.resize(kept);
        return data;
    }
    std::vector<std::size_t> order(data.n);
    for (std::size_t k = 0; k < data.n; ++k) order[k] = k;
    sim::Rng rng(seed, 0);
    for (std::size_t k = data.n; k > 1; --k) std::swap(order[k - 1], order[rng.below(k)]);
    IdxDataset out;
    out.n = kept;
    out.rows = data.rows;
    out.cols = data.cols;
    out.pixels.resize(kept * size);
    for (std::size_t k = 0; k < kept; ++k) {
        std::copy_n(data.pixels.begin() + static_cast<std::ptrdiff_t>(order[k] * size), size,
                    out.pixels.begin() + static_cast<std::ptrdiff_t>(k * size));
        if (!data.labels.empty()) out.labels.push_back(data.labels[order[k]]);
    }
    return out;
}

std::pair<std::string, std::string> idxSplitFiles(const std::string& folder, bool train)
{
    const std::string prefix = train ? "train" : "t10k";
    const auto find = [&](const std::string& name) {
        const std::filesystem::path raw = std::filesystem::path(folder) / name;
        if (std::filesystem::exists(raw)) return raw.string();
        if (std::filesystem::exists(raw.string() + ".gz")) return raw.string() + ".gz";
        throw IdxError("'" + folder + "': no file " + name + " or " + name + ".gz for the " +
                       (train ? "train" : "test") + " split");
    };
    return {find(prefix + "-images-idx3-ubyte"), find(prefix + "-labels-idx1-ubyte")};
}

std::vector<ParamSpec> sampleOptionParams()
{
    constexpr auto most = std::numeric_limits<std::uint32_t>::max();
    return {intParam("count", 0, 0, most, "Use only the first 'count' samples of the order (0: all)."),
            choiceParam("order", {"file", "shuffled"}, "file",
                        "file: as stored; shuffled: a random order fixed by 'seed' (before 'count' is applied)."),
            intParam("seed", 1, 0, most, "Seed of the shuffled order."),
            boolParam("normalise", false, "Stretch every image to the full range: darkest pixel 0, brightest 1."),
            realParam("scale", "", 1.0, 0.0, 1.0, "Factor on every value, after normalising."),
            intParam("index", 0, 0, most, "The sample a run shows when no protocol steps through the data.")};
}

void provideSamples(BuildContext& ctx, IdxDataset data, const std::string& origin)
{
    data = arrangeSamples(std::move(data), ctx.text("order") == "shuffled", static_cast<std::uint64_t>(ctx.integer("seed")),
                          static_cast<std::size_t>(ctx.integer("count")));
    const auto index = static_cast<std::size_t>(ctx.integer("index"));
    if (index >= data.n)
        ctx.fail("index", "sample " + std::to_string(index) + " does not exist: '" + origin + "' has " +
                              std::to_string(data.n) + " samples in use");
    ctx.provide(std::make_unique<IdxSource>(std::move(data), index, SamplePreprocess{ctx.real("scale"), ctx.flag("normalise")}));
}

} // namespace ss::models
