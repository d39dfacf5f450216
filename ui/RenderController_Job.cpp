// RenderController's worker side: creating the engine, the job function and its progress reports.
#include <QDir>
#include <QFileInfo>
#include <QStringList>
#include <algorithm>
#include <cerrno>
#include <chrono>
#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <unistd.h>
#endif

#include "core/engine/EngineRegistry.h"
#include "core/render/TakeStore.h"
#include "ui/ImageConvert.h"
#include "ui/ProjectDocument.h"
#include "ui/RenderController_Worker.h"

namespace shotcraft::ui {

namespace {

constexpr int kBelowUiNice = 5;  // a nice-5 thread gets about a third of the CPU a nice-0 one gets

// Renders share the CPU with the UI thread: lower the calling thread (the queue's worker) a few nice levels, so
// the UI thread and Qt's painting threads run first when a core is wanted by both. The threads the engine starts
// from here (libtorch's OpenMP team, OpenCV's pool) inherit it. On Linux nice is per thread; elsewhere nothing
// changes.
void runBelowUiPriority() {
#ifdef Q_OS_LINUX
  const pid_t tid = gettid();
  errno = 0;
  const int current = getpriority(PRIO_PROCESS, static_cast<id_t>(tid));
  if (errno == 0) setpriority(PRIO_PROCESS, static_cast<id_t>(tid), std::min(19, current + kBelowUiNice));
#endif
}

// Passes every call to the real engine, asking for a preview each step and handing each step to `tap` first.
class TappedEngine : public engine::IEngine {
 public:
  TappedEngine(engine::IEngine& inner, std::function<void(const engine::Progress&)> tap)
      : m_inner(inner), m_tap(std::move(tap)) {}
  engine::EngineInfo info() const override { return m_inner.info(); }
  engine::GenerationResult generate(const engine::GenerationRequest& request, const engine::ProgressCallback& progress,
                                    const engine::CancelToken& cancel) override {
    engine::GenerationRequest withPreview = request;
    withPreview.preview_every_step = true;
    auto both = [&](const engine::Progress& p) {
      m_tap(p);
      if (progress) progress(p);
    };
    return m_inner.generate(withPreview, both, cancel);
  }

 private:
  engine::IEngine& m_inner;
  std::function<void(const engine::Progress&)> m_tap;
};

}  // namespace

render::RenderSettings renderSettingsFor(const QString& modelDir) {
  render::RenderSettings settings;
  settings.model_id = QFileInfo(modelDir).fileName();
  return settings;
}

QString firstFramePath(const QString& projectFolder, const QString& takeFrames) {
  return QDir(projectFolder).filePath(
      QStringLiteral("takes/%1/%2").arg(takeFrames, render::TakeStore::frameFileName(0)));
}

engine::IEngine* RenderController::Worker::ensureEngine(const engine::EngineOptions& wanted, std::string* error) {
  const QString modelDir = QString::fromStdString(wanted.model_dir);
  const bool same = engineModelDir == modelDir && engineOptions.device == wanted.device &&
                    engineOptions.precision == wanted.precision && engineOptions.threads == wanted.threads;
  if (engine && same) return engine.get();
  engine.reset();
  if (modelDir.isEmpty()) {
    *error = "No model found: the embedded model is not installed; set a model folder in Settings";
    return nullptr;
  }
  if (!QFileInfo(modelDir).isDir()) {
    *error = "No model found: the model folder " + modelDir.toStdString() +
             " does not exist; set a model folder in Settings";
    return nullptr;
  }
  std::string why;
  auto factory = registry->require("torch", &why);
  if (!factory) {
    *error = "No render engine: " + why;
    return nullptr;
  }
  const auto start = std::chrono::steady_clock::now();
  engine = factory->create(wanted, &why);  // device, precision and threads from the Settings dialog
  const double load_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!engine) {
    *error = "Cannot load the model in " + modelDir.toStdString() + ": " + why;
    return nullptr;
  }
  engineModelDir = modelDir;
  engineOptions = wanted;
  const engine::EngineInfo created = engine->info();
  {
    std::lock_guard<std::mutex> lock(mutex);
    info = created;
    infoModelDir = modelDir;
  }
  if (loaded) loaded(modelDir, load_s);
  return engine.get();
}

std::optional<engine::EngineInfo> RenderController::Worker::engineInfo(QString* modelDir) const {
  std::lock_guard<std::mutex> lock(mutex);
  if (modelDir != nullptr) *modelDir = infoModelDir;
  return info;
}

engine::JobId RenderController::submit(const QString& shotId, render::RenderMode mode, const QString& projectDir,
                                       engine::JobPriority priority) {
  auto slot = std::make_shared<JobSlot>();
  const model::Project project = m_document->project();  // a copy: the job never reads the live model
  const QString modelFolder = modelDir();
  engine::EngineOptions options = engineOptions();
  options.model_dir = modelFolder.toStdString();
  std::shared_ptr<Worker> worker = m_worker;
  auto fn = [this, worker, slot, project, shotId, mode, projectDir, modelFolder, options](engine::JobContext& ctx) {
    engine::JobId id = 0;
    {
      std::lock_guard<std::mutex> lock(slot->mutex);
      id = slot->id;
    }
    if (!worker->belowUiPriority) {
      runBelowUiPriority();  // before the engine starts its threads
      worker->belowUiPriority = true;
    }
    std::string error;
    engine::IEngine* eng = worker->ensureEngine(options, &error);
    if (eng == nullptr) return engine::JobOutcome{false, error};

    engine::Progress last;
    double sum_ms = 0.0;
    int counted = 0;
    TappedEngine tapped(*eng, [&](const engine::Progress& p) { last = p; });
    auto progress = [&](const render::RenderProgress& p) {
      double fraction = p.frames_total > 0 ? double(p.frames_done) / p.frames_total : 0.0;
      if (p.stage == render::RenderProgress::Stage::EngineStep && p.steps > 0 && p.keyframe_count > 0) {
        const double drawn = (p.keyframe_index + double(p.step) / p.steps) / p.keyframe_count;
        fraction = std::max(fraction, 0.95 * drawn);
        RenderStep step;
        step.step = p.step;
        step.steps = p.steps;
        step.keyframe = p.keyframe_index;
        step.keyframes = p.keyframe_count;
        step.step_ms = last.step_ms;
        sum_ms += last.step_ms;
        ++counted;
        const int left = (p.keyframe_count - p.keyframe_index - 1) * p.steps + (p.steps - p.step);
        step.eta_s = left * (sum_ms / counted) / 1000.0;
        step.preview = toQImage(last.preview);
        emit stepReported(id, step);  // queued to UI receivers
      }
      ctx.reportProgress(std::min(1.0, fraction));
    };
    render::ShotRenderer renderer(tapped, renderSettingsFor(modelFolder));
    slot->result = renderer.renderShot(project, shotId, projectDir, mode, progress, ctx.cancel);
    if (!slot->result.ok) return engine::JobOutcome{false, slot->result.error.toStdString()};
    slot->firstFrame = QImage(firstFramePath(projectDir, slot->result.take.frames));  // not on the UI thread
    ctx.reportProgress(1.0);
    return engine::JobOutcome{true, {}};
  };
  const QString title = (mode == render::RenderMode::Final ? tr("Final render of %1") : tr("Draft render of %1"))
                            .arg(shotId);
  engine::JobId id = 0;
  {
    std::lock_guard<std::mutex> lock(slot->mutex);  // the job waits for its id
    id = m_queue->submit(title, priority, fn);
    slot->id = id;
  }
  m_jobs[id] = JobRecord{shotId, mode, priority, slot};
  return id;
}

}  // namespace shotcraft::ui
