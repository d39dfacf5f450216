#pragma once
// transformers CLIPTextConfig (text_encoder/config.json). Defaults are SD 1.x's openai/clip-vit-large-patch14.
#include <cstdint>
#include <string>

namespace shotcraft::torch_engine::nn {

enum class ClipActivation { QuickGelu, Gelu };

struct ClipTextConfig {
  int64_t vocabSize = 49408;
  int64_t hiddenSize = 768;
  int64_t intermediateSize = 3072;
  int64_t numHiddenLayers = 12;
  int64_t numAttentionHeads = 12;
  int64_t maxPositionEmbeddings = 77;
  ClipActivation hiddenAct = ClipActivation::QuickGelu;  // SD 2.x (OpenCLIP ViT-H): gelu
  double layerNormEps = 1e-5;
  int64_t bosTokenId = 49406;
  int64_t eosTokenId = 49407;
  int64_t padTokenId = 49407;

  bool validate(std::string* error) const;
  // Reads the keys above (snake_case names); hidden_act must be quick_gelu or gelu. Unknown keys are ignored.
  static bool fromJson(const std::string& jsonText, ClipTextConfig* out, std::string* error);
  static bool fromFile(const std::string& path, ClipTextConfig* out, std::string* error);
};

}  // namespace shotcraft::torch_engine::nn
