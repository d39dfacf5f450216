#pragma once
// Colour coherence across keyframes: each keyframe's CIE LAB statistics are matched to a reference (the shot's
// first keyframe) so a shot neither drifts in colour over its keyframes nor flickers between them.
#include <array>
#include <opencv2/core.hpp>

namespace shotcraft::render {

struct LabStats {
  std::array<double, 3> mean{};  // L in 0..100, a and b in about -127..127
  std::array<double, 3> stddev{};
};

// Statistics of an RGB CV_8UC3 frame in LAB.
LabStats labStats(const cv::Mat& rgb);

// `rgb` with each LAB channel shifted and scaled to the reference's mean and standard deviation
// (per channel: (x - mean) / std * refStd + refMean; a flat channel is only shifted).
cv::Mat matchColour(const cv::Mat& rgb, const LabStats& reference);

// Mean absolute difference of the LAB channel means of two frames (the drift figure the tests use).
double labDrift(const LabStats& a, const LabStats& b);

}  // namespace shotcraft::render
