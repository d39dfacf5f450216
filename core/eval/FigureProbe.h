#pragma once
// Where figures are in a frame: a regression forest gives, per cell of a kFigureGridWidth x kFigureGridHeight
// grid (4 x 4 pixels at the probe size), the chance that a figure covers it, from local colour, contrast
// with its surroundings, gradient orientations and dark outline pixels, and, with the learned probe, its figure
// density map near the cell. Fitted on real generator frames whose figure boxes come from their keypoints. Figures are
// counted as the map's blobs (countFigures).
#include <memory>
#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/ml.hpp>

#include "core/eval/ProbeData.h"

namespace shotcraft::eval {

inline constexpr int kFigureGridWidth = 64;
inline constexpr int kFigureGridHeight = 36;

class ProbeNet;

class FigureProbe {
 public:
  // With the learned probe, each cell also sees its figure density map (ProbeNet.h) near the cell; call before
  // fit().
  void useNet(std::shared_ptr<const ProbeNet> net) { m_net = std::move(net); }
  bool fit(const std::vector<ProbeFrame>& frames, std::string* error);
  bool fitted() const { return !m_forest.empty(); }
  // Presence map (CV_32F, kFigureGridHeight x kFigureGridWidth, 0..1) of a probe-size RGB frame.
  cv::Mat presence(const cv::Mat& probe_rgb) const;
  // The same, with the learned probe's density map of this frame (ProbeNetOutput::density) already computed by
  // the caller, so the network does not run again; ignored without useNet().
  cv::Mat presence(const cv::Mat& probe_rgb, const cv::Mat& net_density) const;

  // The true map of a generator frame: 1 inside each figure's keypoint box (padded for the head and
  // outline), 0 elsewhere.
  static cv::Mat truth(const scenes::SceneSample& sample);
  // Chooses the count rule (presence threshold and smallest blob, in cells) that counts the figures of
  // these frames best; fit() leaves a default rule. Use frames the presence forest was not fitted on.
  void fitCountRule(const std::vector<ProbeFrame>& frames);
  // Blobs of the presence map above the threshold and at least the rule's size, at most kMaxFigures.
  int countFigures(const cv::Mat& presence) const;
  static int countBlobs(const cv::Mat& presence, float threshold, int min_cells);

 private:
  // One row of features per cell; `net_density` is the learned probe's map, run here when empty.
  cv::Mat cellRows(const cv::Mat& probe_rgb, const cv::Mat& net_density = {}) const;

  cv::Ptr<cv::ml::RTrees> m_forest;
  std::shared_ptr<const ProbeNet> m_net;
  float m_threshold = 0.7f;
  int m_minCells = 4;
};

}  // namespace shotcraft::eval
