#include "app/DemoCatalogue.h"

#include "app/DocumentIo.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace ss::app {

namespace {

const QString kGallery = QStringLiteral("demos/gallery.json");

bool hasGallery(const QString& dir) { return !dir.isEmpty() && QFileInfo::exists(QDir(dir).filePath(kGallery)); }

} // namespace

QString resourceRoot()
{
    QStringList candidates{qEnvironmentVariable("SPIKESTUDIO_RESOURCES")};
    if (QCoreApplication::instance()) {
        const QString exe = QCoreApplication::applicationDirPath();
        candidates << exe + QStringLiteral("/../resources") << exe + QStringLiteral("/../../resources")
                   << exe + QStringLiteral("/../share/spikestudio/resources");
    }
    candidates << QStringLiteral("resources") << QStringLiteral(SPIKESTUDIO_RESOURCE_DIR);
    for (const QString& dir : candidates)
        if (hasGallery(dir)) return QDir(dir).canonicalPath();
    return {};
}

std::vector<Demo> bundledDemos(const QString& root)
{
    const QString path = QDir(root).filePath(kGallery);
    QFile file(path);
    if (root.isEmpty() || !file.open(QIODevice::ReadOnly))
        throw DocumentError(path, QString(), QString(), QStringLiteral("the list of demos cannot be read"));
    QJsonParseError error;
    const QJsonDocument json = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !json.isArray())
        throw DocumentError(path, QString(), QString(), QStringLiteral("must be a JSON list of demos"));
    std::vector<Demo> demos;
    const QDir dir(root);
    for (const QJsonValue& v : json.array()) {
        const QJsonObject o = v.toObject();
        Demo d{o.value(QStringLiteral("name")).toString(), o.value(QStringLiteral("title")).toString(),
               o.value(QStringLiteral("summary")).toString(), {}, {}, {}};
        const QString entry = QStringLiteral("demo %1").arg(demos.size() + 1);
        if (d.name.isEmpty() || d.title.isEmpty() || d.summary.isEmpty())
            throw DocumentError(path, entry, QString(), QStringLiteral("needs a \"name\", a \"title\" and a \"summary\""));
        d.documentPath = dir.filePath(QStringLiteral("experiments/%1.json").arg(d.name));
        if (!QFileInfo::exists(d.documentPath))
            throw DocumentError(path, d.name, QStringLiteral("name"), QStringLiteral("no document %1").arg(d.documentPath));
        d.thumbnailPath = dir.filePath(QStringLiteral("demos/%1.png").arg(d.name));
        d.lessonPath = lessonPathFor(d.documentPath, root);
        demos.push_back(std::move(d));
    }
    return demos;
}

QString lessonPathFor(const QString& documentPath, const QString& root)
{
    if (root.isEmpty() || documentPath.isEmpty()) return {};
    const QString lesson = QDir(root).filePath(QStringLiteral("demos/%1.md").arg(QFileInfo(documentPath).completeBaseName()));
    return QFileInfo::exists(lesson) ? lesson : QString();
}

} // namespace ss::app
