#pragma once
// The studio's languages. Each is a .qm file built from translations/shotcraft_<code>.ts and embedded under
// ":/i18n/". Installing one makes Qt send QEvent::LanguageChange to every widget, which retranslates live.
#include <QString>
#include <QStringList>

namespace shotcraft::ui {

class Translations {
 public:
  static QStringList available();                      // "en", "zh_CN"
  static QString nativeName(const QString& language);  // "English", "简体中文" (each in its own language)
  static bool isAvailable(const QString& language);

  // Replaces the installed translator; false (nothing changes) for an unknown code or a missing .qm.
  static bool setLanguage(const QString& language);
  static QString current();  // "" before the first setLanguage()

  static QString saved();  // QSettings "ui/language" when available, else systemDefault()
  static void save(const QString& language);
  static QString systemDefault();  // zh_CN for a Chinese system locale, else en
};

}  // namespace shotcraft::ui
