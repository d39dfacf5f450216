#include "core/render/CameraWarp.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <opencv2/imgproc.hpp>

#include "core/render/MatImage.h"

namespace shotcraft::render {

namespace {

using model::CameraChannel;

double channel(const model::ChannelValues& v, CameraChannel c) { return v[size_t(c)]; }

// The per-camera numbers of the screen transform at one inverse distance.
struct View {
  double cx, cy;        // frame centre
  double panX, panY;    // s * pan in pixels
  double mag;           // zoom * dolly magnification
  double cosA, sinA;    // rotation by -roll (screen-clockwise positive)
};

View makeView(const model::ChannelValues& v, int w, int h, double s) {
  View out{};
  out.cx = (w - 1) * 0.5;
  out.cy = (h - 1) * 0.5;
  out.panX = s * channel(v, CameraChannel::PanX) * w;
  out.panY = s * channel(v, CameraChannel::PanY) * h;
  const double zoom = std::max(1e-3, channel(v, CameraChannel::Zoom));
  out.mag = zoom / std::max(0.1, 1.0 - channel(v, CameraChannel::Dolly) * s);
  const double a = -channel(v, CameraChannel::Roll) * std::numbers::pi / 180.0;
  out.cosA = std::cos(a);
  out.sinA = std::sin(a);
  return out;
}

// screen -> rest-view position.
inline void toWorld(const View& v, double x, double y, double* wx, double* wy) {
  const double dx = x - v.cx, dy = y - v.cy;
  // inverse rotation: R(a)^T
  const double rx = (v.cosA * dx + v.sinA * dy) / v.mag;
  const double ry = (-v.sinA * dx + v.cosA * dy) / v.mag;
  *wx = rx + v.cx + v.panX;
  *wy = ry + v.cy + v.panY;
}

// rest-view position -> screen.
inline void toScreen(const View& v, double wx, double wy, double* x, double* y) {
  const double dx = (wx - v.cx - v.panX) * v.mag, dy = (wy - v.cy - v.panY) * v.mag;
  *x = v.cx + v.cosA * dx - v.sinA * dy;
  *y = v.cy + v.sinA * dx + v.cosA * dy;
}

}  // namespace

double frameTime_s(int frame, int fps) { return fps > 0 ? double(frame) / double(fps) : 0.0; }

model::ChannelValues cameraAtFrame(const model::CameraPath& path, int frame, int fps) {
  return path.evaluateAll(frameTime_s(frame, fps));
}

cv::Matx33d cameraMatrix(const model::ChannelValues& camera, int width, int height, double inverseDistance) {
  const View v = makeView(camera, width, height, inverseDistance);
  const cv::Matx33d toOrigin(1, 0, -v.cx - v.panX, 0, 1, -v.cy - v.panY, 0, 0, 1);
  const cv::Matx33d scaleRotate(v.mag * v.cosA, -v.mag * v.sinA, 0, v.mag * v.sinA, v.mag * v.cosA, 0, 0, 0, 1);
  const cv::Matx33d back(1, 0, v.cx, 0, 1, v.cy, 0, 0, 1);
  return back * scaleRotate * toOrigin;
}

cv::Mat relativeAffine(const model::ChannelValues& from, const model::ChannelValues& to, int width, int height) {
  const cv::Matx33d rel = cameraMatrix(to, width, height) * cameraMatrix(from, width, height).inv();
  cv::Mat out(2, 3, CV_64F);
  for (int r = 0; r < 2; ++r) {
    for (int c = 0; c < 3; ++c) out.at<double>(r, c) = rel(r, c);
  }
  return out;
}

cv::Mat warpView(const cv::Mat& src, const model::ChannelValues& from, const model::ChannelValues& to,
                 const cv::Mat& depth, double parallaxGain) {
  if (src.empty()) return {};
  const int w = src.cols, h = src.rows;
  cv::Mat dst;
  if (depth.empty() || parallaxGain == 0.0) {
    if (from == to) return src.clone();
    cv::warpAffine(src, dst, relativeAffine(from, to, w, h), src.size(), cv::INTER_LINEAR, cv::BORDER_REFLECT_101);
    return dst;
  }
  cv::Mat d = depth;
  if (d.cols != w || d.rows != h) cv::resize(depth, d, src.size(), 0, 0, cv::INTER_LINEAR);
  cv::Mat mapX(h, w, CV_32FC1), mapY(h, w, CV_32FC1);
  // Views depend on s only through pan and mag; build them per pixel from the per-camera constants.
  const View fromRest = makeView(from, w, h, 1.0), toRest = makeView(to, w, h, 1.0);
  const auto& F = from;
  const auto& T = to;
  const double fZoom = std::max(1e-3, channel(F, CameraChannel::Zoom)), fDolly = channel(F, CameraChannel::Dolly);
  const double tZoom = std::max(1e-3, channel(T, CameraChannel::Zoom)), tDolly = channel(T, CameraChannel::Dolly);
  for (int y = 0; y < h; ++y) {
    const float* dr = d.ptr<float>(y);
    float* mx = mapX.ptr<float>(y);
    float* my = mapY.ptr<float>(y);
    for (int x = 0; x < w; ++x) {
      const double s = 1.0 + parallaxGain * (double(std::clamp(dr[x], 0.0f, 1.0f)) - 0.5);
      View tv = toRest, fv = fromRest;
      tv.panX *= s;
      tv.panY *= s;
      tv.mag = tZoom / std::max(0.1, 1.0 - tDolly * s);
      fv.panX *= s;
      fv.panY *= s;
      fv.mag = fZoom / std::max(0.1, 1.0 - fDolly * s);
      double wx, wy, sx, sy;
      toWorld(tv, x, y, &wx, &wy);
      toScreen(fv, wx, wy, &sx, &sy);
      mx[x] = float(sx);
      my[x] = float(sy);
    }
  }
  cv::remap(src, dst, mapX, mapY, cv::INTER_LINEAR, cv::BORDER_REFLECT_101);
  return dst;
}

cv::Mat depthFromMap(const cv::Mat& map, int width, int height) {
  if (map.empty()) return {};
  cv::Mat grey = toGrey(map);
  cv::Mat f;
  grey.convertTo(f, CV_32F, 1.0 / 255.0);
  if (f.cols != width || f.rows != height) cv::resize(f, f, cv::Size(width, height), 0, 0, cv::INTER_AREA);
  return f;
}

}  // namespace shotcraft::render
