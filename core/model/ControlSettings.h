#pragma once
// ControlNet guidance of a shot: one slot per control kind (depth, canny edges, pose).
#include <QString>
#include <array>
#include <optional>

#include "core/engine/GenerationRequest.h"

namespace shotcraft::model {

using ControlKind = engine::ControlKind;
inline constexpr int kControlKindCount = 3;

// What the slot's file is: a picture to extract the map from, or a ready map (depth, edges, skeleton).
enum class ControlSource { Image, Map };

struct ControlSlot {
  bool enabled = false;
  QString source;                              // path relative to the project's assets/ ("" = none)
  ControlSource source_kind = ControlSource::Image;
  double weight = 1.0;                         // 0..2
  double start = 0.0;                          // fraction of the schedule, 0..1, start <= end
  double end = 1.0;

  // Enabled, with a file and a non-zero weight: the renderer should use it.
  bool active() const { return enabled && !source.isEmpty() && weight > 0.0; }
  bool operator==(const ControlSlot&) const = default;
};

class ControlSettings {
 public:
  const ControlSlot& slot(ControlKind kind) const { return m_slots[index(kind)]; }
  void setSlot(ControlKind kind, const ControlSlot& slot) { m_slots[index(kind)] = slot; }

  // "" when valid, else "<kind>.<field>: reason" (weight 0..2, 0 <= start <= end <= 1, safe relative source,
  // an enabled slot needs a source).
  QString validate() const;
  static QString validateSlot(const ControlSlot& slot);
  int activeCount() const;

  // JSON names: "depth", "canny", "pose" / "image", "map".
  static QString kindName(ControlKind kind);
  static std::optional<ControlKind> kindFromName(const QString& name);
  static QString sourceName(ControlSource source);
  static std::optional<ControlSource> sourceFromName(const QString& name);

  bool operator==(const ControlSettings&) const = default;

 private:
  static size_t index(ControlKind kind) { return static_cast<size_t>(kind); }
  std::array<ControlSlot, kControlKindCount> m_slots{};
};

}  // namespace shotcraft::model
