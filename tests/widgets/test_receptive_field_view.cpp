// The receptive-field grid: layout, the shared colour scale and the placement of each weight, checked on
// the rendered pixels of known weights.
#include "widgets/ReceptiveFieldView.h"

#include "widgets/PlotStyle.h"

#include <QFontMetricsF>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using ss::widgets::ReceptiveFieldView;

namespace {

// Colour of the rendered view at the centre of weight (field, channel, y, x).
QRgb shown(const QImage& image, const ReceptiveFieldView& view, int field, int channel, int y, int x)
{
    const QPointF c = view.pixelRect(field, channel, y, x).center();
    return image.pixel(static_cast<int>(c.x()), static_cast<int>(c.y()));
}

} // namespace

class TestReceptiveFieldView : public QObject {
    Q_OBJECT
private slots:
    void gridHasAboutSqrtColumns_data();
    void gridHasAboutSqrtColumns();
    void hotPixelShowsTheMaximumAtItsPosition();
    void channelsSitSideBySide();
    void flatInputIsReshapedToASquare();
    void viridisEndsMatchTheTable();
    void savesPngOfRequestedSize();
    void smallMinimumLabelFits();
};

void TestReceptiveFieldView::gridHasAboutSqrtColumns_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("columns");
    QTest::addColumn<int>("rows");
    // columns = ceil(sqrt(count)), rows = ceil(count / columns).
    QTest::newRow("1") << 1 << 1 << 1;
    QTest::newRow("4") << 4 << 2 << 2;
    QTest::newRow("5") << 5 << 3 << 2;
    QTest::newRow("30 kernels") << 30 << 6 << 5;
    QTest::newRow("100 neurons") << 100 << 10 << 10;
    QTest::newRow("400 neurons") << 400 << 20 << 20;
}

void TestReceptiveFieldView::gridHasAboutSqrtColumns()
{
    QFETCH(int, count);
    QFETCH(int, columns);
    QFETCH(int, rows);
    ReceptiveFieldView view;
    view.setFields(std::vector<float>(static_cast<std::size_t>(count) * 9, 0.5f), count, 1, 3, 3);
    QCOMPARE(view.columns(), columns);
    QCOMPARE(view.rows(), rows);
    QCOMPARE(view.fieldCount(), count);
}

// 9 fields of 5 x 4 weights, all 0.1 except field 7, weight (y 2, x 3) = 0.9: the shared scale runs
// 0.1..0.9, so that weight is drawn in the map's top colour and every other weight in its bottom colour.
void TestReceptiveFieldView::hotPixelShowsTheMaximumAtItsPosition()
{
    const int count = 9, h = 5, w = 4;
    std::vector<float> weights(static_cast<std::size_t>(count * h * w), 0.1f);
    weights[static_cast<std::size_t>(7 * h * w + 2 * w + 3)] = 0.9f;
    ReceptiveFieldView view;
    view.resize(400, 300);
    view.setFields(weights, count, 1, h, w);
    QCOMPARE(view.minimum(), double(0.1f));
    QCOMPARE(view.maximum(), double(0.9f));
    const QImage image = view.grab().toImage();
    const QRgb top = ReceptiveFieldView::colour(ReceptiveFieldView::ColourMap::Viridis, 1.0);
    const QRgb bottom = ReceptiveFieldView::colour(ReceptiveFieldView::ColourMap::Viridis, 0.0);
    QVERIFY(view.pixelRect(7, 0, 2, 3).width() >= 4.0); // large enough to sample one weight cleanly
    QCOMPARE(shown(image, view, 7, 0, 2, 3), top);
    int others = 0;
    for (int f = 0; f < count; ++f)
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                if (f == 7 && y == 2 && x == 3) continue;
                QCOMPARE(shown(image, view, f, 0, y, x), bottom);
                ++others;
            }
    QCOMPARE(others, count * h * w - 1);
    // Field 7 sits in row 2, column 1 of a 3 x 3 grid: right of field 6, below field 4.
    QVERIFY(view.pixelRect(7, 0, 0, 0).left() > view.pixelRect(6, 0, 0, w - 1).right());
    QVERIFY(view.pixelRect(7, 0, 0, 0).top() > view.pixelRect(4, 0, h - 1, 0).bottom());
    QCOMPARE(view.pixelRect(7, 0, 0, 0).left(), view.pixelRect(4, 0, 0, 0).left());
}

// Two channels (DoG on, off) of 3 x 3: the off channel of a field is drawn to the right of its on
// channel, on the same rows, and carries its own weights (on all 0, off all 1 -> bottom and top colours).
void TestReceptiveFieldView::channelsSitSideBySide()
{
    const int count = 4, c = 2, h = 3, w = 3;
    std::vector<float> weights(static_cast<std::size_t>(count * c * h * w));
    for (int f = 0; f < count; ++f)
        for (int k = 0; k < h * w; ++k) weights[static_cast<std::size_t>((f * c + 1) * h * w + k)] = 1.0f;
    ReceptiveFieldView view;
    view.resize(300, 300);
    view.setFields(weights, count, c, h, w);
    const QImage image = view.grab().toImage();
    for (int f = 0; f < count; ++f) {
        const QRectF on = view.pixelRect(f, 0, 0, w - 1), off = view.pixelRect(f, 1, 0, 0);
        QVERIFY(off.left() >= on.right());
        QCOMPARE(off.top(), on.top());
        QCOMPARE(shown(image, view, f, 0, 1, 1), ReceptiveFieldView::colour(ReceptiveFieldView::ColourMap::Viridis, 0.0));
        QCOMPARE(shown(image, view, f, 1, 1, 1), ReceptiveFieldView::colour(ReceptiveFieldView::ColourMap::Viridis, 1.0));
    }
    // Two fields per row: field 1 starts right of field 0's off channel.
    QVERIFY(view.pixelRect(1, 0, 0, 0).left() > view.pixelRect(0, 1, 0, w - 1).right());
}

// A flat input of 10 (shape 10 x 1 x 1) is drawn as ceil(sqrt(10)) = 4 columns by 3 rows: weight i at
// (i / 4, i % 4), the last two places blank (white).
void TestReceptiveFieldView::flatInputIsReshapedToASquare()
{
    std::vector<float> weights(2 * 10, 0.0f);
    weights[10 + 9] = 1.0f; // field 1, input 9 -> (2, 1)
    ReceptiveFieldView view;
    view.resize(300, 200);
    view.setFields(weights, 2, 10, 1, 1);
    QCOMPARE(view.channels(), 1);
    QCOMPARE(view.fieldWidth(), 4);
    QCOMPARE(view.fieldHeight(), 3);
    const QImage image = view.grab().toImage();
    QCOMPARE(shown(image, view, 1, 0, 2, 1), ReceptiveFieldView::colour(ReceptiveFieldView::ColourMap::Viridis, 1.0));
    QCOMPARE(shown(image, view, 1, 0, 2, 0), ReceptiveFieldView::colour(ReceptiveFieldView::ColourMap::Viridis, 0.0));
    QCOMPARE(shown(image, view, 1, 0, 2, 3), qRgb(255, 255, 255));
    QVERIFY(std::isnan(view.weights()[12 + 11]));
}

// Viridis ends (matplotlib's _viridis_data): #440154 at 0 and #fde725 at 1, within 4/255 per channel.
void TestReceptiveFieldView::viridisEndsMatchTheTable()
{
    auto near = [](QRgb a, QRgb b) {
        return std::abs(qRed(a) - qRed(b)) <= 4 && std::abs(qGreen(a) - qGreen(b)) <= 4 && std::abs(qBlue(a) - qBlue(b)) <= 4;
    };
    QVERIFY(near(ReceptiveFieldView::colour(ReceptiveFieldView::ColourMap::Viridis, 0.0), qRgb(0x44, 0x01, 0x54)));
    QVERIFY(near(ReceptiveFieldView::colour(ReceptiveFieldView::ColourMap::Viridis, 1.0), qRgb(0xfd, 0xe7, 0x25)));
    QCOMPARE(ReceptiveFieldView::colour(ReceptiveFieldView::ColourMap::Grey, 1.0), qRgb(255, 255, 255));
}

void TestReceptiveFieldView::savesPngOfRequestedSize()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ReceptiveFieldView view;
    view.setFields(std::vector<float>(16 * 4, 0.0f), 16, 1, 2, 2);
    view.setLabels({QStringLiteral("3"), QStringLiteral("7")});
    view.setTitle(QStringLiteral("fields"));
    const QString path = dir.filePath(QStringLiteral("f.png"));
    QVERIFY(view.savePng(path, 300, 200, 2.0));
    const QImage image(path);
    QCOMPARE(image.size(), QSize(600, 400));
}

// Kernels whose weights run from -1.29e-5 to 0.0009 (a span of 0.00091: three significant digits need
// six decimals, so both ends are written in 'g' format). The minimum reads "-1.29e-5", exponent without
// padding, and in a view whose grid fills its width the label still fits: its ink is about as wide as
// its text (less the glyphs' side bearings) and ends before the view's right edge.
void TestReceptiveFieldView::smallMinimumLabelFits()
{
    const int count = 30, h = 5, w = 5;
    std::vector<float> weights(static_cast<std::size_t>(count * h * w), 0.0009f);
    weights[3] = -1.29e-5f;
    ReceptiveFieldView view;
    view.resize(300, 400); // 6 x 5 fields of 5 x 5: the width limits them
    view.setFields(weights, count, 1, h, w);
    QCOMPARE(view.barLabel(false), QStringLiteral("-1.29e-5"));
    QCOMPARE(view.barLabel(true), QStringLiteral("0.0009"));
    const QImage image = view.grab().toImage();
    // The minimum's label is centred on the bar's bottom, which is the grid's bottom (grid taller than 60).
    const QRectF last = view.pixelRect(count - 1, 0, h - 1, w - 1);
    const QRectF right = view.pixelRect(view.columns() - 1, 0, 0, w - 1);
    const QFontMetricsF fm(ss::widgets::plotFont());
    const int x0 = static_cast<int>(right.right() + 12.0 + 14.0 + 2.0);
    const int y0 = static_cast<int>(last.bottom() - fm.height() / 2), y1 = static_cast<int>(last.bottom() + fm.height() / 2);
    int left = -1, rightmost = -1;
    for (int x = x0; x < image.width(); ++x)
        for (int y = y0; y <= y1; ++y)
            if (qGray(image.pixel(x, y)) < 100) {
                if (left < 0) left = x;
                rightmost = x;
                break;
            }
    qInfo("label ink from x %d to %d of %d; text %g wide", left, rightmost, image.width(), fm.horizontalAdvance(view.barLabel(false)));
    QVERIFY(left >= 0);
    QVERIFY(rightmost < image.width() - 3);
    QVERIFY(rightmost - left + 1 >= fm.horizontalAdvance(view.barLabel(false)) - 6);
}

QTEST_MAIN(TestReceptiveFieldView)
#include "test_receptive_field_view.moc"
