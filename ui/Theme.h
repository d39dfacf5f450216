#pragma once
// Light and dark palettes for the studio (Fusion style), remembered in QSettings under "ui/theme".
#include <QPalette>
#include <QString>
#include <optional>

namespace shotcraft::ui {

enum class ThemeKind { Light, Dark };

class Theme {
 public:
  static QString name(ThemeKind kind);                          // "light", "dark"
  static std::optional<ThemeKind> fromName(const QString& name);  // nullopt for anything else
  static QPalette palette(ThemeKind kind);

  // Sets the Fusion style (once) and the palette on the running QApplication.
  static void apply(ThemeKind kind);
  static ThemeKind current();  // the one last applied (Light before any)

  static ThemeKind saved();  // from QSettings, Light when unset or unknown
  static void save(ThemeKind kind);
};

}  // namespace shotcraft::ui
