// shotcraft-cli beats AUDIO [--project PROJECT [--snap]]: tempo and beat times; optionally stores them as the
// project's beat markers and snaps its cuts to them.
#include <QCommandLineParser>
#include <cmath>

#include "core/cli/Cli.h"
#include "core/cli/EngineOptionsCli.h"
#include "core/media/AudioDecoder.h"
#include "core/media/BeatDetector.h"
#include "core/media/BeatSnap.h"
#include "core/model/ProjectIo.h"

namespace shotcraft::cli {

int cmdBeats(const QStringList& args, Context& ctx) {
  const char* usage = "beats AUDIO [--project PROJECT [--offset S] [--snap [--tolerance S]]] [--onsets]";
  QCommandLineParser p;
  p.setApplicationDescription(QStringLiteral(
      "Detects tempo and beats (aubio) in any audio file FFmpeg reads and prints 'BPM <n>' then one beat time\n"
      "(seconds) per line. With --project the beats are stored as the project's beat markers, on the timeline:\n"
      "timeline time = track time - offset (the project's audio offset unless --offset is given)."));
  p.addPositionalArgument(QStringLiteral("audio"), QStringLiteral("Music file."));
  p.addOptions({
      {QStringLiteral("project"), QStringLiteral("Store the beats in this project."), QStringLiteral("PROJECT")},
      {QStringLiteral("offset"), QStringLiteral("Track seconds at the first shot."), QStringLiteral("S")},
      {QStringLiteral("snap"), QStringLiteral("Also move the project's cuts onto the nearest beats.")},
      {QStringLiteral("tolerance"), QStringLiteral("Largest move of a cut when snapping."), QStringLiteral("S"),
       QStringLiteral("0.25")},
      {QStringLiteral("onsets"), QStringLiteral("Also print onset times ('onset <t>').")},
  });
  if (int rc = parseOrExit(p, QStringLiteral("beats"), QString::fromLatin1(usage), args, ctx.out, ctx.err); rc >= 0) {
    return rc;
  }
  auto usageError = [&](const QString& m) {
    ctx.err << "beats: " << m << " (usage: " << usage << ")\n";
    return 2;
  };
  const QStringList pos = p.positionalArguments();
  if (pos.size() != 1) return usageError(QStringLiteral("expected one AUDIO file"));
  const QString projectPath = p.value(QStringLiteral("project"));
  if (projectPath.isEmpty() && (p.isSet(QStringLiteral("snap")) || p.isSet(QStringLiteral("offset")))) {
    return usageError(QStringLiteral("--snap and --offset need --project"));
  }
  bool ok = true;
  const double tolerance = p.value(QStringLiteral("tolerance")).toDouble(&ok);
  if (!ok || !(tolerance >= 0.0 && tolerance <= 5.0)) return usageError(QStringLiteral("--tolerance: expected 0..5 s"));
  double offset = 0.0;
  if (p.isSet(QStringLiteral("offset"))) {
    offset = p.value(QStringLiteral("offset")).toDouble(&ok);
    if (!ok || !(std::abs(offset) <= 36000.0)) return usageError(QStringLiteral("--offset: expected seconds"));
  }

  model::Project project;
  QString error;
  if (!projectPath.isEmpty()) {
    if (!model::ProjectIo::load(projectPath, &project, &error)) {
      ctx.err << "beats: " << error << "\n";
      return 1;
    }
    if (!p.isSet(QStringLiteral("offset")) && project.audio()) offset = project.audio()->offset_s;
  }
  media::AudioBuffer audio;
  media::BeatAnalysis analysis;
  std::string err;
  if (!media::decodeAudio(pos.front(), &audio, &err) || !media::detectBeats(audio, &analysis, &err)) {
    ctx.err << "beats: " << QString::fromStdString(err) << "\n";
    return 1;
  }
  ctx.out << "BPM " << QString::number(analysis.bpm, 'f', 1) << "  (" << analysis.beats_s.size() << " beats in "
          << QString::number(audio.duration_s(), 'f', 1) << " s, confidence "
          << QString::number(analysis.confidence, 'f', 2) << ")\n";
  for (double b : analysis.beats_s) ctx.out << QString::number(b, 'f', 3) << "\n";
  if (p.isSet(QStringLiteral("onsets"))) {
    for (double o : analysis.onsets_s) ctx.out << "onset " << QString::number(o, 'f', 3) << "\n";
  }
  if (projectPath.isEmpty()) return 0;

  std::vector<double> timeline;
  for (double b : analysis.beats_s) {
    if (b - offset >= 0.0) timeline.push_back(b - offset);
  }
  if (!project.requestSetBeats(timeline, &error)) {
    ctx.err << "beats: " << error << "\n";
    return 1;
  }
  if (p.isSet(QStringLiteral("snap"))) {
    media::SnapOptions options;
    options.tolerance_s = tolerance;
    const media::SnapResult snap = media::snapCutsToBeats(project, options);
    project = media::withDurations(project, snap);
    ctx.out << "Snapped " << snap.snapped << " of " << snap.cuts << " cuts; total " << QString::number(snap.total_before_s, 'f', 2)
            << " s -> " << QString::number(snap.total_after_s, 'f', 2) << " s\n";
  }
  if (!model::ProjectIo::save(project, model::ProjectIo::projectFolder(projectPath), &error)) {
    ctx.err << "beats: " << error << "\n";
    return 1;
  }
  ctx.out << "Stored " << timeline.size() << " beat markers in " << projectPath << "\n";
  return 0;
}

}  // namespace shotcraft::cli
