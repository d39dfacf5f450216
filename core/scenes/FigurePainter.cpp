#include "core/scenes/FigurePainter.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace shotcraft::scenes {

namespace {

cv::Point ip(cv::Point2f p) { return {int(std::lround(p.x)), int(std::lround(p.y))}; }

enum class PartKind { Limb, Torso, Head, Hand, Shoe };

struct Part {
  PartKind kind;
  float z;
  cv::Point2f a, b;  // limb ends / hand / shoe centre
  float thickness;
  cv::Scalar colour;
};

}  // namespace

void paintFigure(Canvas& canvas, const FigureSpec& f, const Skeleton& sk) {
  const float H = sk.height_px;
  const int depth = std::min(255, canvas.groundDepth(sk.foot_y_px) + 6);
  const cv::Scalar shirt = canvas.surface(f.shirt), trousers = canvas.surface(f.trousers);
  const cv::Scalar skin = canvas.surface(f.skin), hair = canvas.surface(f.hair);
  const cv::Scalar outline = canvas.surface(24, 22, 30);
  const cv::Scalar shoes = canvas.surface(36, 30, 30);
  const auto& P = sk.points;

  if (f.pose == Pose::Sitting) {  // a simple seat under the thighs
    const float hip_y = 0.5f * (P[kRHip].y + P[kLHip].y);
    const float x0 = std::min({P[kRHip].x, P[kLHip].x, P[kRKnee].x, P[kLKnee].x}) - 0.05f * H;
    const float x1 = std::max({P[kRHip].x, P[kLHip].x, P[kRKnee].x, P[kLKnee].x}) + 0.05f * H;
    const cv::Scalar wood = canvas.surface(120, 84, 56);
    const int top = int(hip_y + 0.035f * H), slab = std::max(2, int(0.04f * H));
    canvas.fillRect(cv::Rect(int(x0), top, std::max(2, int(x1 - x0)), slab), wood, depth - 2);
    const int leg_w = std::max(1, int(0.025f * H));
    canvas.fillRect(cv::Rect(int(x0) + leg_w, top, leg_w, int(sk.foot_y_px) - top), wood, depth - 2);
    canvas.fillRect(cv::Rect(int(x1) - 2 * leg_w, top, leg_w, int(sk.foot_y_px) - top), wood, depth - 2);
  }

  std::vector<Part> parts;
  const float leg_t = 0.085f * H, arm_t = 0.058f * H;
  for (int i = 0; i < 2; ++i) {
    const int hp = i ? kLHip : kRHip, kn = i ? kLKnee : kRKnee, an = i ? kLAnkle : kRAnkle;
    const int sh = i ? kLShoulder : kRShoulder, el = i ? kLElbow : kRElbow, wr = i ? kLWrist : kRWrist;
    const float leg_z = (sk.z[hp] + sk.z[kn] + sk.z[an]) / 3.0f - 0.01f;
    parts.push_back({PartKind::Limb, leg_z, P[hp], P[kn], leg_t, trousers});
    parts.push_back({PartKind::Limb, leg_z, P[kn], P[an], leg_t * 0.9f, trousers});
    const cv::Point2f toe = P[an] + cv::Point2f(sk.facing_x * 0.05f * H, 0.0f);
    parts.push_back({PartKind::Shoe, leg_z + 0.001f, P[an], toe, leg_t * 0.55f, shoes});
    const float arm_z = (sk.z[sh] + sk.z[el] + sk.z[wr]) / 3.0f + 0.01f;
    parts.push_back({PartKind::Limb, arm_z, P[sh], P[el], arm_t, shirt});
    parts.push_back({PartKind::Limb, arm_z, P[el], P[wr], arm_t * 0.9f, shirt});
    parts.push_back({PartKind::Hand, arm_z + 0.001f, P[wr], P[wr], 0.032f * H, skin});
  }
  parts.push_back({PartKind::Torso, 0.0f, P[kNeck], P[kNeck], 0.0f, shirt});
  parts.push_back({PartKind::Head, 1e6f, sk.head_centre, sk.head_centre, sk.head_radius_px, skin});
  std::stable_sort(parts.begin(), parts.end(), [](const Part& a, const Part& b) { return a.z < b.z; });

  // Torso: shoulders and hips, widened to a minimum so profiles keep a body.
  auto torsoPoly = [&](float grow) {
    const cv::Point2f sc = (P[kRShoulder] + P[kLShoulder]) * 0.5f, hc = (P[kRHip] + P[kLHip]) * 0.5f;
    const float sw = std::max(std::abs(P[kRShoulder].x - P[kLShoulder].x) * 0.5f + 0.02f * H, 0.065f * H) + grow;
    const float hw = std::max(std::abs(P[kRHip].x - P[kLHip].x) * 0.5f + 0.03f * H, 0.06f * H) + grow;
    return std::vector<cv::Point>{ip(sc + cv::Point2f(-sw, -0.01f * H - grow)), ip(sc + cv::Point2f(sw, -0.01f * H - grow)),
                                  ip(hc + cv::Point2f(hw, 0.03f * H + grow)), ip(hc + cv::Point2f(-hw, 0.03f * H + grow))};
  };
  const float edge = std::max(1.0f, 0.018f * H);
  // Pass 0 draws every part grown by `edge` in the outline colour, pass 1 fills: a silhouette line.
  for (int pass = 0; pass < 2; ++pass) {
    const float grow = pass == 0 ? edge : 0.0f;
    for (const Part& part : parts) {
      const cv::Scalar c = pass == 0 ? outline : part.colour;
      switch (part.kind) {
        case PartKind::Limb:
        case PartKind::Shoe:
          canvas.line(ip(part.a), ip(part.b), c, std::max(1, int(std::lround(part.thickness + 2 * grow))), depth);
          break;
        case PartKind::Hand:
          canvas.fillEllipse(ip(part.a), cv::Size(int(part.thickness + grow), int(part.thickness + grow)), 0, c, depth);
          break;
        case PartKind::Torso:
          canvas.fillPoly(torsoPoly(grow), c, depth);
          if (pass == 1) {  // belt line in trouser colour
            const cv::Point2f hc = (P[kRHip] + P[kLHip]) * 0.5f;
            const float hw = std::max(std::abs(P[kRHip].x - P[kLHip].x) * 0.5f + 0.03f * H, 0.06f * H);
            canvas.fillRect(cv::Rect(ip(hc + cv::Point2f(-hw, -0.02f * H)), ip(hc + cv::Point2f(hw, 0.03f * H))),
                         trousers, depth);
          }
          break;
        case PartKind::Head: {
          const cv::Point2f nk = P[kNeck];
          const float r = part.thickness;
          canvas.line(ip(nk), ip(part.a), pass == 0 ? outline : skin, std::max(1, int(0.45f * r + 2 * grow)), depth);
          canvas.fillEllipse(ip(part.a), cv::Size(int(r + grow), int(r * 1.08f + grow)), 0, pass == 0 ? outline : hair,
                          depth);
          if (pass == 1 && sk.head_facing_z > -0.3f) {  // the face, shifted towards where the head looks
            const cv::Point2f fc = part.a + cv::Point2f(sk.head_facing_x * 0.22f * r, 0.2f * r);
            const float fw = r * (0.62f + 0.25f * std::max(0.0f, sk.head_facing_z));
            canvas.fillEllipse(ip(fc), cv::Size(std::max(1, int(fw)), std::max(1, int(0.82f * r))), 0, skin, depth);
          }
          break;
        }
      }
    }
  }
}

}  // namespace shotcraft::scenes
