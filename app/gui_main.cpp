// `shotcraft [PROJECT]`: the studio. Opens PROJECT, else the newest recent project, else the bundled demo.
#include <QApplication>
#include <QCommandLineParser>
#include <cstdio>

#include "ui/MainWindow.h"
#include "ui/RecentFiles.h"
#include "ui/Screenshot.h"
#include "ui/StartupPaths.h"
#include "ui/Theme.h"
#include "ui/Translations.h"

using namespace shotcraft::ui;

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("Shotcraft"));
  QApplication::setApplicationName(QStringLiteral("shotcraft"));
  QApplication::setApplicationDisplayName(QStringLiteral("Shotcraft"));
  QApplication::setApplicationVersion(QStringLiteral(SHOTCRAFT_VERSION));

  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("Shotcraft storyboard studio"));
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("A Name.shotcraft folder or its project.json"),
                               QStringLiteral("[PROJECT]"));
  const QCommandLineOption languageOption(QStringLiteral("lang"), QStringLiteral("Interface language: en or zh_CN."),
                                          QStringLiteral("language"));
  const QCommandLineOption themeOption(QStringLiteral("theme"), QStringLiteral("Colour theme: light or dark."),
                                       QStringLiteral("theme"));
  const QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
                                            QStringLiteral("Save a picture of the window to FILE and exit."),
                                            QStringLiteral("FILE"));
  parser.addOptions({languageOption, themeOption, screenshotOption});
  parser.process(app);

  // Options given on the command line apply to this run only; the menus remember choices.
  const QString language = parser.isSet(languageOption) ? parser.value(languageOption) : Translations::saved();
  if (!Translations::setLanguage(language)) {
    std::fprintf(stderr, "shotcraft: unknown language '%s' (use en or zh_CN)\n", qPrintable(language));
    return 2;
  }
  const auto theme = parser.isSet(themeOption) ? Theme::fromName(parser.value(themeOption)) : Theme::saved();
  if (!theme) {
    std::fprintf(stderr, "shotcraft: unknown theme '%s' (use light or dark)\n", qPrintable(parser.value(themeOption)));
    return 2;
  }
  Theme::apply(*theme);

  MainWindow window;
  const QString project = StartupPaths::projectToOpen(parser.positionalArguments().value(0), RecentFiles::list(),
                                                      QCoreApplication::applicationDirPath());
  if (!project.isEmpty()) window.openProject(project);  // offers a newer crash-recovery snapshot of it
  if (!parser.isSet(screenshotOption)) window.offerOrphanedRecovery();  // an untitled project a crash left
  window.show();

  if (parser.isSet(screenshotOption)) {
    window.resize(1600, 1000);
    Screenshot::grabWhenSettled(&window, parser.value(screenshotOption),
                                [](bool ok) { QCoreApplication::exit(ok ? 0 : 1); });
  }
  return QApplication::exec();
}
