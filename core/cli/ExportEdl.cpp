// shotcraft-cli export-edl PROJECT -o OUT.otio: the cut as an OpenTimelineIO timeline for an editor.
#include <QCommandLineParser>

#include "core/cli/Cli.h"
#include "core/cli/EngineOptionsCli.h"
#include "core/media/OtioWriter.h"
#include "core/model/ProjectIo.h"

namespace shotcraft::cli {

int cmdExportEdl(const QStringList& args, Context& ctx) {
  const char* usage = "export-edl PROJECT -o OUT.otio";
  QCommandLineParser p;
  p.setApplicationDescription(QStringLiteral(
      "Writes an OpenTimelineIO (.otio) timeline: one clip per shot in act order, each pointing at its selected\n"
      "take's frames and carrying prompt, seed, model and sampler as metadata; beats as markers; the audio track."));
  p.addPositionalArgument(QStringLiteral("project"), QStringLiteral("Project folder or project.json."));
  p.addOption({QStringLiteral("o"), QStringLiteral("Output .otio file."), QStringLiteral("OUT")});
  if (int rc = parseOrExit(p, QStringLiteral("export-edl"), QString::fromLatin1(usage), args, ctx.out, ctx.err); rc >= 0) {
    return rc;
  }
  const QStringList pos = p.positionalArguments();
  const QString out = p.value(QStringLiteral("o"));
  if (pos.size() != 1 || out.isEmpty()) {
    ctx.err << "export-edl: " << (pos.size() != 1 ? "expected one PROJECT" : "missing -o OUT") << " (usage: " << usage
            << ")\n";
    return 2;
  }
  if (!out.endsWith(QLatin1String(".otio"), Qt::CaseInsensitive)) {
    ctx.err << "export-edl: '" << out << "': the output name must end in .otio (usage: " << usage << ")\n";
    return 2;
  }
  model::Project project;
  QString error;
  if (!model::ProjectIo::load(pos.front(), &project, &error) ||
      !media::OtioWriter::write(project, model::ProjectIo::projectFolder(pos.front()), out, &error)) {
    ctx.err << "export-edl: " << error << "\n";
    return 1;
  }
  ctx.out << "Wrote " << out << ": " << project.shotCount() << " clips, " << project.beats_s().size() << " beat markers\n";
  return 0;
}

}  // namespace shotcraft::cli
