// The confusion matrix view: counts exactly as given (rows true class, columns predicted), shading by
// the row share (white at 0, the darkest blue at 1), total, and the PNG export size.
#include "widgets/ConfusionMatrixView.h"

#include <QDir>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

using namespace ss;

class TestConfusionMatrixView : public QObject {
    Q_OBJECT
private slots:
    void countsAreExact()
    {
        widgets::ConfusionMatrixView view;
        // 3 classes; row sums 10, 20 and 0 (a class never tested).
        view.setMatrix(3, {7, 2, 1, 5, 15, 0, 0, 0, 0});
        QCOMPARE(view.classes(), 3);
        QCOMPARE(view.count(0, 0), 7);
        QCOMPARE(view.count(0, 1), 2);
        QCOMPARE(view.count(1, 0), 5);
        QCOMPARE(view.count(1, 1), 15);
        QCOMPARE(view.count(2, 2), 0);
        QCOMPARE(view.count(3, 0), 0); // outside
        QCOMPARE(view.total(), 30);
        // Row-normalised: 7 / 10, 15 / 20; an empty row shares nothing.
        QCOMPARE(view.rowShare(0, 0), 0.7);
        QCOMPARE(view.rowShare(1, 1), 0.75);
        QCOMPARE(view.rowShare(2, 0), 0.0);
        view.clear();
        QCOMPARE(view.total(), 0);
        QCOMPARE(view.classes(), 3);
    }

    void shading()
    {
        QCOMPARE(widgets::ConfusionMatrixView::shade(0.0), QColor(Qt::white));
        const QColor full = widgets::ConfusionMatrixView::shade(1.0);
        QCOMPARE(full, QColor(0x00, 0x50, 0x8a));
        // Linear in each channel: half way is the mean of white and the full colour (rounded).
        QCOMPARE(widgets::ConfusionMatrixView::shade(0.5), QColor(128, 168, 197));
        // A larger share is darker.
        QVERIFY(widgets::ConfusionMatrixView::shade(0.8).lightness() < widgets::ConfusionMatrixView::shade(0.3).lightness());
    }

    void savesPng()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        widgets::ConfusionMatrixView view;
        view.setTitle(QStringLiteral("confusion (test accuracy 80.0 %)"));
        std::vector<int> counts(100, 0);
        for (int i = 0; i < 10; ++i) {
            counts[static_cast<std::size_t>(i * 10 + i)] = 40;
            counts[static_cast<std::size_t>(i * 10 + (i + 3) % 10)] = 10;
        }
        view.setMatrix(10, counts);
        QCOMPARE(view.total(), 500);
        const QString path = dir.filePath(QStringLiteral("confusion.png"));
        // 360 x 320 logical pixels at scale 2: a 720 x 640 image.
        QVERIFY(view.savePng(path, 360, 320, 2.0));
        QCOMPARE(QImage(path).size(), QSize(720, 640));
        const QString out = QDir::currentPath() + QStringLiteral("/artefacts/");
        QVERIFY(QDir().mkpath(out));
        QVERIFY(view.savePng(out + QStringLiteral("confusion_matrix_view.png"), 360, 320, 2.0));
    }
};

QTEST_MAIN(TestConfusionMatrixView)
#include "test_confusion_matrix_view.moc"
