#include <gtest/gtest.h>

#include <cmath>

#include "core/model/CameraPath.h"
#include "core/model/Shot.h"
#include "core/render/CameraWarp.h"
#include "tests/render/TestImages.h"

using namespace shotcraft;
using model::CameraChannel;
using model::CameraKeyframe;
using model::CameraPath;
using model::ChannelValues;

namespace {

constexpr ChannelValues kRest = {0.0, 0.0, 1.0, 0.0, 0.0};

ChannelValues with(CameraChannel c, double v, ChannelValues base = kRest) {
  base[size_t(c)] = v;
  return base;
}

CameraPath panPath() {
  CameraKeyframe a;
  a.time_s = 0.0;
  a.easing = model::Easing::EaseInOut;
  CameraKeyframe b;
  b.time_s = 2.0;
  b.set(CameraChannel::PanX, 0.2);
  b.set(CameraChannel::Zoom, 1.5);
  b.set(CameraChannel::Roll, 30.0);
  return CameraPath({a, b});
}

}  // namespace

TEST(CameraWarp, FrameTimeIsIndexOverFpsAndMatchesTheModel) {
  const CameraPath path = panPath();
  for (int fps : {1, 12, 24, 30}) {
    for (int i = 0; i < 3 * fps; ++i) {
      EXPECT_DOUBLE_EQ(render::frameTime_s(i, fps), double(i) / fps);
      EXPECT_EQ(render::cameraAtFrame(path, i, fps), path.evaluateAll(double(i) / fps)) << "frame " << i;
    }
  }
  // Frame 12 at 12 fps is 1 s: half way with ease-in-out (smoothstep(0.5) = 0.5) on automatic handles.
  EXPECT_NEAR(render::cameraAtFrame(path, 12, 12)[size_t(CameraChannel::PanX)], 0.1, 1e-12);
  // Frame 6 (0.5 s): smoothstep(0.25) = 0.15625 of the way.
  EXPECT_NEAR(render::cameraAtFrame(path, 6, 12)[size_t(CameraChannel::PanX)], 0.2 * 0.15625, 1e-12);
  // The last keyframe holds after its time.
  EXPECT_NEAR(render::cameraAtFrame(path, 30, 12)[size_t(CameraChannel::Zoom)], 1.5, 1e-12);
  EXPECT_EQ(render::cameraAtFrame(CameraPath(), 5, 12), kRest);
}

TEST(CameraWarp, PanByTenPixelsMovesADotTenPixels) {
  const int w = 128, h = 72;
  const cv::Mat src = test::dotImage(w, h, 60.0, 30.0);
  // The camera moves right by 10 px: the picture moves 10 px left.
  const cv::Mat out = render::warpView(src, kRest, with(CameraChannel::PanX, 10.0 / w));
  const cv::Point2d c = test::centroid(out);
  EXPECT_NEAR(c.x, 50.0, 0.5);
  EXPECT_NEAR(c.y, 30.0, 0.5);
  const cv::Mat down = render::warpView(src, kRest, with(CameraChannel::PanY, -8.0 / h));
  EXPECT_NEAR(test::centroid(down).y, 38.0, 0.5);
  // Warping back returns to where it was.
  const cv::Mat back = render::warpView(out, with(CameraChannel::PanX, 10.0 / w), kRest);
  EXPECT_NEAR(test::centroid(back).x, 60.0, 0.5);
}

TEST(CameraWarp, ZoomTwoScalesAboutTheCentre) {
  const int w = 128, h = 72;
  const double cx = (w - 1) / 2.0, cy = (h - 1) / 2.0;
  const cv::Mat src = test::dotImage(w, h, cx + 10.0, cy + 5.0);
  const cv::Mat out = render::warpView(src, kRest, with(CameraChannel::Zoom, 2.0));
  const cv::Point2d c = test::centroid(out);
  EXPECT_NEAR(c.x, cx + 20.0, 0.5);
  EXPECT_NEAR(c.y, cy + 10.0, 0.5);
  const cv::Mat centre = render::warpView(test::dotImage(w, h, cx, cy), kRest, with(CameraChannel::Zoom, 2.0));
  EXPECT_NEAR(test::centroid(centre).x, cx, 0.5);
}

TEST(CameraWarp, RollNinetyTurnsThePictureCounterClockwise) {
  const int w = 128, h = 72;
  const double cx = (w - 1) / 2.0, cy = (h - 1) / 2.0;
  const cv::Mat src = test::dotImage(w, h, cx + 15.0, cy);
  // The camera rolls 90 degrees clockwise: a dot right of the centre ends up above it.
  const cv::Point2d c = test::centroid(render::warpView(src, kRest, with(CameraChannel::Roll, 90.0)));
  EXPECT_NEAR(c.x, cx, 0.5);
  EXPECT_NEAR(c.y, cy - 15.0, 0.5);
}

TEST(CameraWarp, RelativeAffineComposesCameraMatrices) {
  const ChannelValues a = {0.05, -0.02, 1.2, 10.0, 0.0};
  const ChannelValues b = {-0.1, 0.03, 0.9, -20.0, 0.1};
  const cv::Mat rel = render::relativeAffine(a, b, 200, 100);
  ASSERT_EQ(rel.rows, 2);
  ASSERT_EQ(rel.cols, 3);
  const cv::Matx33d ma = render::cameraMatrix(a, 200, 100), mb = render::cameraMatrix(b, 200, 100);
  // A rest-view point seen by a, mapped by rel, is where b sees it.
  const cv::Vec3d world(37.0, 61.0, 1.0);
  const cv::Vec3d pa = ma * world, pb = mb * world;
  const double x = rel.at<double>(0, 0) * pa[0] + rel.at<double>(0, 1) * pa[1] + rel.at<double>(0, 2);
  const double y = rel.at<double>(1, 0) * pa[0] + rel.at<double>(1, 1) * pa[1] + rel.at<double>(1, 2);
  EXPECT_NEAR(x, pb[0], 1e-9);
  EXPECT_NEAR(y, pb[1], 1e-9);
  const cv::Mat id = render::relativeAffine(a, a, 200, 100);
  EXPECT_NEAR(cv::norm(id - (cv::Mat_<double>(2, 3) << 1, 0, 0, 0, 1, 0)), 0.0, 1e-9);
}

TEST(CameraWarp, DollyMagnifiesLikeAPinhole) {
  const int w = 128, h = 72;
  const double cx = (w - 1) / 2.0, cy = (h - 1) / 2.0;
  const cv::Mat src = test::dotImage(w, h, cx + 12.0, cy);
  // Forward by half the scene depth: 1 / (1 - 0.5) = 2x.
  const cv::Point2d c = test::centroid(render::warpView(src, kRest, with(CameraChannel::Dolly, 0.5)));
  EXPECT_NEAR(c.x, cx + 24.0, 0.5);
}

TEST(CameraWarp, DepthMakesNearLayersPanMoreThanFarOnes) {
  const int w = 128, h = 72;
  cv::Mat src = test::dotImage(w, h, 30.0, 36.0);
  cv::max(src, test::dotImage(w, h, 95.0, 36.0), src);
  // Left half nearest (1), right half farthest (0).
  cv::Mat depth(h, w, CV_32FC1, cv::Scalar(0.0f));
  depth(cv::Rect(0, 0, w / 2, h)).setTo(1.0f);
  const cv::Mat out = render::warpView(src, kRest, with(CameraChannel::PanX, 10.0 / w), depth, 1.0);
  const cv::Point2d nearDot = test::centroid(out(cv::Rect(0, 0, w / 2, h)));
  const cv::Point2d farDot = test::centroid(out(cv::Rect(w / 2, 0, w / 2, h)));
  EXPECT_NEAR(nearDot.x, 30.0 - 15.0, 0.5);          // 1.5x the flat shift
  EXPECT_NEAR(farDot.x + w / 2, 95.0 - 5.0, 0.5);    // 0.5x
  // Gain 0 is the flat warp.
  const cv::Mat flat = render::warpView(src, kRest, with(CameraChannel::PanX, 10.0 / w), depth, 0.0);
  EXPECT_NEAR(test::centroid(flat(cv::Rect(0, 0, w / 2, h))).x, 20.0, 0.5);
}

TEST(CameraWarp, DepthFromMapIsNormalised) {
  cv::Mat map(10, 20, CV_8UC3, cv::Scalar(255, 255, 255));
  map(cv::Rect(0, 0, 10, 10)).setTo(cv::Scalar::all(0));
  const cv::Mat d = render::depthFromMap(map, 40, 20);
  ASSERT_EQ(d.type(), CV_32FC1);
  EXPECT_EQ(d.cols, 40);
  EXPECT_NEAR(d.at<float>(5, 2), 0.0f, 1e-6);
  EXPECT_NEAR(d.at<float>(5, 38), 1.0f, 1e-6);
}
