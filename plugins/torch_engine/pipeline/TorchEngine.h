#pragma once
// The libtorch implementation of engine::IEngine: text encoding, classifier-free guidance, ControlNets,
// img2img, per-step previews and the final VAE decode for one loaded model folder.
#include <torch/torch.h>

#include <memory>

#include "core/engine/Engine.h"
#include "plugins/torch_engine/lora/LoraStack.h"
#include "plugins/torch_engine/pipeline/ModelBundle.h"
#include "plugins/torch_engine/sampling/Sampler.h"

namespace shotcraft::torch_engine {

// Rescaled classifier-free guidance (GenerationRequest::guidance_rescale): `guided` scaled per item to the standard
// deviation of `promptPass` (over all but the batch dimension, unbiased, as diffusers' rescale_noise_cfg), then
// blended with `guided` by `fraction` (0 = guided unchanged, 1 = fully rescaled).
torch::Tensor rescaleGuidance(const torch::Tensor& guided, const torch::Tensor& promptPass, double fraction);

class TorchEngine : public engine::IEngine {
 public:
  explicit TorchEngine(ModelBundle bundle);
  TorchEngine(const TorchEngine&) = delete;
  TorchEngine& operator=(const TorchEngine&) = delete;

  engine::EngineInfo info() const override;
  engine::GenerationResult generate(const engine::GenerationRequest& request,
                                    const engine::ProgressCallback& progress,
                                    const engine::CancelToken& cancel) override;
  bool autoencode(const Image& image, Image* out, std::string* error) override;

  ModelBundle& bundle() { return m_bundle; }

  // Pieces of generate() exposed for tests and benchmarks (may throw c10::Error).
  torch::Tensor encodeImage(const Image& image, int width, int height);  // -> scaled latent [1,C,h,w]
  Image decodeLatent(const torch::Tensor& latent);                      // scaled latent -> RGB8
  // The per-step preview: the TAESD when the model has one, else the linear projection; width x height.
  Image previewLatent(const torch::Tensor& latent, int width, int height);
  // The TAESD decode of a sampler latent, resized to width x height (needs bundle().taesd).
  Image decodeLatentTiny(const torch::Tensor& latent, int width, int height);

 private:
  // Checks the request against the model; "" when fine, else the one-line reason.
  std::string validate(const engine::GenerationRequest& request) const;
  engine::GenerationResult run(const engine::GenerationRequest& request, const engine::ProgressCallback& progress,
                               const engine::CancelToken& cancel);

  // Makes the applied LoRAs equal the request's (restoring the base weights first); "" or the error.
  std::string applyLoras(const std::vector<engine::LoraRef>& loras);

  ModelBundle m_bundle;
  lora::LoraStack m_loras;
  std::vector<std::pair<std::string, float>> m_appliedLoras;  // (path, weight) now in the weights
};

// Resizes a control map to width x height and returns it as [1,3,H,W] in [0,1] on `device` in `dtype`.
torch::Tensor controlTensor(const Image& image, int width, int height, const torch::Device& device,
                            torch::ScalarType dtype);

}  // namespace shotcraft::torch_engine
