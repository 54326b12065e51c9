#include "app/FigureActions.h"

#include "app/FigureExport.h"
#include "app/LiveViews.h"
#include "widgets/NodeGraphView.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>

#include <stdexcept>

namespace ss::app {

QStringList exportAllFigures(const LiveViews& views, const QString& dir, const widgets::FigureExportRequest& request,
                             const QString& documentPath, const Document& doc)
{
    QStringList written = views.exportAll(dir, request);
    written << writeProvenance(dir, documentPath, doc, written);
    return written;
}

void askExportAllFigures(QWidget* parent, LiveViews& views, const QString& documentPath, const Document& doc)
{
    if (views.exportableViews().empty()) {
        QMessageBox::information(parent, QObject::tr("Export All Figures"),
                                 QObject::tr("There are no views to export: compile or run the network first."));
        return;
    }
    widgets::FigureExportRequest request = views.exportSettings;
    if (!widgets::FigureExportDialog::ask(parent, QObject::tr("Export All Figures"), request)) return;
    const QString dir = QFileDialog::getExistingDirectory(parent, QObject::tr("Folder for the figures"),
                                                          documentPath.isEmpty() ? QString() : QFileInfo(documentPath).absolutePath());
    if (dir.isEmpty()) return;
    views.exportSettings = request;
    try {
        const QStringList written = exportAllFigures(views, dir, request, documentPath, doc);
        QMessageBox::information(parent, QObject::tr("Export All Figures"),
                                 QObject::tr("Wrote %1 files into %2.").arg(written.size()).arg(dir));
    } catch (const std::runtime_error& e) {
        QMessageBox::warning(parent, QObject::tr("Export All Figures"), QString::fromUtf8(e.what()));
    }
}

void askExportCanvas(QWidget* parent, const widgets::NodeGraphView& canvas, const QString& documentPath)
{
    const QString base = documentPath.isEmpty() ? QStringLiteral("network") : QFileInfo(documentPath).completeBaseName();
    const QString suggestion = (documentPath.isEmpty() ? QString() : QFileInfo(documentPath).absolutePath() + QLatin1Char('/')) +
                               base + QStringLiteral(".svg");
    const QString path = QFileDialog::getSaveFileName(parent, QObject::tr("Export Canvas"), suggestion,
                                                      QObject::tr("SVG (*.svg);;PDF (*.pdf);;PNG (*.png)"));
    if (path.isEmpty()) return;
    const auto format = widgets::figureFormatFromName(QFileInfo(path).suffix());
    if (!format) {
        QMessageBox::warning(parent, QObject::tr("Export Canvas"), QObject::tr("%1: the name should end in .svg, .pdf or .png").arg(path));
        return;
    }
    if (!canvas.exportImage(path, *format))
        QMessageBox::warning(parent, QObject::tr("Export Canvas"), QObject::tr("cannot write %1").arg(path));
}

} // namespace ss::app
