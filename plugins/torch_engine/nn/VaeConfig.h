#pragma once
// diffusers AutoencoderKL configuration (vae/config.json). Defaults are Stable Diffusion 1.x/2.x's VAE.
#include <cstdint>
#include <string>
#include <vector>

namespace shotcraft::torch_engine::nn {

struct VaeConfig {
  int64_t inChannels = 3;
  int64_t outChannels = 3;
  std::vector<int64_t> blockOutChannels{128, 256, 512, 512};
  // One entry per block; only DownEncoderBlock2D / UpDecoderBlock2D exist in AutoencoderKL.
  std::vector<std::string> downBlockTypes = std::vector<std::string>(4, "DownEncoderBlock2D");
  std::vector<std::string> upBlockTypes = std::vector<std::string>(4, "UpDecoderBlock2D");
  int64_t layersPerBlock = 2;
  int64_t latentChannels = 4;
  int64_t normNumGroups = 32;
  double normEps = 1e-6;  // fixed in diffusers' Encoder/Decoder
  double scalingFactor = 0.18215;
  double shiftFactor = 0.0;  // null in SD 1/2 configs
  int64_t sampleSize = 512;
  bool useQuantConv = true;
  bool usePostQuantConv = true;
  bool midBlockAddAttention = true;
  bool forceUpcast = true;  // run in float32 even when the UNet runs in half precision

  int64_t downscaleFactor() const { return int64_t{1} << (blockOutChannels.size() - 1); }
  bool validate(std::string* error) const;
  // Unknown keys are ignored; other block types, an act_fn other than silu and latents_mean/latents_std are
  // rejected with a message naming the key. Absent block type lists follow block_out_channels' length.
  static bool fromJson(const std::string& jsonText, VaeConfig* out, std::string* error);
  static bool fromFile(const std::string& path, VaeConfig* out, std::string* error);
};

}  // namespace shotcraft::torch_engine::nn
