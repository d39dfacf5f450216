#pragma once
// Hand-made image features for the evaluation probes (AttributeProbes, DepthProbe, PoseProbe). They are
// computed the same way on real generator frames (to fit and calibrate the probes) and on generated frames
// (to judge them), always after resizing the frame to the model's output size (kProbeWidth x kProbeHeight).
#include <opencv2/core.hpp>

#include "core/scenes/Skeleton.h"

namespace shotcraft::eval {

inline constexpr int kProbeWidth = 256;
inline constexpr int kProbeHeight = 144;
// The depth probe works on a grid of cells (8 x 8 pixels at the probe size).
inline constexpr int kDepthGridWidth = 32;
inline constexpr int kDepthGridHeight = 18;

// RGB CV_8UC3 of any size -> RGB CV_8UC3 at kProbeWidth x kProbeHeight (area / linear interpolation).
cv::Mat toProbeSize(const cv::Mat& rgb);

// One CV_32F row describing a whole frame: LAB means and spreads (whole frame and a 4x4 grid), 8 horizontal
// bands' LAB and their difference to the frame's mean (the sky against the colour grade), the brightest and
// darkest 5% of the top third, hue/saturation/value histograms, L percentiles, gradient energy per cell and a
// coarse HOG (8x4 cells, 9 orientations). Input: RGB CV_8UC3 at the probe size.
cv::Mat frameFeatures(const cv::Mat& probe_rgb);
// The colour part comes first: frameFeatures(...).colRange(0, kColourFeatureCount).
inline constexpr int kColourFeatureCount = 203;

// One CV_32F row per depth-grid cell (row-major, kDepthGridWidth * kDepthGridHeight rows): position, the
// cell's colour, texture and gradient, its band's colour, its difference to the top of the frame, its
// neighbourhood, and how much structure lies above it in its column.
cv::Mat depthCellFeatures(const cv::Mat& probe_rgb);

// Box (in probe pixels) around a figure, from its visible keypoints: centred on them, 1.3x their height,
// width 0.75x the box height (at least 1.2x their width). Empty when fewer than two keypoints are visible.
cv::Rect2f figureBox(const scenes::Keypoints& keypoints);

// One CV_32F row describing the pixels inside `box` (grey levels and gradient magnitudes on a 12x24 grid,
// each standardised). Pixels outside the frame repeat the border.
cv::Mat poseCropFeatures(const cv::Mat& probe_rgb, const cv::Rect2f& box);

}  // namespace shotcraft::eval
