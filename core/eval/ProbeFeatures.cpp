#include "core/eval/ProbeFeatures.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/imgproc.hpp>

namespace shotcraft::eval {

namespace {

// Working size of the frame features (half the probe size keeps them cheap and blur-tolerant).
constexpr int kWorkWidth = 128;
constexpr int kWorkHeight = 72;

void push(std::vector<float>& out, double v) {
  out.push_back(float(v));
}

void pushMeanStd(std::vector<float>& out, const cv::Mat& lab) {
  cv::Scalar mean, stddev;
  cv::meanStdDev(lab, mean, stddev);
  for (int c = 0; c < 3; ++c) push(out, mean[c] / 255.0);
  for (int c = 0; c < 3; ++c) push(out, stddev[c] / 128.0);
}

// Gradient magnitude and unsigned orientation (0..pi) of a grey CV_32F image.
void gradients(const cv::Mat& grey, cv::Mat* magnitude, cv::Mat* angle) {
  cv::Mat gx, gy;
  cv::Sobel(grey, gx, CV_32F, 1, 0, 3);
  cv::Sobel(grey, gy, CV_32F, 0, 1, 3);
  cv::cartToPolar(gx, gy, *magnitude, *angle);
}

void pushHog(std::vector<float>& out, const cv::Mat& magnitude, const cv::Mat& angle, int cells_x, int cells_y) {
  constexpr int kBins = 9;
  const int cw = magnitude.cols / cells_x, ch = magnitude.rows / cells_y;
  for (int cy = 0; cy < cells_y; ++cy) {
    for (int cx = 0; cx < cells_x; ++cx) {
      float hist[kBins] = {};
      for (int y = cy * ch; y < (cy + 1) * ch; ++y) {
        const float* m = magnitude.ptr<float>(y);
        const float* a = angle.ptr<float>(y);
        for (int x = cx * cw; x < (cx + 1) * cw; ++x) {
          float t = a[x];
          if (t >= float(CV_PI)) t -= float(CV_PI);
          const int bin = std::min(kBins - 1, int(t / float(CV_PI) * kBins));
          hist[bin] += m[x];
        }
      }
      double norm = 1e-3;
      for (float h : hist) norm += double(h) * h;
      norm = std::sqrt(norm);
      for (float h : hist) push(out, h / norm);
    }
  }
}

cv::Mat toRow(const std::vector<float>& v) {
  return cv::Mat(1, int(v.size()), CV_32F, const_cast<float*>(v.data())).clone();
}

}  // namespace

cv::Mat toProbeSize(const cv::Mat& rgb) {
  CV_Assert(rgb.type() == CV_8UC3);
  if (rgb.cols == kProbeWidth && rgb.rows == kProbeHeight) return rgb;
  cv::Mat out;
  const bool shrink = rgb.cols > kProbeWidth;
  cv::resize(rgb, out, {kProbeWidth, kProbeHeight}, 0, 0, shrink ? cv::INTER_AREA : cv::INTER_LINEAR);
  return out;
}

cv::Mat frameFeatures(const cv::Mat& probe_rgb) {
  cv::Mat small, lab8, lab, hsv, grey;
  cv::resize(probe_rgb, small, {kWorkWidth, kWorkHeight}, 0, 0, cv::INTER_AREA);
  cv::cvtColor(small, lab8, cv::COLOR_RGB2Lab);
  lab8.convertTo(lab, CV_32FC3);
  cv::cvtColor(small, hsv, cv::COLOR_RGB2HSV);
  cv::cvtColor(small, grey, cv::COLOR_RGB2GRAY);
  grey.convertTo(grey, CV_32F, 1.0 / 255.0);
  std::vector<float> f;
  f.reserve(460);

  pushMeanStd(f, lab);
  for (int gy = 0; gy < 4; ++gy) {  // LAB on a 4x4 grid
    for (int gx = 0; gx < 4; ++gx) {
      pushMeanStd(f, lab(cv::Rect(gx * kWorkWidth / 4, gy * kWorkHeight / 4, kWorkWidth / 4, kWorkHeight / 4)));
    }
  }
  const cv::Scalar global = cv::mean(lab);
  for (int band = 0; band < 8; ++band) {  // vertical colour profile (sky to ground), and against the frame's mean
    const cv::Scalar m = cv::mean(lab(cv::Rect(0, band * kWorkHeight / 8, kWorkWidth, kWorkHeight / 8)));
    for (int c = 0; c < 3; ++c) push(f, m[c] / 255.0);
    for (int c = 0; c < 3; ++c) push(f, (m[c] - global[c]) / 255.0);
    // Hue angle and chroma in the a/b plane (dawn skies lean pink, sunsets orange, under any colour grade).
    const double da = m[1] - 128.0, db = m[2] - 128.0;
    push(f, std::atan2(db, da) / CV_PI);
    push(f, std::hypot(da, db) / 128.0);
    push(f, std::atan2(db - (global[2] - 128.0), da - (global[1] - 128.0)) / CV_PI);
  }
  // The brightest and darkest 5% of the top third (sun, moon, stars, the sky's extremes).
  {
    const cv::Mat top = lab8(cv::Rect(0, 0, kWorkWidth, kWorkHeight / 3));
    std::vector<cv::Vec3b> px(top.begin<cv::Vec3b>(), top.end<cv::Vec3b>());
    std::sort(px.begin(), px.end(), [](const cv::Vec3b& a, const cv::Vec3b& b) { return a[0] < b[0]; });
    const size_t k = std::max<size_t>(1, px.size() / 20);
    for (bool bright : {false, true}) {
      double sum[3] = {};
      for (size_t i = 0; i < k; ++i) {
        const cv::Vec3b& p = bright ? px[px.size() - 1 - i] : px[i];
        for (int c = 0; c < 3; ++c) sum[c] += p[c];
      }
      for (int c = 0; c < 3; ++c) push(f, sum[c] / double(k) / 255.0);
    }
  }

  float hue[12] = {}, sat[4] = {}, val[4] = {};  // hue weighted by saturation
  for (int y = 0; y < hsv.rows; ++y) {
    const cv::Vec3b* p = hsv.ptr<cv::Vec3b>(y);
    for (int x = 0; x < hsv.cols; ++x) {
      hue[std::min(11, p[x][0] * 12 / 180)] += p[x][1] / 255.0f;
      sat[p[x][1] / 64] += 1.0f;
      val[p[x][2] / 64] += 1.0f;
    }
  }
  const float n = float(hsv.total());
  for (float h : hue) push(f, h / n);
  for (float s : sat) push(f, s / n);
  for (float v : val) push(f, v / n);

  std::vector<uint8_t> l(lab8.total());
  for (int y = 0, i = 0; y < lab8.rows; ++y) {
    for (int x = 0; x < lab8.cols; ++x) l[size_t(i++)] = lab8.at<cv::Vec3b>(y, x)[0];
  }
  for (double q : {0.1, 0.5, 0.9}) {
    auto it = l.begin() + std::ptrdiff_t(q * double(l.size() - 1));
    std::nth_element(l.begin(), it, l.end());
    push(f, *it / 255.0);
  }

  CV_Assert(int(f.size()) == kColourFeatureCount);
  cv::Mat magnitude, angle;
  gradients(grey, &magnitude, &angle);
  for (int gy = 0; gy < 4; ++gy) {
    for (int gx = 0; gx < 4; ++gx) {
      push(f, cv::mean(
                  magnitude(cv::Rect(gx * kWorkWidth / 4, gy * kWorkHeight / 4, kWorkWidth / 4, kWorkHeight / 4)))[0]);
    }
  }
  pushHog(f, magnitude, angle, 8, 4);
  return toRow(f);
}

cv::Mat depthCellFeatures(const cv::Mat& probe_rgb) {
  constexpr int W = kDepthGridWidth, H = kDepthGridHeight;
  cv::Mat lab8, lab, grey, magnitude, angle;
  cv::cvtColor(probe_rgb, lab8, cv::COLOR_RGB2Lab);
  lab8.convertTo(lab, CV_32FC3, 1.0 / 255.0);
  cv::cvtColor(probe_rgb, grey, cv::COLOR_RGB2GRAY);
  grey.convertTo(grey, CV_32F, 1.0 / 255.0);
  gradients(grey, &magnitude, &angle);
  cv::Mat cellLab, cellLabSq, cellGrad, labSq;
  cv::resize(lab, cellLab, {W, H}, 0, 0, cv::INTER_AREA);
  cv::multiply(lab, lab, labSq);
  cv::resize(labSq, cellLabSq, {W, H}, 0, 0, cv::INTER_AREA);
  cv::resize(magnitude, cellGrad, {W, H}, 0, 0, cv::INTER_AREA);
  cv::Mat nearLab, nearGrad;
  cv::blur(cellLab, nearLab, {5, 5}, {-1, -1}, cv::BORDER_REPLICATE);
  cv::blur(cellGrad, nearGrad, {5, 5}, {-1, -1}, cv::BORDER_REPLICATE);
  cv::Mat rowLab;
  cv::reduce(cellLab, rowLab, 1, cv::REDUCE_AVG);  // H x 1
  const cv::Vec3f top = rowLab.at<cv::Vec3f>(0, 0);
  const float gradThreshold = 0.25f;

  constexpr int kF = 18;
  cv::Mat out(W * H, kF, CV_32F);
  for (int x = 0; x < W; ++x) {
    int structureAbove = 0;
    for (int y = 0; y < H; ++y) {
      const cv::Vec3f c = cellLab.at<cv::Vec3f>(y, x);
      const cv::Vec3f sq = cellLabSq.at<cv::Vec3f>(y, x);
      const cv::Vec3f r = rowLab.at<cv::Vec3f>(y, 0);
      const cv::Vec3f nb = nearLab.at<cv::Vec3f>(y, x);
      float* o = out.ptr<float>(y * W + x);
      int k = 0;
      o[k++] = (y + 0.5f) / H;
      o[k++] = (x + 0.5f) / W;
      for (int i = 0; i < 3; ++i) o[k++] = c[i];
      o[k++] = std::sqrt(std::max(0.0f, sq[0] - c[0] * c[0]));
      o[k++] = cellGrad.at<float>(y, x);
      for (int i = 0; i < 3; ++i) o[k++] = r[i];
      for (int i = 0; i < 3; ++i) o[k++] = c[i] - top[i];
      for (int i = 0; i < 3; ++i) o[k++] = nb[i];
      o[k++] = nearGrad.at<float>(y, x);
      o[k++] = float(structureAbove) / H;
      if (cellGrad.at<float>(y, x) > gradThreshold) ++structureAbove;
      CV_Assert(k == kF);
    }
  }
  return out;
}

cv::Rect2f figureBox(const scenes::Keypoints& keypoints) {
  float x0 = 1e9f, y0 = 1e9f, x1 = -1e9f, y1 = -1e9f;
  int visible = 0;
  for (const cv::Point2f& p : keypoints) {
    if (std::isnan(p.x) || std::isnan(p.y)) continue;
    x0 = std::min(x0, p.x), x1 = std::max(x1, p.x), y0 = std::min(y0, p.y), y1 = std::max(y1, p.y);
    ++visible;
  }
  if (visible < 2) return {};
  const float h = std::max(8.0f, (y1 - y0) * 1.3f);
  const float w = std::max(h * 0.75f, (x1 - x0) * 1.2f);
  const cv::Point2f c((x0 + x1) * 0.5f, (y0 + y1) * 0.5f);
  return {c.x - w * 0.5f, c.y - h * 0.5f, w, h};
}

cv::Mat poseCropFeatures(const cv::Mat& probe_rgb, const cv::Rect2f& box) {
  constexpr int kW = 12, kH = 24;
  cv::Mat grey;
  cv::cvtColor(probe_rgb, grey, cv::COLOR_RGB2GRAY);
  // Affine map of the box onto a 2x-sized crop, then area-average down to the grid.
  const cv::Matx23f m(2 * kW / box.width, 0, -box.x * 2 * kW / box.width, 0, 2 * kH / box.height,
                      -box.y * 2 * kH / box.height);
  cv::Mat crop, cropF, small, magnitude, angle, smallMag;
  cv::warpAffine(grey, crop, m, {2 * kW, 2 * kH}, cv::INTER_LINEAR, cv::BORDER_REPLICATE);
  crop.convertTo(cropF, CV_32F, 1.0 / 255.0);
  gradients(cropF, &magnitude, &angle);
  cv::resize(cropF, small, {kW, kH}, 0, 0, cv::INTER_AREA);
  cv::resize(magnitude, smallMag, {kW, kH}, 0, 0, cv::INTER_AREA);
  cv::Mat out(1, 2 * kW * kH, CV_32F);
  int k = 0;
  for (const cv::Mat* part : {&small, &smallMag}) {
    cv::Scalar mean, stddev;
    cv::meanStdDev(*part, mean, stddev);
    const double s = std::max(stddev[0], 1e-3);
    for (int y = 0; y < kH; ++y) {
      for (int x = 0; x < kW; ++x) out.at<float>(0, k++) = float((part->at<float>(y, x) - mean[0]) / s);
    }
  }
  return out;
}

}  // namespace shotcraft::eval
