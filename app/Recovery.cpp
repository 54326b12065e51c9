#include "app/Recovery.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

namespace ss::app {

namespace {

const QString kRecoveryOf = QStringLiteral("recovery_of");

} // namespace

Recovery::Recovery(GraphDocument& doc, const QString& path, QObject* parent)
    : QObject(parent), m_doc(&doc), m_path(path.isEmpty() ? defaultPath() : path)
{
    m_timer.setInterval(kDefaultIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &Recovery::writeNow);
    connect(m_doc, &GraphDocument::modifiedChanged, this, &Recovery::onModifiedChanged);
    // Any step through the undo stack, and a new file name, change what the file should hold.
    connect(m_doc->undoStack(), &QUndoStack::indexChanged, this, [this] { m_dirty = true; });
    connect(m_doc, &GraphDocument::filePathChanged, this, [this] { m_dirty = true; });
    connect(m_doc, &GraphDocument::documentReset, this, [this] { m_dirty = true; });
    connect(m_doc, &QObject::destroyed, this, [this] {
        m_timer.stop();
        m_doc = nullptr;
    });
    if (m_doc->isModified()) onModifiedChanged(true);
}

QString Recovery::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/recovery.json");
}

void Recovery::setInterval(int milliseconds) { m_timer.setInterval(milliseconds); }

void Recovery::onModifiedChanged(bool modified)
{
    if (modified) {
        m_dirty = true;
        if (!m_timer.isActive()) m_timer.start();
    } else {
        m_timer.stop();
        remove();
    }
}

void Recovery::writeNow()
{
    if (!m_doc || !m_doc->isModified() || !m_dirty) return;
    QJsonObject root = QJsonDocument::fromJson(m_doc->toJson()).object();
    root[kRecoveryOf] = m_doc->filePath();
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(root).toJson(QJsonDocument::Indented)) < 0 ||
        !file.commit()) {
        emit writeFailed(QStringLiteral("%1: cannot be written: %2").arg(m_path, file.errorString()));
        return;
    }
    m_dirty = false;
    emit written(m_path);
}

void Recovery::discard()
{
    m_timer.stop();
    remove();
}

void Recovery::remove()
{
    QFile::remove(m_path);
    m_dirty = true; // the next change writes a complete file again
}

std::optional<Document> Recovery::pending(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return std::nullopt;
    try {
        return parseDocument(file.readAll(), path);
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

QString Recovery::pendingOriginalPath(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(file.readAll()).object().value(kRecoveryOf).toString();
}

} // namespace ss::app
