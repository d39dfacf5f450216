#pragma once
// Synthetic frames for the renderer tests.
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

namespace shotcraft::test {

// A soft white dot (Gaussian, sigma 1.5 px) on black, RGB.
inline cv::Mat dotImage(int w, int h, double x, double y) {
  cv::Mat img(h, w, CV_8UC3, cv::Scalar::all(0));
  for (int r = 0; r < h; ++r) {
    for (int c = 0; c < w; ++c) {
      const double d2 = (c - x) * (c - x) + (r - y) * (r - y);
      const auto v = uchar(std::lround(255.0 * std::exp(-d2 / (2.0 * 1.5 * 1.5))));
      img.at<cv::Vec3b>(r, c) = cv::Vec3b(v, v, v);
    }
  }
  return img;
}

// Intensity-weighted centroid of the pixels brighter than `threshold` (first channel).
inline cv::Point2d centroid(const cv::Mat& img, int threshold = 20) {
  double sx = 0, sy = 0, sw = 0;
  for (int r = 0; r < img.rows; ++r) {
    for (int c = 0; c < img.cols; ++c) {
      const int v = img.channels() == 3 ? img.at<cv::Vec3b>(r, c)[0] : img.at<uchar>(r, c);
      if (v <= threshold) continue;
      sx += c * v;
      sy += r * v;
      sw += v;
    }
  }
  return sw > 0 ? cv::Point2d(sx / sw, sy / sw) : cv::Point2d(-1, -1);
}

// A static textured background (smooth blobs, values 20..110) with a bright square of side `size` at (x, y).
inline cv::Mat squareOnTexture(int w, int h, int x, int y, int size, int brightnessOffset = 0) {
  cv::Mat img(h, w, CV_8UC3);
  for (int r = 0; r < h; ++r) {
    for (int c = 0; c < w; ++c) {
      const double v = 65.0 + 25.0 * std::sin(c * 0.45) * std::cos(r * 0.37) + 20.0 * std::sin((c + 2 * r) * 0.21);
      const auto b = uchar(std::clamp(v + brightnessOffset, 0.0, 255.0));
      img.at<cv::Vec3b>(r, c) = cv::Vec3b(b, uchar(b / 2 + 30), uchar(120 - b / 3));
    }
  }
  cv::rectangle(img, cv::Rect(x, y, size, size), cv::Scalar(240, 230, 90), cv::FILLED);
  // A little texture inside the square too, so the flow has something to hold on to.
  cv::line(img, cv::Point(x + 2, y + 2), cv::Point(x + size - 3, y + size - 3), cv::Scalar(200, 150, 60), 1);
  return img;
}

}  // namespace shotcraft::test
