#pragma once
// Real generator frames with their ground truth, for fitting and calibrating the evaluation probes.
//
// Fitting frames come from training-split scene seeds; calibration frames from held-out seeds of another
// stream (so a probe is calibrated on scenes it never saw). A share of the fitting frames is softened
// (Gaussian blur, a little noise) the way a small autoencoder's decode softens a picture, so the probes
// also read generated frames; calibration frames are left exactly as drawn. Deterministic per seed.
#include <cstdint>
#include <vector>

#include <opencv2/core.hpp>

#include "core/scenes/SceneRenderer.h"

namespace shotcraft::eval {

// The held-out share of scene seeds used by the training stages (plugins/torch_engine/train, 0.1): eval
// prompts are drawn only from scenes with isHoldout(seed, kHoldoutFraction).
inline constexpr double kHoldoutFraction = 0.1;

struct ProbeFrame {
  scenes::SceneSample sample;  // rendered at the probe size, with its spec, maps and keypoints
  cv::Mat rgb;                 // what the probe sees (sample.rgb, softened for some fitting frames)
};

struct ProbeData {
  std::vector<ProbeFrame> fit;
  std::vector<ProbeFrame> calibration;
};

ProbeData renderProbeData(uint64_t seed, int fit_count, int calibration_count);

// The first `count` held-out scene seeds of a stream: sampleSeed(base_seed, i) for i = 0, 1, ... that
// isHoldout(seed, kHoldoutFraction) keeps.
std::vector<uint64_t> holdoutSeeds(uint64_t base_seed, int count);

}  // namespace shotcraft::eval
