#include "ui/Theme.h"

#include <QApplication>
#include <QSettings>
#include <QStyle>

namespace shotcraft::ui {

namespace {
const char* const kSettingsKey = "ui/theme";
ThemeKind g_current = ThemeKind::Light;  // UI-thread state of the one QApplication

QPalette darkPalette() {
  const QColor window(0x2b, 0x2d, 0x31);
  const QColor base(0x1f, 0x21, 0x24);
  const QColor text(0xe6, 0xe6, 0xe6);
  const QColor disabledText(0x80, 0x80, 0x80);
  const QColor highlight(0x3d, 0x8e, 0xd9);
  QPalette p;
  p.setColor(QPalette::Window, window);
  p.setColor(QPalette::WindowText, text);
  p.setColor(QPalette::Base, base);
  p.setColor(QPalette::AlternateBase, QColor(0x27, 0x29, 0x2d));
  p.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3d, 0x42));
  p.setColor(QPalette::ToolTipText, text);
  p.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x8d, 0x93));
  p.setColor(QPalette::Text, text);
  p.setColor(QPalette::Button, QColor(0x35, 0x38, 0x3d));
  p.setColor(QPalette::ButtonText, text);
  p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
  p.setColor(QPalette::Light, QColor(0x45, 0x48, 0x4e));
  p.setColor(QPalette::Midlight, QColor(0x3a, 0x3d, 0x42));
  p.setColor(QPalette::Mid, QColor(0x24, 0x26, 0x29));
  p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
  p.setColor(QPalette::Shadow, QColor(0x0c, 0x0c, 0x0d));
  p.setColor(QPalette::Highlight, highlight);
  p.setColor(QPalette::HighlightedText, Qt::white);
  p.setColor(QPalette::Link, QColor(0x6c, 0xb0, 0xf0));
  p.setColor(QPalette::LinkVisited, QColor(0xa0, 0x8c, 0xe0));
  for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
    p.setColor(QPalette::Disabled, role, disabledText);
  p.setColor(QPalette::Disabled, QPalette::Base, window);
  p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x50, 0x50, 0x50));
  return p;
}

QPalette lightPalette() {
  const QColor text(0x1d, 0x1f, 0x22);
  const QColor disabledText(0x9a, 0x9d, 0xa2);
  QPalette p;
  p.setColor(QPalette::Window, QColor(0xef, 0xf0, 0xf2));
  p.setColor(QPalette::WindowText, text);
  p.setColor(QPalette::Base, Qt::white);
  p.setColor(QPalette::AlternateBase, QColor(0xf5, 0xf6, 0xf8));
  p.setColor(QPalette::ToolTipBase, QColor(0xff, 0xfb, 0xe6));
  p.setColor(QPalette::ToolTipText, text);
  p.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x8d, 0x93));
  p.setColor(QPalette::Text, text);
  p.setColor(QPalette::Button, QColor(0xf7, 0xf8, 0xf9));
  p.setColor(QPalette::ButtonText, text);
  p.setColor(QPalette::BrightText, QColor(0xc0, 0x1c, 0x28));
  p.setColor(QPalette::Light, Qt::white);
  p.setColor(QPalette::Midlight, QColor(0xe3, 0xe5, 0xe8));
  p.setColor(QPalette::Mid, QColor(0xc4, 0xc7, 0xcc));
  p.setColor(QPalette::Dark, QColor(0xa0, 0xa4, 0xaa));
  p.setColor(QPalette::Shadow, QColor(0x60, 0x63, 0x68));
  p.setColor(QPalette::Highlight, QColor(0x2f, 0x7c, 0xd0));
  p.setColor(QPalette::HighlightedText, Qt::white);
  p.setColor(QPalette::Link, QColor(0x1f, 0x6f, 0xc5));
  p.setColor(QPalette::LinkVisited, QColor(0x6a, 0x4c, 0xb0));
  for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
    p.setColor(QPalette::Disabled, role, disabledText);
  p.setColor(QPalette::Disabled, QPalette::Base, QColor(0xef, 0xf0, 0xf2));
  return p;
}
}  // namespace

QString Theme::name(ThemeKind kind) {
  return kind == ThemeKind::Dark ? QStringLiteral("dark") : QStringLiteral("light");
}

std::optional<ThemeKind> Theme::fromName(const QString& name) {
  if (name == QLatin1String("light")) return ThemeKind::Light;
  if (name == QLatin1String("dark")) return ThemeKind::Dark;
  return std::nullopt;
}

QPalette Theme::palette(ThemeKind kind) { return kind == ThemeKind::Dark ? darkPalette() : lightPalette(); }

void Theme::apply(ThemeKind kind) {
  if (QApplication::style()->name().compare(QLatin1String("fusion"), Qt::CaseInsensitive) != 0)
    QApplication::setStyle(QStringLiteral("Fusion"));
  g_current = kind;
  QApplication::setPalette(palette(kind));
}

ThemeKind Theme::current() { return g_current; }

ThemeKind Theme::saved() {
  return fromName(QSettings().value(QLatin1String(kSettingsKey)).toString()).value_or(ThemeKind::Light);
}

void Theme::save(ThemeKind kind) { QSettings().setValue(QLatin1String(kSettingsKey), name(kind)); }

}  // namespace shotcraft::ui
