#pragma once
// Control adherence for edges: how well an output's edges follow a canny control map.
//
// Both maps are binary (non-zero = edge). A pixel of one map counts as matched when the other map has an
// edge within `tolerance_px` (Chebyshev distance, i.e. a (2t+1) x (2t+1) square): precision is the share of
// output edge pixels near a control edge, recall the share of control edge pixels near an output edge, and
// F1 their harmonic mean. Two empty maps agree perfectly (F1 = 1); one empty map against a non-empty one
// gives F1 = 0.
#include <opencv2/core.hpp>

namespace shotcraft::eval {

struct EdgeScore {
  double precision = 0.0;
  double recall = 0.0;
  double f1 = 0.0;
};

// Both CV_8UC1 and the same size (the output's edges are resized to the control's size by the caller).
EdgeScore edgeF1(const cv::Mat& control_edges, const cv::Mat& output_edges, int tolerance_px = 2);

// cv::Canny of an RGB frame (all channels) with the scene generator's thresholds (kCannyLow/kCannyHigh),
// i.e. the same preprocessor that drew the canny control maps. Returns CV_8UC1 0/255.
cv::Mat cannyEdges(const cv::Mat& rgb);

}  // namespace shotcraft::eval
