#include "core/scenes/Canvas.h"

#include <algorithm>
#include <opencv2/imgproc.hpp>

namespace shotcraft::scenes {

namespace {

struct SkyColours {
  float top[3];
  float horizon[3];
};

constexpr SkyColours kSky[kTimeOfDayCount] = {
    {{74, 92, 168}, {250, 184, 150}},   // dawn: blue above, peach at the horizon
    {{78, 146, 224}, {188, 222, 242}},  // day
    {{64, 48, 118}, {252, 140, 66}},    // sunset: violet above, orange at the horizon
    {{12, 16, 42}, {44, 56, 104}},      // night
};
constexpr float kLight[kTimeOfDayCount][3] = {
    {0.92f, 0.80f, 0.86f}, {1.0f, 1.0f, 1.0f}, {1.0f, 0.74f, 0.58f}, {0.42f, 0.47f, 0.72f}};

float clamp255(float v) { return std::clamp(v, 0.0f, 255.0f); }

}  // namespace

Canvas::Canvas(const SceneSpec& s, int w, int h)
    : rgb(h, w, CV_8UC3, cv::Scalar::all(0)), depth(h, w, CV_8UC1, cv::Scalar(0)), width(w), height(h),
      unit(float(std::min(w, h)) / 144.0f), horizon_y(s.horizon_frac * float(h)), spec(s) {
  const int t = int(s.time);
  for (int i = 0; i < 3; ++i) m_light[i] = kLight[t][i];
  float top[3], hor[3];
  for (int i = 0; i < 3; ++i) {
    top[i] = kSky[t].top[i];
    hor[i] = kSky[t].horizon[i];
  }
  // Weather greys the sky and flattens the light.
  const float bright = s.time == TimeOfDay::Night ? 0.35f : (s.time == TimeOfDay::Day ? 1.0f : 0.8f);
  float mix = 0.0f, grey[3] = {150 * bright, 154 * bright, 164 * bright};
  switch (s.weather) {
    case Weather::Cloudy: mix = 0.45f; m_desaturate = 0.25f; break;
    case Weather::Rain: mix = 0.7f; m_desaturate = 0.4f; for (float& g : grey) g *= 0.75f; break;
    case Weather::Fog: mix = 0.6f; m_desaturate = 0.3f; for (float& g : grey) g = g * 1.15f + 10; break;
    case Weather::Snow: mix = 0.55f; m_desaturate = 0.3f; for (float& g : grey) g = g * 1.2f + 12; break;
    case Weather::Clear: break;
  }
  for (int i = 0; i < 3; ++i) {
    top[i] += (grey[i] - top[i]) * mix;
    hor[i] += (grey[i] - hor[i]) * mix;
  }
  if (s.weather == Weather::Cloudy || s.weather == Weather::Rain) {
    for (float& l : m_light) l *= 0.82f;
  }
  m_top_sky = grade(top[0], top[1], top[2]);
  m_horizon_sky = grade(hor[0], hor[1], hor[2]);
  m_ground_y = horizon_y;
}

cv::Scalar Canvas::grade(float r, float g, float b) const {
  const float lum = 0.3f * r + 0.59f * g + 0.11f * b;
  switch (spec.palette) {
    case Palette::Warm: r = r * 1.08f + 14; g = g * 0.98f + 4; b = b * 0.80f; break;
    case Palette::Cool: r = r * 0.82f; g = g * 0.96f + 4; b = b * 1.08f + 18; break;
    case Palette::Neon: {
      const float sat = 1.45f;
      r = lum + (r - lum) * sat + 10;
      g = lum + (g - lum) * sat - 8;
      b = lum + (b - lum) * sat + 20;
      break;
    }
    case Palette::Muted: {
      r = r + (lum - r) * 0.5f + 6; g = g + (lum - g) * 0.5f + 4; b = b + (lum - b) * 0.5f;
      break;
    }
    case Palette::Monochrome: {
      r = lum * 1.02f + 4; g = lum * 1.0f + 2; b = lum * 0.96f;
      break;
    }
  }
  return {clamp255(r), clamp255(g), clamp255(b)};
}

cv::Scalar Canvas::surface(float r, float g, float b) const {
  float c[3] = {r * m_light[0], g * m_light[1], b * m_light[2]};
  if (m_desaturate > 0) {
    const float lum = 0.3f * c[0] + 0.59f * c[1] + 0.11f * c[2];
    for (float& v : c) v += (lum - v) * m_desaturate;
  }
  return grade(c[0], c[1], c[2]);
}

void Canvas::setLight(float r, float g, float b) {
  m_light[0] = r;
  m_light[1] = g;
  m_light[2] = b;
}

cv::Scalar Canvas::emissive(float r, float g, float b) const { return grade(r, g, b); }

cv::Scalar Canvas::hazed(float r, float g, float b, float haze) const {
  const cv::Scalar s = surface(r, g, b);
  const float k = std::clamp(haze, 0.0f, 1.0f);
  return s + (m_horizon_sky - s) * k;
}

float Canvas::pxPerMetre(float y) const {
  const float k = spec.camera == CameraHeight::Low ? 1.45f : (spec.camera == CameraHeight::Eye ? 1.0f : 0.62f);
  return std::max(0.0f, k * (y - horizon_y) / 1.7f);
}

int Canvas::groundDepth(float y) const {
  if (y <= m_ground_y) return m_ground_depth;
  const float span = std::max(1.0f, float(height - 1) - m_ground_y);
  return std::clamp(int(float(m_ground_depth) + float(255 - m_ground_depth) * (y - m_ground_y) / span + 0.5f),
                    0, 255);
}

void Canvas::fillPoly(const std::vector<cv::Point>& pts, const cv::Scalar& colour, int d) {
  const cv::Point* p = pts.data();
  const int n = int(pts.size());
  cv::fillPoly(rgb, &p, &n, 1, colour, cv::LINE_AA);
  if (d >= 0) cv::fillPoly(depth, &p, &n, 1, cv::Scalar(d), cv::LINE_8);
}

void Canvas::fillRect(const cv::Rect& r, const cv::Scalar& colour, int d) {
  const cv::Rect c = r & cv::Rect(0, 0, width, height);
  if (c.empty()) return;
  rgb(c).setTo(colour);
  if (d >= 0) depth(c).setTo(cv::Scalar(d));
}

void Canvas::fillEllipse(cv::Point centre, cv::Size axes, double angle_deg, const cv::Scalar& colour, int d) {
  cv::ellipse(rgb, centre, axes, angle_deg, 0, 360, colour, cv::FILLED, cv::LINE_AA);
  if (d >= 0) cv::ellipse(depth, centre, axes, angle_deg, 0, 360, cv::Scalar(d), cv::FILLED, cv::LINE_8);
}

void Canvas::line(cv::Point a, cv::Point b, const cv::Scalar& colour, int thickness, int d) {
  cv::line(rgb, a, b, colour, thickness, cv::LINE_AA);
  if (d >= 0) cv::line(depth, a, b, cv::Scalar(d), thickness, cv::LINE_8);
}

void Canvas::fillPolyDepthRamp(const std::vector<cv::Point>& pts, const cv::Scalar& colour, cv::Point2f p0, int d0,
                               cv::Point2f p1, int d1) {
  fillPoly(pts, colour, -1);
  const cv::Rect box = cv::boundingRect(pts) & cv::Rect(0, 0, width, height);
  if (box.empty()) return;
  cv::Mat mask(box.size(), CV_8UC1, cv::Scalar(0));
  std::vector<cv::Point> local;
  local.reserve(pts.size());
  for (const auto& p : pts) local.emplace_back(p.x - box.x, p.y - box.y);
  const cv::Point* lp = local.data();
  const int n = int(local.size());
  cv::fillPoly(mask, &lp, &n, 1, cv::Scalar(255), cv::LINE_8);
  const cv::Point2f dir = p1 - p0;
  const float len2 = std::max(1e-6f, dir.dot(dir));
  for (int y = 0; y < box.height; ++y) {
    const uint8_t* m = mask.ptr<uint8_t>(y);
    uint8_t* dp = depth.ptr<uint8_t>(box.y + y) + box.x;
    for (int x = 0; x < box.width; ++x) {
      if (!m[x]) continue;
      const cv::Point2f q(float(box.x + x) - p0.x, float(box.y + y) - p0.y);
      const float t = q.dot(dir) / len2;  // not clamped: planes extend past p1
      dp[x] = uint8_t(std::clamp(int(float(d0) + float(d1 - d0) * t + 0.5f), 0, 255));
    }
  }
}

void Canvas::rowGradient(int y0, int y1, const cv::Scalar& c0, const cv::Scalar& c1, int d0, int d1) {
  y0 = std::max(0, y0);
  y1 = std::min(height, y1);
  const float span = float(std::max(1, y1 - y0 - 1));
  for (int y = y0; y < y1; ++y) {
    const float t = float(y - y0) / span;
    const cv::Scalar c = c0 + (c1 - c0) * t;
    rgb.row(y).setTo(c);
    if (d0 >= 0) depth.row(y).setTo(cv::Scalar(std::clamp(int(float(d0) + float(d1 - d0) * t + 0.5f), 0, 255)));
  }
}

void Canvas::glowRect(const cv::Rect& r, const cv::Scalar& colour) {
  if (m_glow.empty()) m_glow = cv::Mat(height, width, CV_8UC3, cv::Scalar::all(0));
  cv::rectangle(m_glow, r, colour, cv::FILLED);
}

void Canvas::glowCircle(cv::Point centre, int radius, const cv::Scalar& colour) {
  if (m_glow.empty()) m_glow = cv::Mat(height, width, CV_8UC3, cv::Scalar::all(0));
  cv::circle(m_glow, centre, radius, colour, cv::FILLED);
}

void Canvas::applyGlow(float sigma_units, float strength) {
  if (m_glow.empty()) return;
  cv::GaussianBlur(m_glow, m_glow, cv::Size(0, 0), std::max(0.8, double(sigma_units * unit)));
  cv::scaleAdd(m_glow, double(strength), rgb, rgb);
  m_glow.release();
}

}  // namespace shotcraft::scenes
