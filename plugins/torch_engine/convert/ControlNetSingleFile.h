#pragma once
// ControlNet 1.x single files in the original layout (control_model.* keys, or the same names without the
// prefix as some re-saved files have), loaded onto nn::ControlNet through controlNetLdmKeyMap.
#include <string>

#include "plugins/torch_engine/nn/ControlNet.h"

namespace shotcraft::torch_engine::convert {

// configPath: a diffusers ControlNetModel config.json to use; "" infers the config from the tensor shapes
// (inferControlNetConfig). False + a one-line *error naming the file and tensor. Never throws.
bool loadControlNetSingleFile(const std::string& path, nn::ControlNet* out, std::string* error,
                              const std::string& configPath = {});

// The control kind a ControlNet file name says: "depth" (control_v11f1p_sd15_depth), "canny"
// (control_v11p_sd15_canny), "pose" (..._openpose); "" when the name says none of them.
std::string controlKindFromName(const std::string& path);

}  // namespace shotcraft::torch_engine::convert
