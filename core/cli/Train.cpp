// shotcraft-cli train STAGE --out DIR: trains one stage of the embedded shotcraft-tiny model through the torch
// engine plugin (IEngineFactory::runTraining). Ctrl-C saves a checkpoint; --resume continues from it.
#include <QCommandLineParser>
#include <QTextStream>
#include <csignal>
#include <string>

#include "core/cli/Cli.h"
#include "core/cli/EngineOptionsCli.h"
#include "core/engine/EngineRegistry.h"
#include "core/engine/TrainingSettings.h"

namespace shotcraft::cli {

namespace {

// SIGINT/SIGTERM -> the running stage's cancel token (checked between steps, then a checkpoint is written).
const engine::CancelToken* g_signalCancel = nullptr;

extern "C" void onStopSignal(int) {
  if (g_signalCancel) g_signalCancel->cancel();
}

bool readInt(const QCommandLineParser& p, const char* name, int lo, int hi, int* out, std::string* error) {
  if (!p.isSet(QLatin1String(name))) return true;
  bool ok = false;
  const int v = p.value(QLatin1String(name)).toInt(&ok);
  if (!ok || v < lo || v > hi) {
    *error = std::string("--") + name + ": expected " + std::to_string(lo) + ".." + std::to_string(hi);
    return false;
  }
  *out = v;
  return true;
}

}  // namespace

int cmdTrain(const QStringList& args, Context& ctx) {
  QCommandLineParser parser;
  parser.addPositionalArgument(QStringLiteral("stage"),
                               QStringLiteral("tokenizer, text, vae, unet, controlnet, preview, probe or package"));
  parser.addOption({{QStringLiteral("o"), QStringLiteral("out")},
                    QStringLiteral("Model folder being assembled."),
                    QStringLiteral("DIR")});
  parser.addOption(
      {QStringLiteral("steps"), QStringLiteral("Optimisation steps (0 = stage default)."), QStringLiteral("N")});
  parser.addOption({QStringLiteral("batch"), QStringLiteral("Batch size (0 = stage default)."), QStringLiteral("B")});
  parser.addOption(
      {QStringLiteral("lr"), QStringLiteral("Peak learning rate (0 = stage default)."), QStringLiteral("F")});
  parser.addOption({QStringLiteral("resume"), QStringLiteral("Continue from OUT/training/STAGE/checkpoint.")});
  parser.addOption({QStringLiteral("data-seed"), QStringLiteral("Base seed of the generated scenes."),
                    QStringLiteral("S"), QStringLiteral("0")});
  parser.addOption(
      {QStringLiteral("kind"), QStringLiteral("controlnet: depth, canny or pose."), QStringLiteral("KIND")});
  parser.addOption({QStringLiteral("threads"), QStringLiteral("CPU threads (default 2)."), QStringLiteral("N")});
  parser.addOption({QStringLiteral("set"), QStringLiteral("Stage setting KEY=VALUE (repeatable, docs/training.md)."),
                    QStringLiteral("KEY=VALUE")});
  if (int rc = parseOrExit(parser, QStringLiteral("train"),
                           QStringLiteral("train STAGE --out DIR [--steps N] [--batch B] [--lr F] [--resume]"), args,
                           ctx.out, ctx.err);
      rc >= 0) {
    return rc;
  }
  auto fail = [&](const std::string& msg) {
    ctx.err << "shotcraft-cli train: " << QString::fromStdString(msg) << "\n";
    return 1;
  };
  const QStringList pos = parser.positionalArguments();
  if (pos.size() != 1) return fail("expected one stage: tokenizer, text, vae, unet, controlnet, preview, probe or package");
  engine::TrainingRequest request;
  request.stage = pos.front().toStdString();
  request.out_dir = parser.value(QStringLiteral("out")).toStdString();
  if (request.out_dir.empty()) return fail("--out DIR is required");
  std::string error;
  if (!readInt(parser, "steps", 1, 100000000, &request.steps, &error) ||
      !readInt(parser, "batch", 1, 4096, &request.batch, &error) ||
      !readInt(parser, "threads", 1, 1024, &request.threads, &error)) {
    return fail(error);
  }
  if (parser.isSet(QStringLiteral("lr"))) {
    bool ok = false;
    request.lr = parser.value(QStringLiteral("lr")).toDouble(&ok);
    if (!ok || !(request.lr > 0 && request.lr < 1)) return fail("--lr: expected a number in (0, 1)");
  }
  bool ok = false;
  request.data_seed = parser.value(QStringLiteral("data-seed")).toULongLong(&ok);
  if (!ok) return fail("--data-seed: expected a non-negative integer");
  request.resume = parser.isSet(QStringLiteral("resume"));
  request.kind = parser.value(QStringLiteral("kind")).toStdString();
  for (const QString& kv : parser.values(QStringLiteral("set"))) {
    const qsizetype eq = kv.indexOf(QLatin1Char('='));
    if (eq <= 0) return fail("--set: expected KEY=VALUE, got '" + kv.toStdString() + "'");
    const std::string key = kv.left(eq).toStdString(), value = kv.mid(eq + 1).toStdString();
    if (!engine::checkTrainingSetting(key, value, &error)) return fail(error);
    request.extra[key] = value;
  }

  engine::EngineRegistry registry;
  auto factory = registry.require("torch", &error);
  if (!factory) return fail(error);
  engine::CancelToken cancel;
  g_signalCancel = &cancel;
  auto oldInt = std::signal(SIGINT, onStopSignal);
  auto oldTerm = std::signal(SIGTERM, onStopSignal);
  const bool done = factory->runTraining(
      request,
      [&](const std::string& line) {
        ctx.out << QString::fromStdString(line) << "\n";
        ctx.out.flush();
      },
      cancel, &error);
  std::signal(SIGINT, oldInt);
  std::signal(SIGTERM, oldTerm);
  g_signalCancel = nullptr;
  return done ? 0 : fail(error);
}

}  // namespace shotcraft::cli
