#pragma once
// Runs `shotcraft-cli ARGS` in-process through shotcraft::cli::run and keeps its exit code and output.
#include <QString>
#include <QStringList>
#include <QTextStream>

#include "core/cli/Cli.h"

namespace shotcraft::test {

struct CliResult {
  int code = 0;
  QString out;
  QString err;
};

inline CliResult runCli(const QStringList& args) {
  CliResult r;
  {
    QTextStream out(&r.out);
    QTextStream err(&r.err);
    cli::Context ctx{out, err};
    r.code = cli::run(args, ctx);
  }
  return r;
}

}  // namespace shotcraft::test
