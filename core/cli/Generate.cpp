// shotcraft-cli samplers | generate: one image from a prompt through an engine plugin.
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTextStream>

#include "core/cli/Cli.h"
#include "core/cli/EngineOptionsCli.h"
#include "core/engine/EngineRegistry.h"

namespace shotcraft::cli {

namespace {

// KIND=IMG[:WEIGHT[:START:END]]
bool parseControl(const QString& spec, engine::ControlInput* out, std::string* error) {
  const qsizetype eq = spec.indexOf(QLatin1Char('='));
  if (eq <= 0) {
    *error = "--control: expected KIND=IMG[:WEIGHT[:START:END]], got '" + spec.toStdString() + "'";
    return false;
  }
  const QString kind = spec.left(eq).toLower();
  if (kind == QLatin1String("depth")) out->kind = engine::ControlKind::Depth;
  else if (kind == QLatin1String("canny")) out->kind = engine::ControlKind::Canny;
  else if (kind == QLatin1String("pose")) out->kind = engine::ControlKind::Pose;
  else {
    *error = "--control: unknown kind '" + kind.toStdString() + "' (depth, canny or pose)";
    return false;
  }
  const QStringList parts = spec.mid(eq + 1).split(QLatin1Char(':'));
  if (parts.size() != 1 && parts.size() != 2 && parts.size() != 4) {
    *error = "--control: expected KIND=IMG[:WEIGHT[:START:END]], got '" + spec.toStdString() + "'";
    return false;
  }
  float values[3] = {1.0f, 0.0f, 1.0f};
  for (qsizetype i = 1; i < parts.size(); ++i) {
    bool ok = false;
    values[i - 1] = parts[i].toFloat(&ok);
    if (!ok) {
      *error = "--control: '" + parts[i].toStdString() + "' is not a number in '" + spec.toStdString() + "'";
      return false;
    }
  }
  if (values[0] < 0 || values[0] > 2 || values[1] < 0 || values[2] > 1 || values[1] > values[2]) {
    *error = "--control: weight must be 0..2 and 0 <= start <= end <= 1 in '" + spec.toStdString() + "'";
    return false;
  }
  out->weight = values[0];
  out->start = values[1];
  out->end = values[2];
  return loadImage(parts[0].toStdString(), out->image, error);
}

bool buildRequest(const QCommandLineParser& p, engine::GenerationRequest* r, std::string* error) {
  r->prompt = p.value(QStringLiteral("prompt")).toStdString();
  if (r->prompt.empty()) {
    *error = "--prompt: a prompt is required";
    return false;
  }
  r->negative_prompt = p.value(QStringLiteral("negative")).toStdString();
  r->sampler = p.value(QStringLiteral("sampler")).toStdString();
  if (!readIntOption(p, "steps", 1, 200, &r->steps, error) ||
      !readFloatOption(p, "cfg", 0.f, 30.f, &r->cfg_scale, error) ||
      !readIntOption(p, "width", 64, 4096, &r->width, error) ||
      !readIntOption(p, "height", 64, 4096, &r->height, error) ||
      !readFloatOption(p, "strength", 0.f, 1.f, &r->strength, error) ||
      !readFloatOption(p, "guidance-rescale", 0.f, 1.f, &r->guidance_rescale, error)) {
    return false;
  }
  if (r->width % 8 != 0 || r->height % 8 != 0) {
    *error = "--width/--height: must be multiples of 8, got " + std::to_string(r->width) + "x" +
             std::to_string(r->height);
    return false;
  }
  bool ok = false;
  r->seed = p.value(QStringLiteral("seed")).toULongLong(&ok);
  if (!ok) {
    *error = "--seed: expected a non-negative whole number";
    return false;
  }
  if (p.isSet(QStringLiteral("init"))) {
    Image init;
    if (!loadImage(p.value(QStringLiteral("init")).toStdString(), init, error)) return false;
    r->init_image = std::move(init);
  }
  engine::ControlMode mode = engine::ControlMode::Auto;
  if (!readControlMode(p, &mode, error)) return false;
  for (const QString& spec : p.values(QStringLiteral("control"))) {
    engine::ControlInput c;
    if (!parseControl(spec, &c, error)) return false;
    c.mode = mode;
    r->controls.push_back(std::move(c));
  }
  return true;
}

}  // namespace

int cmdSamplers(const QStringList& args, Context& ctx) {
  QCommandLineParser parser;
  if (int rc = parseOrExit(parser, QStringLiteral("samplers"), QStringLiteral("samplers"), args, ctx.out, ctx.err);
      rc >= 0) {
    return rc;
  }
  engine::EngineRegistry registry;
  std::string error;
  auto factory = registry.require("torch", &error);
  if (!factory) {
    ctx.err << "shotcraft-cli samplers: " << QString::fromStdString(error) << "\n";
    return 1;
  }
  for (const auto& name : factory->samplerNames()) ctx.out << QString::fromStdString(name) << "\n";
  return 0;
}

int cmdGenerate(const QStringList& args, Context& ctx) {
  QCommandLineParser parser;
  addEngineOptions(parser);
  parser.addOptions({
      {QStringLiteral("prompt"), QStringLiteral("What to draw."), QStringLiteral("P")},
      {QStringLiteral("negative"), QStringLiteral("Negative prompt."), QStringLiteral("N")},
      {QStringLiteral("sampler"), QStringLiteral("Sampler id (see 'samplers')."), QStringLiteral("S"),
       QStringLiteral("euler_a")},
      {QStringLiteral("steps"), QStringLiteral("Denoising steps."), QStringLiteral("N"), QStringLiteral("20")},
      {QStringLiteral("cfg"), QStringLiteral("Classifier-free guidance scale."), QStringLiteral("F"),
       QStringLiteral("7")},
      {QStringLiteral("guidance-rescale"),
       QStringLiteral("Rescaled guidance 0..1 (Lin et al. 2023; diffusers' guidance_rescale): pulls the guided "
                      "prediction back towards the prompt pass's spread, against over-exposure at high --cfg; "
                      "0 = off."),
       QStringLiteral("F"), QStringLiteral("0")},
      {QStringLiteral("seed"), QStringLiteral("Seed."), QStringLiteral("N"), QStringLiteral("0")},
      {QStringLiteral("width"), QStringLiteral("Width in pixels (multiple of 8)."), QStringLiteral("W"),
       QStringLiteral("512")},
      {QStringLiteral("height"), QStringLiteral("Height in pixels (multiple of 8)."), QStringLiteral("H"),
       QStringLiteral("512")},
      {QStringLiteral("init"), QStringLiteral("Init image for img2img."), QStringLiteral("IMG")},
      {QStringLiteral("strength"), QStringLiteral("img2img strength 0..1."), QStringLiteral("F"),
       QStringLiteral("0.75")},
      {QStringLiteral("control"), QStringLiteral("A control: KIND=IMG[:WEIGHT[:START:END]] (repeatable)."),
       QStringLiteral("SPEC")},
      {QStringLiteral("control-mode"),
       QStringLiteral("Which guidance passes the controls act on: balanced (both), control_first (the prompt's "
                      "only, so --cfg strengthens them) or auto (what each ControlNet asks for)."),
       QStringLiteral("MODE"), QStringLiteral("auto")},
      {QStringLiteral("preview-dir"), QStringLiteral("Write each step's preview as step_NNN.png here."),
       QStringLiteral("DIR")},
      {{QStringLiteral("o"), QStringLiteral("output")}, QStringLiteral("Output PNG."), QStringLiteral("OUT.png")},
  });
  const QString usage = QStringLiteral(
      "generate --prompt P [--negative N] [--sampler S] [--steps N] [--cfg F] [--guidance-rescale F] [--seed N] "
      "[--width W --height H] "
      "[--init IMG --strength F] [--control KIND=IMG[:WEIGHT[:START:END]]] [--control-mode MODE] [--preview-dir DIR] "
      "[--model DIR] -o OUT.png");
  if (int rc = parseOrExit(parser, QStringLiteral("generate"), usage, args, ctx.out, ctx.err); rc >= 0) return rc;
  auto fail = [&](const std::string& msg) {
    ctx.err << "shotcraft-cli generate: " << QString::fromStdString(msg) << "\n";
    return 1;
  };
  if (!parser.positionalArguments().isEmpty()) return fail("unexpected argument '" +
                                                           parser.positionalArguments().front().toStdString() + "'");
  if (!parser.isSet(QStringLiteral("output"))) return fail("-o OUT.png is required");
  std::string error;
  engine::EngineOptions options;
  engine::GenerationRequest request;
  if (!readEngineOptions(parser, &options, &error) || !buildRequest(parser, &request, &error)) return fail(error);
  const QString previewDir = parser.value(QStringLiteral("preview-dir"));
  if (!previewDir.isEmpty() && !QDir().mkpath(previewDir)) return fail("--preview-dir: cannot create " +
                                                                       previewDir.toStdString());
  request.preview_every_step = !previewDir.isEmpty();

  engine::EngineRegistry registry;
  auto factory = registry.require("torch", &error);
  if (!factory) return fail(error);
  QElapsedTimer load;
  load.start();
  auto eng = factory->create(options, &error);
  if (!eng) return fail(error);
  const auto info = eng->info();
  ctx.out << "model " << QString::fromStdString(info.model_name) << " on " << QString::fromStdString(info.device)
          << " " << QString::fromStdString(info.precision) << ", loaded in " << load.elapsed() << " ms\n";
  ctx.out.flush();
  auto progress = [&](const engine::Progress& p) {
    ctx.out << "step " << p.step << "/" << p.total << "  " << QString::number(p.step_ms, 'f', 1) << " ms\n";
    ctx.out.flush();
    if (!previewDir.isEmpty() && !p.preview.empty()) {
      std::string e;
      saveImage(QDir(previewDir).filePath(QStringLiteral("step_%1.png").arg(p.step, 3, 10, QLatin1Char('0')))
                    .toStdString(), p.preview, &e);
    }
  };
  const auto result = eng->generate(request, progress, engine::CancelToken());
  if (!result.ok) return fail(result.error);
  const QString out = parser.value(QStringLiteral("output"));
  if (!saveImage(out.toStdString(), result.image, &error)) return fail(error);
  ctx.out << "wrote " << out << " (" << result.image.width << "x" << result.image.height << ") in "
          << QString::number(result.timings.total_ms / 1000.0, 'f', 2) << " s (text "
          << QString::number(result.timings.text_ms, 'f', 0) << " ms, sampling "
          << QString::number(result.timings.sample_ms, 'f', 0) << " ms, decode "
          << QString::number(result.timings.decode_ms, 'f', 0) << " ms)\n";
  return 0;
}

}  // namespace shotcraft::cli
