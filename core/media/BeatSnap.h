#pragma once
// "Snap cuts to beats": new shot durations that move each cut onto the nearest beat marker within a tolerance.
// A pure function of the project, so the UI can apply the result as one undoable edit.
#include <QString>
#include <vector>

#include "core/model/Project.h"

namespace shotcraft::media {

struct SnapOptions {
  double tolerance_s = 0.25;  // a cut moves only to a beat this close; capped at half the median beat interval
  double min_shot_s = 0.25;   // no shot is made shorter than this (a shot already shorter keeps its cuts)
  bool snap_end = true;       // also move the end of the last shot, so the cut ends on a beat
};

struct ShotDuration {
  QString shot_id;
  double duration_s = 0.0;
  bool operator==(const ShotDuration&) const = default;
};

struct SnapResult {
  std::vector<ShotDuration> durations;  // every shot in play order, changed or not
  int cuts = 0;                         // cut points considered (shots, counting the end when snap_end)
  int snapped = 0;                      // of those, moved onto a beat (or already on one)
  double total_before_s = 0.0;
  double total_after_s = 0.0;           // differs by at most the tolerance, so by less than one beat
};

// Cut k is the end of shot k in play order. Cuts are taken in order; each goes to the nearest beat within the
// tolerance when that keeps the shot before it and the shot after it (at its original cut) at least min_shot_s.
SnapResult snapCutsToBeats(const model::Project& project, const SnapOptions& options = {});

// `project` with the result's durations applied (shots the result does not name are unchanged).
model::Project withDurations(const model::Project& project, const SnapResult& result);

}  // namespace shotcraft::media
