// Autosave for crash recovery: written while modified, removed when saved or closed normally, read
// back by the next start; a damaged recovery file is ignored.
#include "app/EditCommands.h"
#include "app/Recovery.h"
#include "tests/editor/EditorTestSupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace ss;

class TestRecovery : public QObject {
    Q_OBJECT
private slots:
    void init();
    void writtenWhileModified();
    void removedWhenSaved();
    void removedWhenUndoneToSaved();
    void discardOnNormalClose();
    void nothingWrittenWhileClean();
    void restoredDocumentStaysRecoverable();
    void damagedFileIsIgnored();
    void defaultsAreThirtySeconds();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

namespace {

constexpr int kInterval = 50; // ms

void edit(app::GraphDocument& doc, double tau)
{
    doc.undoStack()->push(new app::SetParamCommand(doc, {"exc"}, "tau_m", tau));
}

} // namespace

void TestRecovery::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(QStringLiteral("sub/recovery.json")); // the folder does not exist yet
}

void TestRecovery::writtenWhileModified()
{
    app::GraphDocument doc;
    doc.reset(editortest::referenceNetwork(), QStringLiteral("/home/user/networks/reference.json"));
    app::Recovery recovery(doc, m_path);
    recovery.setInterval(kInterval);
    QSignalSpy written(&recovery, &app::Recovery::written);

    QElapsedTimer clock;
    qint64 writtenAfter = -1;
    connect(&recovery, &app::Recovery::written, this, [&] {
        if (writtenAfter < 0) writtenAfter = clock.elapsed();
    });
    clock.start();
    edit(doc, 12.0);
    // The first write comes one interval (50 ms) after the first change; 500 ms allows for a loaded machine.
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(m_path), 500);
    QVERIFY(writtenAfter >= kInterval - 5 && writtenAfter <= 500);
    qInfo("recovery file written %lld ms after the change (interval 50 ms)", static_cast<long long>(writtenAfter));

    auto pending = app::Recovery::pending(m_path);
    QVERIFY(pending.has_value());
    QCOMPARE(app::writeDocument(*pending), doc.toJson());
    QCOMPARE(app::Recovery::pendingOriginalPath(m_path), QStringLiteral("/home/user/networks/reference.json"));

    // Unchanged: no rewrite in the next four intervals.
    QTest::qWait(4 * kInterval);
    QCOMPARE(written.count(), 1);
    // Changed again: the file follows.
    edit(doc, 13.0);
    QTRY_COMPARE_WITH_TIMEOUT(written.count(), 2, 500);
    pending = app::Recovery::pending(m_path);
    QVERIFY(pending.has_value());
    QCOMPARE(std::get<double>(pending->graph.find("exc")->params.at("tau_m")), 13.0);
}

void TestRecovery::removedWhenSaved()
{
    app::GraphDocument doc;
    doc.reset(editortest::referenceNetwork());
    app::Recovery recovery(doc, m_path);
    recovery.setInterval(kInterval);
    edit(doc, 12.0);
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(m_path), 500);
    QCOMPARE(app::Recovery::pendingOriginalPath(m_path), QString());
    doc.setSaved();
    QVERIFY(!QFile::exists(m_path));
    QVERIFY(!app::Recovery::pending(m_path).has_value());
    // Clean documents are not written.
    QTest::qWait(3 * kInterval);
    QVERIFY(!QFile::exists(m_path));
}

void TestRecovery::removedWhenUndoneToSaved()
{
    app::GraphDocument doc;
    doc.reset(editortest::referenceNetwork());
    app::Recovery recovery(doc, m_path);
    recovery.setInterval(kInterval);
    edit(doc, 12.0);
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(m_path), 500);
    doc.undoStack()->undo();
    QVERIFY(!QFile::exists(m_path));
}

void TestRecovery::discardOnNormalClose()
{
    app::GraphDocument doc;
    doc.reset(editortest::referenceNetwork());
    app::Recovery recovery(doc, m_path);
    recovery.setInterval(kInterval);
    edit(doc, 12.0);
    recovery.writeNow();
    QVERIFY(QFile::exists(m_path));
    recovery.discard();
    QVERIFY(!QFile::exists(m_path));
    QTest::qWait(3 * kInterval);
    QVERIFY(!QFile::exists(m_path));
}

void TestRecovery::nothingWrittenWhileClean()
{
    app::GraphDocument doc;
    doc.reset(editortest::referenceNetwork());
    app::Recovery recovery(doc, m_path);
    recovery.setInterval(kInterval);
    recovery.writeNow();
    QTest::qWait(3 * kInterval);
    QVERIFY(!QFile::exists(m_path));
}

void TestRecovery::restoredDocumentStaysRecoverable()
{
    QByteArray crashed;
    {
        app::GraphDocument doc;
        doc.reset(editortest::referenceNetwork(), QStringLiteral("/data/reference.json"));
        app::Recovery recovery(doc, m_path);
        recovery.setInterval(kInterval);
        edit(doc, 12.0);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(m_path), 500);
        crashed = doc.toJson();
        // No discard(): the session ends as in a crash.
    }
    QVERIFY(QFile::exists(m_path));

    // The next start restores the work, which stays unsaved and keeps being recovered.
    app::GraphDocument doc;
    app::Recovery recovery(doc, m_path);
    recovery.setInterval(kInterval);
    auto pending = app::Recovery::pending(m_path);
    QVERIFY(pending.has_value());
    doc.reset(std::move(*pending), app::Recovery::pendingOriginalPath(m_path));
    doc.markModified();
    QCOMPARE(doc.toJson(), crashed);
    QCOMPARE(doc.filePath(), QStringLiteral("/data/reference.json"));
    QVERIFY(doc.isModified());
    QFile::remove(m_path);
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(m_path), 500);
    QCOMPARE(app::writeDocument(*app::Recovery::pending(m_path)), crashed);
}

void TestRecovery::damagedFileIsIgnored()
{
    QVERIFY(!app::Recovery::pending(m_dir->filePath(QStringLiteral("absent.json"))).has_value());
    const QString path = m_dir->filePath(QStringLiteral("damaged.json"));
    const QList<QByteArray> damaged = {
        "{ \"format\": \"spikestudio\", \"version\": 1, \"nodes\": [",              // cut short by the crash
        "",                                                                       // empty
        "{\"format\": \"spikestudio\", \"version\": 99, \"nodes\": []}",          // a newer version
        "{\"format\": \"spikestudio\", \"version\": 1, \"nodes\": [{\"id\": \"a\", \"type\": \"layer.none\"}]}",
    };
    for (const QByteArray& text : damaged) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(text);
        file.close();
        QVERIFY2(!app::Recovery::pending(path).has_value(), text.constData());
    }
    QCOMPARE(app::Recovery::pendingOriginalPath(path), QString());
}

void TestRecovery::defaultsAreThirtySeconds()
{
    QStandardPaths::setTestModeEnabled(true);
    app::GraphDocument doc;
    app::Recovery recovery(doc);
    QCOMPARE(recovery.interval(), 30'000);
    QVERIFY(recovery.path().endsWith(QStringLiteral("/recovery.json")));
}

QTEST_GUILESS_MAIN(TestRecovery)
#include "test_recovery.moc"
