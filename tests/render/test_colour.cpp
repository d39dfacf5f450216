#include <gtest/gtest.h>

#include "core/render/ColourCoherence.h"
#include "tests/render/TestImages.h"

using namespace shotcraft;

TEST(ColourCoherence, MatchingBringsLabStatisticsToTheReference) {
  const cv::Mat reference = test::squareOnTexture(96, 54, 20, 10, 20);
  cv::Mat tinted = reference.clone();
  tinted.forEach<cv::Vec3b>([](cv::Vec3b& p, const int*) {
    p[0] = cv::saturate_cast<uchar>(p[0] + 40);
    p[2] = cv::saturate_cast<uchar>(p[2] * 0.6);
  });
  const render::LabStats ref = render::labStats(reference);
  const double before = render::labDrift(render::labStats(tinted), ref);
  const cv::Mat fixed = render::matchColour(tinted, ref);
  ASSERT_EQ(fixed.type(), CV_8UC3);
  ASSERT_EQ(fixed.size(), reference.size());
  const render::LabStats after = render::labStats(fixed);
  EXPECT_GT(before, 5.0);
  EXPECT_LT(render::labDrift(after, ref), 1.0);
  for (size_t c = 0; c < 3; ++c) EXPECT_NEAR(after.stddev[c], ref.stddev[c], 1.5) << "channel " << c;
  // Matching a frame to its own statistics changes it by at most rounding.
  const cv::Mat same = render::matchColour(reference, ref);
  EXPECT_LE(cv::norm(same, reference, cv::NORM_INF), 2.0);
}
