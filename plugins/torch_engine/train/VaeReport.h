#pragma once
// How well a trained VAE gives back held-out scenes: each is encoded to its posterior mean and decoded, and the
// result is compared with what went in. Written by `train vae` when it finishes (and alone with
// `--set report_only=1`) to OUT/training/STAGE/reconstruction.{json,png}, and quoted in the packaged model card.
//
// PSNR alone hides the failure that mattered most for shotcraft-tiny: a VAE that returns every picture in the
// same washed-out colour (see ModelFolder.h on GroupNorm groups) can still score a middling PSNR on flat scenes.
// The report therefore also gives the mean colour shift per channel and how much of the spread of the pictures'
// mean colours survives (colour_spread_kept: std over images of the output's mean colour / the input's; 1 is
// perfect, ~0 means every output has the same colour). It also gives the edge F1 of the reconstructions against the
// inputs' canny maps (core/eval/EdgeMatch.h, the control-adherence metric of `eval`): no model drawing through
// this decoder can follow a canny control much better than the decoder gives back real edges.
#include <torch/torch.h>

#include <array>
#include <cstdint>
#include <string>

#include "plugins/torch_engine/nn/Vae.h"

namespace shotcraft::torch_engine::train {

struct VaeReconstruction {
  int images = 0;
  int width = 0, height = 0;
  double psnr_db = 0;                    // over all pixels of all images, 8-bit scale
  double l1 = 0;                         // mean |out - in| on the [-1, 1] scale (the training loss's L1 term)
  std::array<double, 3> mean_in{};       // the inputs' mean colour per RGB channel, in 8-bit levels
  std::array<double, 3> mean_shift{};    // mean (out - in) per RGB channel, in 8-bit levels
  double colour_spread_kept = 0;         // see above
  double edge_f1 = 0;                    // mean over images: canny(reconstruction) against canny(input)
};

// Held-out scenes (isHoldout) of stream `seed`, `count` of them at width x height, through `vae` (float32, CPU,
// no gradients). When `sheetPath` is not empty, writes a PNG there: inputs in the top row of each pair of rows,
// reconstructions below them.
VaeReconstruction measureVaeReconstruction(nn::VaeImpl& vae, uint64_t seed, int count, int width, int height,
                                           const std::string& sheetPath);

std::string toJson(const VaeReconstruction& r);
// One line for logs and the model card.
std::string describe(const VaeReconstruction& r);

}  // namespace shotcraft::torch_engine::train
