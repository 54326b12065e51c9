#pragma once
// The bundled demos of the welcome page. The list lives in resources/demos/gallery.json, one entry per
// demo: {"name": "cuba", "title": "...", "summary": "..."}; a demo named X is the document
// resources/experiments/X.json, its thumbnail resources/demos/X.png and its lesson (Markdown: what
// the network is, what to watch, things to try, the equation and its reference) resources/demos/X.md.
// A document opened from anywhere shows the lesson of the demo with its file name, if there is one.
#include <QString>

#include <vector>

namespace ss::app {

struct Demo {
    QString name, title, summary;
    QString documentPath, thumbnailPath, lessonPath;
};

// The folder holding experiments/ and demos/: $SPIKESTUDIO_RESOURCES, else the first of
// <executable>/../resources, <executable>/../../resources (a build tree inside the source tree),
// <executable>/../share/spikestudio/resources, ./resources and the source tree this was built from
// that has demos/gallery.json. Empty when none has.
QString resourceRoot();

// The demos listed in <root>/demos/gallery.json, in its order. Throws DocumentError (app/DocumentIo.h)
// naming the file and the entry when the list is malformed or names a document that does not exist.
std::vector<Demo> bundledDemos(const QString& root = resourceRoot());

// The lesson of the document at `documentPath` (<root>/demos/<base name>.md), or empty.
QString lessonPathFor(const QString& documentPath, const QString& root = resourceRoot());

} // namespace ss::app
