#pragma once
// The workbench's script actions: File > Export to Brian2... and File > Export to PyNN... write the
// document as a script (models/export) with the .npz of its synapses beside it.
#include "app/DocumentIo.h"

class QWidget;

namespace ss::app {

enum class ScriptTarget { Brian2, Pynn };

// Asks for the script's file name, then writes it; what the target cannot express (naming the node
// and the field) and files that cannot be written are shown in a message box.
void askExportScript(QWidget* parent, const Document& doc, const QString& documentPath, ScriptTarget target);

} // namespace ss::app
