// shotcraft-cli: headless entry point. Parses nothing itself; core/cli dispatches subcommands.
#include <QCoreApplication>
#include <QTextStream>
#include <cstdio>

#include "core/cli/Cli.h"

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  QCoreApplication::setApplicationName(QStringLiteral("shotcraft-cli"));
  QCoreApplication::setOrganizationName(QStringLiteral("Shotcraft"));
  QTextStream out(stdout);
  QTextStream err(stderr);
  shotcraft::cli::Context ctx{out, err};
  return shotcraft::cli::run(app.arguments().mid(1), ctx);
}
