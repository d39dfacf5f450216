#include "core/render/RenderSettings.h"

#include <algorithm>
#include <cmath>

#include "core/model/Shot.h"

namespace shotcraft::render {

namespace {

int roundTo8(double v) { return std::max(8, int(std::lround(v / 8.0)) * 8); }

QString inbetweenName(InbetweenMethod m) {
  return m == InbetweenMethod::EbSynth ? QStringLiteral("ebsynth") : QStringLiteral("flow-blend");
}

}  // namespace

QString RenderSettings::validate() const {
  if (cadence_frames < 1 || cadence_frames > 240) return QStringLiteral("cadence_frames: must be in 1..240");
  if (!(keyframe_strength >= 0.0 && keyframe_strength <= 1.0)) {
    return QStringLiteral("keyframe_strength: must be in 0..1");
  }
  if (!(parallax_gain >= 0.0 && parallax_gain <= 1.9)) return QStringLiteral("parallax_gain: must be in 0..1.9");
  if (!(hires_strength >= 0.0 && hires_strength <= 1.0)) return QStringLiteral("hires_strength: must be in 0..1");
  if (draft_max_steps < 1 || draft_max_steps > 200) return QStringLiteral("draft_max_steps: must be in 1..200");
  return {};
}

RenderSettings RenderSettings::forShot(const model::Shot& shot) const {
  RenderSettings s = *this;
  if (shot.cadence_frames > 0) s.cadence_frames = shot.cadence_frames;
  return s;
}

QJsonObject RenderSettings::toJson() const {
  QJsonObject o;
  o.insert(QStringLiteral("cadence_frames"), cadence_frames);
  o.insert(QStringLiteral("keyframe_strength"), keyframe_strength);
  o.insert(QStringLiteral("seed_schedule"),
           seed_schedule == SeedSchedule::Increment ? QStringLiteral("increment") : QStringLiteral("fixed"));
  o.insert(QStringLiteral("colour_coherence"), colour_coherence);
  o.insert(QStringLiteral("inbetween"), inbetweenName(inbetween));
  o.insert(QStringLiteral("flow_preset"),
           flow_preset == FlowPreset::Fast ? QStringLiteral("fast") : QStringLiteral("medium"));
  o.insert(QStringLiteral("parallax_gain"), parallax_gain);
  o.insert(QStringLiteral("hires_strength"), hires_strength);
  o.insert(QStringLiteral("draft_max_steps"), draft_max_steps);
  o.insert(QStringLiteral("model_id"), model_id);
  return o;
}

FrameSize draftSize(int width, int height) {
  if (width <= 0 || height <= 0) return {width, height};
  const double longSide = std::max(width, height);
  const double shortSide = std::min(width, height);
  double scale = 0.5;
  scale = std::max(scale, 128.0 / longSide);
  scale = std::max(scale, 64.0 / shortSide);
  if (scale >= 1.0) return {width, height};
  FrameSize s{roundTo8(width * scale), roundTo8(height * scale)};
  s.width = std::min(s.width, width);
  s.height = std::min(s.height, height);
  return s;
}

int draftSteps(int steps, int maxSteps) { return std::max(1, std::min(steps, maxSteps)); }

FrameSize renderSize(const model::Shot& shot, RenderMode mode) {
  return mode == RenderMode::Draft ? draftSize(shot.width, shot.height) : FrameSize{shot.width, shot.height};
}

int renderSteps(const model::Shot& shot, RenderMode mode, const RenderSettings& settings) {
  return mode == RenderMode::Draft ? draftSteps(shot.steps, settings.draft_max_steps) : std::max(1, shot.steps);
}

QString renderModeName(RenderMode mode) {
  return mode == RenderMode::Draft ? QStringLiteral("draft") : QStringLiteral("final");
}

}  // namespace shotcraft::render
