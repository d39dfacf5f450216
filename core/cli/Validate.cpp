// shotcraft-cli validate PROJECT: loads a project folder (or its project.json) and reports OK or the first error.
#include "core/cli/Cli.h"
#include "core/cli/ProjectArgument.h"
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
  if (int rc = parseProjectArgument(args, "validate", kUsage, ctx, &path); rc >= 0) return rc;
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
