#pragma once
// The training state of a document (models/TrainingState.h) on disk: FILE.state beside FILE.json.
#include "models/TrainingState.h"

#include <QString>

namespace ss::app {

// "dir/name.json" -> "dir/name.state".
QString trainingStatePath(const QString& documentPath);
// Throws DocumentError naming the file.
void saveTrainingState(const models::TrainingState& state, const QString& path);
// Throws DocumentError naming the file: missing, unreadable, not a state, a newer version.
models::TrainingState loadTrainingState(const QString& path);

} // namespace ss::app
