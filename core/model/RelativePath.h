#pragma once
// Paths stored in project.json point inside the project folder (assets/, takes/). A hostile file must not
// reach outside it, so stored paths are relative, use '/', and have no "..", "." or empty components.
#include <QString>

namespace shotcraft::model {

// "" when `path` is a safe relative path, else the reason ("must be relative", "must not contain '..'").
QString checkRelativePath(const QString& path);

}  // namespace shotcraft::model
