// shotcraft-cli bench export: export speed at 1280x720 H.264 (libx264 preset veryfast, CRF 20) through the
// product's path (PNG takes -> Timeline -> Exporter -> MP4), as frames per second and a multiple of real time,
// with the CPU time per frame of each stage. Two kinds of content: storyboard takes (procedural colour roughs
// from core/scenes under a slow camera move, what the studio's takes look like) and a synthetic worst case
// (a fine XOR texture under motion that no encoder compresses cheaply). A benchmark, not a test.
#include <QDir>
#include <QTemporaryDir>
#include <QThread>
#include <chrono>
#include <cmath>
#include <functional>
#include <memory>
#include <opencv2/imgproc.hpp>

#include "core/cli/Cli.h"
#include "core/engine/CancelToken.h"
#include "core/media/Exporter.h"
#include "core/media/ImageOps.h"
#include "core/media/TakeFrameSource.h"
#include "core/media/Timeline.h"
#include "core/scenes/SceneRenderer.h"

namespace shotcraft::cli {

namespace {

// A scrolling gradient, a textured band and moving discs: enough detail and motion to make the encoder work.
Image syntheticFrame(int index, int width, int height) {
  Image img(width, height, 3);
  cv::Mat m = media::asMat(img);
  for (int y = 0; y < height; ++y) {
    uint8_t* row = m.ptr<uint8_t>(y);
    for (int x = 0; x < width; ++x) {
      const int u = x + 4 * index;
      row[3 * x + 0] = uint8_t((u * 255) / (width + 1) & 0xff);
      row[3 * x + 1] = uint8_t((y * 200) / height + 30);
      row[3 * x + 2] = uint8_t(((u ^ y) & 0x3f) * 3);  // fine texture
    }
  }
  for (int k = 0; k < 6; ++k) {
    const double phase = index * 0.05 + k;
    const cv::Point centre(int(width * (0.5 + 0.4 * std::sin(phase * 1.3))), int(height * (0.5 + 0.4 * std::cos(phase))));
    cv::circle(m, centre, height / 10 + 10 * k, cv::Scalar(40 * k, 255 - 30 * k, 120), cv::FILLED, cv::LINE_AA);
  }
  return img;
}

// A 2 s storyboard take: one procedural scene drawn 20% larger than the frame, seen through a camera that pans
// and pushes in slowly (sub-pixel moves, so every frame differs), like a rendered shot with a camera path.
std::vector<Image> storyboardTake(uint64_t seed, int frames, int width, int height) {
  const int bigW = width * 6 / 5, bigH = height * 6 / 5;
  const scenes::SceneSample scene = scenes::renderScene(scenes::sampleScene(seed), bigW, bigH);
  std::vector<Image> out;
  for (int i = 0; i < frames; ++i) {
    const double t = double(i) / std::max(1, frames - 1);
    const double zoom = 1.0 + 0.08 * t;
    const double x0 = (bigW - width / zoom) * (0.15 + 0.6 * t), y0 = (bigH - height / zoom) * 0.5;
    const cv::Mat warp = (cv::Mat_<double>(2, 3) << zoom, 0, -x0 * zoom, 0, zoom, -y0 * zoom);
    Image img(width, height, 3);
    cv::Mat dst = media::asMat(img);
    cv::warpAffine(scene.rgb, dst, warp, dst.size(), cv::INTER_LINEAR, cv::BORDER_REFLECT);
    out.push_back(std::move(img));
  }
  return out;
}

}  // namespace

namespace {

// Frames already in memory (a 2 s take, played forwards): what the exporter sustains when reading takes costs
// nothing, i.e. conversion plus the encoder alone.
class MemoryFrameSource : public media::FrameSource {
 public:
  MemoryFrameSource(const std::vector<Image>& frames, double fps) : m_frames(frames), m_fps(fps) {}
  int frameCount() const override { return int(m_frames.size()); }
  double fps() const override { return m_fps; }
  int width() const override { return m_frames.front().width; }
  int height() const override { return m_frames.front().height; }
  bool frame(int index, Image& out, std::string*) override {
    out = m_frames[size_t(index)];
    return true;
  }

 private:
  const std::vector<Image>& m_frames;
  double m_fps;
};

constexpr int kWidth = 1280;
constexpr int kHeight = 720;
constexpr int kFps = 24;

// Exports `shots` clips made by `makeSource` through Timeline and Exporter (MP4, veryfast, CRF 20) and prints
// speed and CPU per frame per stage. Returns false after printing the error.
bool measure(const QString& label, int shots, const std::function<std::unique_ptr<media::FrameSource>()>& makeSource,
             const QString& outPath, Context& ctx) {
  std::vector<media::TimelineClip> clips;
  for (int k = 0; k < shots; ++k) {
    media::TimelineClip clip;
    clip.source = makeSource();
    if (!clip.source) return false;
    clip.duration_s = double(clip.source->frameCount()) / kFps;
    clip.number = k + 1;
    clips.push_back(std::move(clip));
  }
  media::TimelineOptions to;
  to.width = kWidth;
  to.height = kHeight;
  to.fps = kFps;
  media::Timeline timeline(std::move(clips), to);
  media::ExportOptions eo;
  eo.format = media::ExportFormat::Mp4H264;
  eo.preset = "veryfast";
  eo.crf = 20;
  media::ExportStats stats;
  std::string error;
  if (!media::Exporter::run(timeline, outPath, eo, {}, {}, engine::CancelToken(), &error, &stats)) {
    ctx.err << "shotcraft-cli bench export: " << QString::fromStdString(error) << "\n";
    return false;
  }
  const int frames = stats.frames;
  const int cores = QThread::idealThreadCount();
  const double fps = frames / stats.wall_s;
  auto ms = [&](double cpu_s) { return QString::number(1000.0 * cpu_s / frames, 'f', 2); };
  // What `cores` fully busy cores would sustain at this CPU time per frame.
  auto ceiling = [&](double cpu_s) { return QString::number(cores * frames / cpu_s / kFps, 'f', 2); };
  const double encode_s = stats.total_cpu_s - stats.source_cpu_s - stats.convert_cpu_s;
  ctx.out << "export " << label << ": " << frames << " frames in " << QString::number(stats.wall_s, 'f', 2)
          << " s: " << QString::number(fps, 'f', 1) << " fps, " << QString::number(fps / kFps, 'f', 2)
          << "x real time (" << QString::number(stats.total_cpu_s / stats.wall_s, 'f', 2) << " of " << cores
          << " cores busy)\n";
  ctx.out << "  CPU per frame: source " << ms(stats.source_cpu_s) << " ms, convert " << ms(stats.convert_cpu_s)
          << " ms (RGB to YUV 4:2:0), encode " << ms(encode_s) << " ms (x264, mux, rest); total "
          << ms(stats.total_cpu_s) << " ms\n";
  ctx.out << "  ceiling with " << cores << " cores fully busy: " << ceiling(stats.total_cpu_s)
          << "x real time; encode alone " << ceiling(encode_s) << "x\n";
  return true;
}

}  // namespace

namespace {

// Writes each shot's take as PNG frames, then exports them through the product's path (reading the PNGs) and
// from memory. `takes` holds one frame list per shot.
bool measureContent(const QString& content, const std::vector<std::vector<Image>>& takes, const QTemporaryDir& dir,
                    Context& ctx) {
  std::string error;
  std::vector<QString> folders;
  for (size_t k = 0; k < takes.size(); ++k) {
    folders.push_back(dir.filePath(QStringLiteral("%1_take%2").arg(content).arg(k)));
    QDir().mkpath(folders.back());
    for (size_t i = 0; i < takes[k].size(); ++i) {
      const QString file = QDir(folders.back()).filePath(QStringLiteral("frame_%1.png").arg(i + 1, 6, 10, QLatin1Char('0')));
      if (!saveImage(file.toStdString(), takes[k][i], &error)) {
        ctx.err << "shotcraft-cli bench export: " << QString::fromStdString(error) << "\n";
        return false;
      }
    }
  }
  // The product's path: each shot reads its take's PNG frames.
  size_t next = 0;
  auto fromTake = [&]() -> std::unique_ptr<media::FrameSource> {
    auto take = std::make_unique<media::TakeFrameSource>();
    if (!take->open(folders[next++ % folders.size()], kFps, &error)) {
      ctx.err << "shotcraft-cli bench export: " << QString::fromStdString(error) << "\n";
      return nullptr;
    }
    return take;
  };
  const int shots = int(takes.size());
  if (!measure(content + QStringLiteral(", from PNG takes"), shots, fromTake, dir.filePath(content + QStringLiteral("_a.mp4")), ctx)) {
    return false;
  }
  next = 0;
  auto fromMemory = [&]() -> std::unique_ptr<media::FrameSource> {
    return std::make_unique<MemoryFrameSource>(takes[next++ % takes.size()], kFps);
  };
  return measure(content + QStringLiteral(", from frames in memory"), shots, fromMemory,
                 dir.filePath(content + QStringLiteral("_b.mp4")), ctx);
}

}  // namespace

int benchExport(bool quick, Context& ctx) {
  constexpr int kTakeFrames = 48;  // one 2 s take
  const int shots = quick ? 1 : 5;
  QTemporaryDir dir;
  if (!dir.isValid()) {
    ctx.err << "shotcraft-cli bench export: cannot create a temporary folder\n";
    return 1;
  }
  ctx.out << "export: 1280x720 H.264 (libx264 veryfast, crf 20, yuv420p) at " << kFps << " fps, " << shots
          << " shots of " << kTakeFrames << " frames, through Timeline and Exporter\n";
  std::vector<std::vector<Image>> storyboard;
  for (int k = 0; k < shots; ++k) storyboard.push_back(storyboardTake(uint64_t(1000 + k), kTakeFrames, kWidth, kHeight));
  if (!measureContent(QStringLiteral("storyboard takes"), storyboard, dir, ctx)) return 1;
  std::vector<Image> synthetic;
  for (int i = 0; i < kTakeFrames; ++i) synthetic.push_back(syntheticFrame(i, kWidth, kHeight));
  if (!measureContent(QStringLiteral("synthetic worst case"), std::vector<std::vector<Image>>(size_t(shots), synthetic), dir, ctx)) {
    return 1;
  }
  return 0;
}

}  // namespace shotcraft::cli
