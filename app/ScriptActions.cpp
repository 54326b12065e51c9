#include "app/ScriptActions.h"

#include "models/Catalogue.h"
#include "models/export/BrianExport.h"
#include "models/export/PynnExport.h"
#include "models/export/ScriptText.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>

namespace ss::app {

void askExportScript(QWidget* parent, const Document& doc, const QString& documentPath, ScriptTarget target)
{
    const bool brian = target == ScriptTarget::Brian2;
    const QString what = brian ? QObject::tr("Brian2") : QObject::tr("PyNN");
    const QFileInfo info(documentPath.isEmpty() ? QStringLiteral("untitled.json") : documentPath);
    const QString suggestion =
        info.absoluteDir().filePath(info.completeBaseName() + (brian ? "_brian2.py" : "_pynn.py"));
    const QString path = QFileDialog::getSaveFileName(parent, QObject::tr("Export to %1").arg(what), suggestion,
                                                      QObject::tr("Python scripts (*.py)"));
    if (path.isEmpty()) return;
    const std::string title = (doc.name.isEmpty() ? info.completeBaseName() : doc.name).toStdString();
    try {
        if (brian)
            models::exporting::exportBrian2(doc.graph, models::catalogue(), title, path.toStdString());
        else
            models::exporting::exportPynn(doc.graph, models::catalogue(), title, path.toStdString());
    } catch (const models::BuildError& e) {
        QString where = e.node().empty() ? QString() : QObject::tr("Node '%1'").arg(QString::fromStdString(e.node()));
        if (!e.field().empty())
            where += (where.isEmpty() ? QString() : QStringLiteral(", ")) +
                     QObject::tr("field '%1'").arg(QString::fromStdString(e.field()));
        QMessageBox::warning(parent, QObject::tr("Export to %1").arg(what),
                             (where.isEmpty() ? QString() : where + QStringLiteral(": ")) +
                                 QString::fromUtf8(e.what()));
        return;
    } catch (const std::runtime_error& e) {
        QMessageBox::warning(parent, QObject::tr("Export to %1").arg(what), QString::fromUtf8(e.what()));
        return;
    }
    QMessageBox::information(
        parent, QObject::tr("Export to %1").arg(what),
        QObject::tr("Wrote %1 and, beside it, %2 with the synapses.")
            .arg(QDir::toNativeSeparators(path),
                 QFileInfo(QString::fromStdString(models::exporting::dataPathFor(path.toStdString()))).fileName()));
}

} // namespace ss::app
