#pragma once
// The storyboard: brief, render defaults, three acts of shots, beat markers and an optional audio track.
//
// Project is a plain copyable value. Reads go through const accessors; every edit goes through a
// request method that returns false with a one-line reason (naming the field) and leaves the project
// untouched when the edit is not valid, so a UI can wrap each successful request in an undo command.
#include <QString>
#include <QStringList>
#include <array>
#include <optional>
#include <vector>

#include "core/model/Act.h"
#include "core/model/AudioTrack.h"
#include "core/model/Brief.h"
#include "core/model/RenderDefaults.h"
#include "core/model/Shot.h"

namespace shotcraft::model {

struct ShotLocation {
  int act = 0;  // 0..2
  int row = 0;  // index within the act
  bool operator==(const ShotLocation&) const = default;
};

class Project {
 public:
  static constexpr int kSchemaVersion = 1;
  static constexpr int kActCount = 3;

  Project();  // no shots; acts titled "Setup", "Confrontation", "Resolution"

  // --- reads
  const QString& name() const { return m_name; }
  const Brief& brief() const { return m_brief; }
  const RenderDefaults& defaults() const { return m_defaults; }
  const std::array<Act, kActCount>& acts() const { return m_acts; }
  const Act& act(int index) const;  // index is clamped to 0..2
  const std::vector<double>& beats_s() const { return m_beats_s; }
  const std::optional<AudioTrack>& audio() const { return m_audio; }

  int shotCount() const;
  double totalDuration_s() const;
  std::optional<ShotLocation> locate(const QString& shotId) const;
  const Shot* findShot(const QString& shotId) const;  // nullptr when absent
  const Shot* shotAt(ShotLocation where) const;       // nullptr when out of range
  QStringList shotIds() const;                        // play order: act 0 first
  std::optional<double> shotStart_s(const QString& shotId) const;  // start time in the animatic

  // "3 acts, 10 shots, 45.0 s"
  QString summary() const;

  QString newShotId() const;  // "s01", "s02", ...: one past the largest "sNN" in use
  Shot makeShot() const;      // a shot with the project defaults and newShotId()

  // "" when the whole project is valid, else "path: reason", e.g. "acts[1].shots[3].duration: must be > 0".
  QString validate() const;

  // --- edits (error may be nullptr)
  bool requestSetName(const QString& name, QString* error = nullptr);
  bool requestSetBrief(const Brief& brief, QString* error = nullptr);
  bool requestSetDefaults(const RenderDefaults& defaults, QString* error = nullptr);
  bool requestSetActTitle(int act, const QString& title, QString* error = nullptr);
  bool requestSetBeats(std::vector<double> beats_s, QString* error = nullptr);  // sorted on the way in
  bool requestSetAudio(const std::optional<AudioTrack>& audio, QString* error = nullptr);

  // Inserts at (act, row), row in 0..act size. An empty shot id gets newShotId(); the id used goes to *newId.
  bool requestInsertShot(int act, int row, Shot shot, QString* error = nullptr, QString* newId = nullptr);
  bool requestRemoveShot(const QString& shotId, QString* error = nullptr, Shot* removed = nullptr);
  // Moves to (act, row) where row indexes the destination act after the shot was taken out of its place.
  bool requestMoveShot(const QString& shotId, int act, int row, QString* error = nullptr);
  // Copy placed right after the original, with a new id and no takes.
  bool requestDuplicateShot(const QString& shotId, QString* error = nullptr, QString* newId = nullptr);
  // Splits at at_s (0 < at_s < duration): the original keeps [0, at_s) and its takes, a new shot right
  // after it gets [at_s, duration), no takes, and the camera path re-timed (CameraPath::sliced).
  bool requestSplitShot(const QString& shotId, double at_s, QString* error = nullptr, QString* newId = nullptr);

  // Replaces the shot that has shot.id (any field except its place).
  bool requestUpdateShot(const Shot& shot, QString* error = nullptr);
  bool requestSetShotTitle(const QString& shotId, const QString& title, QString* error = nullptr);
  bool requestSetShotPrompt(const QString& shotId, const QString& prompt, QString* error = nullptr);
  bool requestSetShotNegativePrompt(const QString& shotId, const QString& negative, QString* error = nullptr);
  bool requestSetShotNotes(const QString& shotId, const QString& notes, QString* error = nullptr);
  bool requestSetShotDialogue(const QString& shotId, const QString& dialogue, QString* error = nullptr);
  bool requestSetShotDuration(const QString& shotId, double duration_s, QString* error = nullptr);
  bool requestSetShotFps(const QString& shotId, int fps, QString* error = nullptr);
  // Frames per engine keyframe for this shot; 0 = the render's default cadence.
  bool requestSetShotCadence(const QString& shotId, int cadenceFrames, QString* error = nullptr);
  bool requestSetShotSize(const QString& shotId, AspectRatio aspect, int width, int height,
                          QString* error = nullptr);
  bool requestSetShotSeed(const QString& shotId, uint64_t seed, QString* error = nullptr);
  bool requestSetShotSampler(const QString& shotId, const QString& sampler, int steps, double cfg_scale,
                             QString* error = nullptr);
  bool requestSetControl(const QString& shotId, ControlKind kind, const ControlSlot& slot,
                         QString* error = nullptr);
  bool requestSetCameraPath(const QString& shotId, const CameraPath& path, QString* error = nullptr);
  bool requestAddTake(const QString& shotId, const Take& take, QString* error = nullptr);
  bool requestRemoveTake(const QString& shotId, const QString& takeId, QString* error = nullptr);
  bool requestSelectTake(const QString& shotId, const QString& takeId, QString* error = nullptr);  // "" clears

  bool operator==(const Project&) const = default;

 private:
  friend class ProjectJson;  // fills the fields when loading, then calls validate()

  Shot* mutableShot(const QString& shotId);
  template <typename Change>
  bool editShot(const QString& shotId, Change&& change, QString* error);
  bool checkNewShot(const Shot& shot, QString* error) const;

  QString m_name = QStringLiteral("Untitled");
  Brief m_brief;
  RenderDefaults m_defaults;
  std::array<Act, kActCount> m_acts;
  std::vector<double> m_beats_s;
  std::optional<AudioTrack> m_audio;
};

}  // namespace shotcraft::model
