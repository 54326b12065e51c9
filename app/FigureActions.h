#pragma once
// The workbench's figure actions: File > Export All Figures... (every open live view of the run into
// one folder, with figures.txt saying what made them) and File > Export Canvas... (the graph as SVG,
// PDF or PNG).
#include "app/DocumentIo.h"
#include "widgets/FigureExportDialog.h"

#include <QString>
#include <QStringList>

class QWidget;

namespace ss::widgets {
class NodeGraphView;
}

namespace ss::app {

class LiveViews;

// Writes every view of `views` into `dir` as exportAll() does, then figures.txt (writeProvenance) for
// the document at `documentPath`; returns the files. Throws std::runtime_error when one cannot be written.
QStringList exportAllFigures(const LiveViews& views, const QString& dir, const widgets::FigureExportRequest& request,
                             const QString& documentPath, const Document& doc);

// The interactive forms: the export dialog, then a folder (or a file), then the files; problems are
// shown in a message box.
void askExportAllFigures(QWidget* parent, LiveViews& views, const QString& documentPath, const Document& doc);
void askExportCanvas(QWidget* parent, const widgets::NodeGraphView& canvas, const QString& documentPath);

} // namespace ss::app
