#include "core/eval/ProbeSuite.h"

#include <algorithm>
#include <chrono>

#include "core/eval/EdgeMatch.h"
#include "core/eval/ProbeFeatures.h"
#include "core/eval/ProbeNet.h"

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
  m_attributes.useNet(options.net);
  if (!m_attributes.fit(data.fit, error) || !m_depth.fit(data.fit, error) || !m_pose.fit(data.fit, error)) {
    return false;
  }
  // What the probes read on a set of held-out frames (as drawn, or after the round trip), against their truth.
  struct Reading {
    AttributeConfusion confusion = emptyConfusion();
    double depth = 0.0, depthResidual = 0.0, pose = 0.0, poseBaseline = 0.0;
    int poseFigures = 0;
  };
  const auto read = [&](const ProbeFrame& frame, const cv::Mat& rgb, Reading* r) {
    const AttributeValues values = m_attributes.predict(rgb);
    for (int a = 0; a < kAttributeCount; ++a)
      addReading(r->confusion, a, attributeOf(frame.sample.spec, kAttributes[size_t(a)]), values[size_t(a)]);
    const cv::Mat truthDepth = DepthProbe::toGrid(frame.sample.depth);
    const cv::Mat estimate = m_depth.estimate(rgb);
    r->depth += DepthProbe::correlation(truthDepth, estimate);
    r->depthResidual += m_depth.residualCorrelation(truthDepth, estimate);
    for (const scenes::Keypoints& kp : frame.sample.keypoints) {
      const cv::Rect2f box = figureBox(kp);
      if (box.empty()) continue;
      const double e = PoseProbe::relativeError(kp, m_pose.estimate(rgb, box));
      const double b = PoseProbe::relativeError(kp, m_pose.meanPose(box));
      if (e < 0 || b < 0) continue;
      r->pose += e;
      r->poseBaseline += b;
      ++r->poseFigures;
    }
  };
  Reading drawn, trip;
  double depthPrior = 0.0, tripEdgeF1 = 0.0;  // the row-only prior does not look at the frame
  std::array<std::vector<int>, kAttributeCount> counts;
  for (int a = 0; a < kAttributeCount; ++a)
    counts[size_t(a)].assign(size_t(attributeClassCount(kAttributes[size_t(a)])), 0);
  for (size_t i = 0; i < data.calibration.size(); ++i) {
    const ProbeFrame& frame = data.calibration[i];
    for (int a = 0; a < kAttributeCount; ++a)
      ++counts[size_t(a)][size_t(attributeOf(frame.sample.spec, kAttributes[size_t(a)]))];
    depthPrior += DepthProbe::correlation(DepthProbe::toGrid(frame.sample.depth), m_depth.prior());
    read(frame, frame.rgb, &drawn);
    if (i < roundTrips.size()) {
      read(frame, roundTrips[i], &trip);
      tripEdgeF1 += edgeF1(frame.sample.canny, cannyEdges(roundTrips[i])).f1;
    }
  }

  ProbeCalibration& c = m_calibration;
  c = {};
  if (options.net) c.attribute_reader = "learned probe (" + options.net->source() + ")";
  c.fit_frames = int(data.fit.size());
  c.calibration_frames = int(data.calibration.size());
  c.round_trip = bool(options.round_trip);
  c.round_trip_fit_frames = roundTripFits;
  const double n = std::max(1, c.calibration_frames);
  for (int a = 0; a < kAttributeCount; ++a) {
    c.accuracy[size_t(a)] = matchingReadings(drawn.confusion, a) / n;
    c.round_trip_accuracy[size_t(a)] = matchingReadings(trip.confusion, a) / n;
    c.chance[size_t(a)] = *std::max_element(counts[size_t(a)].begin(), counts[size_t(a)].end()) / n;
  }
  c.confusion = drawn.confusion;
  c.round_trip_confusion = trip.confusion;
  c.depth_correlation = drawn.depth / n;
  c.depth_prior_correlation = depthPrior / n;
  c.depth_residual_correlation = drawn.depthResidual / n;
  c.pose_figures = drawn.poseFigures;
  if (drawn.poseFigures > 0) {
    c.pose_error = drawn.pose / drawn.poseFigures;
    c.pose_baseline_error = drawn.poseBaseline / drawn.poseFigures;
  }
  c.round_trip_edge_f1 = tripEdgeF1 / n;
  c.round_trip_depth_correlation = trip.depth / n;
  if (trip.poseFigures > 0) c.round_trip_pose_error = trip.pose / trip.poseFigures;
  c.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return true;
}

}  // namespace shotcraft::eval
