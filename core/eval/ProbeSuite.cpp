#include "core/eval/ProbeSuite.h"

#include <algorithm>
#include <chrono>

#include "core/eval/EdgeMatch.h"
#include "core/eval/ProbeFeatures.h"

namespace shotcraft::eval {

bool ProbeSuite::fit(const ProbeSuiteOptions& options, std::string* error) {
  const auto start = std::chrono::steady_clock::now();
  ProbeData data = renderProbeData(options.seed, options.fit_frames, options.calibration_frames);
  std::vector<cv::Mat> roundTrips;  // of the calibration frames
  int roundTripFits = 0;
  if (options.round_trip) {
    auto roundTrip = [&](const cv::Mat& rgb, cv::Mat* out) {
      if (options.round_trip(rgb, out, error)) return true;
      *error = "probe frames through the model's autoencoder: " + *error;
      return false;
    };
    for (size_t i = 2; i < data.fit.size(); i += 3) {
      if (!roundTrip(data.fit[i].sample.rgb, &data.fit[i].rgb)) return false;
      ++roundTripFits;
    }
    roundTrips.resize(data.calibration.size());
    for (size_t i = 0; i < data.calibration.size(); ++i) {
      if (!roundTrip(data.calibration[i].rgb, &roundTrips[i])) return false;
    }
  }
  if (!m_attributes.fit(data.fit, error) || !m_depth.fit(data.fit, error) || !m_pose.fit(data.fit, error)) {
    return false;
  }
  ProbeCalibration& c = m_calibration;
  c = {};
  c.fit_frames = int(data.fit.size());
  c.calibration_frames = int(data.calibration.size());
  std::array<std::vector<int>, kAttributeCount> counts;
  for (int a = 0; a < kAttributeCount; ++a)
    counts[size_t(a)].assign(size_t(attributeClassCount(kAttributes[size_t(a)])), 0);
  double poseSum = 0.0, baselineSum = 0.0;
  for (const ProbeFrame& frame : data.calibration) {
    const AttributeValues read = m_attributes.predict(frame.rgb);
    for (int a = 0; a < kAttributeCount; ++a) {
      const int truth = attributeOf(frame.sample.spec, kAttributes[size_t(a)]);
      ++counts[size_t(a)][size_t(truth)];
      if (read[size_t(a)] == truth) c.accuracy[size_t(a)] += 1.0;
    }
    const cv::Mat truthDepth = DepthProbe::toGrid(frame.sample.depth);
    const cv::Mat estimate = m_depth.estimate(frame.rgb);
    c.depth_correlation += DepthProbe::correlation(truthDepth, estimate);
    c.depth_residual_correlation += m_depth.residualCorrelation(truthDepth, estimate);
    c.depth_prior_correlation += DepthProbe::correlation(truthDepth, m_depth.prior());
    for (const scenes::Keypoints& kp : frame.sample.keypoints) {
      const cv::Rect2f box = figureBox(kp);
      if (box.empty()) continue;
      const double e = PoseProbe::relativeError(kp, m_pose.estimate(frame.rgb, box));
      const double b = PoseProbe::relativeError(kp, m_pose.meanPose(box));
      if (e < 0 || b < 0) continue;
      poseSum += e;
      baselineSum += b;
      ++c.pose_figures;
    }
  }
  c.round_trip = bool(options.round_trip);
  c.round_trip_fit_frames = roundTripFits;
  for (size_t i = 0; i < roundTrips.size(); ++i) {
    const AttributeValues read = m_attributes.predict(roundTrips[i]);
    for (int a = 0; a < kAttributeCount; ++a) {
      if (read[size_t(a)] == attributeOf(data.calibration[i].sample.spec, kAttributes[size_t(a)]))
        c.round_trip_accuracy[size_t(a)] += 1.0;
    }
    c.round_trip_edge_f1 += edgeF1(data.calibration[i].sample.canny, cannyEdges(roundTrips[i])).f1;
  }
  const double n = std::max(1, c.calibration_frames);
  for (int a = 0; a < kAttributeCount; ++a) {
    c.accuracy[size_t(a)] /= n;
    c.round_trip_accuracy[size_t(a)] /= n;
    c.chance[size_t(a)] = *std::max_element(counts[size_t(a)].begin(), counts[size_t(a)].end()) / n;
  }
  c.round_trip_edge_f1 /= n;
  c.depth_correlation /= n;
  c.depth_prior_correlation /= n;
  c.depth_residual_correlation /= n;
  if (c.pose_figures > 0) {
    c.pose_error = poseSum / c.pose_figures;
    c.pose_baseline_error = baselineSum / c.pose_figures;
  }
  c.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return true;
}

}  // namespace shotcraft::eval
