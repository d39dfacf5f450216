#include "core/render/TemporalConsistency.h"

#include <cmath>

namespace shotcraft::render {

double pairError(const cv::Mat& previous, const cv::Mat& next, FlowInterpolator& flow) {
  if (previous.empty() || previous.size() != next.size() || previous.type() != next.type()) return 0.0;
  const cv::Mat f = flow.flow(next, previous);
  const cv::Mat warped = FlowInterpolator::warpByFlow(previous, f, 1.0);
  const int channels = next.channels();
  double sum = 0.0;
  long long count = 0;
  for (int y = 0; y < next.rows; ++y) {
    const cv::Vec2f* fr = f.ptr<cv::Vec2f>(y);
    const uint8_t* a = next.ptr<uint8_t>(y);
    const uint8_t* b = warped.ptr<uint8_t>(y);
    for (int x = 0; x < next.cols; ++x) {
      const float sx = float(x) + fr[x][0], sy = float(y) + fr[x][1];
      if (sx < 0.0f || sy < 0.0f || sx > float(next.cols - 1) || sy > float(next.rows - 1)) continue;
      int d = 0;
      for (int c = 0; c < channels; ++c) d += std::abs(int(a[x * channels + c]) - int(b[x * channels + c]));
      sum += double(d) / channels;
      ++count;
    }
  }
  return count > 0 ? sum / double(count) : 0.0;
}

double flickerFigure(const std::vector<cv::Mat>& frames, FlowInterpolator& flow) {
  if (frames.size() < 2) return 0.0;
  double total = 0.0;
  for (size_t i = 1; i < frames.size(); ++i) total += pairError(frames[i - 1], frames[i], flow);
  return total / double(frames.size() - 1);
}

}  // namespace shotcraft::render
