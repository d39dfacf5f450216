#include "ui/RenderController.h"

#include <QSettings>
#include <algorithm>

#include "core/cli/EngineOptionsCli.h"
#include "core/engine/EngineRegistry.h"
#include "core/model/ProjectIo.h"
#include "ui/ProjectDocument.h"
#include "ui/RenderController_Worker.h"
#include "ui/StudioSettings.h"

namespace shotcraft::ui {

RenderController::RenderController(ProjectDocument* document, engine::EngineRegistry* registry, QObject* parent)
    : QObject(parent), m_document(document), m_worker(std::make_shared<Worker>()) {
  qRegisterMetaType<shotcraft::ui::RenderStep>("shotcraft::ui::RenderStep");
  if (registry == nullptr) {
    m_ownRegistry = std::make_unique<engine::EngineRegistry>();
    registry = m_ownRegistry.get();
  }
  m_registry = registry;
  m_worker->registry = registry;
  m_worker->loaded = [this](const QString& dir, double seconds) { emit engineLoaded(dir, seconds); };
  m_queue = std::make_unique<engine::JobQueue>();
  connect(m_queue.get(), &engine::JobQueue::finished, this, &RenderController::onFinished);
  connect(m_document, &ProjectDocument::projectReset, this, [this] {
    m_failedByShot.clear();
    m_thumbnails.clear();
    m_scaledThumbnails.clear();
  });
}

RenderController::~RenderController() {
  m_queue->cancelAll();
  m_queue.reset();  // joins the worker while the engine and the registry still exist
}

QString RenderController::modelDir() {
  const QString chosen = QSettings().value(QLatin1String(kModelDirKey)).toString();
  return chosen.isEmpty() ? cli::defaultModelDir() : chosen;
}

engine::EngineOptions RenderController::engineOptions() {
  engine::EngineOptions options = StudioSettings::load().engineOptions();
  options.model_dir = modelDir().toStdString();
  return options;
}

QString RenderController::shotOf(engine::JobId id) const {
  auto it = m_jobs.find(id);
  return it == m_jobs.end() ? QString() : it->second.shotId;
}

bool RenderController::regenerate(const QString& shotId, render::RenderMode mode, QString* error,
                                  engine::JobId* id, engine::JobPriority priority) {
  auto fail = [&](const QString& why) {
    if (error != nullptr) *error = why;
    return false;
  };
  if (m_document->filePath().isEmpty()) {
    return fail(tr("Save the project first: rendered takes are stored in its folder."));
  }
  if (m_document->project().findShot(shotId) == nullptr) return fail(tr("There is no shot %1.").arg(shotId));
  const engine::JobId newId =
      submit(shotId, mode, model::ProjectIo::projectFolder(m_document->filePath()), priority);
  m_activeByShot[shotId] = newId;
  m_failedByShot.remove(shotId);
  if (id != nullptr) *id = newId;
  emit renderStateChanged(shotId);
  return true;
}

bool RenderController::retry(engine::JobId id, QString* error, engine::JobId* newId) {
  auto it = m_jobs.find(id);
  if (it == m_jobs.end()) {
    if (error != nullptr) *error = tr("Job %1 is not a shot render.").arg(id);
    return false;
  }
  return regenerate(it->second.shotId, it->second.mode, error, newId, it->second.priority);
}

void RenderController::onFinished(engine::JobId id, engine::JobStatus status, const QString& error) {
  auto it = m_jobs.find(id);
  if (it == m_jobs.end()) return;
  const QString shotId = it->second.shotId;
  const bool latest = m_activeByShot.value(shotId) == id;
  if (latest) m_activeByShot.remove(shotId);
  if (status == engine::JobStatus::Completed) {
    rememberEngineInfo();
    const render::RenderResult& r = it->second.slot->result;
    if (!it->second.slot->firstFrame.isNull() && !m_document->filePath().isEmpty()) {
      const QString folder = model::ProjectIo::projectFolder(m_document->filePath());
      cacheImage(m_thumbnails, firstFramePath(folder, r.take.frames), it->second.slot->firstFrame);
      it->second.slot->firstFrame = QImage();
    }
    QString why;
    if (!m_document->applyTake(shotId, r.take, &why)) {
      if (latest) m_failedByShot[shotId] = true;
      emit renderFailed(id, shotId, why);
    } else {
      emit takeApplied(shotId, r.take.id);
    }
  } else if (status == engine::JobStatus::Failed) {
    if (latest) m_failedByShot[shotId] = true;
    emit renderFailed(id, shotId, error);
  }
  emit renderStateChanged(shotId);
}

// The cache key names the engine's model, which is only known once the engine was created: remember it with
// its folder so the next session can tell stale takes before its first render.
void RenderController::rememberEngineInfo() {
  QString dir;
  const std::optional<engine::EngineInfo> info = m_worker->engineInfo(&dir);
  if (!info) return;
  const QString name = QString::fromStdString(info->model_name);
  if (dir == m_rememberedModelDir && name == m_rememberedModelName) return;  // once per model, not per render
  QSettings settings;
  settings.setValue(QLatin1String(kKnownModelDirKey), dir);
  settings.setValue(QLatin1String(kKnownModelNameKey), name);
  m_rememberedModelDir = dir;
  m_rememberedModelName = name;
}

std::optional<engine::EngineInfo> RenderController::knownEngineInfo() const {
  QString dir;
  if (std::optional<engine::EngineInfo> info = m_worker->engineInfo(&dir); info && dir == modelDir()) return info;
  QSettings settings;
  if (settings.value(QLatin1String(kKnownModelDirKey)).toString() != modelDir()) return std::nullopt;
  engine::EngineInfo info;
  info.model_name = settings.value(QLatin1String(kKnownModelNameKey)).toString().toStdString();
  if (info.model_name.empty()) return std::nullopt;
  return info;
}

Freshness RenderController::freshness(const QString& shotId) const {
  if (m_activeByShot.contains(shotId)) return Freshness::Rendering;
  if (m_failedByShot.value(shotId)) return Freshness::Failed;
  const model::Shot* shot = m_document->project().findShot(shotId);
  if (shot == nullptr || shot->selectedTake() == nullptr) return Freshness::None;
  const std::optional<engine::EngineInfo> info = knownEngineInfo();
  if (!info || m_document->filePath().isEmpty()) return Freshness::Rendered;  // model never loaded: cannot tell
  InfoOnlyEngine describer(*info);
  render::ShotRenderer renderer(describer, renderSettingsFor(modelDir()));
  renderer.setFileHashCache(&m_fileHashes);
  const QString folder = model::ProjectIo::projectFolder(m_document->filePath());
  const QString hash = shot->selectedTake()->render_hash;
  for (render::RenderMode mode : {render::RenderMode::Draft, render::RenderMode::Final}) {
    QString why;
    const std::optional<QString> key = renderer.cacheKey(m_document->project(), shotId, folder, mode, &why);
    if (key && *key == hash) return Freshness::Rendered;
  }
  return Freshness::Stale;
}

QImage RenderController::thumbnail(const QString& shotId, const QSize& size) const {
  const model::Shot* shot = m_document->project().findShot(shotId);
  if (shot == nullptr || shot->selectedTake() == nullptr || m_document->filePath().isEmpty()) return {};
  const QString folder = model::ProjectIo::projectFolder(m_document->filePath());
  const QString path = firstFramePath(folder, shot->selectedTake()->frames);
  const QString scaledKey = QStringLiteral("%1|%2x%3").arg(path).arg(size.width()).arg(size.height());
  if (const QImage* scaled = m_scaledThumbnails.object(scaledKey)) return *scaled;
  const QImage* frame = m_thumbnails.object(path);
  if (frame == nullptr) {
    ++m_framesDecodedHere;
    frame = cacheImage(m_thumbnails, path, QImage(path));
  }
  if (frame == nullptr || frame->isNull()) return {};
  const QImage scaled = frame->scaled(size, Qt::KeepAspectRatio, Qt::SmoothTransformation);
  cacheImage(m_scaledThumbnails, scaledKey, scaled);
  return scaled;
}

// Inserts a copy of `image` costed by its size in KiB; returns the cached copy, or null when it did not fit.
const QImage* RenderController::cacheImage(QCache<QString, QImage>& cache, const QString& key, const QImage& image) {
  const int costKiB = int(std::max<qsizetype>(1, image.sizeInBytes() / 1024));
  return cache.insert(key, new QImage(image), costKiB) ? cache.object(key) : nullptr;
}

}  // namespace shotcraft::ui
