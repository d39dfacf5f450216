#pragma once
// Reads a figure's 18 keypoints from the pixels inside its box: nearest-neighbour regression (k = 5) over
// poseCropFeatures() of real figure crops with their true keypoints (relative to the box). Pose adherence:
// with the pose control's figure boxes (from its keypoints), how far the keypoints read from the output lie
// from the control's keypoints, as a share of the figure's height.
//
// The box alone says where a figure should be; meanPose() is what a reader that ignores the pixels would
// answer (the mean relative keypoints over the fitting figures), reported next to the probe as a baseline.
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "core/eval/ProbeData.h"
#include "core/scenes/Skeleton.h"

namespace shotcraft::eval {

class PoseProbe {
 public:
  bool fit(const std::vector<ProbeFrame>& frames, std::string* error);
  bool fitted() const { return !m_features.empty(); }
  // Keypoints (probe pixels) read inside `box` of a probe-size RGB frame.
  scenes::Keypoints estimate(const cv::Mat& probe_rgb, const cv::Rect2f& box) const;
  // The pixel-blind baseline for the same box.
  scenes::Keypoints meanPose(const cv::Rect2f& box) const;

  // Mean distance between the truth's visible keypoints and the estimate, divided by the figure height
  // (the vertical span of the truth's visible keypoints, at least 8 px). -1 when nothing is comparable.
  static double relativeError(const scenes::Keypoints& truth, const scenes::Keypoints& estimate);

 private:
  cv::Mat m_features;                                                       // one row per fitted figure
  std::vector<std::array<cv::Point2f, scenes::kKeypointCount>> m_relative;  // in box units, NaN = invisible
  std::array<cv::Point2f, scenes::kKeypointCount> m_mean{};
};

}  // namespace shotcraft::eval
