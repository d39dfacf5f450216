#include "core/render/FlowInterpolator.h"

#include <algorithm>
#include <opencv2/imgproc.hpp>

#include "core/render/MatImage.h"

namespace shotcraft::render {

FlowInterpolator::FlowInterpolator(FlowPreset preset)
    : m_dis(cv::DISOpticalFlow::create(preset == FlowPreset::Fast ? cv::DISOpticalFlow::PRESET_FAST
                                                                  : cv::DISOpticalFlow::PRESET_MEDIUM)) {}

cv::Mat FlowInterpolator::flow(const cv::Mat& from, const cv::Mat& to) {
  cv::Mat out;
  m_dis->calc(toGrey(from), toGrey(to), out);
  return out;
}

cv::Mat FlowInterpolator::warpByFlow(const cv::Mat& img, const cv::Mat& flow, double scale) {
  cv::Mat map(flow.size(), CV_32FC2);
  const float s = float(scale);
  for (int y = 0; y < flow.rows; ++y) {
    const cv::Vec2f* f = flow.ptr<cv::Vec2f>(y);
    cv::Vec2f* m = map.ptr<cv::Vec2f>(y);
    for (int x = 0; x < flow.cols; ++x) m[x] = cv::Vec2f(float(x) + s * f[x][0], float(y) + s * f[x][1]);
  }
  cv::Mat out;
  cv::remap(img, out, map, cv::noArray(), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
  return out;
}

cv::Mat FlowInterpolator::interpolate(const cv::Mat& a, const cv::Mat& b, const cv::Mat& flowAB,
                                      const cv::Mat& flowBA, double t) {
  t = std::clamp(t, 0.0, 1.0);
  const cv::Mat fromA = warpByFlow(a, flowAB, -t);
  const cv::Mat fromB = warpByFlow(b, flowBA, -(1.0 - t));
  cv::Mat out;
  cv::addWeighted(fromA, 1.0 - t, fromB, t, 0.0, out);
  return out;
}

cv::Mat FlowInterpolator::interpolate(const cv::Mat& a, const cv::Mat& b, double t) {
  return interpolate(a, b, flow(a, b), flow(b, a), t);
}

cv::Mat FlowInterpolator::propagate(const cv::Mat& styledA, const cv::Mat& styledB, const cv::Mat& flowJA,
                                    const cv::Mat& flowJB, double t) {
  t = std::clamp(t, 0.0, 1.0);
  cv::Mat out;
  cv::addWeighted(warpByFlow(styledA, flowJA, 1.0), 1.0 - t, warpByFlow(styledB, flowJB, 1.0), t, 0.0, out);
  return out;
}

}  // namespace shotcraft::render
