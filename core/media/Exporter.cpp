#include "core/media/Exporter.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>

#include "core/media/CpuClock.h"
#include "core/media/FramePipeline.h"
#include "core/media/GifEncoder.h"
#include "core/media/PngSequenceWriter.h"
#include "core/media/VideoEncoder.h"

namespace shotcraft::media {

namespace fs = std::filesystem;

std::optional<ExportFormat> formatFromPath(const QString& path) {
  const QFileInfo info(path);
  if (path.endsWith(QLatin1Char('/')) || info.isDir()) return ExportFormat::PngSequence;
  const QString ext = info.suffix().toLower();
  if (ext.isEmpty()) return ExportFormat::PngSequence;
  if (ext == QLatin1String("mp4") || ext == QLatin1String("m4v")) return ExportFormat::Mp4H264;
  if (ext == QLatin1String("mov")) return ExportFormat::MovProRes;
  if (ext == QLatin1String("gif")) return ExportFormat::Gif;
  return std::nullopt;
}

const char* formatName(ExportFormat format) {
  switch (format) {
    case ExportFormat::Mp4H264: return "MP4 (H.264)";
    case ExportFormat::MovProRes: return "MOV (ProRes 422 HQ)";
    case ExportFormat::Gif: return "GIF";
    case ExportFormat::PngSequence: return "PNG sequence";
  }
  return "?";
}

bool formatHasAudio(ExportFormat format) {
  return format == ExportFormat::Mp4H264 || format == ExportFormat::MovProRes;
}

namespace {

// A hidden sibling of the final path, unique within this process and between processes.
std::string temporarySibling(const fs::path& final, const char* tag) {
  static std::atomic<int> counter{0};
  std::string name(1, '.');
  name += final.filename().string();
  name += '.';
  name += tag;
  name += '-';
  name += std::to_string(QCoreApplication::applicationPid());
  name += '-';
  name += std::to_string(++counter);
  // Keep the extension last so nothing guesses a different type from the name.
  return (final.parent_path() / (name + final.extension().string())).string();
}

void removeQuietly(const std::string& path) {
  std::error_code ec;
  fs::remove_all(path, ec);
}

// A folder we may replace: empty, or holding only frame_NNNNNN.png files from an earlier export.
bool replaceableFrameFolder(const fs::path& dir) {
  static const QRegularExpression frameName(QStringLiteral("^frame_\\d{6}\\.png$"));
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (!entry.is_regular_file() || !frameName.match(QString::fromStdString(entry.path().filename().string())).hasMatch()) {
      return false;
    }
  }
  return !ec;
}

bool checkDestination(const fs::path& final, ExportFormat format, std::string* error) {
  const std::string shown = final.string();
  const fs::path parent = final.parent_path().empty() ? fs::path(".") : final.parent_path();
  const QFileInfo parentInfo(QString::fromStdString(parent.string()));
  if (!parentInfo.isDir()) {
    if (error) *error = "cannot write '" + shown + "': folder '" + parent.string() + "' does not exist";
    return false;
  }
  if (!parentInfo.isWritable()) {
    if (error) *error = "cannot write '" + shown + "': Permission denied (folder '" + parent.string() + "')";
    return false;
  }
  std::error_code ec;
  const bool exists = fs::exists(final, ec);
  if (format == ExportFormat::PngSequence) {
    if (exists && !fs::is_directory(final, ec)) {
      if (error) *error = "cannot write '" + shown + "': a file of that name exists (a PNG sequence needs a folder)";
      return false;
    }
    if (exists && !replaceableFrameFolder(final)) {
      if (error) *error = "cannot write '" + shown + "': the folder holds other files; choose an empty or new folder";
      return false;
    }
  } else if (exists && fs::is_directory(final, ec)) {
    if (error) *error = "cannot write '" + shown + "': it is a folder";
    return false;
  }
  return true;
}

// Puts the finished temporary output in place of `final`.
bool commit(const std::string& temp, const fs::path& final, ExportFormat format, std::string* error) {
  std::error_code ec;
  if (format == ExportFormat::PngSequence && fs::exists(final, ec)) {
    const std::string old = temporarySibling(final, "old");
    fs::rename(final, old, ec);
    if (!ec) fs::rename(temp, final, ec);
    if (ec) {
      if (error) *error = "cannot write '" + final.string() + "': " + ec.message();
      return false;
    }
    removeQuietly(old);
    return true;
  }
  fs::rename(temp, final, ec);  // atomic, replaces an earlier file of that name
  if (ec && error) *error = "cannot write '" + final.string() + "': " + ec.message();
  return !ec;
}

void replaceAll(std::string& s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); !from.empty() && at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
}

}  // namespace

bool Exporter::run(Timeline& timeline, const QString& outPath, const ExportOptions& options, const AudioBuffer& audio,
                   const ProgressFn& progress, const engine::CancelToken& cancel, std::string* error,
                   ExportStats* stats) {
  const auto startWall = std::chrono::steady_clock::now();
  const double startCpu = processCpu_s();
  double sourceCpu = 0.0;
  std::string localError;
  std::string* err = error ? error : &localError;
  QString cleaned = QDir::cleanPath(outPath);
  const fs::path final = fs::path(cleaned.toStdString());
  const int total = timeline.frameCount();
  if (total <= 0) {
    *err = "nothing to export: the project has no shots";
    return false;
  }
  if (!checkDestination(final, options.format, err)) return false;

  const TimelineOptions& t = timeline.options();
  const std::string temp = temporarySibling(final, "partial");
  std::unique_ptr<FrameSink> sink;
  bool opened = false;
  switch (options.format) {
    case ExportFormat::Mp4H264:
    case ExportFormat::MovProRes: {
      auto video = std::make_unique<VideoEncoder>();
      VideoSettings vs;
      vs.codec = options.format == ExportFormat::Mp4H264 ? VideoCodec::H264 : VideoCodec::ProRes;
      vs.width = t.width;
      vs.height = t.height;
      vs.fps = t.fps;
      vs.crf = options.crf;
      vs.preset = options.preset;
      vs.prores_profile = options.prores_profile;
      opened = video->open(temp, vs, audio, err);
      sink = std::move(video);
      break;
    }
    case ExportFormat::Gif: {
      auto gif = std::make_unique<GifEncoder>();
      opened = gif->open(temp, t.width, t.height, t.fps, err);
      sink = std::move(gif);
      break;
    }
    case ExportFormat::PngSequence: {
      std::error_code ec;
      fs::create_directory(temp, ec);
      auto png = std::make_unique<PngSequenceWriter>();
      opened = !ec ? png->open(temp, err) : false;
      if (ec) *err = "cannot write '" + final.string() + "': " + ec.message();
      sink = std::move(png);
      break;
    }
  }

  auto abandon = [&]() {
    sink.reset();  // closes any open file before it is removed
    removeQuietly(temp);
    replaceAll(*err, temp, final.string());
    return false;
  };
  if (!opened) return abandon();

  const int passes = sink->passes();
  int lastPermille = -1;
  Image frame;
  for (int pass = 0; pass < passes; ++pass) {
    if (!sink->beginPass(pass, err)) return abandon();
    FramePipeline frames(timeline, total);
    for (int i = 0; i < total; ++i) {
      if (cancel.isCancelled()) {
        *err = "export cancelled";
        return abandon();
      }
      if (!frames.next(frame, err) || !sink->writeFrame(frame, err)) return abandon();
      const int permille = int(1000.0 * (double(pass) * total + i + 1) / (double(passes) * total));
      if (progress && permille != lastPermille) {
        lastPermille = permille;
        progress(permille / 1000.0);
      }
    }
    sourceCpu += frames.workerCpu_s();
    if (!sink->endPass(pass, err)) return abandon();
  }
  if (cancel.isCancelled()) {
    *err = "export cancelled";
    return abandon();
  }
  if (!sink->finish(err)) return abandon();
  if (stats) {
    stats->frames = passes * total;
    stats->source_cpu_s = sourceCpu;
    stats->convert_cpu_s = sink->convertCpu_s();
  }
  sink.reset();
  if (!commit(temp, final, options.format, err)) {
    removeQuietly(temp);
    return false;
  }
  if (stats) {
    stats->wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - startWall).count();
    stats->total_cpu_s = processCpu_s() - startCpu;
  }
  return true;
}

}  // namespace shotcraft::media
