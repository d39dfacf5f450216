#pragma once
// ControlNet guidance of a shot: one slot per control kind (depth, canny edges, pose).
#include <QString>
#include <array>
#include <optional>

#include "core/engine/GenerationRequest.h"

namespace shotcraft::model {

using ControlKind = engine::ControlKind;
using ControlMode = engine::ControlMode;
inline constexpr int kControlKindCount = 3;

// What the slot's file is: a picture to extract the map from, or a ready map (depth, edges, skeleton).
enum class ControlSource { Image, Map };

// Where the slot's file comes from: its own `source` (a still image, or a folder of numbered images for an image
// sequence), or the same control of the shot before it in play order (resolveControls() in ControlResolve.h).
enum class ControlOrigin { File, PreviousShot };

struct ControlSlot {
  bool enabled = false;
  QString source;                              // path relative to the project's assets/ ("" = none)
  ControlSource source_kind = ControlSource::Image;
  double weight = 1.0;                         // 0..2
  double start = 0.0;                          // fraction of the schedule, 0..1, start <= end
  double end = 1.0;
  ControlOrigin origin = ControlOrigin::File;  // PreviousShot: `source` and `source_kind` are not used
  ControlMode mode = ControlMode::Auto;        // which guidance passes the control acts on (GenerationRequest.h)

  // Enabled, with its own file and a non-zero weight: the renderer should use it. A PreviousShot slot is never
  // active by itself; resolveControls() turns it into a File slot first.
  bool active() const {
    return enabled && origin == ControlOrigin::File && !source.isEmpty() && weight > 0.0;
  }
  bool operator==(const ControlSlot&) const = default;
};

class ControlSettings {
 public:
  const ControlSlot& slot(ControlKind kind) const { return m_slots[index(kind)]; }
  void setSlot(ControlKind kind, const ControlSlot& slot) { m_slots[index(kind)] = slot; }

  // "" when valid, else "<kind>.<field>: reason" (weight 0..2, 0 <= start <= end <= 1, safe relative source,
  // an enabled File slot needs a source).
  QString validate() const;
  static QString validateSlot(const ControlSlot& slot);
  int activeCount() const;

  // JSON names: "depth", "canny", "pose" / "image", "map" / "file", "previous_shot".
  static QString kindName(ControlKind kind);
  static std::optional<ControlKind> kindFromName(const QString& name);
  static QString sourceName(ControlSource source);
  static std::optional<ControlSource> sourceFromName(const QString& name);
  static QString originName(ControlOrigin origin);
  static std::optional<ControlOrigin> originFromName(const QString& name);

  bool operator==(const ControlSettings&) const = default;

 private:
  static size_t index(ControlKind kind) { return static_cast<size_t>(kind); }
  std::array<ControlSlot, kControlKindCount> m_slots{};
};

}  // namespace shotcraft::model
