#pragma once
// The shotcraft-tiny architecture (config.json texts) and writing trained components into the diffusers
// model-folder layout that ModelBundle::load reads. Sizes can be shrunk for tests with the "tiny" setting.
#include <torch/torch.h>

#include <string>

#include "core/engine/Engine.h"
#include "plugins/torch_engine/sampling/SchedulerConfig.h"

namespace shotcraft::torch_engine::train {

// A number setting from TrainingRequest::extra, else the default. The key must be listed in
// core/engine/TrainingSettings.h (std::logic_error otherwise: the CLI would refuse the key it reads).
double extraNumber(const engine::TrainingRequest& request, const std::string& key, double fallback);
bool isTinyRun(const engine::TrainingRequest& request);  // extra "tiny=1": test-sized models and images

// OUT/training/STAGE: checkpoint/, loss.csv.
std::string stageDir(const engine::TrainingRequest& request, const std::string& stage);

// The VAE's shape, from `train vae`'s settings: vae_width (channels of the outermost level; the levels are
// [w, 2w, 4w, 4w], default 16; tiny runs [w, w, 2w, 2w], default 8), latent_channels (4), vae_layers (resnet
// layers per level, 1) and norm_groups (4; tiny 8). GroupNorm statistics are per image, so with one or two
// channels per group (the first VAE had 16 groups over its 16-channel outer level) the layers before conv_out
// cannot carry an image's overall colour, and every output came out the same grey; 4 groups keep 4-16 channels
// per group. Values are checked by nn::VaeConfig::validate once the JSON is parsed.
struct VaeShape {
  int64_t width = 16;
  int64_t latentChannels = 4;
  int64_t layers = 1;
  int64_t normGroups = 4;
};
VaeShape defaultVaeShape(bool tiny);
VaeShape vaeShape(const engine::TrainingRequest& request);  // the defaults, overridden by the settings
std::string vaeConfigJson(const VaeShape& shape, bool tiny, double scalingFactor);
// The default shape (normGroups 0 = the default).
std::string vaeConfigJson(bool tiny, double scalingFactor, int64_t normGroups = 0);
// The UNet and ControlNet take the VAE's latent channels (4 unless given).
// pooledText: the prompt pooled into the time embedding too (addition_embed_type "text", nn/TextTimeEmbedding.h).
std::string unetConfigJson(bool tiny, int64_t latentChannels = 4, bool pooledText = false);
std::string textConfigJson(bool tiny, int vocabSize, int bos, int eos);
std::string controlNetConfigJson(bool tiny, int64_t latentChannels = 4);
// SD's scaled-linear DDIM schedule (leading spacing, steps_offset 1) for a UNet that predicts `prediction`. With
// `zeroTerminalSnr` the betas are rescaled to zero terminal SNR (rescale_betas_zero_snr) and the spacing is
// "trailing", so that sampling starts at the last timestep, as Lin et al. (2023) prescribe.
std::string schedulerConfigJson(PredictionType prediction = PredictionType::Epsilon, bool zeroTerminalSnr = false);

// Writes DIR/config.json and DIR/<weightsName> (float32 named parameters) atomically per file.
bool writeComponent(const std::string& dir, const std::string& configJson, torch::nn::Module& module,
                    const std::string& weightsName, std::string* error);
bool writeTextFile(const std::string& path, const std::string& text, std::string* error);

}  // namespace shotcraft::torch_engine::train
