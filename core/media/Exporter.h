#pragma once
// Writes a Timeline (and an optional soundtrack) to a video file, an animated GIF or a folder of PNGs.
//
// The output is built under a hidden temporary name in the destination folder and renamed onto the final
// path only when every frame and the container trailer were written, so a failed or cancelled export never
// leaves a broken file under the final name (an earlier file there stays as it was).
#include <QString>
#include <functional>
#include <optional>
#include <string>

#include "core/engine/CancelToken.h"
#include "core/media/AudioBuffer.h"
#include "core/media/Timeline.h"

namespace shotcraft::media {

enum class ExportFormat {
  Mp4H264,      // .mp4 / .m4v: H.264 yuv420p + AAC
  MovProRes,    // .mov: ProRes 422 HQ yuv422p10le + AAC
  Gif,          // .gif: palette + ordered dither, no audio
  PngSequence,  // a folder (no extension, or an existing folder): frame_000001.png ..., no audio
};

// By extension (case-insensitive); a path without an extension, ending in '/', or naming an existing folder is
// a PNG sequence. nullopt for any other extension.
std::optional<ExportFormat> formatFromPath(const QString& path);
const char* formatName(ExportFormat format);  // "MP4 (H.264)", ...
bool formatHasAudio(ExportFormat format);

struct ExportOptions {
  ExportFormat format = ExportFormat::Mp4H264;
  int crf = 20;                      // H.264, 0..51
  std::string preset = "medium";     // x264 preset
  int prores_profile = 3;            // 0 proxy .. 3 HQ
};

// Where one run's time went, for benchmarks. CPU seconds are summed over threads.
struct ExportStats {
  int frames = 0;             // frames sent to the sink (all passes)
  double wall_s = 0.0;
  double source_cpu_s = 0.0;  // drawing timeline frames: reading takes, scaling, dissolves, captions
  double convert_cpu_s = 0.0; // RGB to the encoder's pixel format
  double total_cpu_s = 0.0;   // the whole process while the run lasted; the rest is encoding and writing
};

class Exporter {
 public:
  // fraction in [0, 1], sent only when it changes by at least 0.001.
  using ProgressFn = std::function<void(double fraction)>;

  // Frames are drawn one ahead on a worker thread while the sink encodes (see FramePipeline).
  // `audio` (may be empty) must already be placed on the timeline (see Soundtrack); it is ignored for GIF
  // and PNG output. Returns false with one line in *error: "cannot write '/x/out.mp4': Permission denied",
  // "... the disk is full ...", "encoder 'libx264' is not available in this FFmpeg build", "export cancelled".
  static bool run(Timeline& timeline, const QString& outPath, const ExportOptions& options, const AudioBuffer& audio,
                  const ProgressFn& progress, const engine::CancelToken& cancel, std::string* error,
                  ExportStats* stats = nullptr);
};

}  // namespace shotcraft::media
