#pragma once
// The command line of the subcommands that take exactly one PROJECT and no options (info, validate).
#include <QStringList>

#include "core/cli/Cli.h"

namespace shotcraft::cli {

// Reads `args`: --help/-h prints `usage`. Returns -1 with *path set when the command should go on, else the
// exit code: 0 after --help, 2 after a one-line error for an option, a second argument or a missing PROJECT.
inline int parseProjectArgument(const QStringList& args, const char* command, const char* usage, Context& ctx,
                                QString* path) {
  const QString hint = QStringLiteral(" (usage: %1 PROJECT)\n").arg(QLatin1String(command));
  path->clear();
  for (const QString& a : args) {
    if (a == QLatin1String("--help") || a == QLatin1String("-h")) {
      ctx.out << usage;
      return 0;
    }
    if (a.startsWith(QLatin1Char('-'))) {
      ctx.err << command << ": unknown option '" << a << "'" << hint;
      return 2;
    }
    if (!path->isEmpty()) {
      ctx.err << command << ": unexpected argument '" << a << "'" << hint;
      return 2;
    }
    *path = a;
  }
  if (path->isEmpty()) {
    ctx.err << command << ": missing PROJECT" << hint;
    return 2;
  }
  return -1;
}

}  // namespace shotcraft::cli
