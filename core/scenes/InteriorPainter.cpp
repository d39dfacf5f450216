// Interiors: a one-point-perspective room box (back wall, side walls, floor, ceiling) with windows onto
// the sky of the scene's time of day and weather, then furniture (room) or desks and screens (office).
#include <algorithm>
#include <array>
#include <cmath>
#include <opencv2/imgproc.hpp>

#include "core/scenes/Painters.h"

namespace shotcraft::scenes {

namespace {

struct Box {
  float hy, vx;        // eye level and vanishing point column
  float floor_y;       // back wall base
  float ceil_y;        // back wall top
  float xl, xr;        // back wall sides
  float metre;         // pixels per metre at the back wall
  int wall_depth;
  cv::Mat outside_rgb, outside_depth;
};

// The view through the windows: sky, weather and a distant skyline or hills, pushed far in depth.
void paintOutside(Canvas& c, Rng& rng, bool city) {
  paintSky(c, rng);
  if (city) {
    paintSkyline(c, rng, c.horizon_y + 1, c.horizon_y * 0.7f, c.hazed(110, 120, 146, 0.4f), 34,
                 c.spec.time == TimeOfDay::Night);
  } else {
    auto hills = ridgeLine(rng, c.width, c.horizon_y * 0.9f, c.horizon_y * 0.1f, 0.5f);
    fillRidge(c, hills, int(c.horizon_y) + 1, c.hazed(90, 124, 96, 0.4f), 30);
  }
  paintGround(c, c.hazed(110, 140, 90, 0.4f), c.surface(90, 120, 80));
  paintWeather(c, rng);
}

Box buildBox(Canvas& c, Rng& rng) {
  Box b;
  b.hy = c.horizon_y;
  b.floor_y = b.hy + float(c.height) * rng.uniformf(0.15f, 0.2f);
  b.metre = (b.floor_y - b.hy) / 1.6f;  // the camera is 1.6 m above the floor
  b.ceil_y = b.floor_y - 2.7f * b.metre;
  b.vx = rng.uniformf(0.35f, 0.65f) * float(c.width);
  b.xl = rng.chance(0.7) ? rng.uniformf(0.05f, 0.2f) * float(c.width) : -1.0f;
  b.xr = rng.chance(0.7) ? rng.uniformf(0.8f, 0.95f) * float(c.width) : float(c.width) + 1.0f;
  b.outside_rgb = c.rgb.clone();
  b.outside_depth = c.depth * 0.35;  // everything outside is far behind the wall
  c.setGroundLine(b.hy, 0);  // inside: the floor's inverse depth is 0 at eye level, 255 at the bottom row
  b.wall_depth = c.groundDepth(b.floor_y);
  return b;
}

void paintShell(Canvas& c, const Box& b, const cv::Scalar& wall, const cv::Scalar& floor, const cv::Scalar& ceiling) {
  const float W = float(c.width), H = float(c.height);
  const int dw = b.wall_depth;
  // Floor and ceiling: inverse depth affine in y through the eye line.
  c.fillPolyDepthRamp({{0, int(b.floor_y)}, {c.width, int(b.floor_y)}, {c.width, c.height}, {0, c.height}}, floor,
                      {0, b.hy}, 0, {0, b.floor_y}, dw);
  c.fillPolyDepthRamp({{0, -1}, {c.width, -1}, {c.width, int(b.ceil_y)}, {0, int(b.ceil_y)}}, ceiling, {0, b.hy}, 0,
                      {0, b.ceil_y}, dw);
  c.fillRect(cv::Rect(cv::Point(int(b.xl), int(b.ceil_y)), cv::Point(int(b.xr) + 1, int(b.floor_y) + 1)), wall, dw);
  // Side walls: edges run to the vanishing point; inverse depth affine in x.
  auto edgeY = [&](float corner_y, float x, float xc) { return b.hy + (corner_y - b.hy) * (b.vx - x) / (b.vx - xc); };
  if (b.xl > 0) {
    c.fillPolyDepthRamp({{int(b.xl), int(b.ceil_y)}, {int(b.xl), int(b.floor_y)}, {0, int(edgeY(b.floor_y, 0, b.xl))},
                         {0, int(edgeY(b.ceil_y, 0, b.xl))}},
                        wall * 0.86, {b.vx, 0}, 0, {b.xl, 0}, dw);
    c.fillPolyDepthRamp({{int(b.xl), int(b.floor_y)}, {0, int(edgeY(b.floor_y, 0, b.xl))}, {0, c.height},
                         {int(b.xl), c.height}},
                        floor, {0, b.hy}, 0, {0, b.floor_y}, dw);
  }
  if (b.xr < W) {
    c.fillPolyDepthRamp({{int(b.xr), int(b.ceil_y)}, {int(b.xr), int(b.floor_y)},
                         {c.width, int(edgeY(b.floor_y, W, b.xr))}, {c.width, int(edgeY(b.ceil_y, W, b.xr))}},
                        wall * 0.78, {b.vx, 0}, 0, {b.xr, 0}, dw);
  }
  // Skirting where walls meet the floor.
  const cv::Scalar skirting = wall * 0.7;
  c.line({int(b.xl), int(b.floor_y)}, {int(b.xr), int(b.floor_y)}, skirting, std::max(1, c.u(0.8f)), -1);
  if (b.xl > 0) c.line({int(b.xl), int(b.floor_y)}, {0, int(edgeY(b.floor_y, 0, b.xl))}, skirting, c.u(0.8f), -1);
  if (b.xr < W) c.line({int(b.xr), int(b.floor_y)}, {c.width, int(edgeY(b.floor_y, W, b.xr))}, skirting, c.u(0.8f), -1);
  (void)H;
}

// A window on the back wall between heights lo_m and hi_m (metres above the floor).
void paintWindow(Canvas& c, const Box& b, float x0, float x1, float lo_m, float hi_m, int panes,
                 const cv::Scalar& frame) {
  const int y0 = std::max(0, int(b.floor_y - hi_m * b.metre)), y1 = int(b.floor_y - lo_m * b.metre);
  const cv::Rect r = cv::Rect(cv::Point(int(x0), y0), cv::Point(int(x1), y1)) & cv::Rect(0, 0, c.width, c.height);
  if (r.empty()) return;
  b.outside_rgb(r).copyTo(c.rgb(r));
  b.outside_depth(r).copyTo(c.depth(r));
  const int t = std::max(1, c.u(1.4f));
  cv::rectangle(c.rgb, r, frame, t);
  cv::rectangle(c.depth, r, cv::Scalar(b.wall_depth), t);
  for (int k = 1; k < panes; ++k) {
    const int x = r.x + r.width * k / panes;
    c.line({x, r.y}, {x, r.y + r.height}, frame, t, b.wall_depth);
  }
  c.line({r.x, r.y + r.height / 3}, {r.x + r.width, r.y + r.height / 3}, frame, t, b.wall_depth);
  c.fillRect({r.x - t, r.y + r.height, r.width + 2 * t, t + 1}, frame * 0.9, b.wall_depth + 2);  // sill
}

cv::Scalar pickWall(Canvas& c, Rng& rng) {
  static constexpr std::array<std::array<float, 3>, 6> kWalls = {
      {{226, 210, 182}, {190, 208, 200}, {216, 190, 170}, {200, 202, 214}, {232, 226, 212}, {170, 186, 206}}};
  const auto& w = rng.pick(kWalls);
  return c.surface(w[0], w[1], w[2]);
}

void indoorLight(Canvas& c) {
  static constexpr float kIndoor[kTimeOfDayCount][3] = {
      {0.95f, 0.88f, 0.88f}, {1.0f, 1.0f, 1.0f}, {1.0f, 0.84f, 0.7f}, {0.74f, 0.66f, 0.56f}};
  const float dim = (c.spec.weather == Weather::Cloudy || c.spec.weather == Weather::Rain) ? 0.9f : 1.0f;
  const auto& l = kIndoor[int(c.spec.time)];
  c.setLight(l[0] * dim, l[1] * dim, l[2] * dim);
}

// Furniture standing against the back wall: x0..x1 in pixels, heights in metres.
void sofa(Canvas& c, const Box& b, float x0, float x1, const cv::Scalar& cloth) {
  const float m = b.metre, y = b.floor_y + 0.6f * m;  // pulled 0.35 m off the wall
  const int d = c.groundDepth(y);
  c.fillRect(cv::Rect(cv::Point(int(x0), int(y - 0.85f * m)), cv::Point(int(x1), int(y - 0.45f * m))), cloth * 0.85, d);
  c.fillRect(cv::Rect(cv::Point(int(x0), int(y - 0.45f * m)), cv::Point(int(x1), int(y - 0.1f * m))), cloth, d);
  c.fillRect(cv::Rect(cv::Point(int(x0) - int(0.12f * m), int(y - 0.6f * m)), cv::Point(int(x0) + int(0.1f * m), int(y))),
             cloth * 0.9, d);
  c.fillRect(cv::Rect(cv::Point(int(x1) - int(0.1f * m), int(y - 0.6f * m)), cv::Point(int(x1) + int(0.12f * m), int(y))),
             cloth * 0.9, d);
}

void shelf(Canvas& c, Rng& rng, const Box& b, float x0, float x1) {
  const float m = b.metre;
  const int d = c.groundDepth(b.floor_y + 0.2f * m);
  const cv::Scalar wood = c.surface(120, 86, 58);
  const int top = int(b.floor_y - 1.9f * m);
  c.fillRect(cv::Rect(cv::Point(int(x0), top), cv::Point(int(x1), int(b.floor_y + 0.2f * m))), wood, d);
  for (int k = 0; k < 4; ++k) {
    const float y = float(top) + (0.15f + 0.45f * float(k)) * m;
    for (float x = x0 + 0.06f * m; x < x1 - 0.1f * m; x += rng.uniformf(0.06f, 0.1f) * m) {
      const cv::Scalar book = c.surface(float(rng.range(60, 220)), float(rng.range(50, 180)), float(rng.range(50, 200)));
      c.fillRect(cv::Rect(cv::Point(int(x), int(y + rng.uniformf(0.0f, 0.08f) * m)), cv::Point(int(x + 0.05f * m), int(y + 0.35f * m))),
                 book, -1);
    }
  }
}

void floorLamp(Canvas& c, const Box& b, float x, bool on) {
  const float m = b.metre, y = b.floor_y + 0.3f * m;
  const int d = c.groundDepth(y);
  c.line({int(x), int(y)}, {int(x), int(y - 1.5f * m)}, c.surface(50, 50, 54), std::max(1, int(0.04f * m)), d);
  const cv::Scalar shade = on ? c.emissive(255, 226, 170) : c.surface(230, 214, 180);
  c.fillPoly({{int(x - 0.15f * m), int(y - 1.5f * m)}, {int(x + 0.15f * m), int(y - 1.5f * m)},
              {int(x + 0.1f * m), int(y - 1.8f * m)}, {int(x - 0.1f * m), int(y - 1.8f * m)}},
             shade, d);
  if (on) c.glowCircle({int(x), int(y - 1.6f * m)}, int(0.6f * m), c.emissive(110, 90, 50));
}

void desk(Canvas& c, Rng& rng, const Box& b, float x, float y_base, float width_m) {
  const float m = (y_base - b.hy) / 1.6f;  // metre at this depth
  const int d = c.groundDepth(y_base);
  const float w = width_m * m, top = y_base - 0.75f * m;
  const cv::Scalar wood = c.surface(150, 116, 84), metal = c.surface(60, 60, 66);
  c.fillRect(cv::Rect(cv::Point(int(x - w / 2), int(top)), cv::Point(int(x + w / 2), int(top + 0.06f * m) + 1)), wood, d);
  c.fillRect(cv::Rect(cv::Point(int(x - w / 2), int(top)), cv::Point(int(x - w / 2 + 0.05f * m) + 1, int(y_base))), metal, d);
  c.fillRect(cv::Rect(cv::Point(int(x + w / 2 - 0.05f * m), int(top)), cv::Point(int(x + w / 2) + 1, int(y_base))), metal, d);
  c.fillRect(cv::Rect(cv::Point(int(x - w / 2), int(top + 0.06f * m)), cv::Point(int(x + w / 2), int(top + 0.35f * m))),
             wood * 0.8, d);
  // A monitor with a lit screen.
  const float mx = x + rng.uniformf(-0.2f, 0.2f) * w, mw = 0.55f * m, mh = 0.35f * m;
  c.line({int(mx), int(top)}, {int(mx), int(top - 0.12f * m)}, metal, std::max(1, int(0.04f * m)), d);
  const cv::Rect screen(cv::Point(int(mx - mw / 2), int(top - 0.12f * m - mh)), cv::Point(int(mx + mw / 2), int(top - 0.12f * m)));
  c.fillRect(screen, c.surface(30, 30, 36), d);
  const int e = std::max(1, int(0.03f * m));
  const cv::Rect glass(screen.x + e, screen.y + e, std::max(1, screen.width - 2 * e), std::max(1, screen.height - 2 * e));
  c.fillRect(glass, c.emissive(120, 190, 235), -1);
  c.glowRect(glass, c.emissive(30, 50, 70));
}

}  // namespace

void paintRoom(Canvas& c, Rng& rng) {
  paintOutside(c, rng, false);
  indoorLight(c);
  Box b = buildBox(c, rng);
  const cv::Scalar wall = pickWall(c, rng);
  const bool carpet = rng.chance(0.35);
  paintShell(c, b, wall, carpet ? c.surface(140, 120, 140) : c.surface(160, 118, 80), c.surface(236, 234, 228));
  const float left = std::max(0.0f, b.xl), right = std::min(float(c.width), b.xr), span = right - left;
  const float wx = left + span * rng.uniformf(0.15f, 0.55f), ww = span * rng.uniformf(0.22f, 0.34f);
  paintWindow(c, b, wx, wx + ww, 0.9f, 2.2f, 2, c.surface(244, 242, 236));
  const bool night = c.spec.time == TimeOfDay::Night;
  // Pick furniture for the free stretches of wall on either side of the window.
  const float free_l = wx - left, free_r = right - (wx + ww);
  const bool sofa_left = free_l > free_r;
  const float sx0 = sofa_left ? left + 0.1f * free_l : wx + ww + 0.1f * free_r;
  const float sx1 = sofa_left ? wx - 0.15f * free_l : right - 0.1f * free_r;
  if (rng.chance(0.5)) {
    static constexpr std::array<std::array<float, 3>, 4> kCloth = {
        {{170, 70, 60}, {70, 100, 150}, {120, 140, 90}, {190, 160, 110}}};
    const auto& cl = rng.pick(kCloth);
    sofa(c, b, sx0, sx1, c.surface(cl[0], cl[1], cl[2]));
  } else {
    shelf(c, rng, b, sx0, std::min(sx1, sx0 + 1.4f * b.metre));
  }
  if (rng.chance(0.6)) {  // a picture on the wall over the smaller free stretch
    const float px = sofa_left ? wx + ww + 0.3f * free_r : left + 0.3f * free_l;
    const float pw = std::min(0.8f * b.metre, 0.5f * std::max(free_l, free_r));
    const cv::Rect pic(cv::Point(int(px), int(b.floor_y - 2.0f * b.metre)), cv::Point(int(px + pw), int(b.floor_y - 1.4f * b.metre)));
    c.fillRect(pic, c.surface(90, 70, 50), b.wall_depth + 1);
    const int e = std::max(1, int(0.05f * b.metre));
    c.fillRect({pic.x + e, pic.y + e, std::max(1, pic.width - 2 * e), std::max(1, pic.height / 2 - e)}, c.surface(150, 190, 220), -1);
    c.fillRect({pic.x + e, pic.y + pic.height / 2, std::max(1, pic.width - 2 * e), std::max(1, pic.height / 2 - e)},
               c.surface(110, 150, 90), -1);
  }
  if (rng.chance(0.6)) floorLamp(c, b, sofa_left ? sx1 + 0.25f * b.metre : sx0 - 0.25f * b.metre, night);
  if (rng.chance(0.5)) {  // a rug on the floor (flat: no depth change)
    const float y = b.floor_y + (float(c.height) - b.floor_y) * rng.uniformf(0.35f, 0.6f);
    const float rw = (y - b.hy) * rng.uniformf(1.0f, 1.8f);
    c.fillEllipse({int(rng.uniformf(0.3f, 0.7f) * float(c.width)), int(y)}, {int(rw), std::max(2, int(rw * 0.22f))}, 0,
                  c.surface(180, 80, 70) * 0.9, -1);
  }
}

void paintOffice(Canvas& c, Rng& rng) {
  paintOutside(c, rng, true);
  indoorLight(c);
  Box b = buildBox(c, rng);
  paintShell(c, b, pickWall(c, rng) * 0.95, c.surface(120, 124, 132), c.surface(228, 228, 226));
  const float left = std::max(0.0f, b.xl), right = std::min(float(c.width), b.xr);
  paintWindow(c, b, left + c.unit * 4, right - c.unit * 4, 0.8f, 2.5f, rng.range(3, 5), c.surface(70, 72, 80));
  if (b.ceil_y > 0) {  // ceiling light panels
    const cv::Scalar panel = c.emissive(250, 250, 240);
    for (int k = 0; k < 3; ++k) {
      const float y = b.ceil_y * (0.3f + 0.25f * float(k));
      const float half = (b.hy - y) * 0.5f;
      c.fillRect(cv::Rect(cv::Point(int(b.vx - half), int(y)), cv::Point(int(b.vx + half), int(y + std::max(1.0f, (b.hy - y) * 0.04f)))),
                 panel, -1);
    }
  }
  const int desks = rng.range(1, 2);
  for (int k = 0; k < desks; ++k) {
    const float x = (float(k) + rng.uniformf(0.3f, 0.7f)) / float(desks) * (right - left) + left;
    desk(c, rng, b, x, b.floor_y + rng.uniformf(0.3f, 0.6f) * b.metre, rng.uniformf(1.2f, 1.6f));
  }
  if (rng.chance(0.5)) {  // a potted plant in a corner
    const float x = rng.chance(0.5) ? left + 0.4f * b.metre : right - 0.4f * b.metre, y = b.floor_y + 0.3f * b.metre;
    const int d = c.groundDepth(y);
    c.fillRect(cv::Rect(cv::Point(int(x - 0.15f * b.metre), int(y - 0.35f * b.metre)), cv::Point(int(x + 0.15f * b.metre), int(y))),
               c.surface(170, 90, 60), d);
    paintRoundTree(c, rng, {int(x), int(y - 0.3f * b.metre)}, 1.0f * b.metre, c.surface(60, 120, 60), c.surface(80, 60, 40), d);
  }
}

}  // namespace shotcraft::scenes
