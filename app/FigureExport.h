#pragma once
// Publication figures of a finished run, drawn off screen with the same views as the workbench, in
// PNG, SVG or PDF (.ext below):
//   <node>_raster.ext      every spike a spike monitor kept (title: node and population)
//   raster.ext             all spike monitors stacked in one raster, when there are two or more
//   <node>_<variable>.ext  the traces a state monitor kept, with spike markers when a spike monitor
//                          watches the same layer, and the threshold line for 'v' of layers that
//                          declare a fixed 'v_th'
//   <node>_fields.ext      the last weight snapshot of a weight monitor as receptive fields
//   figures.txt            what made them (writeProvenance)
// Needs a QApplication (a platform plugin; 'offscreen' will do).
#include "app/DocumentIo.h"
#include "models/BuildContext.h"
#include "models/Graph.h"
#include "widgets/FigureFormat.h"

#include <QString>
#include <QStringList>

namespace ss::app {

struct FigureOptions {
    int width = 900;    // logical pixels: fonts and dots are sized against these
    int height = 520;
    double scale = 2.0; // PNG pixels per logical pixel (2: sharp in print at the size of a column)
    QString title;      // of the combined raster; the document's name
    widgets::FigureFormat format = widgets::FigureFormat::Png;
};

// Writes the figures into `dir` (created if missing); returns the files written.
// Throws std::runtime_error when the folder or a file cannot be written.
QStringList writeFigures(const models::CompiledNetwork& compiled, const models::Graph& graph, const QString& dir,
                         const FigureOptions& options = {});

// The provenance of a set of figures, for whoever reads them later: the SpikeStudio version, the
// document's path, name, seed, dt and duration, the files, and the document as run (JSON: every node's
// parameters, after any --set). Returns the text of figures.txt.
QString figureProvenance(const QString& documentPath, const Document& doc, const QStringList& files);
// Writes figureProvenance() into `dir` as figures.txt; returns its path.
// Throws std::runtime_error when it cannot be written.
QString writeProvenance(const QString& dir, const QString& documentPath, const Document& doc, const QStringList& files);

} // namespace ss::app
