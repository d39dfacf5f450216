#include "core/eval/PoseProbe.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/eval/ProbeFeatures.h"

namespace shotcraft::eval {

namespace {

constexpr int kNeighbours = 5;
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

bool visible(const cv::Point2f& p) {
  return !std::isnan(p.x) && !std::isnan(p.y);
}

}  // namespace

bool PoseProbe::fit(const std::vector<ProbeFrame>& frames, std::string* error) {
  m_features.release();
  m_relative.clear();
  std::array<cv::Point2d, scenes::kKeypointCount> sum{};
  std::array<int, scenes::kKeypointCount> n{};
  for (const ProbeFrame& frame : frames) {
    const cv::Mat rgb = toProbeSize(frame.rgb);
    for (const scenes::Keypoints& kp : frame.sample.keypoints) {
      const cv::Rect2f box = figureBox(kp);
      if (box.empty()) continue;
      std::array<cv::Point2f, scenes::kKeypointCount> rel;
      for (int j = 0; j < scenes::kKeypointCount; ++j) {
        rel[size_t(j)] = visible(kp[size_t(j)]) ? cv::Point2f((kp[size_t(j)].x - box.x) / box.width,
                                                              (kp[size_t(j)].y - box.y) / box.height)
                                                : cv::Point2f(kNaN, kNaN);
        if (visible(rel[size_t(j)])) {
          sum[size_t(j)] += cv::Point2d(rel[size_t(j)]);
          ++n[size_t(j)];
        }
      }
      m_features.push_back(poseCropFeatures(rgb, box));
      m_relative.push_back(rel);
    }
  }
  if (m_relative.size() < size_t(kNeighbours)) {
    *error = "the pose probe needs at least " + std::to_string(kNeighbours) + " figures, got " +
             std::to_string(m_relative.size());
    m_features.release();
    return false;
  }
  for (int j = 0; j < scenes::kKeypointCount; ++j) {
    m_mean[size_t(j)] = n[size_t(j)] ? cv::Point2f(sum[size_t(j)] / n[size_t(j)]) : cv::Point2f(0.5f, 0.5f);
  }
  return true;
}

scenes::Keypoints PoseProbe::estimate(const cv::Mat& probe_rgb, const cv::Rect2f& box) const {
  const cv::Mat f = poseCropFeatures(toProbeSize(probe_rgb), box);
  std::vector<std::pair<double, int>> nearest;
  nearest.reserve(size_t(m_features.rows));
  for (int i = 0; i < m_features.rows; ++i) nearest.emplace_back(cv::norm(f, m_features.row(i), cv::NORM_L2SQR), i);
  const int k = std::min(kNeighbours, int(nearest.size()));
  std::partial_sort(nearest.begin(), nearest.begin() + k, nearest.end());
  scenes::Keypoints out;
  for (int j = 0; j < scenes::kKeypointCount; ++j) {
    cv::Point2f s(0, 0);
    int count = 0;
    for (int i = 0; i < k; ++i) {
      const cv::Point2f& p = m_relative[size_t(nearest[size_t(i)].second)][size_t(j)];
      if (visible(p)) s += p, ++count;
    }
    const cv::Point2f rel = count ? s / float(count) : m_mean[size_t(j)];
    out[size_t(j)] = {box.x + rel.x * box.width, box.y + rel.y * box.height};
  }
  return out;
}

scenes::Keypoints PoseProbe::meanPose(const cv::Rect2f& box) const {
  scenes::Keypoints out;
  for (int j = 0; j < scenes::kKeypointCount; ++j) {
    out[size_t(j)] = {box.x + m_mean[size_t(j)].x * box.width, box.y + m_mean[size_t(j)].y * box.height};
  }
  return out;
}

double PoseProbe::relativeError(const scenes::Keypoints& truth, const scenes::Keypoints& estimate) {
  float y0 = 1e9f, y1 = -1e9f;
  double sum = 0.0;
  int n = 0;
  for (int j = 0; j < scenes::kKeypointCount; ++j) {
    const cv::Point2f& t = truth[size_t(j)];
    const cv::Point2f& e = estimate[size_t(j)];
    if (!visible(t)) continue;
    y0 = std::min(y0, t.y), y1 = std::max(y1, t.y);
    if (!visible(e)) continue;
    sum += cv::norm(t - e);
    ++n;
  }
  if (n == 0) return -1.0;
  return sum / n / std::max(8.0f, y1 - y0);
}

}  // namespace shotcraft::eval
