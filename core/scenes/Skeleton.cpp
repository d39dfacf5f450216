#include "core/scenes/Skeleton.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <opencv2/imgproc.hpp>

namespace shotcraft::scenes {

namespace {

constexpr float kPi = 3.14159265358979f;
float rad(float deg) { return deg * kPi / 180.0f; }

// Body coordinates in units of standing height: lat (+ = the person's left), up, fwd (+ = where they face).
struct V3 {
  float lat = 0, up = 0, fwd = 0;
};
V3 operator+(V3 a, V3 b) { return {a.lat + b.lat, a.up + b.up, a.fwd + b.fwd}; }
V3 operator*(V3 a, float k) { return {a.lat * k, a.up * k, a.fwd * k}; }

// Body proportions (fractions of standing height, sole to crown).
constexpr float kHipHeight = 0.52f, kTorso = 0.31f, kShoulderHalf = 0.11f, kHipHalf = 0.06f;
constexpr float kUpperArm = 0.17f, kForearm = 0.155f, kThigh = 0.245f, kShin = 0.235f, kAnkle = 0.04f;
constexpr float kHeadRadius = 0.065f, kNeckToHead = 0.10f;

// Joint angles in degrees; index 0 = right, 1 = left. Flex swings forward, abduction swings outward.
struct Angles {
  float lean = 0;
  float arm_flex[2] = {0, 0}, arm_abd[2] = {8, 8}, elbow[2] = {8, 8};
  float leg_flex[2] = {0, 0}, leg_abd[2] = {3, 3}, knee[2] = {0, 0};
};

// Unit direction of a limb hanging down, swung forward by `flex` and outward by `abd` on `side`.
V3 limbDir(float flex_deg, float abd_deg, float side) {
  const float f = rad(flex_deg), a = rad(abd_deg);
  return {side * std::sin(a), -std::cos(a) * std::cos(f), std::cos(a) * std::sin(f)};
}

Angles anglesFor(const FigureSpec& f) {
  Angles a;
  const float s = std::sin(2.0f * kPi * f.phase);
  const float v = f.phase;  // deterministic variation for static poses
  switch (f.pose) {
    case Pose::Standing:
      for (int i = 0; i < 2; ++i) {
        a.arm_flex[i] = (i ? -1.0f : 1.0f) * 8.0f * s;
        a.arm_abd[i] = 7.0f + 6.0f * v;
        a.elbow[i] = 6.0f + 14.0f * v;
        a.leg_abd[i] = 3.0f + 3.0f * v;
      }
      break;
    case Pose::Walking:
      for (int i = 0; i < 2; ++i) {
        const float sw = i ? -s : s;
        a.leg_flex[i] = 24.0f * sw;
        a.knee[i] = sw < 0 ? 6.0f - 24.0f * sw : 6.0f;
        a.arm_flex[i] = -24.0f * sw;
        a.elbow[i] = 18.0f;
        a.arm_abd[i] = 6.0f;
      }
      a.lean = 3.0f;
      break;
    case Pose::Running:
      for (int i = 0; i < 2; ++i) {
        const float sw = i ? -s : s;
        a.leg_flex[i] = 42.0f * sw + 12.0f;
        a.knee[i] = 30.0f + 55.0f * std::max(0.0f, 0.5f - 0.5f * sw);
        a.arm_flex[i] = -50.0f * sw;
        a.elbow[i] = 85.0f;
        a.arm_abd[i] = 10.0f;
      }
      a.lean = 14.0f;
      break;
    case Pose::ArmsUp: {
      const float spread = v < 0.5f ? 150.0f + 30.0f * v : 172.0f;  // a V or straight up
      for (int i = 0; i < 2; ++i) {
        a.arm_abd[i] = spread;
        a.arm_flex[i] = 10.0f * v;
        a.elbow[i] = 10.0f;
        a.leg_abd[i] = 7.0f;
      }
      break;
    }
    case Pose::Sitting:
      for (int i = 0; i < 2; ++i) {
        a.leg_flex[i] = 84.0f;
        a.knee[i] = 84.0f + 10.0f * (i ? v : -v);
        a.leg_abd[i] = 6.0f;
        a.arm_flex[i] = 28.0f + 10.0f * v;
        a.elbow[i] = 45.0f;
        a.arm_abd[i] = 10.0f;
      }
      break;
    case Pose::Turning:
      a.arm_flex[0] = 14.0f * s;
      a.arm_flex[1] = -10.0f;
      a.elbow[0] = 25.0f;
      a.leg_flex[0] = 8.0f;
      a.leg_flex[1] = -6.0f;
      a.knee[1] = 10.0f;
      break;
  }
  return a;
}

}  // namespace

Keypoints Skeleton::keypoints() const {
  Keypoints k;
  const float nan = std::numeric_limits<float>::quiet_NaN();
  for (int i = 0; i < kKeypointCount; ++i) k[size_t(i)] = visible[size_t(i)] ? points[size_t(i)] : cv::Point2f(nan, nan);
  return k;
}

Skeleton buildSkeleton(const FigureSpec& f, int width, int height) {
  const Angles a = anglesFor(f);
  std::array<V3, kKeypointCount> p{};
  const V3 hip_c{0, kHipHeight, 0};
  const float lean = rad(a.lean);
  const V3 up_axis{0, std::cos(lean), std::sin(lean)};
  const V3 neck = hip_c + up_axis * kTorso;
  p[kNeck] = neck;
  for (int i = 0; i < 2; ++i) {
    const float side = i ? 1.0f : -1.0f;
    const int sh = i ? kLShoulder : kRShoulder, el = i ? kLElbow : kRElbow, wr = i ? kLWrist : kRWrist;
    const int hp = i ? kLHip : kRHip, kn = i ? kLKnee : kRKnee, an = i ? kLAnkle : kRAnkle;
    p[sh] = neck + V3{side * kShoulderHalf, -0.02f, 0};
    p[el] = p[sh] + limbDir(a.arm_flex[i], a.arm_abd[i], side) * kUpperArm;
    p[wr] = p[el] + limbDir(a.arm_flex[i] + a.elbow[i], a.arm_abd[i], side) * kForearm;
    p[hp] = hip_c + V3{side * kHipHalf, 0, 0};
    p[kn] = p[hp] + limbDir(a.leg_flex[i], a.leg_abd[i], side) * kThigh;
    p[an] = p[kn] + limbDir(a.leg_flex[i] - a.knee[i], a.leg_abd[i], side) * kShin;
  }
  // Head frame: turned by head_yaw relative to the body; face points and their outward normals.
  const V3 head = neck + up_axis * kNeckToHead;
  const float hy = rad(f.head_yaw_deg);
  auto headRot = [&](V3 v) {
    return V3{v.lat * std::cos(hy) + v.fwd * std::sin(hy), v.up, -v.lat * std::sin(hy) + v.fwd * std::cos(hy)};
  };
  struct Face {
    int id;
    V3 offset, normal;
    float min_z;
  };
  const Face face[] = {{kNose, {0, -0.01f, 0.065f}, {0, 0, 1}, -0.35f},
                       {kREye, {-0.026f, 0.012f, 0.055f}, {-0.45f, 0, 0.9f}, 0.05f},
                       {kLEye, {0.026f, 0.012f, 0.055f}, {0.45f, 0, 0.9f}, 0.05f},
                       {kREar, {-0.064f, 0.0f, -0.005f}, {-1, 0, -0.15f}, -0.45f},
                       {kLEar, {0.064f, 0.0f, -0.005f}, {1, 0, -0.15f}, -0.45f}};
  // Body yaw about the vertical axis; screen x = lat*cos + fwd*sin, z (to camera) = -lat*sin + fwd*cos.
  const float yaw = rad(f.yaw_deg);
  const float cy = std::cos(yaw), sy = std::sin(yaw);
  auto screenX = [&](V3 v) { return v.lat * cy + v.fwd * sy; };
  auto screenZ = [&](V3 v) { return -v.lat * sy + v.fwd * cy; };

  Skeleton sk;
  sk.visible.fill(true);
  for (const Face& fc : face) {
    p[size_t(fc.id)] = head + headRot(fc.offset);
    sk.visible[size_t(fc.id)] = screenZ(headRot(fc.normal)) > fc.min_z;
  }
  // Rest the lowest ankle on the ground (running has a flight phase; sitting lowers the hips).
  const float lowest = std::min(p[kRAnkle].up, p[kLAnkle].up);
  const float lift = kAnkle - lowest;
  sk.height_px = f.height_frac * float(height);
  sk.foot_y_px = f.foot_y_frac * float(height);
  const float cx = f.x_frac * float(width);
  auto project = [&](V3 v) {
    return cv::Point2f(cx + screenX(v) * sk.height_px, sk.foot_y_px - (v.up + lift) * sk.height_px);
  };
  for (int i = 0; i < kKeypointCount; ++i) {
    sk.points[size_t(i)] = project(p[size_t(i)]);
    sk.z[size_t(i)] = screenZ(p[size_t(i)]) * sk.height_px;
  }
  sk.head_centre = project(head);
  sk.head_radius_px = kHeadRadius * sk.height_px;
  sk.facing_x = sy;
  const V3 head_fwd = headRot({0, 0, 1});
  sk.head_facing_x = screenX(head_fwd);
  sk.head_facing_z = screenZ(head_fwd);

  // Keep the whole figure inside the frame horizontally (a sideways shift only).
  float lo = sk.head_centre.x - sk.head_radius_px, hi = sk.head_centre.x + sk.head_radius_px;
  for (const auto& q : sk.points) {
    lo = std::min(lo, q.x);
    hi = std::max(hi, q.x);
  }
  const float margin = 0.04f * sk.height_px + 2.0f;
  float shift = 0;
  if (lo < margin) shift = margin - lo;
  if (hi + shift > float(width) - margin) shift = float(width) - margin - hi;
  for (auto& q : sk.points) q.x += shift;
  sk.head_centre.x += shift;
  for (int i = 0; i < kKeypointCount; ++i) {
    const cv::Point2f q = sk.points[size_t(i)];
    if (q.x < 0 || q.y < 0 || q.x > float(width - 1) || q.y > float(height - 1)) sk.visible[size_t(i)] = false;
  }
  return sk;
}

const std::array<cv::Vec3b, kKeypointCount>& openPoseColours() {
  static const std::array<cv::Vec3b, kKeypointCount> kColours = {{
      {255, 0, 0},   {255, 85, 0},  {255, 170, 0}, {255, 255, 0}, {170, 255, 0}, {85, 255, 0},
      {0, 255, 0},   {0, 255, 85},  {0, 255, 170}, {0, 255, 255}, {0, 170, 255}, {0, 85, 255},
      {0, 0, 255},   {85, 0, 255},  {170, 0, 255}, {255, 0, 255}, {255, 0, 170}, {255, 0, 85},
  }};
  return kColours;
}

void drawOpenPose(cv::Mat& canvas, const Keypoints& kp) {
  // OpenPose's 17 drawn limbs (0-based keypoint pairs); limb i takes colour i.
  static constexpr int kLimbs[17][2] = {{1, 2},  {1, 5},   {2, 3},   {3, 4},  {5, 6},   {6, 7},
                                        {1, 8},  {8, 9},   {9, 10},  {1, 11}, {11, 12}, {12, 13},
                                        {1, 0},  {0, 14},  {14, 16}, {0, 15}, {15, 17}};
  const auto& colours = openPoseColours();
  const int stick = std::max(2, int(std::lround(4.0 * std::min(canvas.cols, canvas.rows) / 512.0)));
  auto ok = [](cv::Point2f q) { return !std::isnan(q.x) && !std::isnan(q.y); };
  std::vector<cv::Point> poly;
  for (int i = 0; i < 17; ++i) {
    const cv::Point2f a = kp[size_t(kLimbs[i][0])], b = kp[size_t(kLimbs[i][1])];
    if (!ok(a) || !ok(b)) continue;
    const cv::Point2f m = (a + b) * 0.5f;
    const double len = std::hypot(double(a.x - b.x), double(a.y - b.y));
    const double angle = std::atan2(double(a.y - b.y), double(a.x - b.x)) * 180.0 / 3.14159265358979;
    cv::ellipse2Poly(cv::Point(int(std::lround(m.x)), int(std::lround(m.y))), cv::Size(int(len / 2), stick),
                     int(std::lround(angle)), 0, 360, 1, poly);
    const cv::Vec3b c = colours[size_t(i)];
    cv::fillConvexPoly(canvas, poly, cv::Scalar(c[0] * 0.6, c[1] * 0.6, c[2] * 0.6));
  }
  for (int i = 0; i < kKeypointCount; ++i) {
    const cv::Point2f q = kp[size_t(i)];
    if (!ok(q)) continue;
    const cv::Vec3b c = colours[size_t(i)];
    cv::circle(canvas, cv::Point(int(std::lround(q.x)), int(std::lround(q.y))), stick, cv::Scalar(c[0], c[1], c[2]),
               cv::FILLED);
  }
}

}  // namespace shotcraft::scenes
