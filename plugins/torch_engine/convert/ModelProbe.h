#pragma once
// What a model path on disk is, without loading it: layout (diffusers folder / single file) and family.
#include <cstdint>
#include <string>

#include "plugins/torch_engine/convert/CheckpointConfig.h"

namespace shotcraft::torch_engine::convert {

enum class ModelLayout { Unknown, DiffusersFolder, SingleFile };
const char* layoutName(ModelLayout layout);  // "diffusers-folder", "single-file", "unknown"

struct ModelProbe {
  ModelLayout layout = ModelLayout::Unknown;
  ModelFamily family = ModelFamily::Unknown;
  uint64_t sizeBytes = 0;  // the file, or every file under the folder
  std::string message;     // one line: what was found, or why it is unknown / unsupported
  std::string controlKind; // ControlNets: "depth", "canny" or "pose" when the name says so (controlKindFromName)
};

// Reads only config.json files or the safetensors header. Never throws.
//  folder: unet/config.json (cross-attention 768 -> sd1, 1024 -> sd2 / sd2-v by the scheduler's prediction
//          type, text_time add-embedding -> sdxl), or config.json of a ControlNetModel / AutoencoderKL /
//          AutoencoderTiny, or a LoRA folder's *.safetensors;
//  file:   LDM keys (detectLdmFamily), ControlNet (control_model.* / controlnet_cond_embedding.*), LoRA
//          (lora_unet_* / lora_te_* / lora_A / lora.down), TAESD (encoder.layers.* or "taesd" in the name), VAE.
ModelProbe probeModel(const std::string& path);

}  // namespace shotcraft::torch_engine::convert
