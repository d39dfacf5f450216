#pragma once
// Pieces the UNet and ControlNet stages share: tokenising prompts into 77-token windows, the forward
// diffusion q(x_t | x_0) on SD's scaled-linear schedule, and loading the frozen components from OUT/.
#include <torch/torch.h>

#include <optional>
#include <string>
#include <vector>

#include "core/engine/ClipTokenizer.h"
#include "core/engine/Engine.h"
#include "plugins/torch_engine/nn/ClipText.h"
#include "plugins/torch_engine/nn/ControlNet.h"
#include "plugins/torch_engine/nn/UNet.h"
#include "plugins/torch_engine/nn/Vae.h"
#include "plugins/torch_engine/sampling/SchedulerConfig.h"
#include "plugins/torch_engine/train/LatentCache.h"
#include "plugins/torch_engine/train/Stages.h"
#include "plugins/torch_engine/train/TrainingData.h"

namespace shotcraft::torch_engine::train {

struct NoisedLatents {
  torch::Tensor noisy;      // sqrt(ac_t) x0 + sqrt(1 - ac_t) eps
  torch::Tensor noise;      // eps, the epsilon-prediction target
  torch::Tensor timesteps;  // [B] int64 in [0, 1000)
  torch::Tensor alpha_cumprod;  // [B,1,1,1] ac_t of each item
};

// [B, 77] int64: BOS + tokens (truncated) + EOS, padded with the pad id.
torch::Tensor tokenizePrompts(const engine::ClipTokenizer& tokenizer, const std::vector<std::string>& prompts);
// Timesteps and Gaussian noise drawn from `generator`. The timesteps are uniform with `timestepPower` 1, and
// t = floor((1 - u^p) * T) for u ~ U[0, 1) otherwise: p = 3 is T2I-Adapter's cubic sampling, which draws the
// noisy early steps of sampling, where a frame's layout is decided, more often (P(t >= T/2) = 0.79 against 0.5).
// `offset` > 0 adds "offset noise": a per-image, per-channel constant offset * N(0, 1) to the noise. With plain noise,
// the scaled-linear schedule leaves an image's mean through even the last timestep, so the model learns to read the
// mean from its input instead of choosing it from the prompt; sampling starts from noise of mean ~0, and every sample
// comes out with the data's middle brightness (a night scene as light as noon).
NoisedLatents addTrainingNoise(const torch::Tensor& latents, const std::vector<float>& alphasCumprod,
                               torch::Generator generator, double offset = 0.0, double timestepPower = 1.0);
// What a UNet trained for `prediction` regresses onto: the noise for epsilon; for v_prediction (Salimans & Ho 2022,
// diffusers' get_velocity) v = sqrt(ac) eps - sqrt(1 - ac) x0. In terms of x0 the epsilon loss weighs each timestep
// by its SNR, ac / (1 - ac): 0.005 at the last timestep, where sampling starts and a frame's colours and layout are
// chosen, so the epsilon loss hardly asks for a good x0 there; the v loss weighs it by SNR + 1. `alphaCumprod`
// broadcasts against x0 ([B,1,1,1] or a scalar tensor).
torch::Tensor predictionTarget(const torch::Tensor& x0, const torch::Tensor& noise, const torch::Tensor& alphaCumprod,
                               PredictionType prediction);
// `--set prediction=epsilon|v_prediction` (the UNet stage; epsilon unless set): false + "unet: --set prediction must
// be epsilon or v_prediction (got 'x')" for another word.
bool readPrediction(const engine::TrainingRequest& request, PredictionType* prediction, std::string* error);
// `--set timestep_power=P` (1 unless set; the UNet and ControlNet stages): false + "STAGE: --set timestep_power must
// be positive" for P <= 0; prints "STAGE: timesteps drawn as (1 - u^P) T" when P is not 1.
bool readTimestepPower(const engine::TrainingRequest& request, const std::string& stage, const PrintFn& print,
                       double* power, std::string* error);
// Min-SNR-gamma loss weights (Hang et al. 2023; diffusers' `snr_gamma`), [B,1,1,1] like `alphaCumprod`. In terms of
// x0 the epsilon loss weighs a timestep by its SNR, ac / (1 - ac), and the v loss by SNR + 1; on the scaled-linear
// schedule the SNR runs from 1175 at t = 0 down to 0.005 at t = 999, so the nearly clean steps, which only sharpen
// detail, dominate the loss. These weights make it min(SNR, gamma) for both: min(SNR, gamma) / SNR on the epsilon
// MSE, min(SNR, gamma) / (SNR + 1) on the v MSE. For epsilon, steps noisier than SNR = gamma keep weight 1; for v
// they drop to SNR / (SNR + 1), so the noisy steps lose the extra x0 weight v gave them (docs/training.md, session 18).
torch::Tensor minSnrWeights(const torch::Tensor& alphaCumprod, double gamma, PredictionType prediction);
// `--set snr_gamma=G` (the UNet stage; 0, off, unless set): false + "unet: --set snr_gamma must be positive (0 =
// off)" for G < 0; prints "unet: loss weighted by min(SNR, G) (Min-SNR)" when it is on.
bool readSnrGamma(const engine::TrainingRequest& request, const PrintFn& print, double* gamma, std::string* error);
// The denoising loss with the figures weighted up: mean squared error where each latent pixel weighs
// 1 + figureWeight * (share of it inside a figure's box), normalised by the weights' sum so the loss stays on the
// plain MSE's scale; figureWeight 0 or an undefined mask give the plain MSE. Figures cover a few percent of a frame;
// weighing them up was meant to teach the UNet to draw the number the prompt asks for, but a 400-step fine-tune at
// W = 8 counted no better than one without it (docs/training.md, session 11). figureMask [B,1,H,W] at image size.
// `itemWeight` ([B,1,1,1], e.g. minSnrWeights; undefined = 1) multiplies each item's share, as diffusers weighs
// each item's mean error before the batch mean; the normalisation stays that of the unweighted loss.
torch::Tensor figureWeightedMse(const torch::Tensor& pred, const torch::Tensor& target, const torch::Tensor& figureMask,
                                double figureWeight, const torch::Tensor& itemWeight = {});
// Scaled VAE latents of a batch (posterior sample drawn from `generator`), no gradient.
torch::Tensor encodeBatch(nn::Vae& vae, const torch::Tensor& rgb, torch::Generator generator);

// OUT/vae, OUT/tokenizer (and with withUNet also OUT/unet, OUT/text_encoder and OUT/scheduler/scheduler_config.json:
// what the UNet predicts and on which noise schedule; SD 1.x's epsilon schedule where there is none), frozen in eval
// mode.
struct FrozenParts {
  nn::Vae vae{nullptr};
  std::optional<engine::ClipTokenizer> tokenizer;
  nn::UNet unet{nullptr};
  nn::ClipTextModel text{nullptr};
  // OUT/scheduler/scheduler_config.json: what the UNet predicts and its noise schedule (zero terminal SNR or not).
  SchedulerConfig scheduler;
};
// The stage's latent cache over a finite pool of scenes: `--set pool=N` (default 16384 scenes; 0 streams
// endless scenes and encodes every batch). Sets data->pool and prints what it chose.
LatentCache makeLatentCache(const engine::TrainingRequest& request, nn::Vae vae, DataSettings* data,
                            const PrintFn& print);

bool loadFrozenParts(const std::string& outDir, bool withUNet, FrozenParts* out, std::string* error);

// A ControlNet's start (TrainControlNet.cpp): every UNet parameter whose name it shares copied, the "zero convs"
// (controlnet_down_blocks, controlnet_mid_block, the condition embedding's conv_out) zero, the condition
// embedding's other convs He-initialised with zero biases. Returns the count of tensors copied.
int initControlNetFromUNet(nn::ControlNetImpl& cn, nn::UNetImpl& unet);
// The residual 1x1 convs that add a ControlNet's features to the UNet (controlnet_down_blocks.*,
// controlnet_mid_block.*): zero at the start, so a new ControlNet has no effect.
bool isControlNetZeroConv(const std::string& parameterName);

}  // namespace shotcraft::torch_engine::train
