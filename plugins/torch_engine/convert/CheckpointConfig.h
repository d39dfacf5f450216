#pragma once
// What a single-file Stable Diffusion checkpoint is, read from its tensor names and shapes alone (such a file
// has no config.json): the SD family, and UNet / VAE / text-encoder configs scaled to the shapes.
#include <string>

#include "plugins/torch_engine/nn/ClipTextConfig.h"
#include "plugins/torch_engine/nn/ModelConfig.h"
#include "plugins/torch_engine/nn/VaeConfig.h"
#include "plugins/torch_engine/safetensors/SafeTensorsFile.h"
#include "plugins/torch_engine/sampling/SchedulerConfig.h"

namespace shotcraft::torch_engine::convert {

enum class ModelFamily { Unknown, Sd1, Sd2, Sd2V, Sdxl, ControlNet, Lora, Vae, Taesd };
const char* familyName(ModelFamily family);  // "sd1", "sd2", "sd2-v", "sdxl", "controlnet", ...

enum class TextLayout { HfClip, HfClipNoTextModel, OpenClip };

struct CheckpointConfig {
  ModelFamily family = ModelFamily::Unknown;
  nn::UNetConfig unet;
  nn::VaeConfig vae;
  nn::ClipTextConfig text;
  TextLayout textLayout = TextLayout::HfClip;
  int openClipLayers = 0;  // resblocks in the file (SD2 uses all but the last)
  PredictionType prediction = PredictionType::Epsilon;
  std::string note;        // e.g. why epsilon prediction was assumed for an SD 2.x file
};

// SD family of an LDM single file from its keys: SDXL (conditioner.embedders.* / label_emb), SD 2.x
// (cond_stage_model.model.* or 1024-wide context), else SD 1.x; Unknown without model.diffusion_model.*.
// Does not decide v-prediction (see inferCheckpointConfig).
ModelFamily detectLdmFamily(const SafeTensorsFile& file);

// True when the checkpoint's name ("768-v", a "-v"/"_v" ending) or a sidecar <name>.yaml with
// `parameterization: "v"` says it predicts v; *why names the source.
bool impliesVPrediction(const std::string& checkpointPath, std::string* why);

// Builds the configs (SD1.5 / SD2.1 standards scaled to the shapes). For SD 2.x, v-prediction is chosen when
// the file name says "768-v" / ends in "-v", or a sidecar <name>.yaml sets `parameterization: "v"`; otherwise
// epsilon with a note. SDXL and files without UNet/VAE/text tensors fail with a one-line message.
bool inferCheckpointConfig(const SafeTensorsFile& file, CheckpointConfig* out, std::string* error);

// A ControlNet 1.x single file's config from the shapes under `prefix` ("control_model." or ""): the UNet
// encoder copy as for a checkpoint (SD 2.x when the cross-attention is 1024 wide) and the hint block's widths.
bool inferControlNetConfig(const SafeTensorsFile& file, const std::string& prefix, nn::ControlNetConfig* out,
                           std::string* error);

}  // namespace shotcraft::torch_engine::convert
