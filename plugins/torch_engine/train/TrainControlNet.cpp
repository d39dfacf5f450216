// `train controlnet --kind depth|canny|pose`: a ControlNet initialised from the trained UNet's encoder (conv_in,
// time_embedding, down_blocks, mid_block copied; the residual 1x1 convs and the condition embedding's last conv
// zero, so training starts from "no effect"), trained with the UNet, text encoder and VAE frozen. It ends with
// the control gain report (ControlGain.h); `--set report_only=1` measures a finished controlnet-KIND/ again.
#include <cstdio>
#include <filesystem>

#include "plugins/torch_engine/nn/ControlNet.h"
#include "plugins/torch_engine/sampling/NoiseSchedule.h"
#include "plugins/torch_engine/sampling/Sampler.h"
#include "plugins/torch_engine/train/ControlGain.h"
#include "plugins/torch_engine/train/DiffusionTraining.h"
#include "plugins/torch_engine/train/LatentCache.h"
#include "plugins/torch_engine/train/ModelFolder.h"
#include "plugins/torch_engine/train/Stages.h"
#include "plugins/torch_engine/train/TrainLoop.h"
#include "plugins/torch_engine/train/TrainingData.h"

namespace shotcraft::torch_engine::train {

namespace fs = std::filesystem;

bool isControlNetZeroConv(const std::string& parameterName) {
  return parameterName.rfind("controlnet_down_blocks.", 0) == 0 || parameterName.rfind("controlnet_mid_block.", 0) == 0;
}

int initControlNetFromUNet(nn::ControlNetImpl& cn, nn::UNetImpl& unet) {
  torch::NoGradGuard noGrad;
  const auto source = unet.named_parameters();
  int copied = 0;
  for (auto& p : cn.named_parameters()) {
    const std::string& name = p.key();
    const bool zero = isControlNetZeroConv(name) || name.rfind("controlnet_cond_embedding.conv_out.", 0) == 0;
    if (zero) {
      p.value().zero_();
    } else if (name.rfind("controlnet_cond_embedding.", 0) == 0) {
      // He initialisation (zero biases), so each conv keeps its input's scale. With libtorch's default (gain
      // 1/sqrt(3), biases of the same size) what conv_out sees varied from one map to another by 0.2-0.3% of
      // its RMS, and a depth ControlNet never learned to read its map (docs/training.md, session 13).
      if (p.value().dim() == 4) {
        torch::nn::init::kaiming_normal_(p.value(), 0.0, torch::kFanIn, torch::kReLU);
      } else {
        p.value().zero_();
      }
    } else if (const auto* t = source.find(name); t && t->sizes() == p.value().sizes()) {
      p.value().copy_(*t);
      ++copied;
    }
  }
  return copied;
}

namespace {

// Measures `cn` against the UNet alone (ControlGain.h) and writes OUT/training/NAME/control_gain.json.
bool reportControlGain(nn::ControlNetImpl& cn, FrozenParts& frozen, ControlMap map,
                       const engine::TrainingRequest& request, bool tiny, const PrintFn& print, std::string* error) {
  const std::string name = "controlnet-" + request.kind;
  cn.eval();
  const ControlGain gain =
      measureControlGain(cn, frozen, map, request.kind, request.data_seed ^ 0xC6A1ull, tiny ? 4 : 32, tiny ? 64 : 256,
                         tiny ? 32 : 144, {100, 300, 500, 700, 900});
  print(name + ": " + describe(gain));
  return writeTextFile((fs::path(stageDir(request, name)) / "control_gain.json").string(), toJson(gain), error);
}

}  // namespace

bool trainControlNet(const engine::TrainingRequest& request, const PrintFn& print, const engine::CancelToken& cancel,
                     std::string* error) {
  ControlMap map = ControlMap::None;
  if (request.kind == "depth") map = ControlMap::Depth;
  if (request.kind == "canny") map = ControlMap::Canny;
  if (request.kind == "pose") map = ControlMap::Pose;
  if (map == ControlMap::None) {
    if (error) *error = "controlnet: --kind must be depth, canny or pose (got '" + request.kind + "')";
    return false;
  }
  const std::string name = "controlnet-" + request.kind;
  const bool tiny = isTinyRun(request);
  FrozenParts frozen;
  if (!loadFrozenParts(request.out_dir, true, &frozen, error)) {
    if (error) *error = name + ": needs the vae, tokenizer and unet stages first: " + *error;
    return false;
  }
  if (extraNumber(request, "report_only", 0) != 0) {  // the finished controlnet-KIND/ as it is: measure, train nothing
    nn::ControlNet cn{nullptr};
    if (!nn::loadControlNetFolder((fs::path(request.out_dir) / name).string(), &cn, error)) {
      *error = "train controlnet --set report_only=1 needs a finished " + name + " stage: " + *error;
      return false;
    }
    cn->to(torch::kFloat32);
    return reportControlGain(*cn, frozen, map, request, tiny, print, error);
  }
  const std::string json = controlNetConfigJson(tiny, frozen.vae->config().latentChannels);
  nn::ControlNetConfig config;
  if (!nn::ControlNetConfig::fromJson(json, &config, error)) return false;
  torch::manual_seed(request.data_seed);
  nn::ControlNet cn(config);
  const int copied = initControlNetFromUNet(*cn, *frozen.unet);
  print(name + ": " + std::to_string(copied) + " tensors copied from the UNet");

  DataSettings data;
  data.seed = request.data_seed;
  data.batch = request.batch > 0 ? request.batch : 16;
  data.control = map;
  data.prompt_drop = extraNumber(request, "prompt_drop", 0.5);
  if (tiny) {
    data.width = 64;
    data.height = 32;
  }
  LatentCache cache = makeLatentCache(request, frozen.vae, &data, print);
  BatchPrefetcher batches(data);
  const NoiseSchedule schedule{frozen.scheduler};

  LoopSettings loop = loopSettings(request, name, 3000, 1e-4, 100);

  const double noiseOffset = extraNumber(request, "noise_offset", 0.1);  // as the UNet was trained
  double timestepPower = 1.0;
  if (!readTimestepPower(request, name, print, &timestepPower, error)) return false;
  loop.objective = {{"prediction", toString(frozen.scheduler.prediction_type)},
                    {"noise_offset", objectiveNumber(noiseOffset)},
                    {"timestep_power", objectiveNumber(timestepPower)},
                    {"prompt_drop", objectiveNumber(data.prompt_drop)}};
  const TrainPrecision precision = trainPrecision(request);
  const bool bf16 = precision == TrainPrecision::Bf16;
  print(name + ": forward passes in " + precisionName(precision));
  torch::optim::AdamW optimizer(cn->parameters(), torch::optim::AdamWOptions(loop.lr).weight_decay(0.0));
  const auto step = [&](int64_t s) {
    const TrainingBatch b = batches.get(s);
    auto gen = makeCpuGenerator(mixSeed(request.data_seed, uint64_t(s), 0xC0));
    const torch::Tensor latents = cache.latents(b.rgb, b.pool_index, gen);
    const NoisedLatents n = addTrainingNoise(latents, schedule.alphasCumprod(), gen, noiseOffset, timestepPower);
    torch::Tensor pred;
    {
      const AutocastScope autocast(bf16);
      torch::Tensor context;
      {
        torch::NoGradGuard noGrad;
        context = frozen.text->encode(tokenizePrompts(*frozen.tokenizer, b.prompts));
      }
      const auto format = bf16 ? torch::MemoryFormat::ChannelsLast : torch::MemoryFormat::Contiguous;
      const torch::Tensor noisy = n.noisy.contiguous(format);
      const nn::ControlResiduals residuals = cn->forward(noisy, n.timesteps, context, b.control.contiguous(format));
      pred = frozen.unet->forward(noisy, n.timesteps, context, &residuals);
    }
    const torch::Tensor loss =
        torch::mse_loss(pred.to(torch::kFloat32),
                        predictionTarget(latents, n.noise, n.alpha_cumprod, frozen.scheduler.prediction_type));
    optimizer.zero_grad();
    loss.backward();
    torch::nn::utils::clip_grad_norm_(cn->parameters(), 1.0);
    optimizer.step();
    return loss.item<double>();
  };
  if (!runTrainingLoop(loop, {{"controlnet.", cn.get()}}, optimizer, step, print, cancel, error)) return false;
  return writeComponent((fs::path(request.out_dir) / name).string(), json, *cn, "diffusion_pytorch_model.safetensors",
                        error) &&
         reportControlGain(*cn, frozen, map, request, tiny, print, error);
}

}  // namespace shotcraft::torch_engine::train
