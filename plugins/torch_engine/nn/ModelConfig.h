#pragma once
// Model configurations parsed from diffusers' config.json files (unet/config.json, controlnet/config.json).
// Unknown keys are ignored; keys that select features we do not implement (SDXL add-embeddings, class
// embeddings, ...) are rejected with a message naming the key.
#include <cstdint>
#include <string>
#include <vector>

namespace shotcraft::torch_engine::nn {

struct UNetConfig {
  int64_t inChannels = 4;
  int64_t outChannels = 4;
  std::vector<int64_t> blockOutChannels{320, 640, 1280, 1280};
  int64_t layersPerBlock = 2;
  std::vector<std::string> downBlockTypes{"CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D",
                                          "DownBlock2D"};
  std::vector<std::string> upBlockTypes{"UpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D",
                                        "CrossAttnUpBlock2D"};
  std::string midBlockType = "UNetMidBlock2DCrossAttn";
  // Per down block (index i); up block i uses the reversed lists, the mid block the last entry.
  std::vector<int64_t> crossAttentionDim{768, 768, 768, 768};
  // Number of heads: diffusers' legacy `attention_head_dim` (SD 1/2) or `num_attention_heads`.
  std::vector<int64_t> numAttentionHeads{8, 8, 8, 8};
  std::vector<int64_t> transformerLayersPerBlock{1, 1, 1, 1};
  bool useLinearProjection = false;
  bool upcastAttention = false;
  bool flipSinToCos = true;
  double freqShift = 0.0;
  bool centerInputSample = false;
  int64_t normNumGroups = 32;
  double normEps = 1e-5;
  int64_t convInKernel = 3;
  int64_t convOutKernel = 3;
  double midBlockScaleFactor = 1.0;
  int64_t timeEmbeddingDim = 0;  // 0 = 4 * blockOutChannels[0]
  int64_t sampleSize = 64;
  // "" or "text": diffusers' TextTimeEmbedding (nn/TextTimeEmbedding.h) pools the prompt into the time embedding,
  // with `addition_embed_type_num_heads` heads over cross_attention_dim channels. SDXL's "text_time" and the
  // others are refused. UNet only: a ControlNet config with the key is refused.
  std::string additionEmbedType;
  int64_t additionEmbedTypeNumHeads = 64;

  int64_t timeEmbedDim() const { return timeEmbeddingDim > 0 ? timeEmbeddingDim : 4 * blockOutChannels.at(0); }
  // Consistency checks (list lengths, divisibility, known block types).
  bool validate(std::string* error) const;
  static bool fromJson(const std::string& jsonText, UNetConfig* out, std::string* error);
  static bool fromFile(const std::string& path, UNetConfig* out, std::string* error);
};

struct ControlNetConfig {
  UNetConfig unet;  // encoder part: in channels, blocks, attention settings (up-block fields unused)
  int64_t conditioningChannels = 3;
  std::vector<int64_t> conditioningEmbeddingOutChannels{16, 32, 96, 256};
  bool globalPoolConditions = false;
  bool bgrConditioning = false;  // controlnet_conditioning_channel_order == "bgr"
  // "shotcraft_control_mode": "control_first" (our own key; diffusers ignores unknown keys): under guidance the
  // control should act on the prompt's pass only (engine::ControlMode::ControlFirst) unless the request says
  // otherwise. global_pool_conditions implies it too (diffusers' rule).
  bool controlFirst = false;

  bool validate(std::string* error) const;
  static bool fromJson(const std::string& jsonText, ControlNetConfig* out, std::string* error);
  static bool fromFile(const std::string& path, ControlNetConfig* out, std::string* error);
};

}  // namespace shotcraft::torch_engine::nn
