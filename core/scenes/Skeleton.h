#pragma once
// A figure's 18 OpenPose/COCO keypoints, posed in 3-D body coordinates and projected to the frame. The
// figure painter draws the body FROM these points, so the pose map and the keypoint numbers are exact.
//
// Keypoint order (OpenPose COCO-18): 0 nose, 1 neck, 2 r-shoulder, 3 r-elbow, 4 r-wrist, 5 l-shoulder,
// 6 l-elbow, 7 l-wrist, 8 r-hip, 9 r-knee, 10 r-ankle, 11 l-hip, 12 l-knee, 13 l-ankle, 14 r-eye,
// 15 l-eye, 16 r-ear, 17 l-ear. "Right" is the person's right: it is on screen-left when they face us.
// Face points are invisible when turned away (back view hides nose and eyes; a profile hides the far eye
// and ear); any point outside the frame is invisible too.
#include <array>
#include <opencv2/core.hpp>

#include "core/scenes/SceneSpec.h"

namespace shotcraft::scenes {

inline constexpr int kKeypointCount = 18;
using Keypoints = std::array<cv::Point2f, kKeypointCount>;  // pixel coordinates; NaN = invisible

enum Joint : int {
  kNose = 0, kNeck, kRShoulder, kRElbow, kRWrist, kLShoulder, kLElbow, kLWrist, kRHip, kRKnee, kRAnkle,
  kLHip, kLKnee, kLAnkle, kREye, kLEye, kREar, kLEar
};

struct Skeleton {
  std::array<cv::Point2f, kKeypointCount> points{};  // projected, defined even when invisible
  std::array<float, kKeypointCount> z{};             // towards the camera, pixels (draw order)
  std::array<bool, kKeypointCount> visible{};
  cv::Point2f head_centre;
  float head_radius_px = 0;
  float height_px = 0;      // standing height in pixels
  float foot_y_px = 0;      // ground contact row
  float facing_x = 0;       // screen-x component of the body's forward direction, [-1, 1]
  float head_facing_z = 1;  // z component of the head's forward direction (1 = faces the camera)
  float head_facing_x = 0;

  Keypoints keypoints() const;  // NaN for invisible points
};

// Poses the figure and places it in a width x height frame (shifted sideways if needed so its points stay
// inside the frame).
Skeleton buildSkeleton(const FigureSpec& figure, int width, int height);

// OpenPose-style rendering on `canvas` (CV_8UC3, RGB): the 17 standard limbs as filled ellipses in
// OpenPose's limb colours at 60 %, then each visible keypoint as a dot in its own colour.
void drawOpenPose(cv::Mat& canvas, const Keypoints& keypoints);

// OpenPose's 18 keypoint colours, RGB.
const std::array<cv::Vec3b, kKeypointCount>& openPoseColours();

}  // namespace shotcraft::scenes
