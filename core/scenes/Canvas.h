#pragma once
// Internal to scenes/: the two images every painter draws into at once, the colour frame and its depth
// map, plus the scene's look (light by time of day and weather, then the palette's grade).
//
// Depth convention (8-bit, near = bright, like the inverse-depth maps ControlNet depth models use):
// the sky is 0; the ground plane rises linearly from kHorizonDepth at the horizon to 255 at the bottom
// row (inverse depth of a flat ground is linear in screen y); an upright object standing on the ground at
// row y gets the ground's value at y over its whole extent; distant layers get at least their layer floor.
#include <opencv2/core.hpp>
#include <vector>

#include "core/scenes/SceneSpec.h"

namespace shotcraft::scenes {

class Canvas {
 public:
  static constexpr int kHorizonDepth = 24;

  Canvas(const SceneSpec& spec, int width, int height);

  cv::Mat rgb;    // CV_8UC3, RGB order
  cv::Mat depth;  // CV_8UC1
  int width = 0;
  int height = 0;
  float unit = 1.0f;     // pixels per unit of a 144-line frame (min(width, height) / 144)
  float horizon_y = 0;   // horizon row in pixels
  const SceneSpec& spec;
  float sun_x = -1;  // sun or moon column in pixels, set by paintSky (-1: hidden); for water reflections

  // Colours: a surface lit by the scene light then graded; a light source or sky, graded only.
  cv::Scalar surface(float r, float g, float b) const;
  cv::Scalar surface(Rgb8 c) const { return surface(c.r, c.g, c.b); }
  cv::Scalar emissive(float r, float g, float b) const;
  // Replaces the scene light (interiors are lamp-lit whatever the time of day).
  void setLight(float r, float g, float b);
  // A surface colour blended towards the horizon sky by `haze` in [0, 1] (aerial perspective).
  cv::Scalar hazed(float r, float g, float b, float haze) const;
  cv::Scalar horizonSky() const { return m_horizon_sky; }
  cv::Scalar topSky() const { return m_top_sky; }

  // Pixels per metre for an upright object standing on the ground at row y (camera height as in SceneSpec:
  // a 1.7 m person standing at y is as tall as the sampler makes figures there).
  float pxPerMetre(float y) const;

  // Depth of the ground plane at row y (valid below the horizon; floor of interiors likewise).
  int groundDepth(float y) const;
  void setGroundLine(float y, int depth_at_line) {
    m_ground_y = y;
    m_ground_depth = depth_at_line;
  }

  // Drawing into both images; depth < 0 leaves the depth map untouched (overlays, glows).
  void fillPoly(const std::vector<cv::Point>& pts, const cv::Scalar& colour, int depth);
  void fillRect(const cv::Rect& r, const cv::Scalar& colour, int depth);
  void fillEllipse(cv::Point centre, cv::Size axes, double angle_deg, const cv::Scalar& colour, int depth);
  void line(cv::Point a, cv::Point b, const cv::Scalar& colour, int thickness, int depth);
  // Depth affine along p0 -> p1 (d0 at p0, d1 at p1, extrapolated beyond, clamped to 0..255) inside the
  // polygon: inverse depth of any plane is affine in screen coordinates (walls, ceilings). rgb flat.
  void fillPolyDepthRamp(const std::vector<cv::Point>& pts, const cv::Scalar& colour, cv::Point2f p0, int d0,
                         cv::Point2f p1, int d1);
  // Vertical gradient across full rows [y0, y1): rgb from c0 to c1, depth from d0 to d1 (d < 0: untouched).
  void rowGradient(int y0, int y1, const cv::Scalar& c0, const cv::Scalar& c1, int d0, int d1);

  // Light bleeding from bright sources: shapes drawn into a glow layer, blurred once and added by applyGlow().
  void glowRect(const cv::Rect& r, const cv::Scalar& colour);
  void glowCircle(cv::Point centre, int radius, const cv::Scalar& colour);
  void applyGlow(float sigma_units, float strength);

  int px(float x_frac) const { return int(x_frac * float(width) + 0.5f); }
  int py(float y_frac) const { return int(y_frac * float(height) + 0.5f); }
  int u(float units) const { return std::max(1, int(units * unit + 0.5f)); }

 private:
  cv::Scalar grade(float r, float g, float b) const;
  float m_light[3] = {1, 1, 1};
  float m_desaturate = 0.0f;
  cv::Scalar m_horizon_sky, m_top_sky;
  cv::Mat m_glow;
  float m_ground_y = 0;
  int m_ground_depth = kHorizonDepth;
};

}  // namespace shotcraft::scenes
