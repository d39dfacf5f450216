#pragma once
// Renders shots in the background for the studio (issue 8). Owns a JobQueue (one worker thread) and, created
// lazily on that worker, the engine from the "torch" plugin with the model folder from the settings (key
// kModelDirKey) or the embedded model. regenerate() submits an Interactive job that runs ShotRenderer for one
// shot into the project folder; each denoising step is reported with its preview, and on success the take is
// added to the shot and selected through ProjectDocument (one undo step), on the UI thread.
// Nothing here blocks the UI thread: the engine and the renderer only run inside jobs.
#include <QCache>
#include <QHash>
#include <QImage>
#include <QObject>
#include <QString>
#include <map>
#include <memory>
#include <optional>

#include "core/engine/Engine.h"
#include "core/engine/JobQueue.h"
#include "core/render/FileHashCache.h"
#include "core/render/RenderSettings.h"
#include "ui/RenderFreshness.h"

namespace shotcraft::engine {
class EngineRegistry;
}

namespace shotcraft::ui {

class ProjectDocument;

// One finished denoising step of a running render.
struct RenderStep {
  int step = 0;        // 1-based, of steps
  int steps = 0;
  int keyframe = 0;    // 0-based keyframe being drawn, of keyframes
  int keyframes = 0;
  double step_ms = 0.0;
  double eta_s = 0.0;  // estimate for what is left of the job
  QImage preview;      // null when the engine sent none
};

class RenderController : public QObject {
  Q_OBJECT
 public:
  static constexpr const char* kModelDirKey = "render/modelDir";
  static constexpr const char* kKnownModelDirKey = "render/lastEngineModelDir";
  static constexpr const char* kKnownModelNameKey = "render/lastEngineModelName";

  // registry: where the engine factory comes from (tests pass one with a fake); nullptr = own one that loads
  // the plugins. It must outlive the controller.
  explicit RenderController(ProjectDocument* document, engine::EngineRegistry* registry = nullptr,
                            QObject* parent = nullptr);
  ~RenderController() override;  // cancels and joins the worker before the engine goes away

  engine::JobQueue* queue() const { return m_queue.get(); }
  // The model folder jobs use: the kModelDirKey setting, else the embedded model ("" if none is installed).
  static QString modelDir();
  // What render jobs create their engine with: modelDir() and the device, precision and threads saved by the
  // Settings dialog (StudioSettings).
  static engine::EngineOptions engineOptions();

  // Queues a render of `shotId`. False + *error when the project has no folder yet or the shot is unknown.
  // Interactive renders (a shot the creator asked for) run before Batch ones (a whole storyboard).
  bool regenerate(const QString& shotId, render::RenderMode mode, QString* error = nullptr,
                  engine::JobId* id = nullptr, engine::JobPriority priority = engine::JobPriority::Interactive);
  // Submits the render that job `id` ran again (a new job). False when `id` is not a render of this controller.
  bool retry(engine::JobId id, QString* error = nullptr, engine::JobId* newId = nullptr);
  bool isRender(engine::JobId id) const { return m_jobs.count(id) != 0; }
  bool cancel(engine::JobId id) { return m_queue->cancel(id); }
  QString shotOf(engine::JobId id) const;

  // For the storyboard cards. Control files are hashed through fileHashes(), so recomputing the freshness of
  // an unchanged shot (as every edit does) does not read them again.
  Freshness freshness(const QString& shotId) const;
  const render::FileHashCache& fileHashes() const { return m_fileHashes; }
  // The selected take's first frame scaled to fit `size`; null when the shot has no take on disk. Frames and
  // their scaled copies are cached (by path and size), and a render hands its first frame over already decoded
  // on the worker, so refreshing a card or the camera background after an edit or a render costs no disk read.
  QImage thumbnail(const QString& shotId, const QSize& size) const;
  // How many take frames thumbnail() had to read from disk on the calling thread (those of takes loaded with
  // the project; never those of this session's renders).
  int framesDecodedHere() const { return m_framesDecodedHere; }

 signals:
  // Emitted from the worker thread (reaches UI receivers queued).
  void stepReported(shotcraft::engine::JobId id, const shotcraft::ui::RenderStep& step);
  // UI thread:
  void takeApplied(const QString& shotId, const QString& takeId);
  void renderFailed(shotcraft::engine::JobId id, const QString& shotId, const QString& error);
  void renderStateChanged(const QString& shotId);  // freshness of the shot may have changed
  // Emitted from the worker thread each time a job created the engine: the model folder and how long the
  // factory's create() took (a steady-clock measure).
  void engineLoaded(const QString& modelDir, double seconds);

 private:
  struct Worker;
  struct JobSlot;
  struct JobRecord {
    QString shotId;
    render::RenderMode mode = render::RenderMode::Draft;
    engine::JobPriority priority = engine::JobPriority::Interactive;
    std::shared_ptr<JobSlot> slot;
  };
  void rememberEngineInfo();
  std::optional<engine::EngineInfo> knownEngineInfo() const;
  void onFinished(engine::JobId id, engine::JobStatus status, const QString& error);
  engine::JobId submit(const QString& shotId, render::RenderMode mode, const QString& projectDir,
                       engine::JobPriority priority);

  ProjectDocument* m_document;
  mutable render::FileHashCache m_fileHashes;  // for freshness(), on the UI thread
  std::unique_ptr<engine::EngineRegistry> m_ownRegistry;
  engine::EngineRegistry* m_registry;
  std::shared_ptr<Worker> m_worker;        // engine + its info; touched by jobs (one at a time)
  std::unique_ptr<engine::JobQueue> m_queue;  // declared last: destroyed (joined) first
  std::map<engine::JobId, JobRecord> m_jobs;
  QHash<QString, engine::JobId> m_activeByShot;
  QHash<QString, bool> m_failedByShot;
  static const QImage* cacheImage(QCache<QString, QImage>& cache, const QString& key, const QImage& image);
  // Both bounded, cost in KiB: takes pile up over a session, and a resized view asks for new sizes.
  static constexpr int kFrameCacheKiB = 256 * 1024;
  static constexpr int kScaledThumbnailCacheKiB = 64 * 1024;
  mutable QCache<QString, QImage> m_thumbnails{kFrameCacheKiB};  // take first frames by path
  mutable QCache<QString, QImage> m_scaledThumbnails{kScaledThumbnailCacheKiB};  // by frame path and size
  mutable int m_framesDecodedHere = 0;
  QString m_rememberedModelDir;   // what rememberEngineInfo() last saved (a QSettings write syncs to disk)
  QString m_rememberedModelName;
};

}  // namespace shotcraft::ui

Q_DECLARE_METATYPE(shotcraft::ui::RenderStep)
