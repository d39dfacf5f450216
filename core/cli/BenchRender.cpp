// shotcraft-cli bench render: in-between speed (DIS flow + warp + blend on synthetic frames), and the time and
// flicker figures of a draft of the demo project when an engine and model are available.
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTextStream>
#include <opencv2/imgproc.hpp>

#include "core/cli/Cli.h"
#include "core/cli/EngineOptionsCli.h"
#include "core/engine/EngineRegistry.h"
#include "core/model/ProjectIo.h"
#include "core/render/CameraWarp.h"
#include "core/render/FlowInterpolator.h"
#include "core/render/ShotRenderer.h"

namespace shotcraft::cli {

namespace {

// A textured synthetic scene: smoothed noise with a few shapes, RGB.
cv::Mat syntheticScene(int width, int height) {
  cv::Mat noise(height, width, CV_8UC3);
  cv::RNG rng(1234);
  rng.fill(noise, cv::RNG::UNIFORM, 0, 255);
  cv::GaussianBlur(noise, noise, cv::Size(0, 0), std::max(1.0, width / 160.0));
  const double s = width / 256.0;
  cv::circle(noise, cv::Point(int(80 * s), int(60 * s)), int(25 * s), cv::Scalar(230, 80, 200), cv::FILLED);
  cv::rectangle(noise, cv::Rect(int(150 * s), int(40 * s), int(50 * s), int(70 * s)), cv::Scalar(40, 220, 240),
                cv::FILLED);
  return noise;
}

void benchInbetweens(int width, int height, render::FlowPreset preset, int iterations, Context& ctx) {
  const cv::Mat a = syntheticScene(width, height);
  model::ChannelValues moved = {0.02, -0.01, 1.03, 1.0, 0.0};
  const cv::Mat b = render::warpView(a, {0.0, 0.0, 1.0, 0.0, 0.0}, moved);
  render::FlowInterpolator flow(preset);
  constexpr int kInbetweensPerPair = 3;  // cadence 4
  cv::Mat fab = flow.flow(a, b), fba = flow.flow(b, a);  // warm-up
  double flow_ms = 0.0, warp_ms = 0.0;
  QElapsedTimer t;
  for (int it = 0; it < iterations; ++it) {
    t.start();
    fab = flow.flow(a, b);
    fba = flow.flow(b, a);
    flow_ms += double(t.nsecsElapsed()) / 1e6;
    t.start();
    for (int j = 1; j <= kInbetweensPerPair; ++j) {
      const cv::Mat mid = render::FlowInterpolator::interpolate(a, b, fab, fba, j / 4.0);
      (void)mid;
    }
    warp_ms += double(t.nsecsElapsed()) / 1e6;
  }
  flow_ms /= iterations;
  warp_ms /= iterations;
  const double fps = kInbetweensPerPair * 1000.0 / (flow_ms + warp_ms);
  ctx.out << "inbetween " << width << "x" << height << " " << (preset == render::FlowPreset::Fast ? "fast  " : "medium")
          << ": " << QString::number(fps, 'f', 1) << " frames/s at cadence 4 (two DIS flows "
          << QString::number(flow_ms, 'f', 1) << " ms per keyframe pair, warp+blend "
          << QString::number(warp_ms / kInbetweensPerPair, 'f', 2) << " ms per frame)\n";
  ctx.out.flush();
}

QString demoProjectPath() {
  return findBundledResource(QStringLiteral("demo/NeonDawn.shotcraft"), QStringLiteral("project.json"));
}

// Copies project.json and assets/ (not takes/) so the benchmark never writes into the source tree.
bool copyProject(const QString& from, const QString& to) {
  if (!QDir().mkpath(to + QStringLiteral("/takes"))) return false;
  if (!QFile::copy(from + QStringLiteral("/project.json"), to + QStringLiteral("/project.json"))) return false;
  QDirIterator it(from + QStringLiteral("/assets"), QDir::Files, QDirIterator::Subdirectories);
  while (it.hasNext()) {
    const QString file = it.next();
    const QString rel = QDir(from).relativeFilePath(file);
    QDir().mkpath(QFileInfo(to + QLatin1Char('/') + rel).absolutePath());
    if (!QFile::copy(file, to + QLatin1Char('/') + rel)) return false;
  }
  return true;
}

void benchDemoDraft(const QCommandLineParser& parser, Context& ctx) {
  const QString demo = demoProjectPath();
  if (demo.isEmpty()) {
    ctx.out << "demo draft: skipped (resources/demo/NeonDawn.shotcraft not found)\n";
    return;
  }
  std::string error;
  engine::EngineOptions options;
  if (!readEngineOptions(parser, &options, &error)) {
    ctx.out << "demo draft: skipped (" << QString::fromStdString(error) << ")\n";
    return;
  }
  engine::EngineRegistry registry;
  auto factory = registry.require("torch", &error);
  std::unique_ptr<engine::IEngine> eng = factory ? factory->create(options, &error) : nullptr;
  if (!eng) {
    ctx.out << "demo draft: skipped (no engine: " << QString::fromStdString(error) << ")\n";
    return;
  }
  QTemporaryDir tmp;
  const QString dir = tmp.filePath(QStringLiteral("NeonDawn.shotcraft"));
  model::Project project;
  QString qerror;
  if (!tmp.isValid() || !copyProject(demo, dir) || !model::ProjectIo::load(dir, &project, &qerror)) {
    ctx.out << "demo draft: skipped (cannot copy or load the demo: " << qerror << ")\n";
    return;
  }
  render::RenderSettings settings;
  settings.model_id = QFileInfo(QString::fromStdString(options.model_dir)).fileName();
  render::ShotRenderer renderer(*eng, settings);
  QElapsedTimer total;
  total.start();
  int frames = 0, rendered = 0;
  for (const QString& id : project.shotIds()) {
    QElapsedTimer t;
    t.start();
    const render::RenderResult r =
        renderer.renderShot(project, id, dir, render::RenderMode::Draft, {}, engine::CancelToken());
    if (!r.ok) {
      ctx.out << "demo draft " << id << ": failed (" << r.error << ")\n";
      continue;
    }
    ++rendered;
    frames += r.framesRendered;
    ctx.out << "demo draft " << id << ": " << r.framesRendered << " frames (" << r.keyframes << " keyframes) in "
            << QString::number(t.elapsed() / 1000.0, 'f', 2) << " s, flicker " << QString::number(r.flicker, 'f', 2)
            << (r.flicker_warning ? " (warning)" : "") << "\n";
    ctx.out.flush();
  }
  ctx.out << "demo draft: " << rendered << "/" << project.shotCount() << " shots, " << frames << " frames in "
          << QString::number(total.elapsed() / 1000.0, 'f', 1) << " s on " << QString::fromStdString(eng->info().device)
          << " (" << QString::fromStdString(eng->info().model_name) << ")\n";
}

}  // namespace

int benchRender(const QCommandLineParser& parser, Context& ctx) {
  bool ok = false;
  int iterations = parser.value(QStringLiteral("iterations")).toInt(&ok);
  if (!ok || iterations < 1 || iterations > 100) {
    ctx.err << "shotcraft-cli bench render: --iterations: expected 1..100\n";
    return 1;
  }
  const bool quick = parser.isSet(QStringLiteral("quick"));
  if (quick) iterations = 1;
  for (auto preset : {render::FlowPreset::Fast, render::FlowPreset::Medium}) {
    benchInbetweens(256, 144, preset, iterations, ctx);
    if (!quick) benchInbetweens(1280, 720, preset, iterations, ctx);
  }
  if (quick) {
    ctx.out << "demo draft: skipped (--quick)\n";
  } else {
    benchDemoDraft(parser, ctx);
  }
  return 0;
}

}  // namespace shotcraft::cli
