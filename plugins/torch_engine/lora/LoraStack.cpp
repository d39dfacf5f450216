#include "plugins/torch_engine/lora/LoraStack.h"

#include <unordered_map>

namespace shotcraft::torch_engine::lora {

void LoraStack::restore() {
  torch::NoGradGuard noGrad;
  for (auto& [live, saved] : m_saved) live.copy_(saved);
  m_saved.clear();
}

bool LoraStack::apply(nn::UNet& unet, nn::ClipTextModel* text,
                      const std::vector<std::pair<const LoraWeights*, float>>& loras, std::string* error) {
  restore();
  std::unordered_map<std::string, torch::Tensor> params;
  for (const auto& p : unet->named_parameters(true)) params.emplace("u:" + p.key(), p.value());
  if (text) {
    for (const auto& p : (*text)->named_parameters(true)) params.emplace("t:" + p.key(), p.value());
  }
  std::unordered_map<std::string, bool> saved;
  try {
    torch::NoGradGuard noGrad;
    for (const auto& [weights, weight] : loras) {
      for (const LoraPatch& patch : weights->patches) {
        const std::string key = (patch.target == LoraTarget::UNet ? "u:" : "t:") + patch.parameter;
        auto it = params.find(key);
        if (it == params.end()) {
          *error = "LoRA " + weights->path + ": '" + patch.parameter + "' is not a parameter of this model";
          restore();
          return false;
        }
        torch::Tensor& live = it->second;
        if (!saved[key]) {
          m_saved.emplace_back(live, live.detach().clone());
          saved[key] = true;
        }
        // Sum in float32, then round once to the parameter's dtype (fp16/bf16 UNets).
        const auto delta = patch.delta(live.sizes()).to(live.device()).mul(double(weight));
        live.copy_(live.to(torch::kFloat32).add(delta));
      }
    }
  } catch (const c10::Error& e) {
    *error = std::string("LoRA: ") + e.what_without_backtrace();
    restore();
    return false;
  }
  return true;
}

}  // namespace shotcraft::torch_engine::lora
