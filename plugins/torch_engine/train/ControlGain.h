#pragma once
// How much a trained ControlNet tells the frozen UNet: the UNet's noise-prediction loss (on epsilon or v, whichever
// it predicts) on held-out scenes with the ControlNet's residuals (weight 1), against the UNet alone and against the
// ControlNet given another scene's map, on the same latents, prompts and noise, at a few fixed timesteps. A
// ControlNet that reads nothing from its map saves nothing against another scene's map (map gain 0), whatever its
// training loss. Written by `train controlnet` at the end of the stage to
// OUT/training/controlnet-KIND/control_gain.json (`--set report_only=1` measures a finished ControlNet again).
#include <string>
#include <vector>

#include "plugins/torch_engine/nn/ControlNet.h"
#include "plugins/torch_engine/train/DiffusionTraining.h"

namespace shotcraft::torch_engine::train {

struct ControlGainRow {
  int timestep = 0;
  double loss_with = 0;      // mean squared error of the UNet's prediction, with the ControlNet's residuals
  double loss_without = 0;   // the UNet alone
  double loss_shuffled = 0;  // with the ControlNet given another scene's map (the batch's maps rolled by one)
  // The loss the ControlNet saves, and the part of it that comes from the map's content: a ControlNet that
  // learned a correction of the UNet that ignores its map shows a gain but no map gain.
  double gain() const { return loss_without > 0 ? 1.0 - loss_with / loss_without : 0.0; }
  double mapGain() const { return loss_shuffled > 0 ? 1.0 - loss_with / loss_shuffled : 0.0; }
};

struct ControlGain {
  std::string kind;  // depth, canny, pose
  int scenes = 0, width = 0, height = 0;
  std::vector<ControlGainRow> rows;  // ascending timestep
  // What the condition embedding's conv_out sees (its `features`): their RMS, and the RMS of their deviation from
  // the mean over the scenes. A spread near 0 is a ControlNet that cannot tell one map from another.
  double feature_rms = 0, feature_spread = 0;
  double meanGain() const;  // the rows' gains averaged (each timestep weighs the same)
  double meanMapGain() const;
};

// `count` held-out scenes (eval::holdoutSeeds of `seed`) at width x height, each with its own prompt (English and
// Chinese alternately) and control map, at each of `timesteps`. Float32, no gradients; the Gaussian noise and
// the latents' posterior samples come from a generator seeded with `seed`, so a report is repeatable.
ControlGain measureControlGain(nn::ControlNetImpl& controlnet, FrozenParts& frozen, ControlMap map,
                               const std::string& kind, uint64_t seed, int count, int width, int height,
                               const std::vector<int>& timesteps);

std::string toJson(const ControlGain& g);
// "control gain on 32 held-out scenes (loss the control saves at t = 100 / 300 / ...): 0.4% / 1.2% / ...; mean 0.8%;
// from the map's content: 0.1% / ...; mean 0.3%; condition features 0.0196 RMS from scene to scene, of 0.0451"
std::string describe(const ControlGain& g);

}  // namespace shotcraft::torch_engine::train
