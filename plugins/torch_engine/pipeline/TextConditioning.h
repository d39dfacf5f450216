#pragma once
// Prompt -> text-encoder hidden states, A1111 style: the prompt is split into 77-token windows that are encoded
// separately and concatenated; "(word:1.3)" weights scale each token's embedding, then the whole is rescaled
// so its mean is unchanged.
#include <torch/torch.h>

#include <string>

#include "core/engine/ClipTokenizer.h"
#include "plugins/torch_engine/nn/ClipText.h"

namespace shotcraft::torch_engine {

struct TextConditioningOptions {
  int window = 77;
  int clipSkip = 0;  // final layers skipped: 0 = last layer; 1 = penultimate (A1111's "Clip skip 2")
};

// Returns [1, 77 * windows, hidden]; `minWindows` pads with empty-prompt windows so a positive and a negative
// prompt of different lengths can be batched together.
torch::Tensor encodePrompt(const std::string& prompt, const engine::ClipTokenizer& tokenizer,
                           nn::ClipTextModel& model, const TextConditioningOptions& options, int minWindows = 1);

// Number of 77-token windows a prompt needs.
int promptWindows(const std::string& prompt, const engine::ClipTokenizer& tokenizer, int window = 77);

}  // namespace shotcraft::torch_engine
