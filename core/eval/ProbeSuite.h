#pragma once
// The evaluation probes fitted together on one set of real generator frames, and how well they read real
// held-out frames (their calibration). Eval reports each probe's calibration next to what it reads on
// generated frames: a probe that cannot tell real frames apart says so instead of hiding behind a number.
#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/eval/AttributeProbes.h"
#include "core/eval/DepthProbe.h"
#include "core/eval/PoseProbe.h"

namespace shotcraft::eval {

struct ProbeCalibration {
  std::string attribute_reader = "forests";  // or "learned probe (DIR)" (ProbeSuiteOptions::net)
  int fit_frames = 0;
  int calibration_frames = 0;
  std::array<double, kAttributeCount> accuracy{};  // on real held-out frames
  std::array<double, kAttributeCount> chance{};    // share of the most common value in those frames
  double depth_correlation = 0.0;                  // probe vs true depth, mean over frames
  double depth_prior_correlation = 0.0;            // row-only prior vs true depth
  double depth_residual_correlation = 0.0;         // probe vs true depth, both less the row-only prior
  double pose_error = 0.0;                         // probe, share of figure height (mean over figures)
  double pose_baseline_error = 0.0;                // pixel-blind mean pose in the same boxes
  int pose_figures = 0;
  // With a round trip (ProbeSuiteOptions::round_trip): the same held-out frames after the round trip, i.e. the
  // best a model whose decoder this is could show; all zero without one.
  bool round_trip = false;
  int round_trip_fit_frames = 0;    // fitting frames replaced by their round trip
  double round_trip_edge_f1 = 0.0;  // edge F1 of the held-out frames' canny maps against their round trips' edges
  double round_trip_depth_correlation = 0.0;  // the depth probe on the round trips vs true depth
  double round_trip_pose_error = 0.0;         // the pose probe on the round trips, share of figure height
  std::array<double, kAttributeCount> round_trip_accuracy{};
  // Per attribute, what the probe read against the truth on the same held-out frames, on the real frames and on
  // their round trips (all zero without one).
  AttributeConfusion confusion = emptyConfusion(), round_trip_confusion = emptyConfusion();
  double seconds = 0.0;
};

struct ProbeSuiteOptions {
  uint64_t seed = 7;
  int fit_frames = 480;
  int calibration_frames = 160;
  // Optional: the evaluated model's autoencoder round trip of a probe-size RGB frame (IEngine::autoencode).
  // When set, every third fitting frame is replaced by its round trip, so the probes also learn to read what
  // that decoder shows of a scene, and the calibration is read on the held-out frames' round trips too. The
  // ground truth is still the generator's. False + *error stops the fit.
  std::function<bool(const cv::Mat& rgb, cv::Mat* out, std::string* error)> round_trip;
  // Optional: the learned attribute probe (ProbeNet.h), whose features the time, scene and palette forests then
  // read (AttributeProbes::useNet). Calibrated the same way either way.
  std::shared_ptr<const ProbeNet> net;
};

class ProbeSuite {
 public:
  // Renders the frames, fits every probe and calibrates it. False + *error on failure.
  bool fit(const ProbeSuiteOptions& options, std::string* error);

  const AttributeProbes& attributes() const { return m_attributes; }
  const DepthProbe& depth() const { return m_depth; }
  const PoseProbe& pose() const { return m_pose; }
  const ProbeCalibration& calibration() const { return m_calibration; }

 private:
  AttributeProbes m_attributes;
  DepthProbe m_depth;
  PoseProbe m_pose;
  ProbeCalibration m_calibration;
};

}  // namespace shotcraft::eval
