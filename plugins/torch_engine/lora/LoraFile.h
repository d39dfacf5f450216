#pragma once
// A LoRA file resolved against our modules: kohya (lora_unet_<module_with_underscores>.lora_down.weight,
// lora_te_..., .alpha; UNet names in diffusers or LDM spelling) and diffusers/PEFT
// (unet.<module>.lora_A.weight / lora_B.weight, <module>.lora.down.weight, processor to_q_lora.down.weight,
// text_encoder.<module>.lora_linear_layer.down.weight) formats.
#include <torch/torch.h>

#include <string>
#include <vector>

#include "plugins/torch_engine/nn/ClipText.h"
#include "plugins/torch_engine/nn/UNet.h"

namespace shotcraft::torch_engine::lora {

enum class LoraTarget { UNet, TextEncoder };

struct LoraPatch {
  LoraTarget target = LoraTarget::UNet;
  std::string parameter;  // our parameter name, e.g. "down_blocks.0.attentions.0.proj_in.weight"
  torch::Tensor down;     // [rank, in] or [rank, in, kh, kw]
  torch::Tensor up;       // [out, rank] or [out, rank, 1, 1]
  double alpha = 0.0;     // alpha / rank scales the product; alpha = rank when the file has none
  int64_t rank() const { return down.size(0); }
  // alpha / rank * up @ down, reshaped to `shape` (float32, on the tensors' device).
  torch::Tensor delta(c10::IntArrayRef shape) const;
};

struct LoraWeights {
  std::string path;
  std::vector<LoraPatch> patches;
};

// Reads a .safetensors LoRA and resolves every key to a parameter of `unet` or `text` (text may be null: then
// text-encoder keys are an error). Shapes are checked against the parameters. False and a one-line *error
// naming the file and the key (e.g. a key that names no module). Never throws.
bool loadLora(const std::string& path, nn::UNet& unet, nn::ClipTextModel* text, LoraWeights* out,
              std::string* error);

}  // namespace shotcraft::torch_engine::lora
