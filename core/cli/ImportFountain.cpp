// shotcraft-cli import-fountain SCRIPT -o PROJECT [--force]: a Fountain screenplay becomes a new project folder.
#include <QDir>
#include <QFileInfo>

#include "core/cli/Cli.h"
#include "core/model/FountainImporter.h"
#include "core/model/ProjectIo.h"

namespace shotcraft::cli {

namespace {
const char* kUsage =
    "Usage: shotcraft-cli import-fountain SCRIPT -o PROJECT [--force]\n"
    "Turns a Fountain screenplay into a project: one shot per scene heading, acts from '# ...' sections\n"
    "(else a 25/50/25 split), prompts from the action text, dialogue in the shot's dialogue.\n"
    "  -o, --output PROJECT  the project folder to write; '.shotcraft' is appended when missing\n"
    "  --force               overwrite an existing project there\n"
    "Exits 1 when the script cannot be imported or written, 2 on bad arguments.\n";

int usageError(Context& ctx, const QString& message) {
  ctx.err << "import-fountain: " << message << " (usage: import-fountain SCRIPT -o PROJECT [--force])\n";
  return 2;
}
}  // namespace

int cmdImportFountain(const QStringList& args, Context& ctx) {
  QString script;
  QString output;
  bool force = false;
  for (qsizetype i = 0; i < args.size(); ++i) {
    const QString& a = args[i];
    if (a == QLatin1String("--help") || a == QLatin1String("-h")) {
      ctx.out << kUsage;
      return 0;
    }
    if (a == QLatin1String("-o") || a == QLatin1String("--output")) {
      if (i + 1 >= args.size() || args[i + 1].isEmpty()) return usageError(ctx, a + QStringLiteral(" needs a path"));
      if (!output.isEmpty()) return usageError(ctx, QStringLiteral("-o given twice"));
      output = args[++i];
    } else if (a.startsWith(QLatin1String("--output="))) {
      if (!output.isEmpty()) return usageError(ctx, QStringLiteral("-o given twice"));
      output = a.mid(9);
    } else if (a == QLatin1String("--force")) {
      force = true;
    } else if (a.startsWith(QLatin1Char('-')) && a.size() > 1) {
      return usageError(ctx, QStringLiteral("unknown option '%1'").arg(a));
    } else if (script.isEmpty()) {
      script = a;
    } else {
      return usageError(ctx, QStringLiteral("unexpected argument '%1'").arg(a));
    }
  }
  if (script.isEmpty()) return usageError(ctx, QStringLiteral("missing SCRIPT"));
  if (output.isEmpty()) return usageError(ctx, QStringLiteral("missing -o PROJECT"));

  while (output.size() > 1 && output.endsWith(QLatin1Char('/'))) output.chop(1);
  if (!output.endsWith(QLatin1String(model::ProjectIo::kFolderSuffix))) {
    output += QLatin1String(model::ProjectIo::kFolderSuffix);
  }
  const QFileInfo target(output);
  if (target.exists() && !target.isDir()) {
    ctx.err << "import-fountain: " << output << " exists and is not a folder\n";
    return 1;
  }
  if (target.isDir() && !force && !QDir(output).isEmpty()) {
    ctx.err << "import-fountain: " << output << " already exists (use --force to overwrite it)\n";
    return 1;
  }

  model::Project project;
  QString error;
  if (!model::FountainImporter::importFile(script, model::ProjectIo::nameFromPath(output), &project, &error)) {
    ctx.err << "import-fountain: " << error << "\n";
    return 1;
  }
  if (!model::ProjectIo::save(project, output, &error)) {
    ctx.err << "import-fountain: " << error << "\n";
    return 1;
  }
  ctx.out << "Wrote " << output << ": " << project.summary() << "\n";
  return 0;
}

}  // namespace shotcraft::cli
