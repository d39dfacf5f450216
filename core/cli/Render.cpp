// shotcraft-cli render PROJECT [--shots ID,...] [--draft|--final] [--model DIR] -o DIR: renders shots into takes
// (cached by a hash of every input), copies their frames to DIR and saves the new takes into the project.
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>

#include "core/cli/Cli.h"
#include "core/cli/EngineOptionsCli.h"
#include "core/engine/EngineRegistry.h"
#include "core/model/ProjectIo.h"
#include "core/render/ShotRenderer.h"
#include "core/render/TakeStore.h"

namespace shotcraft::cli {

namespace {

// DIR/<act>_<shot-index>_<shotid>: act 1..3, shot index 1-based within the act, two digits.
QString shotFolderName(const model::ShotLocation& where, const QString& shotId) {
  return QStringLiteral("%1_%2_%3").arg(where.act + 1).arg(where.row + 1, 2, 10, QLatin1Char('0')).arg(shotId);
}

// Replaces the frame_*.png files of `dst` with those of the take folder `src`.
bool copyFrames(const QString& src, const QString& dst, int frames, QString* error) {
  QDir out(dst);
  if (!QDir().mkpath(dst)) {
    *error = QStringLiteral("cannot create ") + dst;
    return false;
  }
  for (const QString& old : out.entryList({QStringLiteral("frame_*.png")}, QDir::Files)) out.remove(old);
  for (int i = 0; i < frames; ++i) {
    const QString name = render::TakeStore::frameFileName(i);
    if (!QFile::copy(QDir(src).filePath(name), out.filePath(name))) {
      *error = QStringLiteral("cannot copy %1 to %2").arg(QDir(src).filePath(name), out.filePath(name));
      return false;
    }
  }
  return true;
}

bool readSettings(const QCommandLineParser& p, render::RenderSettings* s, std::string* error) {
  bool ok = true;
  if (p.isSet(QStringLiteral("cadence"))) s->cadence_frames = p.value(QStringLiteral("cadence")).toInt(&ok);
  if (!ok) {
    *error = "--cadence: expected a whole number of frames";
    return false;
  }
  if (p.isSet(QStringLiteral("strength"))) s->keyframe_strength = p.value(QStringLiteral("strength")).toDouble(&ok);
  if (!ok) {
    *error = "--strength: expected a number from 0 to 1";
    return false;
  }
  if (p.isSet(QStringLiteral("seed-increment"))) s->seed_schedule = render::SeedSchedule::Increment;
  if (p.isSet(QStringLiteral("no-colour-coherence"))) s->colour_coherence = false;
  if (p.isSet(QStringLiteral("ebsynth"))) s->inbetween = render::InbetweenMethod::EbSynth;
  if (p.isSet(QStringLiteral("fast-flow"))) s->flow_preset = render::FlowPreset::Fast;
  if (const QString why = s->validate(); !why.isEmpty()) {
    *error = why.toStdString();
    return false;
  }
  return true;
}

}  // namespace

int cmdRender(const QStringList& args, Context& ctx) {
  QCommandLineParser parser;
  addEngineOptions(parser);
  parser.addOptions({
      {QStringLiteral("shots"), QStringLiteral("Comma-separated shot ids (default: every shot)."),
       QStringLiteral("ID,...")},
      {QStringLiteral("draft"), QStringLiteral("Draft: half size (long side >= 128 px), at most 6 steps (default).")},
      {QStringLiteral("final"), QStringLiteral("Final: the shot's size and steps, refining the draft keyframes.")},
      {QStringLiteral("cadence"), QStringLiteral("Frames per keyframe for shots without their own cadence (default 4)."), QStringLiteral("N")},
      {QStringLiteral("strength"), QStringLiteral("img2img strength of keyframes after the first (default 0.45)."),
       QStringLiteral("F")},
      {QStringLiteral("seed-increment"), QStringLiteral("Seed + k for keyframe k (default: the shot's seed).")},
      {QStringLiteral("no-colour-coherence"), QStringLiteral("Do not match keyframe colours to the first.")},
      {QStringLiteral("ebsynth"),
       QStringLiteral("In-betweens follow the flow of the shot's control image sequence (when it has one).")},
      {QStringLiteral("fast-flow"), QStringLiteral("DIS preset FAST instead of MEDIUM.")},
      {QStringLiteral("no-save"), QStringLiteral("Do not add the takes to the project.")},
      {{QStringLiteral("o"), QStringLiteral("output")}, QStringLiteral("Folder for the numbered PNG frames."),
       QStringLiteral("DIR")},
  });
  parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("Project folder or project.json."));
  const QString usage = QStringLiteral(
      "render PROJECT [--shots ID,...] [--draft|--final] [--cadence N] [--strength F] [--seed-increment] "
      "[--ebsynth] [--no-save] [--model DIR] -o DIR");
  if (int rc = parseOrExit(parser, QStringLiteral("render"), usage, args, ctx.out, ctx.err); rc >= 0) return rc;
  auto fail = [&](const QString& msg) {
    ctx.err << "shotcraft-cli render: " << msg << "\n";
    return 1;
  };
  const QStringList pos = parser.positionalArguments();
  if (pos.size() != 1) return fail(QStringLiteral("expected one PROJECT argument"));
  if (!parser.isSet(QStringLiteral("output"))) return fail(QStringLiteral("-o DIR is required"));
  if (parser.isSet(QStringLiteral("draft")) && parser.isSet(QStringLiteral("final"))) {
    return fail(QStringLiteral("choose one of --draft and --final"));
  }
  const render::RenderMode mode =
      parser.isSet(QStringLiteral("final")) ? render::RenderMode::Final : render::RenderMode::Draft;

  model::Project project;
  QString qerror;
  if (!model::ProjectIo::load(pos.front(), &project, &qerror)) return fail(qerror);
  const QString projectDir = model::ProjectIo::projectFolder(pos.front());
  QStringList shotIds = project.shotIds();
  if (parser.isSet(QStringLiteral("shots"))) {
    shotIds = parser.value(QStringLiteral("shots")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString& id : shotIds) {
      if (!project.findShot(id)) return fail(QStringLiteral("--shots: no shot '%1' in the project").arg(id));
    }
  }
  if (shotIds.isEmpty()) return fail(QStringLiteral("the project has no shots"));

  std::string error;
  engine::EngineOptions options;
  render::RenderSettings settings;
  if (!readEngineOptions(parser, &options, &error) || !readSettings(parser, &settings, &error)) {
    return fail(QString::fromStdString(error));
  }
  engine::EngineRegistry registry;
  auto factory = registry.require("torch", &error);
  if (!factory) return fail(QString::fromStdString(error));
  auto eng = factory->create(options, &error);
  if (!eng) return fail(QString::fromStdString(error));
  settings.model_id = QFileInfo(QString::fromStdString(options.model_dir)).fileName();

  const QString outDir = parser.value(QStringLiteral("output"));
  render::ShotRenderer renderer(*eng, settings);
  int drawn = 0, cached = 0, failed = 0, edits = 0;
  double worstFlicker = 0.0;
  QElapsedTimer timer;
  timer.start();
  for (const QString& id : shotIds) {
    auto progress = [&](const render::RenderProgress& p) {
      if (p.stage != render::RenderProgress::Stage::Frame) return;
      ctx.out << id << " frame " << p.frame << "/" << p.frames_total << (p.keyframe ? " keyframe" : "") << "\n";
      ctx.out.flush();
    };
    const render::RenderResult r = renderer.renderShot(project, id, projectDir, mode, progress, engine::CancelToken());
    if (!r.ok) {
      ctx.err << "shotcraft-cli render: " << r.error << "\n";
      ++failed;
      continue;
    }
    const QString dst = QDir(outDir).filePath(shotFolderName(*project.locate(id), id));
    const int frames = r.framesFromCache + r.framesRendered;
    if (!copyFrames(r.take_dir, dst, frames, &qerror)) return fail(qerror);
    drawn += r.framesRendered;
    cached += r.framesFromCache;
    worstFlicker = std::max(worstFlicker, r.flicker);
    ctx.out << id << ": " << frames << " frames " << (r.framesFromCache > 0 ? "from the cache" : "rendered")
            << ", take " << r.take.id << ", flicker " << QString::number(r.flicker, 'f', 2)
            << (r.flicker_warning ? QStringLiteral(" (warning: above %1, the shot may flicker)")
                                        .arg(render::kFlickerWarningThreshold)
                                  : QString())
            << " -> " << dst << "\n";
    ctx.out.flush();
    if (!r.take_in_shot) {
      if (!project.requestAddTake(id, r.take, &qerror)) return fail(id + QStringLiteral(": ") + qerror);
      ++edits;
    }
    if (project.findShot(id)->selected_take != r.take.id) {
      if (!project.requestSelectTake(id, r.take.id, &qerror)) return fail(id + QStringLiteral(": ") + qerror);
      ++edits;
    }
  }
  const bool save = !parser.isSet(QStringLiteral("no-save")) && edits > 0;
  if (save && !model::ProjectIo::save(project, projectDir, &qerror)) return fail(qerror);
  ctx.out << "rendered " << (shotIds.size() - failed) << "/" << shotIds.size() << " shots ("
          << render::renderModeName(mode) << ") in " << QString::number(timer.elapsed() / 1000.0, 'f', 1) << " s: "
          << drawn << " frames drawn, " << cached << " from the cache, worst flicker "
          << QString::number(worstFlicker, 'f', 2) << (save ? ", project saved" : "") << " -> " << outDir << "\n";
  return failed > 0 ? 1 : 0;
}

}  // namespace shotcraft::cli
