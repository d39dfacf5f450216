// shotcraft-cli validate PROJECT: loads a project folder (or its project.json) and reports OK or the first error.
#include "core/cli/Cli.h"
#include "core/model/ProjectIo.h"

namespace shotcraft::cli {

namespace {
const char* kUsage =
    "Usage: shotcraft-cli validate PROJECT\n"
    "Checks a Name.shotcraft folder or its project.json.\n"
    "Prints 'OK: <name>: 3 acts, N shots, T s' and exits 0, or prints the first problem (with its field path)\n"
    "and exits 1. Bad arguments exit 2.\n";
}

int cmdValidate(const QStringList& args, Context& ctx) {
  QString path;
  for (const QString& a : args) {
    if (a == QLatin1String("--help") || a == QLatin1String("-h")) {
      ctx.out << kUsage;
      return 0;
    }
    if (a.startsWith(QLatin1Char('-'))) {
      ctx.err << "validate: unknown option '" << a << "' (usage: validate PROJECT)\n";
      return 2;
    }
    if (!path.isEmpty()) {
      ctx.err << "validate: unexpected argument '" << a << "' (usage: validate PROJECT)\n";
      return 2;
    }
    path = a;
  }
  if (path.isEmpty()) {
    ctx.err << "validate: missing PROJECT (usage: validate PROJECT)\n";
    return 2;
  }
  model::Project project;
  QString error;
  if (!model::ProjectIo::load(path, &project, &error)) {
    ctx.err << "INVALID: " << error << "\n";
    return 1;
  }
  ctx.out << "OK: " << project.name() << ": " << project.summary() << "\n";
  return 0;
}

}  // namespace shotcraft::cli
