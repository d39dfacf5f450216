// shotcraft-cli info PROJECT: a summary line, then one line per shot.
#include "core/cli/Cli.h"
#include "core/cli/ProjectArgument.h"
#include "core/model/ProjectIo.h"

namespace shotcraft::cli {

namespace {
const char* kUsage =
    "Usage: shotcraft-cli info PROJECT\n"
    "Prints '3 acts, N shots, T s', then one line per shot:\n"
    "  act  index  id  duration  fps  WIDTHxHEIGHT  sampler  seed  title: prompt excerpt\n"
    "(act and index count from 1). Exits 1 when the project cannot be loaded, 2 on bad arguments.\n";

QString excerpt(const model::Shot& shot) {
  QString prompt = shot.prompt.simplified();
  if (prompt.size() > 60) prompt = prompt.left(57) + QStringLiteral("...");
  const QString title = shot.title.simplified();
  if (title.isEmpty()) return prompt;
  return prompt.isEmpty() ? title : title + QStringLiteral(": ") + prompt;
}
}  // namespace

int cmdInfo(const QStringList& args, Context& ctx) {
  QString path;
  if (int rc = parseProjectArgument(args, "info", kUsage, ctx, &path); rc >= 0) return rc;
  model::Project project;
  QString error;
  if (!model::ProjectIo::load(path, &project, &error)) {
    ctx.err << "info: " << error << "\n";
    return 1;
  }
  ctx.out << project.summary() << "\n";
  for (int a = 0; a < model::Project::kActCount; ++a) {
    const auto& shots = project.act(a).shots;
    for (size_t r = 0; r < shots.size(); ++r) {
      const model::Shot& s = shots[r];
      ctx.out << QStringLiteral("%1  %2  %3  %4 s  %5 fps  %6x%7  %8  seed %9  ")
                     .arg(a + 1)
                     .arg(r + 1, 2)
                     .arg(s.id, -4)
                     .arg(s.duration_s, 5, 'f', 1)
                     .arg(s.fps, 3)
                     .arg(s.width)
                     .arg(s.height)
                     .arg(s.sampler)
                     .arg(s.seed)
              << excerpt(s) << "\n";
    }
  }
  return 0;
}

}  // namespace shotcraft::cli
