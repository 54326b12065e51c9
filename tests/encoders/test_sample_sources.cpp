// The image sources' options and the two new sources: an image folder (PNGs written here with OpenCV),
// the IDX source's split, order, subset and preprocessing, and the oriented bars.
#include "models/GraphCompiler.h"
#include "models/encoders/EncoderSpecs.h"
#include "models/encoders/OrientedBarsSource.h"

#include <opencv2/imgcodecs.hpp>

#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <numbers>
#include <unistd.h>

using namespace ss;
using namespace ss::models;
namespace fs = std::filesystem;

namespace {

std::vector<NodeSpec> specs() { return {idxSourceSpec(), imageFolderSpec(), orientedBarsSpec()}; }

// The source that a one-node graph of `type` builds; throws BuildError.
std::unique_ptr<DataSource> build(const std::string& type, std::map<std::string, ParamValue> params)
{
    Graph g;
    g.nodes = {Node{"src", type, std::move(params)}};
    CompiledNetwork net = GraphCompiler(g, specs()).compile();
    return std::move(net.sources.at("src"));
}

BuildError buildError(const std::string& type, std::map<std::string, ParamValue> params)
{
    try {
        build(type, std::move(params));
    } catch (const BuildError& e) {
        return e;
    }
    return BuildError("", "", "");
}

void writeIdx(const fs::path& file, std::vector<std::uint8_t> header, const std::vector<std::uint8_t>& body)
{
    header.insert(header.end(), body.begin(), body.end());
    std::ofstream(file, std::ios::binary).write(reinterpret_cast<const char*>(header.data()),
                                                 static_cast<std::streamsize>(header.size()));
}

} // namespace

class TestSampleSources : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase() { fs::remove_all(m_dir); }
    void imageFolder();
    void imageFolderErrors();
    void idxSplitOrderAndSubset();
    void idxPreprocessing();
    void orientedBars();

private:
    fs::path m_dir;
};

void TestSampleSources::initTestCase()
{
    m_dir = fs::temp_directory_path() / ("spikestudio-sources-" + std::to_string(::getpid()));
    // Two classes, in name order "a_circles" (label 0, 2 images) and "b_squares" (label 1, 3 images), of
    // 8 x 6 pixels made of 2 x 2 blocks of one grey each: block (bx, by) of image j is 10 j + 40 by + bx.
    // Shrunk to 4 x 3 with area averaging, pixel (x, y) must be exactly that block's grey.
    for (int c = 0; c < 2; ++c) {
        const fs::path dir = m_dir / "images" / (c == 0 ? "a_circles" : "b_squares");
        fs::create_directories(dir);
        for (int j = 0; j < 2 + c; ++j) {
            cv::Mat img(6, 8, CV_8UC1);
            for (int y = 0; y < 6; ++y)
                for (int x = 0; x < 8; ++x) img.at<std::uint8_t>(y, x) = static_cast<std::uint8_t>(10 * (j + 2 * c) + 40 * (y / 2) + x / 2);
            QVERIFY(cv::imwrite((dir / ("img" + std::to_string(j) + ".png")).string(), img));
        }
        std::ofstream(dir / "readme.txt") << "not an image, skipped";
    }
    // IDX split folder: 6 train images of 2 x 2 (pixel i of image k = 40 k + 10 i), labels k; 2 test.
    fs::create_directories(m_dir / "idx");
    std::vector<std::uint8_t> pixels, labels;
    for (int k = 0; k < 6; ++k) {
        for (int i = 0; i < 4; ++i) pixels.push_back(static_cast<std::uint8_t>(40 * k + 10 * i));
        labels.push_back(static_cast<std::uint8_t>(k));
    }
    writeIdx(m_dir / "idx" / "train-images-idx3-ubyte", {0, 0, 8, 3, 0, 0, 0, 6, 0, 0, 0, 2, 0, 0, 0, 2}, pixels);
    writeIdx(m_dir / "idx" / "train-labels-idx1-ubyte", {0, 0, 8, 1, 0, 0, 0, 6}, labels);
    writeIdx(m_dir / "idx" / "t10k-images-idx3-ubyte", {0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 2},
             std::vector<std::uint8_t>(pixels.begin(), pixels.begin() + 8));
    writeIdx(m_dir / "idx" / "t10k-labels-idx1-ubyte", {0, 0, 8, 1, 0, 0, 0, 2}, {0, 1});
}

void TestSampleSources::imageFolder()
{
    auto src = build("source.image_folder",
                     {{"folder", (m_dir / "images").string()}, {"width", std::int64_t(4)}, {"height", std::int64_t(3)}});
    QCOMPARE(src->count(), std::size_t(5));
    QVERIFY((src->shape() == sim::Shape{1, 3, 4}));
    const int expectedLabels[] = {0, 0, 1, 1, 1};
    Eigen::ArrayXd v;
    for (std::size_t k = 0; k < 5; ++k) {
        QCOMPARE(src->label(k), expectedLabels[k]);
        src->sample(k, v);
        QCOMPARE(v.size(), Eigen::Index(12));
        for (int y = 0; y < 3; ++y)
            for (int x = 0; x < 4; ++x)
                QCOMPARE(v[y * 4 + x], (10.0 * static_cast<double>(k) + 40 * y + x) / 255.0);
    }
    // per_class keeps the first image of each class; the shuffled order is a seeded permutation.
    src = build("source.image_folder", {{"folder", (m_dir / "images").string()}, {"per_class", std::int64_t(1)}});
    QCOMPARE(src->count(), std::size_t(2));
    QCOMPARE(src->label(1), 1);
    QVERIFY((src->shape() == sim::Shape{1, 28, 28}));
}

// A missing folder, an empty class and an undecodable image are refused, naming the node, the field
// and the path.
void TestSampleSources::imageFolderErrors()
{
    const std::string missing = (m_dir / "nowhere").string();
    auto e = buildError("source.image_folder", {{"folder", missing}});
    QCOMPARE(e.node(), std::string("src"));
    QCOMPARE(e.field(), std::string("folder"));
    QVERIFY2(std::string(e.what()).find(missing) != std::string::npos, e.what());

    fs::create_directories(m_dir / "bad" / "empty_class");
    e = buildError("source.image_folder", {{"folder", (m_dir / "bad").string()}});
    QVERIFY2(std::string(e.what()).find("empty_class") != std::string::npos, e.what());

    fs::create_directories(m_dir / "broken" / "x");
    std::ofstream(m_dir / "broken" / "x" / "corrupt.png") << "this is no PNG";
    e = buildError("source.image_folder", {{"folder", (m_dir / "broken").string()}});
    QCOMPARE(e.field(), std::string("folder"));
    QVERIFY2(std::string(e.what()).find("corrupt.png") != std::string::npos, e.what());
}

void TestSampleSources::idxSplitOrderAndSubset()
{
    const std::string folder = (m_dir / "idx").string();
    auto src = build("source.idx", {{"split", std::string("train")}, {"folder", folder}});
    QCOMPARE(src->count(), std::size_t(6));
    QCOMPARE(build("source.idx", {{"split", std::string("test")}, {"folder", folder}})->count(), std::size_t(2));
    // Shuffled: a permutation (every label once, the pixels travelling with their label), the same for
    // the same seed, another for another seed; 'count' cuts the shuffled order.
    const auto order = [&](std::int64_t seed, std::int64_t count) {
        auto s = build("source.idx", {{"split", std::string("train")}, {"folder", folder}, {"order", std::string("shuffled")},
                                      {"seed", seed}, {"count", count}});
        std::vector<int> labels;
        Eigen::ArrayXd v;
        for (std::size_t k = 0; k < s->count(); ++k) {
            s->sample(k, v);
            labels.push_back(s->label(k));
            if (std::abs(v[0] * 255.0 - 40.0 * s->label(k)) > 1e-9) return std::vector<int>{};
        }
        return labels;
    };
    const auto a = order(1, 0), b = order(1, 0), c = order(2, 0), cut = order(1, 3);
    QCOMPARE(a.size(), std::size_t(6));
    QVERIFY(std::is_permutation(a.begin(), a.end(), std::vector<int>{0, 1, 2, 3, 4, 5}.begin()));
    QVERIFY(a == b);
    QVERIFY(a != c);
    QVERIFY(cut == std::vector<int>(a.begin(), a.begin() + 3));
    // A missing split file is refused naming the folder and the file looked for.
    fs::remove(m_dir / "idx" / "t10k-labels-idx1-ubyte");
    const auto e = buildError("source.idx", {{"split", std::string("test")}, {"folder", folder}});
    QCOMPARE(e.field(), std::string("folder"));
    QVERIFY2(std::string(e.what()).find("t10k-labels-idx1-ubyte") != std::string::npos, e.what());
}

// Image 1 of the train split has pixels 40, 50, 60, 70: normalised (v - 40) / 30, then scaled by 0.5.
void TestSampleSources::idxPreprocessing()
{
    auto src = build("source.idx", {{"split", std::string("train")}, {"folder", (m_dir / "idx").string()},
                                    {"normalise", true}, {"scale", 0.5}});
    Eigen::ArrayXd v;
    src->sample(1, v);
    for (int i = 0; i < 4; ++i) QVERIFY(std::abs(v[i] - 0.5 * i / 3.0) < 1e-12);
    src->sample(0, v); // pixels 0, 10, 20, 30
    QVERIFY(std::abs(v[3] - 0.5) < 1e-12);
}

// Bar orientation from the image's second central moments (y up): theta = atan2(2 mu11, mu20 - mu02) / 2
// must give pi k / K within 2 degrees; labels are k mod K, values in [0, 1], a sample is reproducible.
void TestSampleSources::orientedBars()
{
    OrientedBarsParams p;
    p.side = 32;
    p.orientations = 6;
    p.count = 12;
    p.length = 24.0;
    p.shift = 3.0;
    OrientedBarsSource bars(p);
    Eigen::ArrayXd v, again;
    for (std::size_t k = 0; k < p.count; ++k) {
        QCOMPARE(bars.label(k), static_cast<int>(k % 6));
        bars.sample(k, v);
        bars.sample(k, again);
        QVERIFY((v == again).all());
        QVERIFY(v.minCoeff() >= 0.0 && v.maxCoeff() <= 1.0);
        double m = 0, mx = 0, my = 0;
        for (int y = 0; y < p.side; ++y)
            for (int x = 0; x < p.side; ++x) {
                const double w = v[y * p.side + x];
                m += w, mx += w * x, my += w * -y;
            }
        mx /= m, my /= m;
        double mu20 = 0, mu02 = 0, mu11 = 0;
        for (int y = 0; y < p.side; ++y)
            for (int x = 0; x < p.side; ++x) {
                const double w = v[y * p.side + x], dx = x - mx, dy = -y - my;
                mu20 += w * dx * dx, mu02 += w * dy * dy, mu11 += w * dx * dy;
            }
        double theta = 0.5 * std::atan2(2.0 * mu11, mu20 - mu02);
        if (theta < 0) theta += std::numbers::pi;
        double diff = std::abs(theta - bars.angle(k));
        diff = std::min(diff, std::numbers::pi - diff);
        QVERIFY2(diff < 2.0 * std::numbers::pi / 180.0,
                 qPrintable(QString("sample %1: %2 deg, expected %3").arg(k).arg(theta * 180 / std::numbers::pi).arg(bars.angle(k) * 180 / std::numbers::pi)));
    }
    // Through the node declaration.
    auto src = build("source.oriented_bars", {{"side", std::int64_t(20)}, {"orientations", std::int64_t(3)}});
    QVERIFY((src->shape() == sim::Shape{1, 20, 20}));
    QCOMPARE(src->label(4), 1);
}

QTEST_APPLESS_MAIN(TestSampleSources)
#include "test_sample_sources.moc"
