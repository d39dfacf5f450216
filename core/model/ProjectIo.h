#pragma once
// A project on disk: a folder "Name.shotcraft/" holding project.json, assets/ and takes/.
// Loading reads only (it never changes the file); saving writes project.json atomically (QSaveFile),
// so a failed save leaves the previous project.json as it was.
#include <QString>

#include "core/model/Project.h"

namespace shotcraft::model {

class ProjectIo {
 public:
  static constexpr qint64 kMaxProjectFileBytes = 64LL * 1024 * 1024;
  static constexpr const char* kProjectFileName = "project.json";
  static constexpr const char* kFolderSuffix = ".shotcraft";

  // `path` is a project folder or its project.json. On failure *error is one line (field path for bad
  // content, the file and the system's reason for I/O problems) and *out is untouched.
  static bool load(const QString& path, Project* out, QString* error);

  // Writes `folder`/project.json (creating the folder, assets/ and takes/ when missing). `folder` may also be
  // a path to a project.json. Refuses an invalid project.
  static bool save(const Project& project, const QString& folder, QString* error);

  // `path` as a project.json path (a folder gets "/project.json" appended).
  static QString projectFilePath(const QString& path);
  // The folder holding the project, for either form of `path`.
  static QString projectFolder(const QString& path);
  // "Neon" for ".../Neon.shotcraft" or ".../Neon.shotcraft/project.json".
  static QString nameFromPath(const QString& path);
};

}  // namespace shotcraft::model
