#pragma once
// A shot's camera move: keyframes over the shot's time, one value per channel, cubic Bezier per segment.
//
// Between keyframes k0 (time t0, value v0) and k1 (t1, v1) a channel follows
//   value(t) = B(ease(k0.easing, u)),  u = (t - t0) / (t1 - t0),
// where B is the cubic Bezier with control values P0 = v0, P1 = v0 + out0, P2 = v1 + in1, P3 = v1.
// out0 is k0's outgoing handle and in1 is k1's incoming handle (value offsets from the key's value);
// an absent handle is "automatic": out0 = (v1 - v0) / 3 and in1 = -(v1 - v0) / 3, which makes B linear,
// so automatic handles with Linear easing give plain linear interpolation.
// Before the first keyframe the first key's value holds; after the last, the last key's value holds;
// an empty path is the identity camera (channelDefault()).
#include <QString>
#include <array>
#include <optional>
#include <vector>

#include "core/model/Easing.h"

namespace shotcraft::model {

enum class CameraChannel {
  PanX,   // horizontal offset, fraction of the frame width (positive: camera moves right)
  PanY,   // vertical offset, fraction of the frame height (positive: camera moves down)
  Zoom,   // scale factor, 1 = none, must be > 0
  Roll,   // degrees, positive clockwise
  Dolly,  // forward travel, fraction of the scene depth (positive: towards the subject)
};
inline constexpr int kCameraChannelCount = 5;

using ChannelValues = std::array<double, kCameraChannelCount>;
using ChannelHandles = std::array<std::optional<double>, kCameraChannelCount>;

struct CameraKeyframe {
  double time_s = 0.0;                      // seconds from the shot's start
  ChannelValues value = {0.0, 0.0, 1.0, 0.0, 0.0};
  ChannelHandles handle_in;                 // incoming handle per channel (nullopt: automatic)
  ChannelHandles handle_out;                // outgoing handle per channel (nullopt: automatic)
  Easing easing = Easing::Linear;           // easing of the segment that starts at this key

  double get(CameraChannel c) const { return value[static_cast<size_t>(c)]; }
  void set(CameraChannel c, double v) { value[static_cast<size_t>(c)] = v; }
  bool operator==(const CameraKeyframe&) const = default;
};

class CameraPath {
 public:
  CameraPath() = default;
  explicit CameraPath(std::vector<CameraKeyframe> keyframes) : m_keyframes(std::move(keyframes)) {}

  const std::vector<CameraKeyframe>& keyframes() const { return m_keyframes; }
  std::vector<CameraKeyframe>& keyframes() { return m_keyframes; }
  bool isEmpty() const { return m_keyframes.empty(); }

  // Value of one channel at t_s seconds. Never fails; an invalid (unsorted) path still gives a finite value.
  double evaluate(CameraChannel channel, double t_s) const;
  ChannelValues evaluateAll(double t_s) const;

  // "" when valid, else "keyframes[i].field: reason" (times finite, >= 0, strictly increasing, <= 600 s;
  // values and handles finite and within channel limits; zoom > 0).
  QString validate() const;

  // The part of the path between from_s and to_s, re-timed to start at 0, with keys added at both ends
  // (used when a shot is split). Empty in, empty out.
  CameraPath sliced(double from_s, double to_s) const;

  static double channelDefault(CameraChannel channel);
  // JSON names: "pan_x", "pan_y", "zoom", "roll", "dolly".
  static QString channelName(CameraChannel channel);
  static std::optional<CameraChannel> channelFromName(const QString& name);
  // Allowed closed range of a channel's value.
  static double channelMin(CameraChannel channel);
  static double channelMax(CameraChannel channel);

  // Cubic Bezier with control values p0..p3 at parameter s in [0, 1].
  static double bezier(double p0, double p1, double p2, double p3, double s);

  bool operator==(const CameraPath&) const = default;

 private:
  std::vector<CameraKeyframe> m_keyframes;
};

}  // namespace shotcraft::model
