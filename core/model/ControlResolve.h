#pragma once
// "From previous shot" control slots, resolved: such a slot takes the file (source and source_kind) of the same
// control of the nearest earlier shot in play order that has a file of its own, and keeps its own enabled flag,
// weight and start/end. A chain of previous-shot slots resolves to the first shot with a file.
#include <QString>

#include "core/model/ControlSettings.h"

namespace shotcraft::model {

class Project;

// The shot's controls with every PreviousShot slot turned into a File slot (source "" when no earlier shot has
// a file for that control, which leaves the slot inactive). Unknown shot: default settings.
ControlSettings resolveControls(const Project& project, const QString& shotId);

// The shot whose file a PreviousShot slot of `kind` would use ("" when none).
QString previousControlShot(const Project& project, const QString& shotId, ControlKind kind);

}  // namespace shotcraft::model
