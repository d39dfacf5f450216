#include "plugins/torch_engine/pipeline/TextConditioning.h"

namespace shotcraft::torch_engine {

int promptWindows(const std::string& prompt, const engine::ClipTokenizer& tokenizer, int window) {
  return int(tokenizer.windows(tokenizer.encodeWeighted(prompt), window).size());
}

torch::Tensor encodePrompt(const std::string& prompt, const engine::ClipTokenizer& tokenizer,
                           nn::ClipTextModel& model, const TextConditioningOptions& options, int minWindows) {
  torch::NoGradGuard ng;
  auto windows = tokenizer.windows(tokenizer.encodeWeighted(prompt), options.window);
  while (int(windows.size()) < minWindows) {
    windows.push_back(tokenizer.windows(engine::WeightedTokens{}, options.window).front());
  }
  const auto device = model->parameters().front().device();
  std::vector<torch::Tensor> parts;
  parts.reserve(windows.size());
  for (const auto& w : windows) {
    std::vector<int64_t> ids(w.ids.begin(), w.ids.end());
    const auto idTensor = torch::tensor(ids, torch::kInt64).unsqueeze(0).to(device);
    torch::Tensor z = model->encode(idTensor, options.clipSkip);  // [1, 77, hidden]
    const auto weights = torch::tensor(w.weights, torch::kFloat32).to(device).view({1, -1, 1});
    const bool weighted = (weights - 1.0).abs().max().item<float>() > 1e-6f;
    if (weighted) {
      const auto originalMean = z.mean();
      z = z * weights;
      z = z * (originalMean / z.mean());
    }
    parts.push_back(z);
  }
  return torch::cat(parts, 1);
}

}  // namespace shotcraft::torch_engine
