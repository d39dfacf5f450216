// shotcraft-cli export-edl PROJECT -o OUT.otio|OUT.fcpxml: the cut as an edit list for an editor.
#include <QCommandLineParser>

#include "core/cli/Cli.h"
#include "core/cli/EngineOptionsCli.h"
#include "core/media/FcpxmlWriter.h"
#include "core/media/OtioWriter.h"
#include "core/model/ProjectIo.h"

namespace shotcraft::cli {

int cmdExportEdl(const QStringList& args, Context& ctx) {
  const char* usage = "export-edl PROJECT -o OUT.otio|OUT.fcpxml";
  QCommandLineParser p;
  p.setApplicationDescription(QStringLiteral(
      "Writes the cut for an editor, by OUT's extension. .otio: an OpenTimelineIO timeline, one clip per shot in act\n"
      "order pointing at its selected take's frames, with prompt, seed, model and sampler as metadata, beats as\n"
      "markers and the audio track. .fcpxml: Final Cut Pro XML 1.9, one item per shot (the take's first frame as a\n"
      "clip, or a gap where there is no take) with the prompt as its note and the same fields as <md> metadata;\n"
      "no audio or beats."));
  p.addPositionalArgument(QStringLiteral("project"), QStringLiteral("Project folder or project.json."));
  p.addOption({QStringLiteral("o"), QStringLiteral("Output .otio or .fcpxml file."), QStringLiteral("OUT")});
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
  const bool fcpxml = out.endsWith(QLatin1String(".fcpxml"), Qt::CaseInsensitive);
  if (!fcpxml && !out.endsWith(QLatin1String(".otio"), Qt::CaseInsensitive)) {
    ctx.err << "export-edl: '" << out << "': the output name must end in .otio or .fcpxml (usage: " << usage << ")\n";
    return 2;
  }
  model::Project project;
  QString error;
  if (!model::ProjectIo::load(pos.front(), &project, &error)) {
    ctx.err << "export-edl: " << error << "\n";
    return 1;
  }
  const QString folder = model::ProjectIo::projectFolder(pos.front());
  const bool ok = fcpxml ? media::FcpxmlWriter::write(project, folder, out, &error)
                         : media::OtioWriter::write(project, folder, out, &error);
  if (!ok) {
    ctx.err << "export-edl: " << error << "\n";
    return 1;
  }
  ctx.out << "Wrote " << out << ": " << project.shotCount() << " clips";
  if (!fcpxml) ctx.out << ", " << project.beats_s().size() << " beat markers";
  ctx.out << "\n";
  return 0;
}

}  // namespace shotcraft::cli
