// Outdoor landscapes: mountains, coast, forest, country road.
#include <algorithm>
#include <array>
#include <cmath>
#include <opencv2/imgproc.hpp>

#include "core/scenes/Painters.h"

namespace shotcraft::scenes {

namespace {

bool snowy(const Canvas& c) { return c.spec.weather == Weather::Snow; }

// Depth for a layer standing at row y, never below the layer's floor (keeps far layers apart from the sky).
int layerDepth(const Canvas& c, float y, int floor_value) { return std::max(floor_value, c.groundDepth(y)); }

void snowCaps(Canvas& c, const std::vector<cv::Point>& ridge, float snow_line, const cv::Scalar& colour, int depth) {
  std::vector<cv::Point> cap;
  for (size_t i = 0; i < ridge.size(); ++i) {
    const bool above = float(ridge[i].y) < snow_line;
    if (above) cap.push_back(ridge[i]);
    if ((!above || i + 1 == ridge.size()) && cap.size() >= 2) {
      // Close the cap with a zigzag just under the snow line.
      const int x0 = cap.front().x, x1 = cap.back().x;
      for (int k = 4; k >= 0; --k) {
        const int x = x0 + (x1 - x0) * k / 4;
        cap.emplace_back(x, int(snow_line) + ((k % 2) ? int(c.unit * 2) : 0));
      }
      c.fillPoly(cap, colour, depth);
    }
    if (!above) cap.clear();
  }
}

}  // namespace

std::vector<cv::Point> ridgeLine(Rng& rng, int width, float base_y, float amp, float roughness) {
  int n = 2;
  while (n < 128 && width / n > 4) n *= 2;
  std::vector<float> y(size_t(n) + 1, 0.0f);
  y[0] = float(rng.bell()) * amp;
  y[size_t(n)] = float(rng.bell()) * amp;
  float scale = amp;
  for (int step = n; step > 1; step /= 2) {
    for (int i = step / 2; i < n; i += step) {
      y[size_t(i)] = 0.5f * (y[size_t(i - step / 2)] + y[size_t(i + step / 2)]) + float(rng.bell()) * scale;
    }
    scale *= roughness;
  }
  std::vector<cv::Point> pts;
  pts.reserve(size_t(n) + 3);
  for (int i = 0; i <= n; ++i) pts.emplace_back(width * i / n, int(base_y + y[size_t(i)]));
  return pts;
}

void fillRidge(Canvas& c, const std::vector<cv::Point>& ridge, int bottom_y, const cv::Scalar& colour, int depth) {
  std::vector<cv::Point> poly = ridge;
  poly.emplace_back(c.width, bottom_y);
  poly.emplace_back(0, bottom_y);
  c.fillPoly(poly, colour, depth);
}

void paintConifer(Canvas& c, cv::Point base, float h, const cv::Scalar& leaves, const cv::Scalar& trunk, int depth) {
  const int tw = std::max(1, int(h * 0.06f));
  c.fillRect(cv::Rect(base.x - tw / 2, int(float(base.y) - h * 0.18f), std::max(1, tw), int(h * 0.18f) + 1), trunk,
             depth);
  for (int tier = 0; tier < 3; ++tier) {  // three stacked triangles
    const float y0 = float(base.y) - h * (0.12f + 0.26f * float(tier));
    const float half = h * (0.28f - 0.06f * float(tier));
    const float top = y0 - h * 0.42f;
    c.fillPoly({{int(float(base.x) - half), int(y0)}, {int(float(base.x) + half), int(y0)}, {base.x, int(top)}}, leaves,
               depth);
  }
}

void paintRoundTree(Canvas& c, Rng& rng, cv::Point base, float h, const cv::Scalar& leaves, const cv::Scalar& trunk,
                    int depth) {
  const int tw = std::max(1, int(h * 0.07f));
  c.fillRect(cv::Rect(base.x - tw / 2, int(float(base.y) - h * 0.45f), tw, int(h * 0.45f) + 1), trunk, depth);
  const int blobs = rng.range(2, 4);
  for (int i = 0; i < blobs; ++i) {
    const float r = h * rng.uniformf(0.2f, 0.3f);
    const cv::Point p(base.x + int(rng.uniformf(-0.18f, 0.18f) * h), int(float(base.y) - h * rng.uniformf(0.55f, 0.75f)));
    c.fillEllipse(p, cv::Size(int(r * 1.1f) + 1, int(r) + 1), 0, leaves, depth);
  }
}

void paintMountains(Canvas& c, Rng& rng) {
  const float hy = c.horizon_y;
  // Far range: a few peaks with straight-ish flanks, roughened by a midpoint-displacement line.
  auto far = ridgeLine(rng, c.width, 0.0f, hy * 0.04f, 0.6f);
  const int peaks = rng.range(2, 4);
  std::array<cv::Point2f, 4> tops;
  for (int k = 0; k < peaks; ++k) {
    tops[size_t(k)] = {(float(k) + rng.uniformf(0.15f, 0.85f)) / float(peaks) * float(c.width),
                       hy * rng.uniformf(0.12f, 0.5f)};
  }
  const float slope = rng.uniformf(0.45f, 0.8f);
  float snow_line = 0;
  for (auto& p : far) {
    float y = hy * 0.8f;
    for (int k = 0; k < peaks; ++k) y = std::min(y, tops[size_t(k)].y + slope * std::abs(float(p.x) - tops[size_t(k)].x));
    p.y = std::max(int(hy * 0.05f), int(y) + p.y);
  }
  for (int k = 0; k < peaks; ++k) snow_line = std::max(snow_line, tops[size_t(k)].y);
  fillRidge(c, far, int(hy) + 1, c.hazed(96, 106, 142, 0.32f), 30);
  if (snowy(c) || rng.chance(0.7)) snowCaps(c, far, snow_line + hy * 0.08f, c.hazed(244, 246, 252, 0.2f), 30);
  auto mid = ridgeLine(rng, c.width, hy * 0.86f, hy * 0.14f, 0.5f);
  const bool rocky = rng.chance(0.4);
  fillRidge(c, mid, int(hy) + 1, rocky ? c.hazed(112, 96, 84, 0.22f) : c.hazed(70, 102, 84, 0.22f), 46);
  if (snowy(c)) snowCaps(c, mid, hy * 0.8f, c.hazed(236, 238, 246, 0.2f), 46);

  const cv::Scalar grass_far = snowy(c) ? c.surface(226, 230, 240) : c.hazed(118, 150, 84, 0.25f);
  const cv::Scalar grass_near = snowy(c) ? c.surface(248, 248, 252) : c.surface(76, 124, 52);
  paintGround(c, grass_far, grass_near);
  if (rng.chance(0.5)) {  // a lake just below the horizon
    const int y0 = int(hy) + 1, y1 = int(hy + (float(c.height) - hy) * rng.uniformf(0.08f, 0.18f));
    const int x0 = int(rng.uniformf(-0.2f, 0.4f) * float(c.width)), x1 = x0 + int(rng.uniformf(0.4f, 0.8f) * float(c.width));
    c.fillEllipse({(x0 + x1) / 2, y0}, {(x1 - x0) / 2, y1 - y0}, 0, c.hazed(90, 130, 180, 0.3f), -1);
  }
  // Foreground: pines and rocks at the sides.
  const int pines = rng.range(1, 5);
  for (int i = 0; i < pines; ++i) {
    const float t = rng.uniformf(0.1f, 0.9f);
    const float y = hy + (float(c.height) - hy) * t;
    const float x = (rng.chance(0.5) ? rng.uniformf(0.0f, 0.2f) : rng.uniformf(0.8f, 1.0f)) * float(c.width);
    paintConifer(c, {int(x), int(y)}, (y - hy) * 1.4f + 6.0f * c.unit, c.surface(40, 80, 52), c.surface(80, 56, 40),
                 layerDepth(c, y, 50));
  }
  const int rocks = rng.range(0, 3);
  for (int i = 0; i < rocks; ++i) {
    const float y = hy + (float(c.height) - hy) * rng.uniformf(0.2f, 0.95f);
    const float r = (y - hy) * rng.uniformf(0.1f, 0.2f) + c.unit;
    c.fillEllipse({int(rng.uniformf(0, 1) * float(c.width)), int(y - r * 0.3f)}, {int(r * 1.4f), int(r * 0.7f)}, 0,
                  c.surface(128, 124, 120), layerDepth(c, y, 50));
  }
}

void paintCoast(Canvas& c, Rng& rng) {
  const float hy = c.horizon_y, H = float(c.height);
  const float shore = hy + (H - hy) * rng.uniformf(0.38f, 0.48f);
  if (rng.chance(0.5)) {  // a distant island or headland on the horizon
    const float x0 = rng.uniformf(-0.1f, 0.6f) * float(c.width), len = rng.uniformf(0.2f, 0.45f) * float(c.width);
    auto ridge = ridgeLine(rng, int(len), hy - hy * 0.08f, hy * 0.05f, 0.5f);
    std::vector<cv::Point> poly;
    poly.emplace_back(int(x0), int(hy) + 1);
    for (auto p : ridge) poly.emplace_back(int(x0) + p.x, std::min(p.y, int(hy)));
    poly.emplace_back(int(x0 + len), int(hy) + 1);
    c.fillPoly(poly, c.hazed(96, 110, 130, 0.5f), 28);
  }
  const bool snow = snowy(c);
  paintGround(c, c.surface(222, 200, 156), c.surface(236, 214, 170));
  // Sea: flat colour gradient on the ground plane (depth already set by the ground).
  const cv::Scalar sea_far = c.hazed(60, 110, 160, 0.35f), sea_near = c.surface(40, 130, 150);
  c.rowGradient(int(hy), int(shore) + 1, sea_far, sea_near, -1, -1);
  if (c.sun_x >= 0) {  // sun path on the water
    const cv::Scalar glint = c.emissive(255, 226, 170) * 0.75 + sea_far * 0.25;
    for (float y = hy + 1; y < shore; y += std::max(1.5f, (y - hy) * 0.18f)) {
      const float w = 2.0f * c.unit + (y - hy) * rng.uniformf(0.1f, 0.35f);
      c.line({int(c.sun_x - w), int(y)}, {int(c.sun_x + w), int(y)}, glint, 1, -1);
    }
  }
  const int waves = 6 + c.width / 24;
  const cv::Scalar foam = c.surface(230, 240, 245);
  for (int i = 0; i < waves; ++i) {
    const float y = hy + (shore - hy) * rng.uniformf(0.15f, 0.95f);
    const float len = (y - hy) * rng.uniformf(0.3f, 0.8f) + c.unit;
    const float x = rng.uniformf(0, float(c.width));
    c.line({int(x), int(y)}, {int(x + len), int(y)}, foam, 1, -1);
  }
  if (rng.chance(0.4)) {  // a sailboat
    const float y = hy + (shore - hy) * rng.uniformf(0.1f, 0.5f), s = (y - hy) * 0.6f + 3.0f * c.unit;
    const float x = rng.uniformf(0.1f, 0.9f) * float(c.width);
    const int d = layerDepth(c, y, 30);
    c.fillPoly({{int(x - s), int(y - s * 0.25f)}, {int(x + s), int(y - s * 0.25f)}, {int(x + s * 0.7f), int(y)},
                {int(x - s * 0.7f), int(y)}},
               c.surface(70, 60, 60), d);
    c.fillPoly({{int(x), int(y - s * 0.3f)}, {int(x), int(y - s * 1.8f)}, {int(x + s * 0.8f), int(y - s * 0.3f)}},
               c.surface(245, 242, 230), d);
  }
  // Beach with a wavy waterline and a foam edge.
  auto line = ridgeLine(rng, c.width, shore, 2.0f * c.unit, 0.5f);
  fillRidge(c, line, c.height, snow ? c.surface(236, 236, 240) : c.surface(226, 204, 160), -1);
  cv::polylines(c.rgb, line, false, foam, std::max(1, c.u(1.2f)), cv::LINE_AA);
  if (rng.chance(0.5)) {  // a cliff on one side
    const bool left = rng.chance(0.5);
    const float w = rng.uniformf(0.18f, 0.32f) * float(c.width), top = hy * rng.uniformf(0.45f, 0.8f);
    const float base = shore + c.unit * 2;
    const int d = layerDepth(c, base, 40);
    const int x_edge = left ? 0 : c.width, x_in = left ? int(w) : c.width - int(w);
    c.fillPoly({{x_edge, int(base)}, {x_edge, int(top)}, {(x_edge * 2 + x_in) / 3, int(top + hy * 0.05f)},
                {x_in, int(hy - hy * 0.05f)}, {x_in + (left ? int(w * 0.2f) : -int(w * 0.2f)), int(base)}},
               c.surface(120, 100, 84), d);
    c.fillPoly({{x_edge, int(top)}, {(x_edge * 2 + x_in) / 3, int(top + hy * 0.05f)},
                {(x_edge + x_in * 2) / 3, int(top + hy * 0.12f)}, {x_edge, int(top + hy * 0.1f)}},
               snow ? c.surface(240, 240, 246) : c.surface(86, 130, 70), d);
  }
}

void paintForest(Canvas& c, Rng& rng) {
  const float hy = c.horizon_y, H = float(c.height);
  const bool snow = snowy(c);
  auto hills = ridgeLine(rng, c.width, hy * 0.8f, hy * 0.1f, 0.5f);
  fillRidge(c, hills, int(hy) + 1, c.hazed(80, 110, 110, 0.5f), 28);
  paintGround(c, snow ? c.surface(226, 230, 240) : c.hazed(96, 134, 76, 0.2f),
              snow ? c.surface(248, 248, 252) : c.surface(64, 108, 48));
  if (rng.chance(0.5)) {  // a dirt path into the woods
    const float vx = rng.uniformf(0.3f, 0.7f) * float(c.width), bx = rng.uniformf(0.3f, 0.7f) * float(c.width);
    const float hw = rng.uniformf(0.12f, 0.22f) * float(c.width);
    c.fillPoly({{int(vx - 1), int(hy + 1)}, {int(vx + 1), int(hy + 1)}, {int(bx + hw), c.height}, {int(bx - hw), c.height}},
               snow ? c.surface(210, 206, 210) : c.surface(150, 122, 86), -1);
  }
  const cv::Scalar trunk = c.surface(84, 60, 44);
  const float leaves_tint = rng.uniformf(0.0f, 1.0f);
  auto leaves = [&](float haze) {
    return c.hazed(36 + 30 * leaves_tint, 86 + 20 * leaves_tint, 52, haze);
  };
  // Three rows far to near; the nearest trees stand only at the frame edges.
  const float rows[3] = {0.02f, 0.12f, 0.3f};
  const float hazes[3] = {0.45f, 0.25f, 0.1f};
  for (int r = 0; r < 3; ++r) {
    const float base = hy + (H - hy) * rows[r];
    const float th = (base - hy) * 2.0f + hy * (0.22f + 0.12f * float(r));
    float x = -rng.uniformf(0.0f, 8.0f) * c.unit;
    while (x < float(c.width) + th * 0.3f) {
      const float y = base + rng.uniformf(0.0f, 0.04f) * (H - hy);
      const float h = th * rng.uniformf(0.75f, 1.15f);
      const int d = layerDepth(c, y, 30 + 10 * r);
      if (rng.chance(0.65)) {
        paintConifer(c, {int(x), int(y)}, h, snow ? c.hazed(220, 226, 236, hazes[r]) : leaves(hazes[r]), trunk, d);
      } else {
        paintRoundTree(c, rng, {int(x), int(y)}, h, leaves(hazes[r]) + cv::Scalar(14, 10, 0), trunk, d);
      }
      x += h * rng.uniformf(0.22f, 0.45f) * (r == 2 ? 2.2f : 1.0f);
    }
  }
  for (int side = 0; side < 2; ++side) {
    if (!rng.chance(0.6)) continue;
    const float y = H * rng.uniformf(0.95f, 1.02f);
    const float x = side ? rng.uniformf(0.9f, 1.02f) * float(c.width) : rng.uniformf(-0.02f, 0.1f) * float(c.width);
    paintConifer(c, {int(x), int(y)}, H * rng.uniformf(0.8f, 1.1f), leaves(0.0f) * 0.8, trunk, c.groundDepth(y - 1));
  }
}

void paintRoad(Canvas& c, Rng& rng) {
  const float hy = c.horizon_y, H = float(c.height), W = float(c.width);
  auto hills = ridgeLine(rng, c.width, hy * 0.85f, hy * 0.12f, 0.5f);
  fillRidge(c, hills, int(hy) + 1, c.hazed(100, 120, 120, 0.5f), 28);
  const bool wheat = rng.chance(0.4), snow = snowy(c);
  paintGround(c, snow ? c.surface(228, 230, 240) : (wheat ? c.hazed(200, 176, 96, 0.2f) : c.hazed(110, 146, 80, 0.2f)),
              snow ? c.surface(248, 248, 252) : (wheat ? c.surface(214, 184, 90) : c.surface(80, 130, 56)));
  const cv::Point2f vp(rng.uniformf(0.3f, 0.7f) * W, hy);
  const float bc = rng.uniformf(0.3f, 0.7f) * W, hw = rng.uniformf(0.35f, 0.6f) * W;
  const cv::Scalar asphalt = c.surface(92, 92, 98), paint = c.surface(236, 232, 214);
  c.fillPoly({{int(vp.x - 1), int(hy + 1)}, {int(vp.x + 1), int(hy + 1)}, {int(bc + hw), c.height}, {int(bc - hw), c.height}},
             asphalt, -1);
  auto along = [&](float s, float lateral) {  // s in (0, 1]: 1 at the bottom row; lateral in [-1, 1]
    return cv::Point2f(vp.x + (bc + lateral * hw - vp.x) * s, hy + (H - hy) * s);
  };
  c.line(along(0.02f, -0.92f), along(1.0f, -0.92f), paint, std::max(1, c.u(0.8f)), -1);
  c.line(along(0.02f, 0.92f), along(1.0f, 0.92f), paint, std::max(1, c.u(0.8f)), -1);
  for (int i = 1; i < 40; ++i) {  // centre dashes equally spaced on the ground: s = 1 / distance
    const float s0 = 1.0f / (0.6f * float(2 * i)), s1 = 1.0f / (0.6f * float(2 * i) + 0.55f);
    if (s0 > 1.2f) continue;
    if (s1 < 0.02f) break;
    c.line(along(std::min(s0, 1.0f), 0.0f), along(s1, 0.0f), paint, std::max(1, int(c.unit * 2.0f * s1 + 0.5f)), -1);
  }
  // Telegraph poles along one side, with a sagging-free wire.
  const float side = rng.chance(0.5) ? 1.0f : -1.0f;
  cv::Point prev_top(-1, -1);
  const cv::Scalar wood = c.surface(70, 56, 46);
  for (int i = 1; i < 12; ++i) {
    const float s = 1.0f / (0.5f * float(i));
    if (s > 1.3f) continue;
    const cv::Point2f b = along(s, side * 1.35f);
    const float h = (b.y - hy) * 2.2f;
    const cv::Point top(int(b.x), int(b.y - h));
    c.line({int(b.x), int(b.y)}, top, wood, std::max(1, int(s * 2.5f * c.unit)), c.groundDepth(b.y));
    c.line({top.x - int(h * 0.08f), top.y + int(h * 0.05f)}, {top.x + int(h * 0.08f), top.y + int(h * 0.05f)}, wood,
           std::max(1, int(s * 1.5f * c.unit)), c.groundDepth(b.y));
    if (prev_top.x >= 0) c.line(prev_top, top, c.surface(40, 40, 44), 1, -1);
    prev_top = top;
  }
  if (rng.chance(0.35)) {  // a car on the road
    const float s = rng.uniformf(0.15f, 0.5f);
    const cv::Point2f b = along(s, rng.uniformf(-0.5f, 0.5f));
    const float w = 4.2f * c.pxPerMetre(b.y) + c.unit, h = w * 0.45f;
    const int d = c.groundDepth(b.y);
    const cv::Scalar body = c.surface(rng.pick(std::array<float, 4>{180, 40, 60, 220}), 60, 70);
    c.fillRect(cv::Rect(int(b.x - w / 2), int(b.y - h * 0.75f), int(w), int(h * 0.5f)), body, d);
    c.fillPoly({{int(b.x - w * 0.3f), int(b.y - h * 0.75f)}, {int(b.x + w * 0.3f), int(b.y - h * 0.75f)},
                {int(b.x + w * 0.22f), int(b.y - h * 1.15f)}, {int(b.x - w * 0.22f), int(b.y - h * 1.15f)}},
               body * 0.85, d);
    c.fillRect(cv::Rect(int(b.x - w * 0.45f), int(b.y - h * 0.25f), int(w * 0.9f), int(h * 0.25f) + 1),
               c.surface(30, 30, 32), d);
  }
}

}  // namespace shotcraft::scenes
