#include "ui/Translations.h"

#include <QCoreApplication>
#include <QEvent>
#include <QLocale>
#include <QPointer>
#include <QSettings>
#include <QTranslator>

namespace shotcraft::ui {

namespace {
const char* const kSettingsKey = "ui/language";
QPointer<QTranslator> g_translator;  // owned by the application object
QString g_current;
}  // namespace

QStringList Translations::available() { return {QStringLiteral("en"), QStringLiteral("zh_CN")}; }

QString Translations::nativeName(const QString& language) {
  if (language == QLatin1String("zh_CN")) return QStringLiteral("简体中文");
  if (language == QLatin1String("en")) return QStringLiteral("English");
  return language;
}

bool Translations::isAvailable(const QString& language) { return available().contains(language); }

bool Translations::setLanguage(const QString& language) {
  if (!isAvailable(language) || QCoreApplication::instance() == nullptr) return false;
  auto translator = new QTranslator(QCoreApplication::instance());  // parent owns it
  if (!translator->load(QStringLiteral(":/i18n/shotcraft_%1.qm").arg(language))) {
    translator->deleteLater();
    return false;
  }
  if (g_translator) {
    QCoreApplication::removeTranslator(g_translator);
    g_translator->deleteLater();
  }
  g_translator = translator;
  g_current = language;
  QCoreApplication::installTranslator(translator);
  // QApplication posts LanguageChange to each window; deliver it now so the switch is complete on return.
  QCoreApplication::sendPostedEvents(nullptr, QEvent::LanguageChange);
  return true;
}

QString Translations::current() { return g_current; }

QString Translations::saved() {
  const QString language = QSettings().value(QLatin1String(kSettingsKey)).toString();
  return isAvailable(language) ? language : systemDefault();
}

void Translations::save(const QString& language) { QSettings().setValue(QLatin1String(kSettingsKey), language); }

QString Translations::systemDefault() {
  return QLocale::system().language() == QLocale::Chinese ? QStringLiteral("zh_CN") : QStringLiteral("en");
}

}  // namespace shotcraft::ui
