// The IDX reader (LeCun's MNIST format), raw and gzip, its error messages, and the IDX data source.
#include "models/encoders/IdxReader.h"
#include "models/encoders/IdxSource.h"

#include <QtTest>

#include <zlib.h>

#include <cstdlib>
#include <unistd.h>
#include <filesystem>
#include <fstream>

using namespace ss;
using namespace ss::models;
namespace fs = std::filesystem;

namespace {

std::vector<std::uint8_t> idxBytes(std::vector<std::uint32_t> dims, const std::vector<std::uint8_t>& data)
{
    std::vector<std::uint8_t> b = {0, 0, 0x08, static_cast<std::uint8_t>(dims.size())};
    for (auto d : dims)
        for (int shift = 24; shift >= 0; shift -= 8) b.push_back(static_cast<std::uint8_t>(d >> shift));
    b.insert(b.end(), data.begin(), data.end());
    return b;
}

void writeRaw(const fs::path& path, const std::vector<std::uint8_t>& bytes)
{
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

void writeGzip(const fs::path& path, const std::vector<std::uint8_t>& bytes)
{
    gzFile f = gzopen(path.string().c_str(), "wb9");
    gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size()));
    gzclose(f);
}

std::vector<std::uint8_t> readAll(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The message of the IdxError that `f` throws, empty when it throws none.
template <class F> std::string errorOf(F f)
{
    try {
        f();
    } catch (const IdxError& e) {
        return e.what();
    }
    return {};
}

} // namespace

class TestIdxReader : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void readsBackExactly_data();
    void readsBackExactly();
    void errorsNameTheFile_data();
    void errorsNameTheFile();
    void labelCountMustMatch();
    void sourceValuesAndCount();
    void dataPathExpansion();
    void realMnist();

private:
    fs::path m_dir;
    std::vector<std::uint8_t> m_pixels, m_labels;
};

void TestIdxReader::initTestCase()
{
    m_dir = fs::temp_directory_path() / ("spikestudio-idx-" + std::to_string(::getpid()));
    fs::create_directories(m_dir);
    // 5 images of 3 x 4 with every byte value pattern, labels 0..4.
    for (int i = 0; i < 5 * 3 * 4; ++i) m_pixels.push_back(static_cast<std::uint8_t>((i * 37 + 11) % 256));
    m_pixels[0] = 0;
    m_pixels[1] = 255;
    m_labels = {3, 1, 4, 1, 5};
    const auto images = idxBytes({5, 3, 4}, m_pixels), labels = idxBytes({5}, m_labels);
    writeRaw(m_dir / "images-idx3-ubyte", images);
    writeRaw(m_dir / "labels-idx1-ubyte", labels);
    writeGzip(m_dir / "images-idx3-ubyte.gz", images);
    writeGzip(m_dir / "labels-idx1-ubyte.gz", labels);
    // A gzip file under a raw-looking name: the magic decides, not the name.
    writeGzip(m_dir / "gz-without-suffix", images);
    // A raw file named .gz.
    writeRaw(m_dir / "raw-named.gz", images);

    auto truncated = images;
    truncated.resize(truncated.size() - 7);
    writeRaw(m_dir / "truncated-data", truncated);
    writeRaw(m_dir / "truncated-header", {0, 0, 8, 3, 0, 0});
    auto badMagic = images;
    badMagic[0] = 0x12;
    writeRaw(m_dir / "bad-magic", badMagic);
    auto floats = images;
    floats[2] = 0x0D;
    writeRaw(m_dir / "float-type", floats);
    auto gz = readAll(m_dir / "images-idx3-ubyte.gz");
    gz.resize(gz.size() / 2);
    writeRaw(m_dir / "truncated.gz", gz);
    auto garbled = readAll(m_dir / "images-idx3-ubyte.gz");
    for (std::size_t i = 12; i < garbled.size() - 8; ++i) garbled[i] = static_cast<std::uint8_t>(garbled[i] ^ 0x5A);
    writeRaw(m_dir / "corrupt.gz", garbled);
    writeRaw(m_dir / "labels-4", idxBytes({4}, {1, 2, 3, 4}));
}

void TestIdxReader::cleanupTestCase() { fs::remove_all(m_dir); }

void TestIdxReader::readsBackExactly_data()
{
    QTest::addColumn<QString>("images");
    QTest::addColumn<QString>("labels");
    QTest::newRow("raw") << "images-idx3-ubyte" << "labels-idx1-ubyte";
    QTest::newRow("gzip") << "images-idx3-ubyte.gz" << "labels-idx1-ubyte.gz";
    QTest::newRow("gzip without suffix") << "gz-without-suffix" << "labels-idx1-ubyte.gz";
    QTest::newRow("raw named .gz") << "raw-named.gz" << "labels-idx1-ubyte";
}

void TestIdxReader::readsBackExactly()
{
    QFETCH(QString, images);
    QFETCH(QString, labels);
    const auto ds = loadIdxDataset((m_dir / images.toStdString()).string(), (m_dir / labels.toStdString()).string());
    QCOMPARE(ds.n, std::size_t(5));
    QCOMPARE(ds.rows, std::size_t(3));
    QCOMPARE(ds.cols, std::size_t(4));
    QVERIFY(ds.pixels == m_pixels);
    QVERIFY(ds.labels == m_labels);
    const auto dims = readIdxDims((m_dir / images.toStdString()).string());
    QVERIFY((dims == std::vector<std::uint32_t>{5, 3, 4}));
}

void TestIdxReader::errorsNameTheFile_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("expected"); // a phrase the message must contain
    QTest::newRow("missing") << "no-such-file" << "cannot open";
    QTest::newRow("wrong magic") << "bad-magic" << "magic";
    QTest::newRow("not unsigned bytes") << "float-type" << "0x0d";
    QTest::newRow("truncated data") << "truncated-data" << "truncated IDX data";
    QTest::newRow("truncated header") << "truncated-header" << "truncated IDX header";
    QTest::newRow("truncated gzip") << "truncated.gz" << "truncated gzip";
    QTest::newRow("corrupt gzip") << "corrupt.gz" << "gzip";
    QTest::newRow("labels as images") << "labels-idx1-ubyte" << "3 dimensions";
}

void TestIdxReader::errorsNameTheFile()
{
    QFETCH(QString, file);
    QFETCH(QString, expected);
    const std::string path = (m_dir / file.toStdString()).string();
    const std::string message = errorOf([&] { loadIdxDataset(path, ""); });
    qInfo("%s", message.c_str());
    QVERIFY2(message.find("'" + path + "'") != std::string::npos, message.c_str());
    QVERIFY2(message.find(expected.toStdString()) != std::string::npos, message.c_str());
}

void TestIdxReader::labelCountMustMatch()
{
    const std::string images = (m_dir / "images-idx3-ubyte").string(), labels = (m_dir / "labels-4").string();
    const std::string message = errorOf([&] { loadIdxDataset(images, labels); });
    qInfo("%s", message.c_str());
    QVERIFY(message.rfind("'" + labels + "'", 0) == 0);
    QVERIFY(message.find("4 labels") != std::string::npos);
    QVERIFY(message.find("5 images") != std::string::npos);
    QVERIFY(!errorOf([&] { loadIdxDataset(images, (m_dir / "images-idx3-ubyte").string()); }).empty());
}

void TestIdxReader::sourceValuesAndCount()
{
    auto ds = loadIdxDataset((m_dir / "images-idx3-ubyte.gz").string(), (m_dir / "labels-idx1-ubyte").string(), 3);
    QCOMPARE(ds.n, std::size_t(3));
    IdxSource src(std::move(ds), 2);
    QCOMPARE(src.shape(), (sim::Shape{1, 3, 4}));
    QCOMPARE(src.count(), std::size_t(3));
    QCOMPARE(src.defaultIndex(), std::size_t(2));
    QCOMPARE(defaultSampleIndex(src), std::size_t(2));
    Eigen::ArrayXd v;
    for (std::size_t k = 0; k < 3; ++k) {
        src.sample(k, v);
        QCOMPARE(v.size(), Eigen::Index(12));
        for (int i = 0; i < 12; ++i) QCOMPARE(v[i], m_pixels[k * 12 + static_cast<std::size_t>(i)] / 255.0);
        QCOMPARE(src.label(k), int(m_labels[k]));
    }
    src.sample(0, v);
    QCOMPARE(v[0], 0.0);
    QCOMPARE(v[1], 1.0);
    QVERIFY(!errorOf([&] { IdxSource bad(loadIdxDataset((m_dir / "images-idx3-ubyte").string(), ""), 5); }).empty());
    IdxSource unlabelled(loadIdxDataset((m_dir / "images-idx3-ubyte").string(), ""));
    QCOMPARE(unlabelled.label(0), -1);
}

void TestIdxReader::dataPathExpansion()
{
    const char* old = std::getenv("SPIKESTUDIO_DATA");
    const std::string saved = old ? old : "";
    ::setenv("SPIKESTUDIO_DATA", "/srv/digits", 1);
    QCOMPARE(expandDataPath("${DATA}/mnist/x"), std::string("/srv/digits/mnist/x"));
    QCOMPARE(expandDataPath("${DATA}"), std::string("/srv/digits"));
    QCOMPARE(expandDataPath("/abs/${DATA}/x"), std::string("/abs/${DATA}/x"));
    QCOMPARE(expandDataPath("${DATA}x"), std::string("${DATA}x"));
    ::unsetenv("SPIKESTUDIO_DATA");
    QCOMPARE(expandDataPath("${DATA}/mnist/x"), std::string("data/mnist/x"));
    if (old) ::setenv("SPIKESTUDIO_DATA", saved.c_str(), 1);
}

void TestIdxReader::realMnist()
{
    const char* root = std::getenv("SPIKESTUDIO_DATA");
    if (!root || !fs::exists(fs::path(root) / "mnist" / "t10k-images-idx3-ubyte"))
        QSKIP("SPIKESTUDIO_DATA/mnist/t10k-images-idx3-ubyte not present");
    const auto ds = loadIdxDataset(expandDataPath("${DATA}/mnist/t10k-images-idx3-ubyte"),
                                   expandDataPath("${DATA}/mnist/t10k-labels-idx1-ubyte"));
    // data/mnist/SPLIT.txt: 2,000 test digits of 28 x 28, mean pixel 33.89 / 255, per class
    // 0:201 1:223 2:203 3:206 4:174 5:179 6:235 7:219 8:169 9:191.
    QCOMPARE(ds.n, std::size_t(2000));
    QCOMPARE(ds.rows, std::size_t(28));
    QCOMPARE(ds.cols, std::size_t(28));
    std::vector<int> perClass(10, 0);
    for (auto l : ds.labels) {
        QVERIFY(l <= 9);
        ++perClass[l];
    }
    QVERIFY((perClass == std::vector<int>{201, 223, 203, 206, 174, 179, 235, 219, 169, 191}));
    double sum = 0.0;
    for (auto p : ds.pixels) sum += p;
    const double mean = sum / static_cast<double>(ds.pixels.size());
    qInfo("mean pixel %.3f", mean);
    QVERIFY(std::abs(mean - 33.89) < 0.005 + 1e-9);

    const fs::path fashion = fs::path(root) / "fashion-mnist" / "t10k-images-idx3-ubyte.gz";
    if (fs::exists(fashion)) {
        // Fashion-MNIST test set (Xiao et al. 2017): 10,000 images of 28 x 28, 1,000 per class.
        const auto labels = fs::path(root) / "fashion-mnist" / "t10k-labels-idx1-ubyte.gz";
        const auto fm = loadIdxDataset(fashion.string(), labels.string());
        QCOMPARE(fm.n, std::size_t(10000));
        QCOMPARE(fm.rows, std::size_t(28));
        std::vector<int> fmClass(10, 0);
        for (auto l : fm.labels) ++fmClass[l];
        QVERIFY((fmClass == std::vector<int>(10, 1000)));
    }
}

QTEST_APPLESS_MAIN(TestIdxReader)
#include "test_idx_reader.moc"
