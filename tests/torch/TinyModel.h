#pragma once
// Writes a tiny, randomly initialised model folder in the diffusers layout (unet/, vae/, text_encoder/,
// tokenizer/, scheduler/, controlnet-depth/) for pipeline tests: the same loaders as real checkpoints.
#include <string>

namespace shotcraft::test {

struct TinyModelOptions {
  unsigned seed = 1;
  bool withControlNet = true;
};

// Returns "" on success, else the error.
std::string writeTinyModel(const std::string& dir, const TinyModelOptions& options = {});

}  // namespace shotcraft::test
