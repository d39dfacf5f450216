#pragma once
// Loads an original (CompVis/LDM) Stable Diffusion 1.x / 2.x single-file .safetensors checkpoint into our
// diffusers-layout modules, through the KeyMap tables and the configs inferred from the tensor shapes.
#include <torch/torch.h>

#include <optional>
#include <string>

#include "core/engine/ClipTokenizer.h"
#include "plugins/torch_engine/convert/CheckpointConfig.h"
#include "plugins/torch_engine/nn/ClipText.h"
#include "plugins/torch_engine/nn/UNet.h"
#include "plugins/torch_engine/nn/Vae.h"

namespace shotcraft::torch_engine::convert {

struct SingleFileModel {
  CheckpointConfig config;
  nn::UNet unet{nullptr};
  nn::Vae vae{nullptr};
  nn::ClipTextModel text{nullptr};
  std::optional<engine::ClipTokenizer> tokenizer;
  SchedulerConfig scheduler;  // SD 1.5 / 2.1 scheduler settings with the inferred prediction type
};

// Loads the UNet, VAE and text encoder; withTokenizer also finds a tokenizer (findTokenizerFor). False and a
// one-line *error naming the file and the problem (SDXL, a missing component, a shape mismatch). Never throws.
bool loadSingleFileCheckpoint(const std::string& path, SingleFileModel* out, std::string* error,
                              bool withTokenizer = true);

// Single files bring no tokenizer. Looks, beside the file and in its parent folder, for tokenizer/, the folder
// itself, or <model folder>/tokenizer/ of a diffusers model there, holding vocab.json + merges.txt or
// bpe_simple_vocab_16e6.txt.gz. Returns the folder, or "" and an *error saying what is missing where.
std::string findTokenizerFor(const std::string& checkpointPath, std::string* error);

}  // namespace shotcraft::torch_engine::convert
