#include <gtest/gtest.h>

#include <random>

#include "core/render/FlowInterpolator.h"
#include "core/render/RenderSettings.h"
#include "core/render/TemporalConsistency.h"
#include "tests/render/TestImages.h"

using namespace shotcraft;

namespace {

// Centroid of the square (its yellow: high red and green, low blue) in an RGB frame.
cv::Point2d squareCentroid(const cv::Mat& rgb) {
  double sx = 0, sy = 0, n = 0;
  for (int r = 0; r < rgb.rows; ++r) {
    for (int c = 0; c < rgb.cols; ++c) {
      const cv::Vec3b p = rgb.at<cv::Vec3b>(r, c);
      const double w = std::clamp((int(p[0]) - 150) / 90.0, 0.0, 1.0);
      sx += w * c;
      sy += w * r;
      n += w;
    }
  }
  return n > 0 ? cv::Point2d(sx / n, sy / n) : cv::Point2d(-1, -1);
}

}  // namespace

TEST(FlowInterpolator, MidpointOfAMovingSquareLandsWithinOnePixel) {
  const int w = 128, h = 72;
  for (auto preset : {render::FlowPreset::Fast, render::FlowPreset::Medium}) {
    render::FlowInterpolator flow(preset);
    const cv::Mat a = test::squareOnTexture(w, h, 30, 24, 16);
    const cv::Mat b = test::squareOnTexture(w, h, 42, 28, 16);
    const cv::Point2d ca = squareCentroid(a), cb = squareCentroid(b);
    const cv::Mat mid = flow.interpolate(a, b, 0.5);
    const cv::Point2d cm = squareCentroid(mid);
    EXPECT_NEAR(cm.x, (ca.x + cb.x) / 2.0, 1.0) << "preset " << int(preset);
    EXPECT_NEAR(cm.y, (ca.y + cb.y) / 2.0, 1.0) << "preset " << int(preset);
    // A quarter of the way.
    const cv::Point2d cq = squareCentroid(flow.interpolate(a, b, 0.25));
    EXPECT_NEAR(cq.x, ca.x + 0.25 * (cb.x - ca.x), 1.0);
    // A plain cross-fade would leave two half squares whose centroid is also the midpoint, so check the square
    // stays solid: most of its pixels are fully bright.
    int solid = 0;
    for (int r = 0; r < h; ++r) {
      for (int c = 0; c < w; ++c) solid += mid.at<cv::Vec3b>(r, c)[0] > 220 ? 1 : 0;
    }
    EXPECT_GT(solid, 16 * 16 * 0.6);
  }
}

TEST(FlowInterpolator, WarpByFlowShiftsByTheField) {
  const cv::Mat img = test::dotImage(64, 36, 20.0, 18.0);
  const cv::Mat flow(36, 64, CV_32FC2, cv::Scalar(-5.0f, 2.0f));
  const cv::Point2d c = test::centroid(render::FlowInterpolator::warpByFlow(img, flow, 1.0));
  // out(x) = img(x + F): the dot moves by -F.
  EXPECT_NEAR(c.x, 25.0, 0.3);
  EXPECT_NEAR(c.y, 16.0, 0.3);
}

TEST(FlowInterpolator, EbSynthPropagationFollowsTheControlSequence) {
  const int w = 128, h = 72;
  render::FlowInterpolator flow(render::FlowPreset::Medium);
  // Control renders of a square moving right; the "styled" keyframes are the same scene in other colours.
  const cv::Mat ca = test::squareOnTexture(w, h, 30, 24, 16), cb = test::squareOnTexture(w, h, 46, 24, 16);
  const cv::Mat cj = test::squareOnTexture(w, h, 38, 24, 16);
  const cv::Mat sa = ca.clone(), sb = cb.clone();
  const cv::Mat out = render::FlowInterpolator::propagate(sa, sb, flow.flow(cj, ca), flow.flow(cj, cb), 0.5);
  EXPECT_NEAR(squareCentroid(out).x, squareCentroid(cj).x, 1.0);
}

TEST(TemporalConsistency, FlickeringSequenceScoresHigherThanASmoothOne) {
  const int w = 96, h = 54;
  render::FlowInterpolator flow(render::FlowPreset::Medium);
  std::vector<cv::Mat> smooth, flicker;
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> jump(-30, 30);
  for (int i = 0; i < 8; ++i) {
    smooth.push_back(test::squareOnTexture(w, h, 20 + 3 * i, 18, 14));
    flicker.push_back(test::squareOnTexture(w, h, 20 + 3 * i, 18, 14, jump(rng)));
  }
  const double s = render::flickerFigure(smooth, flow);
  const double f = render::flickerFigure(flicker, flow);
  RecordProperty("flicker_smooth", std::to_string(s));
  RecordProperty("flicker_flickering", std::to_string(f));
  EXPECT_LT(s, render::kFlickerWarningThreshold);
  EXPECT_GT(f, render::kFlickerWarningThreshold);
  EXPECT_GT(f, 3.0 * s);
  EXPECT_EQ(render::flickerFigure({smooth.front()}, flow), 0.0);
  // Identical frames: no error at all.
  EXPECT_NEAR(render::flickerFigure({smooth[0], smooth[0], smooth[0]}, flow), 0.0, 1e-9);
}
