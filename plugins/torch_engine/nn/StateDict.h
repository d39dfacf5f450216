#pragma once
// Copies tensors from a .safetensors file into a module's parameters and buffers, by name.
#include <torch/torch.h>

#include <set>
#include <string>

#include "plugins/torch_engine/safetensors/SafeTensorsFile.h"

namespace shotcraft::torch_engine::nn {

struct LoadStateDictOptions {
  std::string prefix;   // file key = prefix + module name, e.g. "model.diffusion_model." or ""
  bool strict = true;   // missing or unexpected keys (under prefix) are errors
  // File keys that may be absent or present without error (e.g. text_model.embeddings.position_ids).
  std::set<std::string> optionalKeys{"text_model.embeddings.position_ids", "embeddings.position_ids"};
};

// For every named parameter/buffer of `module`, copies file[prefix + name] into it, converting the dtype to the
// parameter's dtype (and device). Shapes must match, except that [O, I, 1, 1] and [O, I] are interchangeable
// (1x1 convolution vs linear projection). Everything is checked before the first copy, so on a
// mismatch the module is left untouched and *error names the
// tensor, e.g. "<file>: tensor 'conv_in.weight' has shape [32, 4, 3, 3] in the file but the model expects
// [32, 9, 3, 3]". Missing keys are listed (first few) when strict. Never throws.
bool loadStateDict(torch::nn::Module& module, const SafeTensorsFile& file, const LoadStateDictOptions& options,
                   std::string* error);

// Convenience form: prefix, strict, default optional keys.
bool loadStateDict(torch::nn::Module& module, const SafeTensorsFile& file, const std::string& prefix, bool strict,
                   std::string* error);

// "[32, 4, 3, 3]"
std::string shapeString(c10::IntArrayRef shape);

}  // namespace shotcraft::torch_engine::nn
