#pragma once
// Renders one shot into a take: camera path -> per-frame transforms; keyframes every `cadence` frames (text to
// image for the first, img2img of the previous keyframe warped along the camera path for the rest, colour matched
// to the first); optical-flow in-betweens; a flicker figure; all cached on disk by a hash of every input.
//
// Final mode draws each keyframe as the draft does (reusing the draft take's frames when that take is on disk),
// upscales it to the shot's size and refines it there by img2img ("hires fix").
#include <QString>
#include <functional>
#include <optional>

#include "core/engine/CancelToken.h"
#include "core/engine/Engine.h"
#include "core/model/Take.h"
#include "core/render/RenderSettings.h"

namespace shotcraft::model {
class Project;
struct Shot;
}  // namespace shotcraft::model

namespace shotcraft::render {

class FileHashCache;

struct RenderProgress {
  enum class Stage { EngineStep, Frame, Cached };
  Stage stage = Stage::Frame;
  int frames_done = 0;   // frames written (or found in the cache) so far
  int frames_total = 0;
  int frame = 0;         // Frame: 1-based number of the frame just written
  bool keyframe = false; // Frame: it was drawn by the engine
  int keyframe_index = 0;  // EngineStep: 0-based keyframe being drawn, of keyframe_count
  int keyframe_count = 0;
  int step = 0;          // EngineStep: engine step just finished, of steps
  int steps = 0;
};
using ProgressFn = std::function<void(const RenderProgress&)>;

struct RenderResult {
  bool ok = false;
  bool cancelled = false;
  QString error;              // one line when !ok
  model::Take take;           // add it to the shot (unless take_in_shot) and select it
  bool take_in_shot = false;  // the shot already holds a take with this render hash (take is that take)
  QString take_dir;           // absolute folder of the frames
  int framesFromCache = 0;
  int framesRendered = 0;
  int keyframes = 0;          // frames drawn by the engine (0 when all came from the cache)
  int engine_calls = 0;       // generate() calls (final mode: up to two per keyframe: draft + hires)
  double flicker = 0.0;       // mean absolute error 0..255, see flickerFigure()
  bool flicker_warning = false;  // flicker > kFlickerWarningThreshold
};

class ShotRenderer {
 public:
  ShotRenderer(engine::IEngine& engine, RenderSettings settings);

  const RenderSettings& settings() const { return m_settings; }
  // Hash control files through this cache (not owned; null, the default, reads them every time). The keys
  // are the same either way.
  void setFileHashCache(FileHashCache* hashes) { m_hashes = hashes; }

  // Renders `shotId` of `project`, whose folder is `projectDir` (frames go to projectDir/takes/<hash>/).
  // Never throws; a failure or cancellation leaves no take folder and returns ok = false.
  RenderResult renderShot(const model::Project& project, const QString& shotId, const QString& projectDir,
                          RenderMode mode, const ProgressFn& progress, const engine::CancelToken& cancel);

  // The cache key the shot would render under (reads the control files), or nullopt with *error.
  std::optional<QString> cacheKey(const model::Project& project, const QString& shotId, const QString& projectDir,
                                  RenderMode mode, QString* error);

  // Frame indices (0-based) the engine draws for `frameCount` frames: every `cadence`-th and the last.
  static std::vector<int> keyframeIndices(int frameCount, int cadence);

 private:
  engine::IEngine& m_engine;
  RenderSettings m_settings;
  FileHashCache* m_hashes = nullptr;
};

}  // namespace shotcraft::render
