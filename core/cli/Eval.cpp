// shotcraft-cli eval: how well a model follows prompts and controls, measured on held-out procedural
// scenes with probes fitted on the generator's ground truth (core/eval). Writes OUTDIR/contact_sheet.png,
// OUTDIR/metrics.json and OUTDIR/samples.csv, and prints one summary line per metric.
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryFile>

#include "core/cli/Cli.h"
#include "core/cli/EngineOptionsCli.h"
#include "core/eval/ContactSheet.h"
#include "core/eval/EvalReport.h"
#include "core/eval/EvalRunner.h"
#include "core/eval/ProbeNet.h"
#include "core/eval/ProbeSuite.h"
#include "core/render/MatImage.h"

namespace shotcraft::cli {

namespace {

// Quick mode: a subset that runs in well under a minute with the embedded model on a 2-core CPU.
constexpr int kQuickCount = 6;
constexpr int kQuickControlCount = 2;
constexpr int kQuickSteps = 4;
constexpr int kQuickProbeFrames = 240;

bool readOptions(const QCommandLineParser& p, eval::EvalOptions* o, eval::ProbeSuiteOptions* probes,
                 std::string* error) {
  const bool quick = p.isSet(QStringLiteral("quick"));
  o->count = quick ? kQuickCount : 200;
  o->control_count = quick ? kQuickControlCount : 64;
  o->steps = quick ? kQuickSteps : 8;
  probes->fit_frames = quick ? kQuickProbeFrames : 480;
  if (p.isSet(QStringLiteral("count")) && !readIntOption(p, "count", 1, 100000, &o->count, error)) return false;
  if (p.isSet(QStringLiteral("control-count")) &&
      !readIntOption(p, "control-count", 0, 100000, &o->control_count, error)) {
    return false;
  }
  if (p.isSet(QStringLiteral("steps")) && !readIntOption(p, "steps", 1, 200, &o->steps, error)) return false;
  if (p.isSet(QStringLiteral("probe-frames")) &&
      !readIntOption(p, "probe-frames", 40, 20000, &probes->fit_frames, error)) {
    return false;
  }
  probes->calibration_frames = std::max(20, probes->fit_frames / 3);
  o->control_count = std::min(o->control_count, o->count);
  if (!readFloatOption(p, "cfg", 0.f, 30.f, &o->cfg, error) ||
      !readFloatOption(p, "guidance-rescale", 0.f, 1.f, &o->guidance_rescale, error)) {
    return false;
  }
  bool ok = false;
  o->seed = p.value(QStringLiteral("seed")).toULongLong(&ok);
  if (!ok) {
    *error =
        "--seed: expected a non-negative whole number, got '" + p.value(QStringLiteral("seed")).toStdString() + "'";
    return false;
  }
  o->sampler = p.value(QStringLiteral("sampler")).toStdString();
  return readControlMode(p, &o->control_mode, error);
}

// Creates OUTDIR and proves a file can be written there before any long work starts.
bool prepareOutDir(const QString& dir, std::string* error) {
  if (!QDir().mkpath(dir)) {
    *error = "-o: cannot create the output folder '" + dir.toStdString() + "'";
    return false;
  }
  QTemporaryFile probe(QDir(dir).filePath(QStringLiteral(".write-test-XXXXXX")));
  if (!probe.open()) {
    *error = "-o: the output folder '" + dir.toStdString() + "' is not writable";
    return false;
  }
  return true;
}

}  // namespace

int cmdEval(const QStringList& args, Context& ctx) {
  QCommandLineParser parser;
  addEngineOptions(parser);
  parser.addOptions({
      {QStringLiteral("count"), QStringLiteral("Held-out prompts to draw (default 200; 6 with --quick)."),
       QStringLiteral("N")},
      {QStringLiteral("control-count"),
       QStringLiteral("Of those, prompts that also get control sweeps (default 64; 2 with --quick)."),
       QStringLiteral("N")},
      {QStringLiteral("quick"),
       QStringLiteral("A small, fast subset (6 prompts, 2 with control sweeps, 4 steps, smaller probe fit).")},
      {QStringLiteral("steps"), QStringLiteral("Denoising steps (default 8; 4 with --quick)."), QStringLiteral("N")},
      {QStringLiteral("cfg"), QStringLiteral("Classifier-free guidance scale (default 7)."), QStringLiteral("F"),
       QStringLiteral("7")},
      {QStringLiteral("guidance-rescale"), QStringLiteral("Rescaled guidance 0..1 (see generate --help; default 0)."),
       QStringLiteral("F"), QStringLiteral("0")},
      {QStringLiteral("sampler"), QStringLiteral("Sampler id (see 'samplers'; default euler_a)."), QStringLiteral("S"),
       QStringLiteral("euler_a")},
      {QStringLiteral("control-mode"),
       QStringLiteral("Guidance passes the control sweeps act on: auto (what each ControlNet asks for; default), "
                      "balanced or control_first (see generate --help)."),
       QStringLiteral("MODE"), QStringLiteral("auto")},
      {QStringLiteral("seed"), QStringLiteral("Picks the held-out scenes and generation seeds (default 0)."),
       QStringLiteral("N"), QStringLiteral("0")},
      {QStringLiteral("probe"),
       QStringLiteral("Learned attribute probe folder (`train probe`; default: the shipped shotcraft-probe), or "
                      "'forests' to fit forests on the probe frames instead."),
       QStringLiteral("DIR")},
      {QStringLiteral("probe-frames"),
       QStringLiteral("Real generator frames the probes are fitted on (default 480; 240 with --quick)."),
       QStringLiteral("N")},
      {{QStringLiteral("o"), QStringLiteral("output")},
       QStringLiteral("Output folder for contact_sheet.png, metrics.json, samples.csv (default eval-results)."),
       QStringLiteral("OUTDIR"),
       QStringLiteral("eval-results")},
  });
  const QString usage = QStringLiteral(
      "eval [--quick] [--count N] [--control-count N] [--steps N] [--cfg F] [--guidance-rescale F] [--sampler S] "
      "[--control-mode MODE] "
      "[--seed N] [--model DIR] "
      "[--probe DIR|forests] [-o OUTDIR]");
  if (int rc = parseOrExit(parser, QStringLiteral("eval"), usage, args, ctx.out, ctx.err); rc >= 0) return rc;
  auto fail = [&](const std::string& msg, int rc = 1) {
    ctx.err << "shotcraft-cli eval: " << QString::fromStdString(msg) << "\n";
    return rc;
  };
  if (!parser.positionalArguments().isEmpty()) {
    return fail("unexpected argument '" + parser.positionalArguments().front().toStdString() + "'", 2);
  }
  std::string error;
  engine::EngineOptions engineOptions;
  eval::EvalOptions options;
  eval::ProbeSuiteOptions probeOptions;
  if (!readOptions(parser, &options, &probeOptions, &error) || !readEngineOptions(parser, &engineOptions, &error)) {
    return fail(error, 2);
  }
  if (!QFileInfo(QString::fromStdString(engineOptions.model_dir)).exists()) {
    return fail("--model: no model at '" + engineOptions.model_dir + "'");
  }
  const QString probeDir =
      parser.isSet(QStringLiteral("probe"))
          ? parser.value(QStringLiteral("probe"))
          : findBundledResource(QStringLiteral("eval/shotcraft-probe"), QStringLiteral("config.json"));
  if (!probeDir.isEmpty() && probeDir != QLatin1String("forests")) {
    auto net = std::make_shared<eval::ProbeNet>();
    if (!net->load(probeDir.toStdString(), &error)) return fail(error);
    probeOptions.net = std::move(net);
  }
  const QString outDir = parser.value(QStringLiteral("output"));
  if (!prepareOutDir(outDir, &error)) return fail(error);
  options.controls_available = eval::controlNetsIn(engineOptions.model_dir);

  engine::EngineRegistry registry;
  auto factory = registry.require("torch", &error);
  if (!factory) return fail(error);
  auto eng = factory->create(engineOptions, &error);
  if (!eng) return fail(error);
  const auto info = eng->info();
  ctx.out << "model " << QString::fromStdString(info.model_name) << " on " << QString::fromStdString(info.device)
          << "; " << options.count << " held-out prompts, " << options.control_count
          << " with control sweeps (controls " << engine::controlModeName(options.control_mode) << "), "
          << options.steps << " steps\n";
  ctx.out.flush();

  // The probes also learn, and are calibrated on, what this model's own decoder shows of real frames.
  probeOptions.round_trip = [&eng](const cv::Mat& rgb, cv::Mat* out, std::string* err) {
    Image decoded;
    if (!eng->autoencode(render::fromMat(rgb), &decoded, err)) return false;
    *out = render::toRgbSized(decoded, rgb.cols, rgb.rows);
    return true;
  };
  eval::ProbeSuite probes;
  if (!probes.fit(probeOptions, &error)) return fail(error);
  const auto& cal = probes.calibration();
  ctx.out << "attribute probe: " << QString::fromStdString(cal.attribute_reader) << "\n";
  ctx.out << "probes: fitted on " << cal.fit_frames << " real frames (" << cal.round_trip_fit_frames
          << " of them through the model's autoencoder), calibrated on " << cal.calibration_frames
          << " held-out real frames in " << QString::number(cal.seconds, 'f', 1) << " s\n";
  ctx.out.flush();

  eval::EvalRunner runner(options, probes);
  eval::EvalResults results;
  auto print = [&](const std::string& line) {
    ctx.out << QString::fromStdString(line) << "\n";
    ctx.out.flush();
  };
  if (!runner.run(*eng, print, &results, &error)) return fail(error);

  const eval::EvalSummary summary = eval::summarize(results, cal);
  const QDir dir(outDir);
  const std::string title =
      "shotcraft eval: " + info.model_name + ", " + std::to_string(options.steps) + " steps, cfg " +
      QString::number(double(options.cfg)).toStdString() +
      (options.guidance_rescale > 0 ? " rescaled " + QString::number(double(options.guidance_rescale)).toStdString()
                                    : std::string()) +
      ", " + options.sampler + ", seed " + std::to_string(options.seed) + ", controls " +
      engine::controlModeName(options.control_mode);
  if (!eval::writeContactSheet(dir.filePath(QStringLiteral("contact_sheet.png")).toStdString(), results, title,
                               &error) ||
      !eval::writeMetricsJson(dir.filePath(QStringLiteral("metrics.json")).toStdString(), results, summary, cal,
                              &error) ||
      !eval::writeSamplesCsv(dir.filePath(QStringLiteral("samples.csv")).toStdString(), results, &error)) {
    return fail(error);
  }
  for (const std::string& line : eval::summaryLines(results, summary, cal))
    ctx.out << QString::fromStdString(line) << "\n";
  ctx.out << "wrote " << dir.filePath(QStringLiteral("contact_sheet.png")) << ", metrics.json, samples.csv in "
          << QString::number(results.seconds + cal.seconds, 'f', 1) << " s\n";
  return 0;
}

}  // namespace shotcraft::cli
