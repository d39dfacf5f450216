#pragma once
// In-between frames by dense optical flow (OpenCV DIS) and the flow warps they are built from.
//
// Flow convention (OpenCV's): flow(from, to) is a CV_32FC2 field F with from(x) ~ to(x + F(x)).
#include <opencv2/core.hpp>
#include <opencv2/video/tracking.hpp>

#include "core/render/RenderSettings.h"

namespace shotcraft::render {

class FlowInterpolator {
 public:
  explicit FlowInterpolator(FlowPreset preset = FlowPreset::Medium);

  // Dense flow between two frames of the same size (RGB or grey, 8-bit).
  cv::Mat flow(const cv::Mat& from, const cv::Mat& to);

  // img sampled at x + scale * flow(x) (bilinear, borders replicated).
  static cv::Mat warpByFlow(const cv::Mat& img, const cv::Mat& flow, double scale);

  // The frame at t in (0, 1) between keyframes a (t = 0) and b (t = 1): a warped forward by t along
  // flowAB = flow(a, b), b warped back by 1 - t along flowBA = flow(b, a), blended (1 - t) a' + t b'.
  static cv::Mat interpolate(const cv::Mat& a, const cv::Mat& b, const cv::Mat& flowAB, const cv::Mat& flowBA,
                             double t);
  // Convenience: computes both flows, then interpolate().
  cv::Mat interpolate(const cv::Mat& a, const cv::Mat& b, double t);

  // EbSynth-style propagation: the styled keyframes a and b carried to frame j along the flow of the control
  // sequence (flowJA = flow(control_j, control_a), flowJB = flow(control_j, control_b)), blended by t.
  static cv::Mat propagate(const cv::Mat& styledA, const cv::Mat& styledB, const cv::Mat& flowJA,
                           const cv::Mat& flowJB, double t);

 private:
  cv::Ptr<cv::DISOpticalFlow> m_dis;
};

}  // namespace shotcraft::render
