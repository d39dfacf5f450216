#pragma once
// Estimates a coarse depth map (kDepthGridWidth x kDepthGridHeight cells, 0..255 near = bright like the
// depth control) from a frame: a regression forest over depthCellFeatures(), fitted on real generator frames
// with their true depth. Depth adherence is the correlation between the depth control and this estimate.
//
// Because the ground plane's depth follows the screen row, a map that only knows the row already correlates
// with most depth maps; prior() is that row-only estimate (the mean true depth of each row over the fitting
// frames), reported next to the probe so the reader sees how much the picture itself adds; and
// residualCorrelation() measures only what departs from it.
#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/ml.hpp>

#include "core/eval/ProbeData.h"

namespace shotcraft::eval {

class DepthProbe {
 public:
  bool fit(const std::vector<ProbeFrame>& frames, std::string* error);
  bool fitted() const { return !m_forest.empty(); }
  // Grid estimate (CV_32F, kDepthGridHeight x kDepthGridWidth) of a probe-size RGB frame.
  cv::Mat estimate(const cv::Mat& probe_rgb) const;
  // The row-only estimate (same grid).
  const cv::Mat& prior() const { return m_prior; }

  // A depth map (CV_8UC1, any size) averaged onto the grid (CV_32F).
  static cv::Mat toGrid(const cv::Mat& depth8);
  // Pearson correlation of two same-size CV_32F maps; 0 when either is constant.
  static double correlation(const cv::Mat& a, const cv::Mat& b);
  // The same after subtracting prior() from both: how far the estimate follows the truth where the truth
  // departs from the row-only layout (an estimate that is only the prior scores 0).
  double residualCorrelation(const cv::Mat& truth, const cv::Mat& estimate) const;

 private:
  cv::Ptr<cv::ml::RTrees> m_forest;
  cv::Mat m_prior;
};

}  // namespace shotcraft::eval
