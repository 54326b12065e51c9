#include "app/TrainingStateFile.h"

#include "app/DocumentIo.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace ss::app {

QString trainingStatePath(const QString& documentPath)
{
    const QFileInfo info(documentPath);
    return info.dir().filePath(info.completeBaseName() + QStringLiteral(".state"));
}

void saveTrainingState(const models::TrainingState& state, const QString& path)
{
    const std::vector<char> bytes = models::encodeState(state);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes.data(), static_cast<qint64>(bytes.size())) < 0 || !file.commit())
        throw DocumentError(path, QString(), QString(), QStringLiteral("cannot be written: %1").arg(file.errorString()));
}

models::TrainingState loadTrainingState(const QString& path)
{
    QFile file(path);
    if (!file.exists())
        throw DocumentError(path, QString(), QString(), QStringLiteral("no training state: run the protocol once to save one"));
    if (!file.open(QIODevice::ReadOnly))
        throw DocumentError(path, QString(), QString(), QStringLiteral("cannot be read: %1").arg(file.errorString()));
    const QByteArray bytes = file.readAll();
    try {
        return models::decodeState(bytes.constData(), static_cast<std::size_t>(bytes.size()), "training state");
    } catch (const models::StateError& e) {
        throw DocumentError(path, QString(), QString(), QString::fromUtf8(e.what()));
    }
}

} // namespace ss::app
