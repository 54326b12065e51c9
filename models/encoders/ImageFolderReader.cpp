#include "models/encoders/ImageFolderReader.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <filesystem>

namespace ss::models {

namespace fs = std::filesystem;

namespace {

bool isImageFile(const fs::path& p)
{
    static const std::array<std::string, 10> known = {".png", ".jpg", ".jpeg", ".bmp", ".pgm",
                                                      ".ppm", ".pbm", ".tif", ".tiff", ".webp"};
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return std::find(known.begin(), known.end(), ext) != known.end();
}

std::vector<fs::path> sortedEntries(const fs::path& dir, bool folders)
{
    std::vector<fs::path> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec))
        if (folders ? e.is_directory() : (e.is_regular_file() && isImageFile(e.path()))) out.push_back(e.path());
    if (ec) throw IdxError("'" + dir.string() + "': cannot list the folder (" + ec.message() + ")");
    std::sort(out.begin(), out.end());
    return out;
}

fs::path checkedRoot(const std::string& root)
{
    const fs::path p(root);
    if (!fs::is_directory(p))
        throw IdxError("'" + root + "': no such folder (expected one subfolder of images per class)");
    return p;
}

} // namespace

std::vector<std::string> imageFolderClasses(const std::string& root)
{
    std::vector<std::string> names;
    for (const auto& dir : sortedEntries(checkedRoot(root), true)) names.push_back(dir.filename().string());
    return names;
}

IdxDataset loadImageFolder(const std::string& root, int width, int height, std::size_t maxPerClass)
{
    if (width < 1 || height < 1) throw IdxError("'" + root + "': the image size must be at least 1 x 1");
    const auto classes = sortedEntries(checkedRoot(root), true);
    if (classes.empty()) throw IdxError("'" + root + "': no class subfolders (expected root/<class>/<image>)");
    if (classes.size() > 256) throw IdxError("'" + root + "': more than 256 classes");
    IdxDataset data;
    data.rows = static_cast<std::size_t>(height);
    data.cols = static_cast<std::size_t>(width);
    for (std::size_t label = 0; label < classes.size(); ++label) {
        std::size_t taken = 0;
        for (const auto& file : sortedEntries(classes[label], false)) {
            if (maxPerClass > 0 && taken == maxPerClass) break;
            const cv::Mat image = cv::imread(file.string(), cv::IMREAD_GRAYSCALE);
            if (image.empty()) throw IdxError("'" + file.string() + "': not a readable image");
            cv::Mat sized = image;
            if (image.cols != width || image.rows != height) {
                const bool shrink = width <= image.cols && height <= image.rows;
                cv::resize(image, sized, cv::Size(width, height), 0, 0, shrink ? cv::INTER_AREA : cv::INTER_LINEAR);
            }
            if (sized.depth() != CV_8U) sized.convertTo(sized, CV_8U);
            for (int y = 0; y < height; ++y) {
                const auto* row = sized.ptr<std::uint8_t>(y);
                data.pixels.insert(data.pixels.end(), row, row + width);
            }
            data.labels.push_back(static_cast<std::uint8_t>(label));
            ++taken;
        }
        if (taken == 0) throw IdxError("'" + classes[label].string() + "': no images in this class folder");
    }
    data.n = data.labels.size();
    return data;
}

} // namespace ss::models
