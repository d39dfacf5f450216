#include <gtest/gtest.h>

#include <cstdio>

#include "core/eval/ProbeFeatures.h"
#include "core/eval/ProbeSuite.h"

using namespace shotcraft;

// One fit (240 training-split frames, 80 held-out frames: a few seconds) checked from every side, so the
// suite pays for it once.
TEST(Probes, ReadRealHeldOutFramesWellAboveChanceAndBeatTheirBaselines) {
  eval::ProbeSuite probes;
  eval::ProbeSuiteOptions o;
  o.fit_frames = 240;
  o.calibration_frames = 80;
  std::string error;
  ASSERT_TRUE(probes.fit(o, &error)) << error;
  const auto& c = probes.calibration();
  std::printf(
      "probes fitted in %.1f s: time %.3f (chance %.3f), scene %.3f (%.3f), figures %.3f (%.3f), "
      "palette %.3f (%.3f); depth r %.3f (prior %.3f, beyond it %.3f); pose error %.3f (baseline %.3f, %d figures)\n",
      c.seconds, c.accuracy[0], c.chance[0], c.accuracy[1], c.chance[1], c.accuracy[2], c.chance[2], c.accuracy[3],
      c.chance[3], c.depth_correlation, c.depth_prior_correlation, c.depth_residual_correlation, c.pose_error,
      c.pose_baseline_error, c.pose_figures);
  EXPECT_EQ(c.fit_frames, 240);
  EXPECT_EQ(c.calibration_frames, 80);

  // Attributes: measured 0.76 / 0.94 / 0.71 / 0.86 against chance 0.28 / 0.16 / 0.38 / 0.30.
  EXPECT_GE(c.accuracy[0], 0.70) << "time of day";
  EXPECT_GE(c.accuracy[1], 0.80) << "scene type";
  EXPECT_GE(c.accuracy[2], c.chance[2] + 0.2) << "number of figures";
  EXPECT_GE(c.accuracy[3], 0.75) << "palette";
  for (int a = 0; a < eval::kAttributeCount; ++a) {
    EXPECT_GT(c.accuracy[size_t(a)], c.chance[size_t(a)] + 0.1) << eval::attributeKey(eval::kAttributes[size_t(a)]);
  }

  // Depth: measured 0.96 against a row-only prior of 0.86.
  EXPECT_GT(c.depth_correlation, 0.8);
  EXPECT_GT(c.depth_correlation, c.depth_prior_correlation + 0.05);
  EXPECT_GT(c.depth_residual_correlation, 0.5);

  // Pose: measured 7.9% of figure height against 11.6% for the pixel-blind mean pose.
  ASSERT_GT(c.pose_figures, 20);
  EXPECT_LT(c.pose_error, 0.8 * c.pose_baseline_error);

  // A flat grey frame carries no depth: the probe's estimate on it follows the truth far less than on the scene.
  const cv::Mat grey(eval::kProbeHeight, eval::kProbeWidth, CV_8UC3, cv::Scalar(128, 128, 128));
  const scenes::SceneSample s = scenes::renderScene(scenes::sampleScene(99), eval::kProbeWidth, eval::kProbeHeight);
  const cv::Mat truth = eval::DepthProbe::toGrid(s.depth);
  const double onScene = eval::DepthProbe::correlation(truth, probes.depth().estimate(s.rgb));
  const double onGrey = eval::DepthProbe::correlation(truth, probes.depth().estimate(grey));
  EXPECT_GT(onScene, onGrey + 0.1);
  // ... and no figures.
  EXPECT_EQ(probes.attributes().predict(grey)[size_t(eval::Attribute::FigureCount)], 0);
}

TEST(Probes, FittingIsDeterministic) {
  eval::ProbeSuiteOptions o;
  o.fit_frames = 60;
  o.calibration_frames = 20;
  eval::ProbeSuite a, b;
  std::string error;
  ASSERT_TRUE(a.fit(o, &error)) << error;
  ASSERT_TRUE(b.fit(o, &error)) << error;
  for (int i = 0; i < eval::kAttributeCount; ++i) {
    EXPECT_EQ(a.calibration().accuracy[size_t(i)], b.calibration().accuracy[size_t(i)]);
  }
  EXPECT_EQ(a.calibration().depth_correlation, b.calibration().depth_correlation);
  EXPECT_EQ(a.calibration().pose_error, b.calibration().pose_error);
  const scenes::SceneSample s = scenes::renderScene(scenes::sampleScene(5), eval::kProbeWidth, eval::kProbeHeight);
  EXPECT_EQ(a.attributes().predict(s.rgb), b.attributes().predict(s.rgb));
  EXPECT_EQ(cv::norm(a.depth().estimate(s.rgb), b.depth().estimate(s.rgb), cv::NORM_INF), 0.0);
}

TEST(Probes, TooFewFramesIsAnError) {
  eval::ProbeSuiteOptions o;
  o.fit_frames = 5;
  o.calibration_frames = 5;
  eval::ProbeSuite p;
  std::string error;
  EXPECT_FALSE(p.fit(o, &error));
  EXPECT_NE(error.find("at least"), std::string::npos) << error;
}

// The model's autoencoder round trip (eval passes IEngine::autoencode): a third of the fitting frames and every
// held-out frame go through it, and the calibration is read on both. With an identity round trip the two
// readings of the same held-out frames must agree exactly.
TEST(Probes, ARoundTripIsFittedOnAndCalibratedOn) {
  eval::ProbeSuiteOptions o;
  o.fit_frames = 60;
  o.calibration_frames = 20;
  int calls = 0;
  o.round_trip = [&](const cv::Mat& rgb, cv::Mat* out, std::string*) {
    ++calls;
    EXPECT_EQ(rgb.size(), cv::Size(eval::kProbeWidth, eval::kProbeHeight));
    *out = rgb.clone();
    return true;
  };
  eval::ProbeSuite p;
  std::string error;
  ASSERT_TRUE(p.fit(o, &error)) << error;
  const auto& c = p.calibration();
  EXPECT_TRUE(c.round_trip);
  EXPECT_EQ(c.round_trip_fit_frames, 20);
  EXPECT_EQ(calls, 20 + 20);
  for (int a = 0; a < eval::kAttributeCount; ++a) EXPECT_EQ(c.round_trip_accuracy[size_t(a)], c.accuracy[size_t(a)]);
  // The held-out frames' own edges are their canny maps (the same preprocessor drew them).
  EXPECT_GT(c.round_trip_edge_f1, 0.99);
  EXPECT_EQ(c.round_trip_depth_correlation, c.depth_correlation);
  EXPECT_EQ(c.round_trip_pose_error, c.pose_error);

  eval::ProbeSuite plain;
  o.round_trip = nullptr;
  ASSERT_TRUE(plain.fit(o, &error)) << error;
  EXPECT_FALSE(plain.calibration().round_trip);

  // A round trip that loses the picture: the probes are fitted on what it returns (they learn other forests than
  // without it), and its calibration reads what is left (no edges).
  o.round_trip = [](const cv::Mat& rgb, cv::Mat* out, std::string*) {
    *out = cv::Mat(rgb.size(), CV_8UC3, cv::Scalar(128, 128, 128));
    return true;
  };
  eval::ProbeSuite grey;
  ASSERT_TRUE(grey.fit(o, &error)) << error;
  const scenes::SceneSample s = scenes::renderScene(scenes::sampleScene(5), eval::kProbeWidth, eval::kProbeHeight);
  EXPECT_GT(cv::norm(grey.depth().estimate(s.rgb), plain.depth().estimate(s.rgb), cv::NORM_INF), 0.0);
  EXPECT_LT(grey.calibration().round_trip_edge_f1, 0.1);

  o.round_trip = [](const cv::Mat&, cv::Mat*, std::string* e) {
    *e = "autoencode: out of memory";
    return false;
  };
  eval::ProbeSuite failing;
  EXPECT_FALSE(failing.fit(o, &error));
  EXPECT_EQ(error, "probe frames through the model's autoencoder: autoencode: out of memory");
}
