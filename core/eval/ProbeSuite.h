#pragma once
// The evaluation probes fitted together on one set of real generator frames, and how well they read real
// held-out frames (their calibration). Eval reports each probe's calibration next to what it reads on
// generated frames: a probe that cannot tell real frames apart says so instead of hiding behind a number.
#include <array>
#include <cstdint>
#include <string>

#include "core/eval/AttributeProbes.h"
#include "core/eval/DepthProbe.h"
#include "core/eval/PoseProbe.h"

namespace shotcraft::eval {

struct ProbeCalibration {
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
  double seconds = 0.0;
};

struct ProbeSuiteOptions {
  uint64_t seed = 7;
  int fit_frames = 480;
  int calibration_frames = 160;
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
