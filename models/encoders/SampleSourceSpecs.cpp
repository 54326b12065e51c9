// Declarations of the image-folder source and the oriented-bars teaching source.
#include "models/BuildContext.h"
#include "models/encoders/EncoderSpecs.h"
#include "models/encoders/ImageFolderReader.h"
#include "models/encoders/OrientedBarsSource.h"
#include "models/encoders/SampleOptions.h"

#include <limits>

namespace ss::models {

namespace {

PortSpec samplesPort(std::string help) { return {"samples", Direction::Out, PortKind::Samples, false, false, std::move(help)}; }

} // namespace

NodeSpec imageFolderSpec()
{
    NodeSpec s;
    s.id = "source.image_folder";
    s.category = Category::Source;
    s.name = "Image folder";
    s.help = "Your own images: one subfolder per class under 'folder' (label 0 for the first subfolder in name "
             "order, 1 for the next, ...). Every image OpenCV can read (PNG, JPEG, BMP, PGM, TIFF, ...) is loaded "
             "as greyscale and resized to width x height. ${DATA}/ paths are read from SPIKESTUDIO_DATA. Samples "
             "can be shuffled (seeded), cut to 'count', normalised and scaled.";
    s.ports = {samplesPort("The images, values in [0, 1].")};
    s.params = {textParam("folder", "${DATA}/images", "Folder with one subfolder of images per class."),
                intParam("width", 28, 1, 4096, "Width the images are resized to (pixels)."),
                intParam("height", 28, 1, 4096, "Height the images are resized to (pixels)."),
                intParam("per_class", 0, 0, std::numeric_limits<std::uint32_t>::max(),
                         "Read at most this many images of each class, in name order (0: all).")};
    const auto options = sampleOptionParams();
    s.params.insert(s.params.end(), options.begin(), options.end());
    s.outputShape = [](const ShapeQuery& q) -> std::optional<sim::Shape> {
        return sim::Shape{1, static_cast<sim::Index>(q.integer("height")), static_cast<sim::Index>(q.integer("width"))};
    };
    s.build = [](BuildContext& ctx) {
        const std::string folder = expandDataPath(ctx.text("folder"));
        IdxDataset data;
        try {
            data = loadImageFolder(folder, static_cast<int>(ctx.integer("width")), static_cast<int>(ctx.integer("height")),
                                   static_cast<std::size_t>(ctx.integer("per_class")));
        } catch (const IdxError& e) {
            ctx.fail("folder", e.what());
        }
        provideSamples(ctx, std::move(data), folder);
    };
    return s;
}

NodeSpec orientedBarsSpec()
{
    NodeSpec s;
    s.id = "source.oriented_bars";
    s.category = Category::Source;
    s.name = "Oriented bars";
    s.help = "Teaching images: a bright bar on a dark square at one of K orientations (0, 180/K, 2 x 180/K, ... "
             "degrees), labelled by the orientation index; sample k has orientation k mod K and a small seeded "
             "shift. Neurons that learn with STDP become orientation selective, like simple cells.";
    s.ports = {samplesPort("The bar images, values in [0, 1].")};
    const OrientedBarsParams d;
    s.params = {intParam("side", d.side, 1, 1024, "Width and height of the images (pixels)."),
                intParam("orientations", d.orientations, 1, 180, "Number K of orientations (= classes)."),
                intParam("count", static_cast<std::int64_t>(d.count), 1, 100'000'000, "Number of samples."),
                positiveParam("width", "px", d.width, "Width of the bar."),
                positiveParam("length", "px", d.length, "Length of the bar."),
                realParam("shift", "px", d.shift, 0.0, 1024.0, "Largest random shift of the bar's centre."),
                intParam("seed", 1, 0, std::numeric_limits<std::uint32_t>::max(), "Seed of the shifts."),
                intParam("index", 0, 0, std::numeric_limits<std::uint32_t>::max(),
                         "The sample a run shows when no protocol steps through the data.")};
    s.outputShape = [](const ShapeQuery& q) -> std::optional<sim::Shape> {
        const auto side = static_cast<sim::Index>(q.integer("side"));
        return sim::Shape{1, side, side};
    };
    s.build = [](BuildContext& ctx) {
        OrientedBarsParams p;
        p.side = static_cast<int>(ctx.integer("side"));
        p.orientations = static_cast<int>(ctx.integer("orientations"));
        p.count = static_cast<std::size_t>(ctx.integer("count"));
        p.width = ctx.real("width");
        p.length = ctx.real("length");
        p.shift = ctx.real("shift");
        p.seed = static_cast<std::uint64_t>(ctx.integer("seed"));
        if (static_cast<std::size_t>(ctx.integer("index")) >= p.count)
            ctx.fail("index", "sample " + std::to_string(ctx.integer("index")) + " does not exist: there are " +
                                  std::to_string(p.count) + " samples");
        ctx.provide(std::make_unique<OrientedBarsSource>(p));
    };
    return s;
}

} // namespace ss::models
