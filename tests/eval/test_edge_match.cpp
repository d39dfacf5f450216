#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "core/eval/EdgeMatch.h"
#include "core/scenes/SceneRenderer.h"

using namespace shotcraft;

namespace {

cv::Mat sceneEdges(uint64_t seed) {
  const scenes::SceneSample s = scenes::renderScene(scenes::sampleScene(seed));
  return s.canny;
}

cv::Mat shifted(const cv::Mat& m, int dx, int dy) {
  cv::Mat out = cv::Mat::zeros(m.size(), m.type());
  const cv::Matx23f t(1, 0, float(dx), 0, 1, float(dy));
  cv::warpAffine(m, out, t, m.size(), cv::INTER_NEAREST, cv::BORDER_CONSTANT, 0);
  return out;
}

}  // namespace

TEST(EdgeMatch, AMapAgainstItselfIsPerfect) {
  const cv::Mat edges = sceneEdges(11);
  ASSERT_GT(cv::countNonZero(edges), 200);
  const eval::EdgeScore s = eval::edgeF1(edges, edges);
  EXPECT_DOUBLE_EQ(s.precision, 1.0);
  EXPECT_DOUBLE_EQ(s.recall, 1.0);
  EXPECT_DOUBLE_EQ(s.f1, 1.0);
}

TEST(EdgeMatch, ABlankOutputScoresZero) {
  const cv::Mat edges = sceneEdges(12);
  const cv::Mat blank = cv::Mat::zeros(edges.size(), CV_8UC1);
  EXPECT_DOUBLE_EQ(eval::edgeF1(edges, blank).f1, 0.0);
  EXPECT_DOUBLE_EQ(eval::edgeF1(edges, blank).recall, 0.0);
  EXPECT_DOUBLE_EQ(eval::edgeF1(blank, edges).f1, 0.0);
  EXPECT_DOUBLE_EQ(eval::edgeF1(blank, blank).f1, 1.0);  // nothing asked, nothing drawn
}

TEST(EdgeMatch, OnePixelShiftIsWithinToleranceFivePixelsIsNot) {
  const cv::Mat edges = sceneEdges(13);
  EXPECT_GT(eval::edgeF1(edges, shifted(edges, 1, 0)).f1, 0.98);
  EXPECT_GT(eval::edgeF1(edges, shifted(edges, 1, 1)).f1, 0.98);
  EXPECT_GT(eval::edgeF1(edges, shifted(edges, 2, -2)).f1, 0.97);
  // Without tolerance a 1-px shift loses most matches; 5 px is beyond the 2-px tolerance.
  EXPECT_LT(eval::edgeF1(edges, shifted(edges, 1, 0), 0).f1, 0.8);
  EXPECT_LT(eval::edgeF1(edges, shifted(edges, 5, 5)).f1, 0.7);
}

TEST(EdgeMatch, CannyOfTheSceneFrameIsItsCannyControl) {
  const scenes::SceneSample s = scenes::renderScene(scenes::sampleScene(14));
  const cv::Mat mine = eval::cannyEdges(s.rgb);
  EXPECT_EQ(cv::countNonZero(mine != s.canny), 0);
}

TEST(EdgeMatch, HalfTheEdgesGivesHalfTheRecallAndFullPrecision) {
  cv::Mat control = cv::Mat::zeros(100, 200, CV_8UC1);
  cv::line(control, {10, 20}, {190, 20}, 255);
  cv::line(control, {10, 80}, {190, 80}, 255);
  cv::Mat output = cv::Mat::zeros(control.size(), CV_8UC1);
  cv::line(output, {10, 21}, {190, 21}, 255);
  const eval::EdgeScore s = eval::edgeF1(control, output);
  EXPECT_DOUBLE_EQ(s.precision, 1.0);
  EXPECT_NEAR(s.recall, 0.5, 1e-9);
  EXPECT_NEAR(s.f1, 2.0 / 3.0, 1e-9);
}
