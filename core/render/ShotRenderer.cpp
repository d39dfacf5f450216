#include "core/render/ShotRenderer.h"

#include <QDir>
#include <exception>
#include <opencv2/core.hpp>

#include "core/model/ControlResolve.h"
#include "core/model/Project.h"
#include "core/render/ShotJob.h"

namespace shotcraft::render {

namespace {

// The take for a finished (or cached) render: the shot's existing take with the same hash, else a new one.
model::Take takeFor(const model::Shot& shot, const TakeInfo& info, bool* inShot) {
  for (const model::Take& t : shot.takes) {
    if (t.render_hash == info.hash) {
      *inShot = true;
      model::Take existing = t;
      existing.flicker = info.flicker;
      return existing;
    }
  }
  *inShot = false;
  model::Take take;
  take.id = shot.nextTakeId();
  take.created = info.created.isValid() ? info.created.toUTC() : QDateTime::currentDateTimeUtc();
  take.render_hash = info.hash;
  take.frames = info.hash;
  take.flicker = info.flicker;
  return take;
}

}  // namespace

ShotRenderer::ShotRenderer(engine::IEngine& engine, RenderSettings settings)
    : m_engine(engine), m_settings(std::move(settings)) {}

std::vector<int> ShotRenderer::keyframeIndices(int frameCount, int cadence) {
  std::vector<int> out;
  if (frameCount < 1) return out;
  cadence = std::max(1, cadence);
  for (int i = 0; i < frameCount; i += cadence) out.push_back(i);
  if (out.back() != frameCount - 1) out.push_back(frameCount - 1);
  return out;
}

std::optional<QString> ShotRenderer::cacheKey(const model::Project& project, const QString& shotId,
                                              const QString& projectDir, RenderMode mode, QString* error) {
  const model::Shot* shot = project.findShot(shotId);
  if (!shot) {
    *error = QStringLiteral("shot '%1' not found").arg(shotId);
    return std::nullopt;
  }
  const ProgressFn none;
  model::Shot resolved = *shot;  // "from previous shot" controls take the earlier shot's file
  resolved.controls = model::resolveControls(project, shotId);
  ShotJob job(m_engine, m_settings, resolved, projectDir, none, engine::CancelToken());
  job.setFileHashCache(m_hashes);
  if (!job.prepare(error)) return std::nullopt;
  return job.hash(mode);
}

RenderResult ShotRenderer::renderShot(const model::Project& project, const QString& shotId, const QString& projectDir,
                                      RenderMode mode, const ProgressFn& progress, const engine::CancelToken& cancel) {
  RenderResult r;
  const model::Shot* shot = project.findShot(shotId);
  if (!shot) {
    r.error = QStringLiteral("shot '%1' not found").arg(shotId);
    return r;
  }
  const QString prefix = QStringLiteral("shot %1: ").arg(shotId);
  if (QString why = m_settings.validate(); !why.isEmpty()) {
    r.error = prefix + QStringLiteral("render settings: ") + why;
    return r;
  }
  if (QString why = shot->validate(); !why.isEmpty()) {
    r.error = prefix + why;
    return r;
  }
  model::Shot resolved = *shot;  // "from previous shot" controls take the earlier shot's file
  resolved.controls = model::resolveControls(project, shotId);
  try {
    ShotJob job(m_engine, m_settings, resolved, projectDir, progress, cancel);
    job.setFileHashCache(m_hashes);
    QString error;
    if (!job.prepare(&error)) {
      r.error = prefix + error;
      return r;
    }
    const TakeStore store(projectDir);
    TakeInfo info;
    const QString hash = job.hash(mode);
    if (store.find(hash, &info) && info.frames == job.frameCount()) {
      r.framesFromCache = info.frames;
      if (progress) {
        RenderProgress rp;
        rp.stage = RenderProgress::Stage::Cached;
        rp.frames_done = info.frames;
        rp.frames_total = info.frames;
        progress(rp);
      }
    } else {
      int drawn = 0;
      bool cancelled = false;
      if (!job.render(mode, &info, &drawn, &error, &cancelled)) {
        r.cancelled = cancelled;
        r.engine_calls = drawn;
        r.error = cancelled ? prefix + QStringLiteral("cancelled") : prefix + error;
        return r;
      }
      r.framesRendered = info.frames;
      r.engine_calls = drawn;
      r.keyframes = int(job.keyframeIndices().size());
    }
    r.take = takeFor(*shot, info, &r.take_in_shot);
    r.take_dir = QDir(store.takeDir(hash)).absolutePath();
    r.flicker = info.flicker;
    r.flicker_warning = info.flicker > kFlickerWarningThreshold;
    r.ok = true;
  } catch (const cv::Exception& e) {
    r.error = prefix + QStringLiteral("OpenCV: ") + QString::fromStdString(e.what()).simplified();
  } catch (const std::exception& e) {
    r.error = prefix + QString::fromStdString(e.what()).simplified();
  }
  return r;
}

}  // namespace shotcraft::render
