// The input view: a sample drawn one grey pixel per value (round(255 v)), channels side by side, a flat
// input reshaped to ceil(sqrt(n)) columns; the spike counts in the encoder's geometry with their total
// and maximum; a PNG at twice the view's pixels; a caption of three wrapped lines drawn whole.
#include "widgets/InputView.h"
#include "widgets/PlotStyle.h"

#include <QImage>
#include <QPainter>
#include <QTemporaryDir>
#include <QTest>

using namespace ss;

class TestInputView : public QObject {
    Q_OBJECT
private slots:
    void greyPixelsPerValue();
    void flatInputIsReshaped();
    void spikeCountsAndPng();
    void threeLineCaptionIsDrawnWhole();
};

namespace {

// First and last rows of `image` with a text pixel (near black) in columns [x0, x1).
std::pair<int, int> inkRows(const QImage& image, int x0, int x1)
{
    int first = -1, last = -1;
    for (int y = 0; y < image.height(); ++y)
        for (int x = std::max(0, x0); x < std::min(image.width(), x1); ++x)
            if (qGray(image.pixel(x, y)) < 100) {
                if (first < 0) first = y;
                last = y;
                break;
            }
    return {first, last};
}

} // namespace

void TestInputView::greyPixelsPerValue()
{
    widgets::InputView view;
    // Two channels of 2 x 3: channel c, pixel (y, x) has value (c * 6 + y * 3 + x) / 11.
    std::vector<float> values(12);
    for (std::size_t k = 0; k < values.size(); ++k) values[k] = static_cast<float>(k) / 11.0f;
    view.setSample(QStringLiteral("test #4, label 3"), 3, values, 2, 2, 3);
    QCOMPARE(view.label(), 3);
    const QImage& image = view.sampleImage();
    QCOMPARE(image.size(), QSize(6, 2));
    for (int c = 0; c < 2; ++c)
        for (int y = 0; y < 2; ++y)
            for (int x = 0; x < 3; ++x) {
                const int k = c * 6 + y * 3 + x;
                QCOMPARE(qGray(image.pixel(c * 3 + x, y)), qRound(255.0 * k / 11.0));
            }
}

void TestInputView::flatInputIsReshaped()
{
    widgets::InputView view;
    // 10 values: ceil(sqrt(10)) = 4 columns, 3 rows; the two places left over stay white.
    view.setSample(QString(), -1, std::vector<float>(10, 0.0f), 10, 1, 1);
    QCOMPARE(view.sampleImage().size(), QSize(4, 3));
    QCOMPARE(qGray(view.sampleImage().pixel(1, 2)), 0);
    QCOMPARE(qGray(view.sampleImage().pixel(2, 2)), 255);
}

void TestInputView::spikeCountsAndPng()
{
    widgets::InputView view;
    view.resize(400, 240);
    view.setSample(QStringLiteral("sample #0"), 1, std::vector<float>(16, 0.5f), 1, 4, 4);
    std::vector<float> counts(16, 0.0f);
    counts[5] = 7.0f;
    counts[9] = 3.0f;
    view.setSpikeCounts(counts, 1, 4, 4, 0.35);
    QCOMPARE(view.spikeTotal(), 10.0);
    QCOMPARE(view.spikeMaximum(), 7.0);
    QCOMPARE(view.spikeImage().size(), QSize(4, 4));
    // The largest count takes the top of the colour scale, a zero its bottom.
    QVERIFY(view.spikeImage().pixel(1, 1) != view.spikeImage().pixel(0, 0));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("input.png"));
    QVERIFY(view.savePng(path, view.width(), view.height(), 2.0));
    QCOMPARE(QImage(path).size(), QSize(800, 480));
    QVERIFY(view.csv().startsWith(QStringLiteral("index,value,spikes\n0,0.5,0\n")));
}

// The caption of a sample repeated at raised intensity wraps to three lines in a narrow view; the third
// ("intensity x3", with the descender of its y) is drawn whole: the caption's ink is as tall as the
// same text drawn unclipped at the same width. The sample is mid grey and its frame light grey, so
// the only near-black pixels of the left box are the caption's.
void TestInputView::threeLineCaptionIsDrawnWhole()
{
    const QString caption = QStringLiteral("train #7424, label 1, intensity x3");
    widgets::InputView view;
    view.resize(250, 400);
    view.setSample(caption, 1, std::vector<float>(16, 0.5f), 1, 4, 4);
    view.setSpikeCounts(std::vector<float>(16, 1.0f), 1, 4, 4, 0.13);
    const QImage shown = view.grab().toImage();
    const int half = (250 - 3 * 8 - 56) / 2; // the left box: kMargin, kBarSpace of InputView.cpp
    const auto [top, bottom] = inkRows(shown, 8, 8 + half);

    const int flags = Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap;
    QImage alone(half, 400, QImage::Format_RGB32);
    alone.fill(Qt::white);
    {
        QPainter p(&alone);
        p.setFont(widgets::plotFont());
        p.setPen(Qt::black);
        QVERIFY(p.boundingRect(QRectF(0, 0, half, 400), flags, caption).height() > 2.5 * p.fontMetrics().height());
        p.drawText(QRectF(0, 0, half, 400), flags | Qt::TextDontClip, caption);
    }
    const auto [refTop, refBottom] = inkRows(alone, 0, half);
    qInfo("caption ink %d..%d in the view, %d..%d alone", top, bottom, refTop, refBottom);
    QVERIFY(top >= 0 && refTop >= 0);
    QVERIFY(std::abs((bottom - top) - (refBottom - refTop)) <= 1);
    QVERIFY(bottom < view.height() - 4);
}

QTEST_MAIN(TestInputView)
#include "test_input_view.moc"
