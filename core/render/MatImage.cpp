#include "core/render/MatImage.h"

#include <cstring>
#include <opencv2/imgproc.hpp>

namespace shotcraft::render {

cv::Mat toMat(const Image& image) {
  if (image.empty()) return {};
  const int type = image.channels == 1 ? CV_8UC1 : CV_8UC3;
  const cv::Mat view(image.height, image.width, type, const_cast<uint8_t*>(image.data.data()));
  return view.clone();
}

Image fromMat(const cv::Mat& mat) {
  if (mat.empty()) return {};
  Image out(mat.cols, mat.rows, mat.channels());
  const size_t rowBytes = size_t(mat.cols) * size_t(mat.channels());
  for (int y = 0; y < mat.rows; ++y) std::memcpy(out.pixel(0, y), mat.ptr(y), rowBytes);
  return out;
}

cv::Mat toRgbSized(const Image& image, int width, int height) {
  cv::Mat m = toMat(image);
  if (m.empty()) return {};
  if (m.channels() == 1) cv::cvtColor(m, m, cv::COLOR_GRAY2RGB);
  if (m.cols != width || m.rows != height) {
    const bool shrinking = m.cols > width && m.rows > height;
    cv::Mat resized;
    cv::resize(m, resized, cv::Size(width, height), 0, 0, shrinking ? cv::INTER_AREA : cv::INTER_CUBIC);
    return resized;
  }
  return m;
}

cv::Mat toGrey(const cv::Mat& rgbOrGrey) {
  if (rgbOrGrey.channels() == 1) return rgbOrGrey;
  cv::Mat grey;
  cv::cvtColor(rgbOrGrey, grey, cv::COLOR_RGB2GRAY);
  return grey;
}

}  // namespace shotcraft::render
