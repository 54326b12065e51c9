#pragma once
// Publication figures of a finished run, drawn off screen with the same views as the workbench:
//   <node>_raster.png      every spike a spike monitor kept (title: node and population)
//   raster.png             all spike monitors stacked in one raster, when there are two or more
//   <node>_<variable>.png  the traces a state monitor kept, with spike markers when a spike monitor
//                          watches the same layer, and the threshold line for 'v' of layers that
//                          declare a fixed 'v_th'
//   <node>_fields.png      the last weight snapshot of a weight monitor as receptive fields
// Needs a QApplication (a platform plugin; 'offscreen' will do).
#include "models/BuildContext.h"
#include "models/Graph.h"

#include <QString>
#include <QStringList>

namespace ss::app {

struct FigureOptions {
    int width = 900;    // logical pixels: fonts and dots are sized against these
    int height = 520;
    double scale = 2.0; // PNG pixels per logical pixel (2: sharp in print at the size of a column)
    QString title;      // of the combined raster; the document's name
};

// Writes the figures into `dir` (created if missing); returns the files written.
// Throws std::runtime_error when the folder or a file cannot be written.
QStringList writeFigures(const models::CompiledNetwork& compiled, const models::Graph& graph, const QString& dir,
                         const FigureOptions& options = {});

} // namespace ss::app
