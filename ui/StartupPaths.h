#pragma once
// Where the studio finds the project to open at start-up and its bundled demo.
#include <QString>
#include <QStringList>

namespace shotcraft::ui {

class StartupPaths {
 public:
  // Candidate folders for the bundled demo, in search order: <bin>/../share/shotcraft/demo (installed),
  // <bin>/../../resources/demo and <bin>/../../../resources/demo (build trees), SHOTCRAFT_SOURCE_DIR/resources/demo.
  static QStringList demoSearchFolders(const QString& applicationDir);
  // The NeonDawn.shotcraft folder from the first candidate that has one; "" when none does.
  static QString demoProject(const QString& applicationDir);
  // What to open: `argument` when given, else the newest recent project, else the demo ("" when none is found).
  static QString projectToOpen(const QString& argument, const QStringList& recent, const QString& applicationDir);
};

}  // namespace shotcraft::ui
