#include "core/eval/EdgeMatch.h"

#include <opencv2/imgproc.hpp>

#include "core/scenes/SceneRenderer.h"

namespace shotcraft::eval {

namespace {

// Share of `a`'s edge pixels that lie within the tolerance of an edge of `b`; -1 when `a` has none.
double matchedShare(const cv::Mat& a, const cv::Mat& b_dilated) {
  const int total = cv::countNonZero(a);
  if (total == 0) return -1.0;
  cv::Mat both;
  cv::bitwise_and(a, b_dilated, both);
  return double(cv::countNonZero(both)) / double(total);
}

}  // namespace

EdgeScore edgeF1(const cv::Mat& control_edges, const cv::Mat& output_edges, int tolerance_px) {
  CV_Assert(control_edges.type() == CV_8UC1 && output_edges.type() == CV_8UC1);
  CV_Assert(control_edges.size() == output_edges.size());
  const cv::Mat control = control_edges != 0;
  const cv::Mat output = output_edges != 0;
  cv::Mat control_near, output_near;  // fresh buffers: dilating into a copy of the header would change the map
  if (tolerance_px > 0) {
    const cv::Mat kernel = cv::getStructuringElement(cv::MORPH_RECT, {2 * tolerance_px + 1, 2 * tolerance_px + 1});
    cv::dilate(control, control_near, kernel);
    cv::dilate(output, output_near, kernel);
  } else {
    control_near = control;
    output_near = output;
  }
  const double precision = matchedShare(output, control_near);
  const double recall = matchedShare(control, output_near);
  EdgeScore s;
  if (precision < 0 && recall < 0) {  // nothing to draw and nothing drawn
    s.precision = s.recall = s.f1 = 1.0;
    return s;
  }
  s.precision = std::max(precision, 0.0);
  s.recall = std::max(recall, 0.0);
  s.f1 = s.precision + s.recall > 0 ? 2.0 * s.precision * s.recall / (s.precision + s.recall) : 0.0;
  return s;
}

cv::Mat cannyEdges(const cv::Mat& rgb) {
  cv::Mat edges;
  cv::Canny(rgb, edges, scenes::kCannyLow, scenes::kCannyHigh);
  return edges;
}

}  // namespace shotcraft::eval
