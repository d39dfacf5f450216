// shotcraft-cli bench export: H.264 encode speed at 1280x720 (libx264 preset veryfast, CRF 20) on synthetic
// moving frames, as frames per second and a multiple of real time. A benchmark, not a test.
#include <QDir>
#include <QTemporaryDir>
#include <QThread>
#include <chrono>
#include <cmath>
#include <opencv2/imgproc.hpp>

#include "core/cli/Cli.h"
#include "core/media/ImageOps.h"
#include "core/media/VideoEncoder.h"

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

}  // namespace

int benchExport(bool quick, Context& ctx) {
  constexpr int kWidth = 1280;
  constexpr int kHeight = 720;
  constexpr int kFps = 24;
  const int frames = quick ? 48 : 240;
  const int distinct = std::min(frames, 48);  // drawn up front so only encoding is timed
  std::vector<Image> pool;
  for (int i = 0; i < distinct; ++i) pool.push_back(syntheticFrame(i, kWidth, kHeight));

  QTemporaryDir dir;
  if (!dir.isValid()) {
    ctx.err << "shotcraft-cli bench export: cannot create a temporary folder\n";
    return 1;
  }
  media::VideoSettings settings;
  settings.width = kWidth;
  settings.height = kHeight;
  settings.fps = kFps;
  settings.preset = "veryfast";
  settings.crf = 20;
  media::VideoEncoder encoder;
  std::string error;
  const auto start = std::chrono::steady_clock::now();
  bool ok = encoder.open(dir.filePath(QStringLiteral("bench.mp4")).toStdString(), settings, {}, &error);
  for (int i = 0; ok && i < frames; ++i) {
    // Ping-pong through the pool so the motion stays continuous.
    const int period = 2 * distinct - 2;
    const int k = period > 0 ? (i % period < distinct ? i % period : period - i % period) : 0;
    ok = encoder.writeFrame(pool[size_t(k)], &error);
  }
  ok = ok && encoder.finish(&error);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!ok) {
    ctx.err << "shotcraft-cli bench export: " << QString::fromStdString(error) << "\n";
    return 1;
  }
  const double fps = frames / seconds;
  ctx.out << "export: 1280x720 H.264 (libx264 veryfast, crf 20, yuv420p) " << frames << " frames at " << kFps
          << " fps in " << QString::number(seconds, 'f', 2) << " s: " << QString::number(fps, 'f', 1)
          << " fps encoded, " << QString::number(fps / kFps, 'f', 2) << "x real time ("
          << QThread::idealThreadCount() << " threads)\n";
  return 0;
}

}  // namespace shotcraft::cli
