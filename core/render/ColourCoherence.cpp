#include "core/render/ColourCoherence.h"

#include <cmath>
#include <opencv2/imgproc.hpp>

namespace shotcraft::render {

namespace {

cv::Mat toLab(const cv::Mat& rgb) {
  cv::Mat f, lab;
  rgb.convertTo(f, CV_32FC3, 1.0 / 255.0);
  cv::cvtColor(f, lab, cv::COLOR_RGB2Lab);
  return lab;
}

}  // namespace

LabStats labStats(const cv::Mat& rgb) {
  LabStats out;
  if (rgb.empty()) return out;
  cv::Scalar mean, stddev;
  cv::meanStdDev(toLab(rgb), mean, stddev);
  for (int c = 0; c < 3; ++c) {
    out.mean[size_t(c)] = mean[c];
    out.stddev[size_t(c)] = stddev[c];
  }
  return out;
}

cv::Mat matchColour(const cv::Mat& rgb, const LabStats& reference) {
  if (rgb.empty()) return {};
  cv::Mat lab = toLab(rgb);
  cv::Scalar mean, stddev;
  cv::meanStdDev(lab, mean, stddev);
  std::vector<cv::Mat> channels;
  cv::split(lab, channels);
  for (int c = 0; c < 3; ++c) {
    const double gain = stddev[c] > 1e-3 ? reference.stddev[size_t(c)] / stddev[c] : 1.0;
    channels[size_t(c)].convertTo(channels[size_t(c)], CV_32F, gain, reference.mean[size_t(c)] - mean[c] * gain);
  }
  cv::threshold(channels[0], channels[0], 100.0, 100.0, cv::THRESH_TRUNC);
  cv::max(channels[0], 0.0, channels[0]);
  cv::merge(channels, lab);
  cv::Mat f, out;
  cv::cvtColor(lab, f, cv::COLOR_Lab2RGB);
  f.convertTo(out, CV_8UC3, 255.0);
  return out;
}

double labDrift(const LabStats& a, const LabStats& b) {
  double sum = 0.0;
  for (size_t c = 0; c < 3; ++c) sum += std::abs(a.mean[c] - b.mean[c]);
  return sum / 3.0;
}

}  // namespace shotcraft::render
