#pragma once
// Writes a .safetensors file atomically (temporary file + rename): 8-byte LE header length, JSON header
// padded with spaces to a multiple of 8, tensors' raw bytes in the given order.
#include <torch/torch.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace shotcraft::torch_engine {

// Supported dtypes: float32, float16, bfloat16, int64, int32 (any device/layout; copied to contiguous CPU).
// Names must be unique and non-empty and must not be "__metadata__". Returns false and sets *error on failure;
// the destination is untouched then.
bool writeSafeTensors(const std::string& path, const std::vector<std::pair<std::string, torch::Tensor>>& tensors,
                      const std::map<std::string, std::string>& metadata, std::string* error);

}  // namespace shotcraft::torch_engine
