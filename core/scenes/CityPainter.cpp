// Cities: a daytime/night street with skylines, and the neon "cyberpunk" city with signs and flyers.
#include <algorithm>
#include <array>
#include <cmath>

#include "core/scenes/Painters.h"

namespace shotcraft::scenes {

namespace {

bool darkOutside(const Canvas& c) { return c.spec.time == TimeOfDay::Night || c.spec.time == TimeOfDay::Sunset; }

void windowGrid(Canvas& c, Rng& rng, const cv::Rect& b, const cv::Scalar& body, bool lit, float lit_share,
                const std::vector<cv::Scalar>& lights) {
  const int sx = c.u(4.0f), sy = c.u(5.0f), ww = c.u(2.0f), wh = c.u(2.6f);
  if (b.width < sx + ww || b.height < 2 * sy) return;
  const cv::Scalar glass = body * 0.62 + c.horizonSky() * 0.25;
  for (int y = b.y + sy / 2 + 1; y + wh < b.y + b.height - sy / 2; y += sy) {
    for (int x = b.x + (b.width % sx) / 2 + (sx - ww) / 2; x + ww <= b.x + b.width - 1; x += sx) {
      if (lit && rng.chance(lit_share)) {
        c.fillRect({x, y, ww, wh}, lights[size_t(rng.range(0, int(lights.size()) - 1))], -1);
      } else if (!lit) {
        c.fillRect({x, y, ww, wh}, glass, -1);
      }
    }
  }
}

void streetLamp(Canvas& c, cv::Point base, float h, int depth, bool on) {
  const cv::Scalar metal = c.surface(50, 52, 58);
  const cv::Point top(base.x, int(float(base.y) - h));
  c.line(base, top, metal, std::max(1, int(h * 0.035f)), depth);
  c.line(top, {top.x + int(h * 0.18f), top.y}, metal, std::max(1, int(h * 0.03f)), depth);
  const cv::Point bulb(top.x + int(h * 0.18f), top.y + std::max(1, int(h * 0.03f)));
  const int r = std::max(1, int(h * 0.04f));
  c.fillEllipse(bulb, {r * 2, r}, 0, on ? c.emissive(255, 236, 180) : c.surface(200, 200, 190), depth);
  if (on) c.glowCircle(bulb, int(h * 0.25f), c.emissive(120, 100, 60));
}

}  // namespace

void paintSkyline(Canvas& c, Rng& rng, float base_y, float max_h, const cv::Scalar& colour, int depth, bool lit) {
  const std::vector<cv::Scalar> warm = {c.emissive(255, 214, 130), c.emissive(255, 236, 180)};
  float x = -rng.uniformf(0.0f, 10.0f) * c.unit;
  while (x < float(c.width)) {
    const float w = rng.uniformf(10.0f, 26.0f) * c.unit;
    const float h = max_h * rng.uniformf(0.35f, 1.0f);
    const cv::Scalar body = colour * rng.uniform(0.82, 1.12);
    const cv::Rect b(int(x), int(base_y - h), int(w) + 1, int(h) + 1);
    c.fillRect(b, body, depth);
    const int roof = rng.range(0, 4);
    if (roof == 0) {  // stepped top
      c.fillRect({b.x + b.width / 4, b.y - int(h * 0.08f), b.width / 2, int(h * 0.08f) + 1}, body, depth);
    } else if (roof == 1) {  // antenna
      c.line({b.x + b.width / 2, b.y}, {b.x + b.width / 2, b.y - int(h * 0.18f)}, body, 1, depth);
    } else if (roof == 2) {  // pitched roof
      c.fillPoly({{b.x, b.y}, {b.x + b.width, b.y}, {b.x + b.width / 2, b.y - int(w * 0.3f)}}, body * 0.9, depth);
    }
    if (lit || depth >= 45) windowGrid(c, rng, b, body, lit, 0.45, warm);
    x += w + rng.uniformf(-2.0f, 3.0f) * c.unit;
  }
}

void paintCity(Canvas& c, Rng& rng) {
  const float hy = c.horizon_y, H = float(c.height);
  const bool dark = darkOutside(c);
  paintSkyline(c, rng, hy + 1, hy * 0.6f, c.hazed(118, 126, 150, 0.5f), 34, c.spec.time == TimeOfDay::Night);
  const float front = hy + (H - hy) * rng.uniformf(0.03f, 0.1f);  // where the near buildings stand
  const float walk = front + (H - hy) * rng.uniformf(0.05f, 0.09f);  // kerb line
  paintGround(c, c.surface(112, 112, 118), c.surface(78, 78, 86));
  c.rowGradient(int(front), int(walk), c.surface(168, 162, 154), c.surface(160, 154, 146), -1, -1);
  static constexpr std::array<std::array<float, 3>, 5> kWalls = {
      {{176, 120, 96}, {150, 150, 160}, {196, 180, 150}, {120, 130, 150}, {170, 160, 140}}};
  const auto& wall = rng.pick(kWalls);
  paintSkyline(c, rng, front, front * rng.uniformf(0.7f, 0.95f), c.surface(wall[0], wall[1], wall[2]),
               std::max(50, c.groundDepth(front)), dark);
  // Kerb and lane markings on the street in front.
  c.line({0, int(walk)}, {c.width, int(walk)}, c.surface(200, 196, 188), std::max(1, c.u(0.8f)), -1);
  const float lane = walk + (H - walk) * rng.uniformf(0.35f, 0.6f);
  const cv::Scalar paint = c.surface(236, 230, 200);
  const int dash = c.u(10.0f) + int((lane - hy) * 0.3f);
  for (int x = -rng.range(0, dash); x < c.width; x += 2 * dash) {
    c.line({x, int(lane)}, {x + dash, int(lane)}, paint, std::max(1, int((lane - hy) * 0.04f)), -1);
  }
  const int lamps = rng.range(1, 3);
  for (int i = 0; i < lamps; ++i) {
    const float x = (float(i) + rng.uniformf(0.2f, 0.8f)) / float(lamps) * float(c.width);
    streetLamp(c, {int(x), int(walk)}, c.pxPerMetre(walk) * rng.uniformf(4.5f, 6.0f), c.groundDepth(walk), dark);
  }
  if (rng.chance(0.4)) {  // a parked car at the kerb
    const float y = walk + c.unit * 3;
    const float w = 4.4f * c.pxPerMetre(y) + 2.0f * c.unit, x = rng.uniformf(0.1f, 0.9f) * float(c.width);
    const cv::Scalar body = c.surface(60, 90, 160);
    c.fillRect(cv::Rect(int(x - w / 2), int(y - w * 0.3f), int(w), int(w * 0.2f)), body, c.groundDepth(y));
    c.fillPoly({{int(x - w * 0.3f), int(y - w * 0.3f)}, {int(x + w * 0.3f), int(y - w * 0.3f)},
                {int(x + w * 0.2f), int(y - w * 0.46f)}, {int(x - w * 0.22f), int(y - w * 0.46f)}},
               body * 0.85, c.groundDepth(y));
    for (float wx : {-0.3f, 0.3f}) {
      c.fillEllipse({int(x + wx * w), int(y - w * 0.1f)}, {int(w * 0.09f) + 1, int(w * 0.09f) + 1}, 0,
                    c.surface(30, 30, 32), c.groundDepth(y));
    }
  }
}

void paintCyberpunkCity(Canvas& c, Rng& rng) {
  const float hy = c.horizon_y, H = float(c.height), W = float(c.width);
  const std::vector<cv::Scalar> neon = {c.emissive(255, 50, 190), c.emissive(40, 230, 255), c.emissive(255, 200, 50),
                                        c.emissive(150, 80, 255)};
  // Far megastructures with many small lit windows.
  {
    float x = -rng.uniformf(0.0f, 8.0f) * c.unit;
    while (x < W) {
      const float w = rng.uniformf(8.0f, 20.0f) * c.unit, h = hy * rng.uniformf(0.45f, 0.95f);
      const cv::Rect b(int(x), int(hy - h), int(w) + 1, int(h) + 2);
      const cv::Scalar body = c.hazed(44, 40, 74, 0.3f) * rng.uniform(0.85, 1.15);
      c.fillRect(b, body, 34);
      if (rng.chance(0.3)) c.line({b.x + b.width / 2, b.y}, {b.x + b.width / 2, b.y - int(h * 0.15f)}, body, 1, 34);
      windowGrid(c, rng, b, body, true, 0.3, neon);
      x += w + rng.uniformf(0.0f, 3.0f) * c.unit;
    }
  }
  // Flying vehicles with running lights.
  const int flyers = rng.range(2, 5);
  for (int i = 0; i < flyers; ++i) {
    const cv::Point p(int(rng.uniformf(0.05f, 0.95f) * W), int(hy * rng.uniformf(0.12f, 0.6f)));
    const float s = rng.uniformf(3.0f, 6.5f) * c.unit;
    const int d = 40 + int(s / c.unit) * 6;
    c.fillEllipse(p, {int(s * 1.6f), std::max(1, int(s * 0.45f))}, 0, c.surface(36, 36, 48), d);
    c.fillEllipse(p - cv::Point(0, int(s * 0.35f)), {int(s * 0.7f), std::max(1, int(s * 0.35f))}, 0,
                  c.surface(70, 80, 100), d);
    const cv::Scalar light = neon[size_t(rng.range(0, 1))];
    const cv::Point tail(p.x + int(s * 1.5f), p.y), head(p.x - int(s * 1.5f), p.y);
    c.fillEllipse(tail, {std::max(1, int(s * 0.2f)), std::max(1, int(s * 0.2f))}, 0, c.emissive(255, 60, 60), -1);
    c.fillEllipse(head, {std::max(1, int(s * 0.2f)), std::max(1, int(s * 0.2f))}, 0, light, -1);
    c.glowCircle(head, int(s * 0.9f), light * 0.5);
  }
  // Wet street reflecting the signs.
  paintGround(c, c.surface(46, 44, 66), c.surface(24, 24, 34));
  // Near towers on both sides, running out of the top of the frame, with neon signs.
  const float base = hy + (H - hy) * rng.uniformf(0.06f, 0.14f);
  const int d = c.groundDepth(base);
  for (int side = 0; side < 2; ++side) {
    const float w = rng.uniformf(0.16f, 0.3f) * W;
    const int x0 = side ? int(W - w) : 0;
    const cv::Rect tower(x0, -1, int(w) + 1, int(base) + 2);
    const cv::Scalar body = c.surface(52, 46, 80);
    c.fillRect(tower, body, d);
    windowGrid(c, rng, tower, body, true, 0.25, neon);
    const int signs = rng.range(1, 3);
    for (int k = 0; k < signs; ++k) {
      const cv::Scalar col = neon[size_t(rng.range(0, int(neon.size()) - 1))];
      const bool vertical = rng.chance(0.6);
      const int sw = vertical ? c.u(4.0f) : int(w * 0.6f), sh = vertical ? int(hy * rng.uniformf(0.25f, 0.45f)) : c.u(5.0f);
      const int sx = side ? x0 - (vertical ? sw : sw / 3) : x0 + int(w) - (vertical ? 0 : sw * 2 / 3);
      const int sy = int(hy * rng.uniformf(0.1f, 0.6f));
      const cv::Rect sign(sx, sy, sw, sh);
      c.fillRect(sign, c.surface(20, 20, 28), d + 2);
      c.fillRect({sx + 1, sy + 1, std::max(1, sw - 2), std::max(1, sh - 2)}, col, -1);
      for (int t = sy + c.u(3.0f); vertical && t < sy + sh - c.u(2.0f); t += c.u(4.0f)) {  // glyph bars
        c.fillRect({sx + sw / 4, t, std::max(1, sw / 2), std::max(1, c.u(1.5f))}, c.emissive(255, 255, 255), -1);
      }
      c.glowRect(sign, col * 0.8);
      // Its reflection on the wet street, stretched towards the camera.
      const int rx = sx + sw / 2, rw = std::max(1, sw / (vertical ? 1 : 3));
      c.fillRect({rx - rw / 2, int(base) + c.u(1.0f), rw, int((H - base) * 0.6f)}, col * 0.35 + c.surface(24, 24, 34) * 0.65,
                 -1);
    }
  }
  // Cables across the street.
  const int cables = rng.range(0, 2);
  for (int k = 0; k < cables; ++k) {
    const int y0 = int(hy * rng.uniformf(0.05f, 0.4f)), y1 = y0 + int(rng.uniformf(-0.1f, 0.1f) * hy);
    c.line({0, y0}, {c.width, y1}, c.surface(20, 20, 26), 1, d - 4);
  }
}

}  // namespace shotcraft::scenes
