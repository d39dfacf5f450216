#include "core/render/ShotJob.h"

#include <QDateTime>
#include <opencv2/imgproc.hpp>

#include "core/render/CameraWarp.h"
#include "core/render/MatImage.h"
#include "core/render/RenderHash.h"
#include "core/render/TemporalConsistency.h"

namespace shotcraft::render {

ShotJob::ShotJob(engine::IEngine& engine, const RenderSettings& settings, const model::Shot& shot,
                 const QString& projectDir, const ProgressFn& progress, const engine::CancelToken& cancel)
    : m_engine(engine),
      m_settings(settings.forShot(shot)),
      m_shot(shot),
      m_projectDir(projectDir),
      m_progress(progress),
      m_cancel(cancel),
      m_store(projectDir),
      m_flow(settings.flow_preset) {}

bool ShotJob::prepare(QString* error) {
  std::string e;
  if (!m_controls.load(m_shot, m_projectDir, &e, m_hashes)) {
    *error = QString::fromStdString(e);
    return false;
  }
  m_engineInfo = m_engine.info();
  m_frameCount = m_shot.frameCount();
  m_keyIndex = ShotRenderer::keyframeIndices(m_frameCount, m_settings.cadence_frames);
  return true;
}

QJsonObject ShotJob::inputs(RenderMode mode) const {
  return renderInputs(m_shot, mode, m_settings, m_engineInfo, m_controls);
}

QString ShotJob::hash(RenderMode mode) const { return renderHash(inputs(mode)); }

uint64_t ShotJob::seedOf(int k) const {
  return m_settings.seed_schedule == SeedSchedule::Increment ? m_shot.seed + uint64_t(k) : m_shot.seed;
}

bool ShotJob::checkCancel(QString* error) {
  if (!m_cancel.isCancelled() && !m_engineCancelled) return true;
  *error = QStringLiteral("cancelled");
  return false;
}

bool ShotJob::generate(int k, int frame, FrameSize size, int steps, const cv::Mat& init, double strength,
                       cv::Mat* out, QString* error) {
  if (!checkCancel(error)) return false;
  engine::GenerationRequest req;
  req.prompt = m_shot.prompt.toStdString();
  req.negative_prompt = m_shot.negative_prompt.toStdString();
  req.width = size.width;
  req.height = size.height;
  req.steps = steps;
  req.cfg_scale = float(m_shot.cfg_scale);
  req.sampler = m_shot.sampler.toStdString();
  req.seed = seedOf(k);
  req.preview_every_step = false;
  if (!init.empty()) {
    req.init_image = fromMat(init);
    req.strength = float(strength);
  }
  std::string e;
  if (!m_controls.controlsAt(frame, size.width, size.height, &req.controls, &e)) {
    *error = QString::fromStdString(e);
    return false;
  }
  const int keyCount = int(m_keyIndex.size());
  auto onStep = [&](const engine::Progress& p) {
    if (!m_progress) return;
    RenderProgress rp;
    rp.stage = RenderProgress::Stage::EngineStep;
    rp.frames_done = m_framesDone;
    rp.frames_total = m_frameCount;
    rp.keyframe_index = k;
    rp.keyframe_count = keyCount;
    rp.step = p.step;
    rp.steps = p.total;
    m_progress(rp);
  };
  const engine::GenerationResult result = m_engine.generate(req, onStep, m_cancel);
  ++m_drawn;
  if (result.cancelled || m_cancel.isCancelled()) {
    m_engineCancelled = true;
    *error = QStringLiteral("cancelled");
    return false;
  }
  if (!result.ok || result.image.empty()) {
    *error = QStringLiteral("keyframe %1 (frame %2): %3")
                 .arg(k)
                 .arg(frame + 1)
                 .arg(result.error.empty() ? QStringLiteral("the engine returned no image")
                                           : QString::fromStdString(result.error));
    return false;
  }
  *out = toRgbSized(result.image, size.width, size.height);
  return true;
}

bool ShotJob::draftKeyframe(int k, cv::Mat* out, QString* error) {
  const int frame = m_keyIndex[size_t(k)];
  if (m_haveDraftTake) {
    cv::Mat m = m_store.readFrame(m_draftHash, frame);
    if (m.cols == m_draftSize.width && m.rows == m_draftSize.height) {
      *out = m;
      if (k == 0) m_draftReference = labStats(m);
      m_prevDraftKey = m;
      return true;
    }
    m_haveDraftTake = false;  // unreadable: draw the chain instead, from here on
    if (k > 0) {
      cv::Mat prev = m_store.readFrame(m_draftHash, m_keyIndex[size_t(k - 1)]);
      if (prev.cols != m_draftSize.width || prev.rows != m_draftSize.height) {
        *error = QStringLiteral("draft take %1 has an unreadable keyframe").arg(m_draftHash);
        return false;
      }
      m_prevDraftKey = prev;
    }
  }
  const int steps = renderSteps(m_shot, RenderMode::Draft, m_settings);
  cv::Mat key;
  if (k == 0) {
    if (!generate(0, frame, m_draftSize, steps, cv::Mat(), 1.0, &key, error)) return false;
    m_draftReference = labStats(key);
  } else {
    const int prevFrame = m_keyIndex[size_t(k - 1)];
    cv::Mat depth;
    std::string e;
    if (!m_controls.depthAt(frame, m_draftSize.width, m_draftSize.height, &depth, &e)) {
      *error = QString::fromStdString(e);
      return false;
    }
    const cv::Mat init = warpView(m_prevDraftKey, cameraAtFrame(m_shot.camera, prevFrame, m_shot.fps),
                                  cameraAtFrame(m_shot.camera, frame, m_shot.fps), depth, m_settings.parallax_gain);
    if (!generate(k, frame, m_draftSize, steps, init, m_settings.keyframe_strength, &key, error)) return false;
    if (m_settings.colour_coherence) key = matchColour(key, m_draftReference);
  }
  m_prevDraftKey = key;
  *out = key;
  return true;
}

bool ShotJob::hiresKeyframe(int k, const cv::Mat& draft, cv::Mat* out, QString* error) {
  cv::Mat up;
  cv::resize(draft, up, cv::Size(m_size.width, m_size.height), 0, 0, cv::INTER_CUBIC);
  const int frame = m_keyIndex[size_t(k)];
  cv::Mat key;
  if (!generate(k, frame, m_size, renderSteps(m_shot, RenderMode::Final, m_settings), up, m_settings.hires_strength,
                &key, error)) {
    return false;
  }
  if (k == 0) m_finalReference = labStats(key);
  else if (m_settings.colour_coherence) key = matchColour(key, m_finalReference);
  *out = key;
  return true;
}

bool ShotJob::emitFrame(int frame, const cv::Mat& rgb, bool keyframe, QString* error) {
  if (!m_store.writeFrame(m_hash, frame, rgb, error)) return false;
  if (!m_prevFrame.empty()) {
    m_flickerSum += pairError(m_prevFrame, rgb, m_flow);
    ++m_flickerPairs;
  }
  m_prevFrame = rgb;
  ++m_framesDone;
  if (m_progress) {
    RenderProgress rp;
    rp.stage = RenderProgress::Stage::Frame;
    rp.frames_done = m_framesDone;
    rp.frames_total = m_frameCount;
    rp.frame = frame + 1;
    rp.keyframe = keyframe;
    rp.keyframe_count = int(m_keyIndex.size());
    m_progress(rp);
  }
  return true;
}

bool ShotJob::inbetweens(int k, const cv::Mat& a, const cv::Mat& b, QString* error) {
  const int fa = m_keyIndex[size_t(k - 1)];
  const int fb = m_keyIndex[size_t(k)];
  if (fb - fa < 2) return true;
  const bool ebsynth = m_settings.inbetween == InbetweenMethod::EbSynth && m_controls.hasSequence();
  cv::Mat flowAB, flowBA, ca, cb;
  std::string e;
  if (ebsynth) {
    if (!m_controls.sequenceFrameAt(fa, m_size.width, m_size.height, &ca, &e) ||
        !m_controls.sequenceFrameAt(fb, m_size.width, m_size.height, &cb, &e)) {
      *error = QString::fromStdString(e);
      return false;
    }
    ca = ca.clone();
    cb = cb.clone();
  } else {
    flowAB = m_flow.flow(a, b);
    flowBA = m_flow.flow(b, a);
  }
  for (int j = fa + 1; j < fb; ++j) {
    if (!checkCancel(error)) return false;
    const double t = double(j - fa) / double(fb - fa);
    cv::Mat frame;
    if (ebsynth) {
      cv::Mat cj;
      if (!m_controls.sequenceFrameAt(j, m_size.width, m_size.height, &cj, &e)) {
        *error = QString::fromStdString(e);
        return false;
      }
      frame = FlowInterpolator::propagate(a, b, m_flow.flow(cj, ca), m_flow.flow(cj, cb), t);
    } else {
      frame = FlowInterpolator::interpolate(a, b, flowAB, flowBA, t);
    }
    if (!emitFrame(j, frame, false, error)) return false;
  }
  return true;
}

bool ShotJob::render(RenderMode mode, TakeInfo* info, int* keyframesDrawn, QString* error, bool* cancelled) {
  m_mode = mode;
  m_hash = hash(mode);
  m_draftSize = renderSize(m_shot, RenderMode::Draft);
  m_size = renderSize(m_shot, mode);
  m_haveDraftTake = false;
  if (mode == RenderMode::Final) {
    m_draftHash = hash(RenderMode::Draft);
    TakeInfo draft;
    m_haveDraftTake = m_store.find(m_draftHash, &draft) && draft.frames == m_frameCount &&
                      draft.width == m_draftSize.width && draft.height == m_draftSize.height;
  }
  if (!m_store.beginPartial(m_hash, error)) return false;
  bool ok = true;
  try {
    cv::Mat prevKey;
    for (int k = 0; ok && k < int(m_keyIndex.size()); ++k) {
      cv::Mat draft, key;
      ok = draftKeyframe(k, &draft, error);
      if (ok && mode == RenderMode::Final) ok = hiresKeyframe(k, draft, &key, error);
      else key = draft;
      if (ok && k > 0) ok = inbetweens(k, prevKey, key, error);
      if (ok) ok = emitFrame(m_keyIndex[size_t(k)], key, true, error);
      prevKey = key;
    }
  } catch (const cv::Exception& e) {
    *error = QStringLiteral("OpenCV: ") + QString::fromStdString(e.what()).simplified();
    ok = false;
  } catch (const std::exception& e) {
    *error = QString::fromStdString(e.what()).simplified();
    ok = false;
  }
  if (ok) ok = checkCancel(error);
  if (ok) {
    info->hash = m_hash;
    info->frames = m_frameCount;
    info->fps = m_shot.fps;
    info->width = m_size.width;
    info->height = m_size.height;
    info->flicker = m_flickerPairs > 0 ? m_flickerSum / m_flickerPairs : 0.0;
    info->flicker_warning = info->flicker > kFlickerWarningThreshold;
    info->created = QDateTime::currentDateTimeUtc();
    info->mode = renderModeName(mode);
    info->settings = m_settings.toJson();
    info->inputs = inputs(mode);
    info->keyframes = m_keyIndex;
    ok = m_store.commit(*info, error);
  }
  *keyframesDrawn = m_drawn;
  if (!ok) {
    m_store.abandon(m_hash);
    *cancelled = m_cancel.isCancelled() || m_engineCancelled;
  }
  return ok;
}

}  // namespace shotcraft::render
