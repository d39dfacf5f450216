// shotcraft-cli export PROJECT -o OUT: the animatic as MP4 / MOV / GIF / PNG frames, with optional music.
#include <QCommandLineParser>
#include <QFileInfo>
#include <QRegularExpression>

#include "core/cli/Cli.h"
#include "core/cli/EngineOptionsCli.h"
#include "core/media/Exporter.h"
#include "core/media/ProjectFrames.h"
#include "core/media/Soundtrack.h"
#include "core/model/ProjectIo.h"

namespace shotcraft::cli {

namespace {

const char* kUsage =
    "export PROJECT -o OUT.mp4|OUT.mov|OUT.gif|DIR [--audio FILE] [--crf N] [--preset P] [--dissolve-frames N] "
    "[--captions] [--normalize-loudness]";

QCommandLineOption opt(const char* name, const char* help, const char* value = nullptr, const char* def = nullptr) {
  QCommandLineOption o(QString::fromLatin1(name), QString::fromLatin1(help));
  if (value) o.setValueName(QString::fromLatin1(value));
  if (def) o.setDefaultValue(QString::fromLatin1(def));
  return o;
}

bool readInt(const QCommandLineParser& p, const char* name, int lo, int hi, int* out, QString* error) {
  bool ok = false;
  const int v = p.value(QString::fromLatin1(name)).toInt(&ok);
  if (!ok || v < lo || v > hi) {
    *error = QStringLiteral("--%1: expected an integer in %2..%3").arg(QLatin1String(name)).arg(lo).arg(hi);
    return false;
  }
  *out = v;
  return true;
}

bool readDouble(const QCommandLineParser& p, const char* name, double lo, double hi, double* out, QString* error) {
  bool ok = false;
  const double v = p.value(QString::fromLatin1(name)).toDouble(&ok);
  if (!ok || !(v >= lo && v <= hi)) {
    *error = QStringLiteral("--%1: expected a number in %2..%3").arg(QLatin1String(name)).arg(lo).arg(hi);
    return false;
  }
  *out = v;
  return true;
}

}  // namespace

int cmdExport(const QStringList& args, Context& ctx) {
  QCommandLineParser p;
  p.setApplicationDescription(QStringLiteral(
      "Exports the project's shots in act order: each shot's selected take (PNG frames under takes/), or a\n"
      "placeholder card for a shot not rendered yet. The format follows OUT's extension: .mp4 (H.264 + AAC),\n"
      ".mov (ProRes 422 HQ + AAC), .gif, or a folder of PNG frames. The file appears only when complete."));
  p.addPositionalArgument(QStringLiteral("project"), QStringLiteral("Project folder or project.json."));
  p.addOptions({
      opt("o", "Output file or folder.", "OUT"),
      opt("audio", "Music or voice file (any format FFmpeg reads); default: the project's audio track.", "FILE"),
      opt("audio-offset", "Seconds into the audio at the first shot (with --audio).", "S", "0"),
      opt("audio-gain", "Audio gain in dB (with --audio).", "DB", "0"),
      opt("no-audio", "Leave the project's audio track out."),
      opt("normalize-loudness", "Normalise the audio to -14 LUFS integrated loudness."),
      opt("crf", "H.264 quality 0..51, lower is better.", "N", "20"),
      opt("preset", "x264 preset: ultrafast, superfast, veryfast, faster, fast, medium, slow, slower, veryslow.", "P",
          "medium"),
      opt("dissolve-frames", "Cross-dissolve length at each cut, in frames (0: hard cuts).", "N", "0"),
      opt("captions", "Burn in the shot number and its dialogue."),
      opt("fps", "Output frame rate (default: the project's).", "N"),
      opt("size", "Output size WIDTHxHEIGHT (default: the project's).", "WxH"),
      opt("quiet", "No progress lines."),
  });
  if (int rc = parseOrExit(p, QStringLiteral("export"), QString::fromLatin1(kUsage), args, ctx.out, ctx.err); rc >= 0) {
    return rc;
  }
  auto usageError = [&](const QString& message) {
    ctx.err << "export: " << message << " (usage: " << kUsage << ")\n";
    return 2;
  };
  const QStringList pos = p.positionalArguments();
  if (pos.size() != 1) return usageError(pos.isEmpty() ? QStringLiteral("missing PROJECT") : QStringLiteral("one PROJECT expected"));
  const QString out = p.value(QStringLiteral("o"));
  if (out.isEmpty()) return usageError(QStringLiteral("missing -o OUT"));
  const auto format = media::formatFromPath(out);
  if (!format) return usageError(QStringLiteral("'%1': use .mp4, .mov, .gif, or a folder for PNG frames").arg(out));

  QString error;
  media::ExportOptions options;
  options.format = *format;
  media::TimelineOptions tl;
  tl.width = tl.height = tl.fps = 0;  // the project's defaults
  double audioOffset = 0.0;
  double audioGain = 0.0;
  if (!readInt(p, "crf", 0, 51, &options.crf, &error) ||
      !readInt(p, "dissolve-frames", 0, 1000, &tl.dissolve_frames, &error) ||
      !readDouble(p, "audio-offset", -36000, 36000, &audioOffset, &error) ||
      !readDouble(p, "audio-gain", -60, 24, &audioGain, &error) ||
      (p.isSet(QStringLiteral("fps")) && !readInt(p, "fps", 1, 120, &tl.fps, &error))) {
    return usageError(error);
  }
  options.preset = p.value(QStringLiteral("preset")).toStdString();
  static const QStringList presets = {QStringLiteral("ultrafast"), QStringLiteral("superfast"), QStringLiteral("veryfast"),
                                      QStringLiteral("faster"),    QStringLiteral("fast"),      QStringLiteral("medium"),
                                      QStringLiteral("slow"),      QStringLiteral("slower"),    QStringLiteral("veryslow")};
  if (!presets.contains(p.value(QStringLiteral("preset")))) return usageError(QStringLiteral("--preset: unknown preset"));
  if (p.isSet(QStringLiteral("size"))) {
    static const QRegularExpression re(QStringLiteral("^(\\d{1,5})x(\\d{1,5})$"));
    const auto m = re.match(p.value(QStringLiteral("size")));
    tl.width = m.captured(1).toInt();
    tl.height = m.captured(2).toInt();
    if (!m.hasMatch() || tl.width < 16 || tl.height < 16 || tl.width > 8192 || tl.height > 8192 || tl.width % 2 ||
        tl.height % 2) {
      return usageError(QStringLiteral("--size: expected WIDTHxHEIGHT, even, 16..8192"));
    }
  }
  tl.captions = p.isSet(QStringLiteral("captions"));

  model::Project project;
  if (!model::ProjectIo::load(pos.front(), &project, &error)) {
    ctx.err << "export: " << error << "\n";
    return 1;
  }
  const QString folder = model::ProjectIo::projectFolder(pos.front());
  QStringList notes;
  media::Timeline timeline = media::projectTimeline(project, folder, tl, &notes);
  for (const QString& n : notes) ctx.err << "export: note: " << n << " (placeholder used)\n";

  std::optional<media::SoundtrackSpec> sound;
  if (p.isSet(QStringLiteral("audio"))) {
    sound = media::SoundtrackSpec{p.value(QStringLiteral("audio")), audioOffset, audioGain};
  } else if (!p.isSet(QStringLiteral("no-audio"))) {
    sound = media::projectSoundtrack(project, folder);
  }
  media::AudioBuffer audio;
  QString audioLine;
  if (sound && !media::formatHasAudio(*format)) {
    ctx.err << "export: note: " << media::formatName(*format) << " has no audio; the soundtrack is left out\n";
  } else if (sound) {
    sound->normalize = p.isSet(QStringLiteral("normalize-loudness"));
    std::string audioError;
    double measured = 0.0;
    if (!media::buildSoundtrack(*sound, timeline.duration_s(), &audio, &audioError, &measured)) {
      ctx.err << "export: " << QString::fromStdString(audioError) << "\n";
      return 1;
    }
    audioLine = QStringLiteral(", audio %1").arg(QFileInfo(sound->path).fileName());
    if (sound->normalize) audioLine += QStringLiteral(" (%1 LUFS -> %2 LUFS)").arg(measured, 0, 'f', 1).arg(sound->target_lufs, 0, 'f', 1);
  }

  const bool quiet = p.isSet(QStringLiteral("quiet"));
  int lastTenth = 0;
  auto progress = [&](double f) {
    const int tenth = int(f * 10.0);
    if (!quiet && tenth > lastTenth) {
      lastTenth = tenth;
      ctx.err << "export: " << tenth * 10 << "%\n";
      ctx.err.flush();
    }
  };
  std::string exportError;
  if (!media::Exporter::run(timeline, out, options, audio, progress, engine::CancelToken(), &exportError)) {
    ctx.err << "export: " << QString::fromStdString(exportError) << "\n";
    return 1;
  }
  const media::TimelineOptions& used = timeline.options();
  ctx.out << "Wrote " << out << ": " << media::formatName(*format) << " " << used.width << "x" << used.height << " @ "
          << used.fps << " fps, " << timeline.frameCount() << " frames, "
          << QString::number(timeline.duration_s(), 'f', 2) << " s, " << timeline.clipCount() << " shots" << audioLine
          << "\n";
  return 0;
}

}  // namespace shotcraft::cli
