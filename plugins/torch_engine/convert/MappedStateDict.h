#pragma once
// Loads a module's parameters from a single-file checkpoint through a KeyMap (LDM names -> our names).
#include <torch/torch.h>

#include <string>

#include "plugins/torch_engine/convert/KeyMap.h"
#include "plugins/torch_engine/safetensors/SafeTensorsFile.h"

namespace shotcraft::torch_engine::convert {

struct MappedLoadOptions {
  // File keys under the map's LDM prefix that no parameter uses are an error (a wrong config or family).
  bool rejectUnexpected = true;
  // LDM key prefixes that may be present and unused (e.g. SD2's last OpenCLIP layer, which SD2 skips).
  std::vector<std::string> ignoredPrefixes;
};

// Every parameter/buffer of `module` is read from file[map.toLdm(name)] (a dim-0 slice for fused tensors),
// dtype-converted, [O,I,1,1] <-> [O,I] reshaped. Everything is checked before the first copy; on failure the
// module is untouched and *error names the tensor. Never throws.
bool loadMappedStateDict(torch::nn::Module& module, const SafeTensorsFile& file, const KeyMap& map,
                         const MappedLoadOptions& options, std::string* error);

// The inverse, for tests, export and `bench load`: our module's parameters and buffers under their LDM names
// (fused tensors re-joined; names without an LDM rule are left out), cloned.
// Tensors keep our shapes (the VAE attention's [C,C] where LDM stores [C,C,1,1]; the loader accepts both).
std::vector<std::pair<std::string, torch::Tensor>> toLdmStateDict(torch::nn::Module& module, const KeyMap& map);

}  // namespace shotcraft::torch_engine::convert
