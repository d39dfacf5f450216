#include "core/media/ImageOps.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

namespace shotcraft::media {

cv::Mat asMat(Image& image) {
  return cv::Mat(image.height, image.width, image.channels == 1 ? CV_8UC1 : CV_8UC3, image.data.data());
}

cv::Mat asMat(const Image& image) {
  return cv::Mat(image.height, image.width, image.channels == 1 ? CV_8UC1 : CV_8UC3,
                 const_cast<uint8_t*>(image.data.data()));
}

Image fitImage(const Image& in, int width, int height) {
  Image out(width, height, 3);
  if (in.empty()) return out;
  cv::Mat src = asMat(in);
  cv::Mat rgb;
  if (in.channels == 1) {
    cv::cvtColor(src, rgb, cv::COLOR_GRAY2RGB);
  } else {
    rgb = src;
  }
  if (in.width == width && in.height == height) {
    rgb.copyTo(asMat(out));
    return out;
  }
  const double scale = std::min(double(width) / in.width, double(height) / in.height);
  const int w = std::clamp(int(std::lround(in.width * scale)), 1, width);
  const int h = std::clamp(int(std::lround(in.height * scale)), 1, height);
  cv::Mat dst = asMat(out);
  cv::Mat roi = dst(cv::Rect((width - w) / 2, (height - h) / 2, w, h));
  cv::resize(rgb, roi, roi.size(), 0, 0, scale < 1.0 ? cv::INTER_AREA : cv::INTER_LINEAR);
  return out;
}

Image crossFade(const Image& a, const Image& b, double t) {
  if (t <= 0.0 || b.empty()) return a;
  if (t >= 1.0 || a.empty()) return b;
  Image out(a.width, a.height, a.channels);
  cv::Mat dst = asMat(out);
  cv::addWeighted(asMat(a), 1.0 - t, asMat(b), t, 0.0, dst);
  return out;
}

}  // namespace shotcraft::media
