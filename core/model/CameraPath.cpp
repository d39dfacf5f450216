#include "core/model/CameraPath.h"

#include <algorithm>
#include <cmath>

namespace shotcraft::model {

namespace {
constexpr std::array<const char*, kCameraChannelCount> kChannelNames = {"pan_x", "pan_y", "zoom", "roll", "dolly"};
constexpr std::array<double, kCameraChannelCount> kMin = {-10.0, -10.0, 0.01, -3600.0, -10.0};
constexpr std::array<double, kCameraChannelCount> kMax = {10.0, 10.0, 100.0, 3600.0, 10.0};
constexpr double kMaxTime_s = 600.0;
constexpr double kMaxHandle = 1.0e4;

size_t idx(CameraChannel c) { return static_cast<size_t>(c); }

double segmentValue(const CameraKeyframe& k0, const CameraKeyframe& k1, size_t c, double t_s) {
  const double v0 = k0.value[c];
  const double v1 = k1.value[c];
  const double span = k1.time_s - k0.time_s;
  if (!(span > 0.0)) return v1;
  const double u = (t_s - k0.time_s) / span;
  const double s = ease(k0.easing, u);
  const double p1 = v0 + k0.handle_out[c].value_or((v1 - v0) / 3.0);
  const double p2 = v1 + k1.handle_in[c].value_or(-(v1 - v0) / 3.0);
  return CameraPath::bezier(v0, p1, p2, v1, s);
}
}  // namespace

double CameraPath::bezier(double p0, double p1, double p2, double p3, double s) {
  const double r = 1.0 - s;
  return r * r * r * p0 + 3.0 * r * r * s * p1 + 3.0 * r * s * s * p2 + s * s * s * p3;
}

double CameraPath::evaluate(CameraChannel channel, double t_s) const {
  const size_t c = idx(channel);
  if (m_keyframes.empty()) return channelDefault(channel);
  if (!std::isfinite(t_s)) t_s = 0.0;
  if (t_s <= m_keyframes.front().time_s) return m_keyframes.front().value[c];
  for (size_t i = 0; i + 1 < m_keyframes.size(); ++i) {
    const CameraKeyframe& k0 = m_keyframes[i];
    const CameraKeyframe& k1 = m_keyframes[i + 1];
    if (t_s >= k0.time_s && t_s < k1.time_s) return segmentValue(k0, k1, c, t_s);
  }
  return m_keyframes.back().value[c];
}

ChannelValues CameraPath::evaluateAll(double t_s) const {
  ChannelValues v{};
  for (int c = 0; c < kCameraChannelCount; ++c) v[size_t(c)] = evaluate(static_cast<CameraChannel>(c), t_s);
  return v;
}

QString CameraPath::validate() const {
  for (size_t i = 0; i < m_keyframes.size(); ++i) {
    const CameraKeyframe& k = m_keyframes[i];
    const QString at = QStringLiteral("keyframes[%1].").arg(i);
    if (!std::isfinite(k.time_s) || k.time_s < 0.0 || k.time_s > kMaxTime_s) {
      return at + QStringLiteral("time: must be in 0..600 s");
    }
    if (i > 0 && !(k.time_s > m_keyframes[i - 1].time_s)) {
      return at + QStringLiteral("time: must be greater than the previous keyframe's time");
    }
    for (size_t c = 0; c < size_t(kCameraChannelCount); ++c) {
      const QString name = QString::fromLatin1(kChannelNames[c]);
      const double v = k.value[c];
      if (!std::isfinite(v) || v < kMin[c] || v > kMax[c]) {
        return at + QStringLiteral("values.%1: must be in %2..%3").arg(name).arg(kMin[c]).arg(kMax[c]);
      }
      for (const auto* handles : {&k.handle_in, &k.handle_out}) {
        const std::optional<double>& h = (*handles)[c];
        if (h && (!std::isfinite(*h) || std::abs(*h) > kMaxHandle)) {
          return at + QStringLiteral("%1.%2: must be a finite offset within +-10000")
                          .arg(handles == &k.handle_in ? QStringLiteral("in") : QStringLiteral("out"), name);
        }
      }
    }
  }
  return {};
}

CameraPath CameraPath::sliced(double from_s, double to_s) const {
  if (m_keyframes.empty() || !(to_s > from_s)) return {};
  std::vector<CameraKeyframe> out;
  auto easingAt = [this](double t) {
    Easing e = m_keyframes.front().easing;
    for (const CameraKeyframe& k : m_keyframes) {
      if (k.time_s <= t) e = k.easing;
    }
    return e;
  };
  CameraKeyframe first;
  first.time_s = 0.0;
  first.value = evaluateAll(from_s);
  first.easing = easingAt(from_s);
  out.push_back(first);
  for (const CameraKeyframe& k : m_keyframes) {
    if (k.time_s > from_s && k.time_s < to_s) {
      CameraKeyframe moved = k;
      moved.time_s = k.time_s - from_s;
      out.push_back(moved);
    }
  }
  CameraKeyframe last;
  last.time_s = to_s - from_s;
  last.value = evaluateAll(to_s);
  last.easing = easingAt(to_s);
  out.push_back(last);
  return CameraPath(std::move(out));
}

double CameraPath::channelDefault(CameraChannel channel) { return channel == CameraChannel::Zoom ? 1.0 : 0.0; }

QString CameraPath::channelName(CameraChannel channel) { return QString::fromLatin1(kChannelNames[idx(channel)]); }

std::optional<CameraChannel> CameraPath::channelFromName(const QString& name) {
  for (int c = 0; c < kCameraChannelCount; ++c) {
    if (name == QLatin1String(kChannelNames[size_t(c)])) return static_cast<CameraChannel>(c);
  }
  return std::nullopt;
}

double CameraPath::channelMin(CameraChannel channel) { return kMin[idx(channel)]; }
double CameraPath::channelMax(CameraChannel channel) { return kMax[idx(channel)]; }

}  // namespace shotcraft::model
