#include "core/media/BeatSnap.h"

#include <algorithm>
#include <cmath>

namespace shotcraft::media {

namespace {

double medianInterval(const std::vector<double>& beats) {
  std::vector<double> d;
  for (size_t i = 1; i < beats.size(); ++i) d.push_back(beats[i] - beats[i - 1]);
  if (d.empty()) return 0.0;
  std::nth_element(d.begin(), d.begin() + long(d.size() / 2), d.end());
  return d[d.size() / 2];
}

}  // namespace

SnapResult snapCutsToBeats(const model::Project& project, const SnapOptions& options) {
  SnapResult result;
  std::vector<const model::Shot*> shots;
  for (const model::Act& act : project.acts()) {
    for (const model::Shot& s : act.shots) shots.push_back(&s);
  }
  std::vector<double> cuts;  // original cut times: the end of each shot
  double t = 0.0;
  for (const model::Shot* s : shots) {
    t += s->duration_s;
    cuts.push_back(t);
  }
  result.total_before_s = t;
  const std::vector<double>& beats = project.beats_s();
  double tolerance = std::max(0.0, options.tolerance_s);
  if (const double interval = medianInterval(beats); interval > 0.0) tolerance = std::min(tolerance, 0.5 * interval);

  std::vector<double> snapped = cuts;
  double previous = 0.0;  // the new time of the cut before
  for (size_t k = 0; k < cuts.size(); ++k) {
    const bool last = k + 1 == cuts.size();
    if (last && !options.snap_end) break;
    ++result.cuts;
    if (beats.empty()) {
      previous = snapped[k];
      continue;
    }
    const auto it = std::lower_bound(beats.begin(), beats.end(), cuts[k]);
    double best = -1.0;
    for (auto cand : {it, it == beats.begin() ? beats.end() : it - 1}) {
      if (cand == beats.end()) continue;
      if (best < 0.0 || std::abs(*cand - cuts[k]) < std::abs(best - cuts[k])) best = *cand;
    }
    const bool near = best >= 0.0 && std::abs(best - cuts[k]) <= tolerance + 1e-9;
    const bool roomBefore = best - previous >= options.min_shot_s - 1e-9;
    const bool roomAfter = last || cuts[k + 1] - best >= options.min_shot_s - 1e-9;
    if (near && roomBefore && roomAfter) {
      snapped[k] = best;
      ++result.snapped;
    }
    previous = snapped[k];
  }
  previous = 0.0;
  for (size_t k = 0; k < shots.size(); ++k) {
    result.durations.push_back({shots[k]->id, snapped[k] - previous});
    previous = snapped[k];
  }
  result.total_after_s = previous;
  return result;
}

model::Project withDurations(const model::Project& project, const SnapResult& result) {
  model::Project out = project;
  for (const ShotDuration& d : result.durations) {
    const model::Shot* shot = out.findShot(d.shot_id);
    if (shot && std::abs(shot->duration_s - d.duration_s) > 1e-9) out.requestSetShotDuration(d.shot_id, d.duration_s);
  }
  return out;
}

}  // namespace shotcraft::media
