#pragma once
// Autosave for crash recovery. While the document has unsaved changes, it is written to a recovery
// file every `interval` (only when it changed since the last write); the file goes away when the
// document is saved or reverted to its saved state, and on a normal close (discard()). After a crash
// the file is still there, and the next start offers to restore it with pending().
//
// The recovery file is a document with one more top-level field, "recovery_of": the path of the file
// the document came from (empty for an untitled one). Readers ignore unknown top-level fields.
#include "app/GraphDocument.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <optional>

namespace ss::app {

class Recovery : public QObject {
    Q_OBJECT
public:
    static constexpr int kDefaultIntervalMs = 30'000;

    // `path` empty: defaultPath().
    explicit Recovery(GraphDocument& doc, const QString& path = QString(), QObject* parent = nullptr);

    // <AppLocalDataLocation>/recovery.json
    static QString defaultPath();
    QString path() const { return m_path; }
    // Milliseconds between writes.
    void setInterval(int milliseconds);
    int interval() const { return m_timer.interval(); }

    // Writes now if the document has changes not yet in the recovery file.
    void writeNow();
    // A normal close: stops and removes the recovery file.
    void discard();

    // The document left in a recovery file, nullopt when there is none or it cannot be read.
    static std::optional<Document> pending(const QString& path);
    // The path of the file that document came from ("recovery_of"); empty when unknown.
    static QString pendingOriginalPath(const QString& path);

signals:
    void written(const QString& path);
    void writeFailed(const QString& message);

private:
    void onModifiedChanged(bool modified);
    void remove();

    GraphDocument* m_doc;
    QString m_path;
    QTimer m_timer;
    bool m_dirty = false; // changed since the last write
};

} // namespace ss::app
