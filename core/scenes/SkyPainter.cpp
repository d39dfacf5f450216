// Sky, sun and moon, clouds, ground plane and the weather overlay.
#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

#include "core/scenes/Painters.h"

namespace shotcraft::scenes {

namespace {

constexpr int kCloudDepth = 6;

void paintCloud(Canvas& c, Rng& rng, cv::Point2f centre, float size, const cv::Scalar& light, const cv::Scalar& dark) {
  const int puffs = rng.range(3, 6);
  struct Puff {
    cv::Point centre;
    cv::Size axes;
  };
  std::vector<Puff> list;
  for (int i = 0; i < puffs; ++i) {
    const float t = (float(i) + 0.5f) / float(puffs) - 0.5f;
    const float r = size * rng.uniformf(0.28f, 0.45f) * (1.0f - 0.9f * std::abs(t));
    const cv::Point p(int(centre.x + t * size * 1.6f), int(centre.y - r * 0.5f));
    list.push_back({p, cv::Size(std::max(2, int(r * 1.35f)), std::max(2, int(r)))});
  }
  const int base_w = int(size * 0.85f), base_h = std::max(2, int(size * 0.12f));
  // Dark underside first, the lit body on top shifted up: a flat two-tone storyboard cloud.
  for (const Puff& p : list) c.fillEllipse(p.centre, p.axes, 0, dark, kCloudDepth);
  c.fillEllipse(cv::Point(int(centre.x), int(centre.y)), cv::Size(base_w, base_h), 0, dark, kCloudDepth);
  const int lift = std::max(1, int(size * 0.08f));
  for (const Puff& p : list) c.fillEllipse(p.centre - cv::Point(0, lift), p.axes, 0, light, kCloudDepth);
}

}  // namespace

void paintSky(Canvas& c, Rng& rng) {
  const SceneSpec& s = c.spec;
  const int hy = std::clamp(int(c.horizon_y), 1, c.height);
  c.rowGradient(0, hy, c.topSky(), c.horizonSky(), 0, 0);
  c.rowGradient(hy, c.height, c.horizonSky(), c.horizonSky(), 0, 0);

  // Stars on clear or cloudy nights.
  if (s.time == TimeOfDay::Night && (s.weather == Weather::Clear || s.weather == Weather::Cloudy)) {
    const int n = c.width * hy / (s.weather == Weather::Clear ? 160 : 500);
    for (int i = 0; i < n; ++i) {
      const int x = rng.range(0, c.width - 1), y = rng.range(0, std::max(0, hy - 2));
      const double b = rng.uniform(120.0, 255.0);
      c.rgb.at<cv::Vec3b>(y, x) = cv::Vec3b(uchar(b), uchar(b), uchar(std::min(255.0, b + 20)));
    }
  }

  // Sun or moon: low at dawn and sunset, high by day; hidden by rain and mostly by overcast.
  const bool hidden = s.weather == Weather::Rain || (s.weather == Weather::Cloudy && rng.chance(0.6));
  const float r = rng.uniformf(7.0f, 12.0f) * c.unit;
  const float x = rng.uniformf(0.15f, 0.85f) * float(c.width);
  float y = 0;
  cv::Scalar disc, glow;
  switch (s.time) {
    case TimeOfDay::Dawn:
      y = c.horizon_y - rng.uniformf(0.2f, 1.6f) * r;
      disc = c.emissive(255, 222, 176);
      glow = c.emissive(140, 90, 60);
      break;
    case TimeOfDay::Sunset:
      y = c.horizon_y - rng.uniformf(0.1f, 1.4f) * r;
      disc = c.emissive(255, 168, 84);
      glow = c.emissive(150, 70, 30);
      break;
    case TimeOfDay::Day:
      y = c.horizon_y * rng.uniformf(0.12f, 0.45f);
      disc = c.emissive(255, 250, 226);
      glow = c.emissive(90, 90, 70);
      break;
    case TimeOfDay::Night:
      y = c.horizon_y * rng.uniformf(0.12f, 0.5f);
      disc = c.emissive(236, 234, 214);
      glow = c.emissive(40, 44, 60);
      break;
  }
  if (!hidden) {
    const cv::Point centre{int(x), int(y)};
    const int radius = int(s.time == TimeOfDay::Night ? r * 0.75f : r);
    c.sun_x = x;
    if (s.weather != Weather::Fog) c.glowCircle(centre, int(radius * 2.2f), glow);
    c.fillEllipse(centre, cv::Size(radius, radius), 0, disc, -1);
    if (s.time == TimeOfDay::Night && rng.chance(0.5)) {  // crescent: bite out of the moon in sky colour
      const cv::Scalar sky = c.topSky() + (c.horizonSky() - c.topSky()) * double(y / std::max(1.0f, c.horizon_y));
      c.fillEllipse(centre + cv::Point(int(radius * 0.45f), -int(radius * 0.2f)), cv::Size(radius, radius), 0, sky,
                    -1);
    }
  }

  c.applyGlow(3.0f, 0.9f);  // now, so that the sun's glow stays behind every later layer

  // Clouds: a few wisps when clear, many when overcast.
  int clouds = 0;
  switch (s.weather) {
    case Weather::Clear: clouds = rng.range(0, 2); break;
    case Weather::Cloudy: clouds = rng.range(4, 8); break;
    case Weather::Rain: clouds = rng.range(6, 10); break;
    case Weather::Snow: clouds = rng.range(3, 6); break;
    case Weather::Fog: clouds = rng.range(0, 2); break;
  }
  static constexpr float kLight[kTimeOfDayCount][3] = {
      {252, 212, 206}, {248, 248, 252}, {252, 176, 136}, {70, 76, 108}};
  static constexpr float kDark[kTimeOfDayCount][3] = {
      {196, 150, 170}, {196, 204, 220}, {176, 100, 118}, {40, 44, 70}};
  const int t = int(s.time);
  const float grey = (s.weather == Weather::Rain) ? 0.55f : (s.weather == Weather::Cloudy ? 0.75f : 1.0f);
  const cv::Scalar light = c.emissive(kLight[t][0] * grey, kLight[t][1] * grey, kLight[t][2] * grey + 6);
  const cv::Scalar dark = c.emissive(kDark[t][0] * grey, kDark[t][1] * grey, kDark[t][2] * grey + 6);
  for (int i = 0; i < clouds; ++i) {
    const float cy = c.horizon_y * rng.uniformf(0.08f, 0.7f);
    const float size = float(c.width) * rng.uniformf(0.1f, 0.22f) * (0.6f + 0.5f * cy / std::max(1.0f, c.horizon_y));
    paintCloud(c, rng, {rng.uniformf(-0.05f, 1.05f) * float(c.width), cy}, size, light, dark);
  }
  if (s.weather == Weather::Rain) {  // a low overcast band
    std::vector<cv::Point> band = ridgeLine(rng, c.width, c.horizon_y * 0.25f, 4.0f * c.unit, 0.6f);
    band.emplace_back(c.width, 0);
    band.emplace_back(0, 0);
    c.fillPoly(band, dark, kCloudDepth);
  }
}

void paintGround(Canvas& c, const cv::Scalar& far_colour, const cv::Scalar& near_colour) {
  const int hy = std::clamp(int(c.horizon_y), 0, c.height);
  c.rowGradient(hy, c.height, far_colour, near_colour, c.groundDepth(float(hy)), 255);
}

void paintWeather(Canvas& c, Rng& rng) {
  const SceneSpec& s = c.spec;
  if (s.weather == Weather::Rain) {
    cv::Mat over = c.rgb.clone();
    const int n = c.width * c.height / 170;
    const float slant = rng.uniformf(-0.3f, 0.3f);
    const cv::Scalar streak = c.emissive(205, 214, 230);
    for (int i = 0; i < n; ++i) {
      const float x = rng.uniformf(0, float(c.width)), y = rng.uniformf(0, float(c.height));
      const float len = rng.uniformf(4.0f, 9.0f) * c.unit;
      cv::line(over, cv::Point(int(x), int(y)), cv::Point(int(x + slant * len), int(y + len)), streak, 1, cv::LINE_AA);
    }
    cv::addWeighted(c.rgb, 0.62, over, 0.38, 0.0, c.rgb);  // light streaks: visible, not a wall of edges
  } else if (s.weather == Weather::Snow) {
    const int n = c.width * c.height / 240;
    const cv::Scalar flake = c.emissive(244, 244, 248);
    for (int i = 0; i < n; ++i) {
      const cv::Point p(rng.range(0, c.width - 1), rng.range(0, c.height - 1));
      const int radius = std::max(1, int(rng.uniformf(0.3f, 1.3f) * c.unit));
      cv::circle(c.rgb, p, radius, flake, cv::FILLED, cv::LINE_AA);
    }
  } else if (s.weather == Weather::Fog) {
    const cv::Scalar fog = c.horizonSky() * 0.6 + c.emissive(200, 204, 210) * 0.4;
    float w[256];  // fog weight by depth: thick far away, thin near the camera
    for (int d = 0; d < 256; ++d) {
      const float x = 1.0f - float(d) / 255.0f;
      w[d] = 0.88f * x * std::sqrt(std::sqrt(x));  // x^1.25 with correctly rounded sqrt only
    }
    for (int y = 0; y < c.height; ++y) {
      cv::Vec3b* px = c.rgb.ptr<cv::Vec3b>(y);
      const uchar* dp = c.depth.ptr<uchar>(y);
      for (int x = 0; x < c.width; ++x) {
        const float k = w[dp[x]];
        for (int ch = 0; ch < 3; ++ch) px[x][ch] = uchar(float(px[x][ch]) + (float(fog[ch]) - float(px[x][ch])) * k + 0.5f);
      }
    }
  }
}

}  // namespace shotcraft::scenes
