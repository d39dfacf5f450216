#pragma once
// Internal to RenderController: the state its jobs share on the worker thread, and the job function.
#include <QImage>
#include <QString>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "core/engine/Engine.h"
#include "core/engine/JobQueue.h"
#include "core/model/Project.h"
#include "core/render/ShotRenderer.h"
#include "ui/RenderController.h"

namespace shotcraft::ui {

struct RenderController::Worker {
  engine::EngineRegistry* registry = nullptr;
  std::unique_ptr<engine::IEngine> engine;  // only jobs touch it (one at a time)
  QString engineModelDir;                   // the folder `engine` was created with
  engine::EngineOptions engineOptions;      // and its device, precision and threads
  bool belowUiPriority = false;             // the worker thread was lowered below the UI thread

  mutable std::mutex mutex;                 // guards info and infoModelDir (read by the UI thread)
  std::optional<engine::EngineInfo> info;
  QString infoModelDir;
  // Told the model folder and the seconds create() took, after each engine creation (on the worker thread).
  std::function<void(const QString&, double)> loaded;

  // The engine for `options` (model folder, device, precision, threads), created on first use or when any of
  // them changed; nullptr + *error.
  engine::IEngine* ensureEngine(const engine::EngineOptions& options, std::string* error);
  std::optional<engine::EngineInfo> engineInfo(QString* modelDir = nullptr) const;
};

struct RenderController::JobSlot {
  std::mutex mutex;  // held by submit() until `id` is known
  engine::JobId id = 0;
  render::RenderResult result;  // written by the job, read on the UI thread after finished()
  QImage firstFrame;            // the take's first frame, decoded by the job for the thumbnails
};

// Where a take's first frame (its thumbnail) is in the project folder.
QString firstFramePath(const QString& projectFolder, const QString& takeFrames);

// Render settings for the model folder (model_id names it in the cache key, as the CLI does).
render::RenderSettings renderSettingsFor(const QString& modelDir);

// An engine that only answers info(): ShotRenderer::cacheKey() on the UI thread never generates.
class InfoOnlyEngine : public engine::IEngine {
 public:
  explicit InfoOnlyEngine(engine::EngineInfo info) : m_info(std::move(info)) {}
  engine::EngineInfo info() const override { return m_info; }
  engine::GenerationResult generate(const engine::GenerationRequest&, const engine::ProgressCallback&,
                                    const engine::CancelToken&) override {
    engine::GenerationResult r;
    r.error = "this engine only describes the model";
    return r;
  }

 private:
  engine::EngineInfo m_info;
};

}  // namespace shotcraft::ui
