#pragma once
// Applies several LoRAs at once to the UNet and text encoder in place (W += weight * alpha/rank * up @ down)
// and undoes them exactly: a copy of every touched base tensor is kept and copied back (never subtracted), so
// restore() gives the base weights bit for bit.
#include <torch/torch.h>

#include <string>
#include <utility>
#include <vector>

#include "plugins/torch_engine/lora/LoraFile.h"

namespace shotcraft::torch_engine::lora {

class LoraStack {
 public:
  LoraStack() = default;
  LoraStack(const LoraStack&) = delete;
  LoraStack& operator=(const LoraStack&) = delete;
  LoraStack(LoraStack&&) = default;
  LoraStack& operator=(LoraStack&&) = default;
  ~LoraStack() = default;

  // Restores, then applies each (LoRA, weight). On failure the base weights are restored and *error set.
  bool apply(nn::UNet& unet, nn::ClipTextModel* text, const std::vector<std::pair<const LoraWeights*, float>>& loras,
             std::string* error);
  // Copies every touched tensor back from its saved copy and forgets the copies.
  void restore();
  size_t touchedTensors() const { return m_saved.size(); }

 private:
  std::vector<std::pair<torch::Tensor, torch::Tensor>> m_saved;  // (live parameter, copy of its base value)
};

}  // namespace shotcraft::torch_engine::lora
