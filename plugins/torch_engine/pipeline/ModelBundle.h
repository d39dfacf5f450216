#pragma once
// Everything one model folder holds, loaded onto one device in one dtype:
//   unet/ vae/ text_encoder/ tokenizer/ scheduler/            (diffusers layout)
//   controlnet-depth/ controlnet-canny/ controlnet-pose/      (optional, diffusers ControlNet folders)
//   controlnet/control_v11p_sd15_canny.safetensors ...         (optional, original-layout files; kind by name)
//   taesd/ or vae_tiny/                                       (optional, the TAESD for previews)
//   preview/latent_rgb.json                                   (optional, the linear preview decoder)
#include <torch/torch.h>

#include <array>
#include <optional>
#include <string>

#include "core/engine/ClipTokenizer.h"
#include "core/engine/GenerationRequest.h"
#include "plugins/torch_engine/nn/ClipText.h"
#include "plugins/torch_engine/nn/ControlNet.h"
#include "plugins/torch_engine/nn/Taesd.h"
#include "plugins/torch_engine/nn/UNet.h"
#include "plugins/torch_engine/nn/Vae.h"
#include "plugins/torch_engine/pipeline/DeviceSelect.h"
#include "plugins/torch_engine/pipeline/PreviewDecoder.h"
#include "plugins/torch_engine/sampling/SchedulerConfig.h"

namespace shotcraft::torch_engine {

struct ModelBundle {
  std::string name;  // folder name
  std::string dir;
  ComputeTarget target;
  nn::UNet unet{nullptr};
  nn::Vae vae{nullptr};
  nn::ClipTextModel text{nullptr};
  std::optional<engine::ClipTokenizer> tokenizer;
  SchedulerConfig scheduler;
  std::array<nn::ControlNet, 3> controlnets{nn::ControlNet{nullptr}, nn::ControlNet{nullptr},
                                            nn::ControlNet{nullptr}};  // by ControlKind
  LinearPreviewDecoder preview;
  nn::Taesd taesd{nullptr};  // the tiny autoencoder (optional): per-step previews and draft decodes
  std::string taesdPath;
  bool draftDecode = false;  // the final image through the TAESD too
  torch::ScalarType vaeDtype = torch::kFloat32;  // see load()

  nn::ControlNet& controlnet(engine::ControlKind kind) { return controlnets[size_t(kind)]; }
  int latentChannels() const;
  int vaeScale() const;  // pixels per latent cell (2^(levels-1))

  // Loads and places every component; false + a one-line error naming the file on any problem.
  // taesdPath: a TAESD to use for previews ("" = the model's taesd/ or vae_tiny/ folder when present).
  static bool load(const std::string& dir, const ComputeTarget& target, ModelBundle* out, std::string* error,
                   const std::string& taesdPath = {});
};

// Builds a VAE / CLIP text encoder from a diffusers folder: config.json + the weights file
// (diffusion_pytorch_model.safetensors / model.safetensors). Never throws.
bool loadVaeFolder(const std::string& folder, nn::Vae* out, std::string* error);
bool loadClipTextFolder(const std::string& folder, nn::ClipTextModel* out, std::string* error);

// Moves a module to the target's device and dtype, 4-D weights to channels-last when asked.
void placeModule(torch::nn::Module& module, const torch::Device& device, torch::ScalarType dtype,
                 bool channelsLast);

}  // namespace shotcraft::torch_engine
