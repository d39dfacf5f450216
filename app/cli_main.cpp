// shotcraft-cli: headless entry point. Parses nothing itself; core/cli dispatches subcommands.
#include <QCoreApplication>
#include <QTextStream>
#include <cstdio>
#include <memory>

#include "core/cli/Cli.h"
#ifdef SHOTCRAFT_HAVE_BOARDS
#include <QGuiApplication>

#include "ui/pdf/BoardsCommand.h"
#endif

int main(int argc, char** argv) {
  std::unique_ptr<QCoreApplication> app;
#ifdef SHOTCRAFT_HAVE_BOARDS
  // export-pdf draws text, which needs a QGuiApplication; the offscreen platform needs no display.
  if (argc > 1 && shotcraft::boards::needsGui(argv[1])) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    app = std::make_unique<QGuiApplication>(argc, argv);
  }
  shotcraft::boards::registerCommands();
#endif
  if (!app) app = std::make_unique<QCoreApplication>(argc, argv);
  QCoreApplication::setApplicationName(QStringLiteral("shotcraft-cli"));
  QCoreApplication::setOrganizationName(QStringLiteral("Shotcraft"));
  QTextStream out(stdout);
  QTextStream err(stderr);
  shotcraft::cli::Context ctx{out, err};
  return shotcraft::cli::run(QCoreApplication::arguments().mid(1), ctx);
}
