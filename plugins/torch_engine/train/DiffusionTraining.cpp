#include "plugins/torch_engine/train/DiffusionTraining.h"

#include <cstdio>
#include <filesystem>

#include "plugins/torch_engine/pipeline/ModelBundle.h"
#include "plugins/torch_engine/train/ModelFolder.h"

namespace shotcraft::torch_engine::train {

namespace fs = std::filesystem;

torch::Tensor tokenizePrompts(const engine::ClipTokenizer& tokenizer, const std::vector<std::string>& prompts) {
  std::vector<int64_t> ids;
  for (const auto& p : prompts) {
    for (int id : tokenizer.truncated(tokenizer.encode(p), 77)) ids.push_back(id);
  }
  return torch::tensor(ids, torch::kInt64).view({int64_t(prompts.size()), 77});
}

NoisedLatents addTrainingNoise(const torch::Tensor& latents, const std::vector<float>& alphasCumprod,
                               torch::Generator generator, double offset, double timestepPower) {
  NoisedLatents n;
  const int64_t b = latents.size(0);
  const auto steps = int64_t(alphasCumprod.size());
  if (timestepPower == 1.0) {
    n.timesteps = at::randint(steps, {b}, generator, torch::TensorOptions(torch::kInt64));
  } else {  // t = (1 - u^p) T: p > 1 draws the noisier timesteps more often
    const torch::Tensor u = at::rand({b}, generator, torch::TensorOptions(torch::kFloat64));
    n.timesteps = ((1.0 - u.pow(timestepPower)) * double(steps)).floor().clamp(0, double(steps - 1)).to(torch::kInt64);
  }
  n.noise = at::randn(latents.sizes(), generator, torch::TensorOptions(torch::kFloat32));
  if (offset > 0) {
    n.noise += offset * at::randn({b, latents.size(1), 1, 1}, generator, torch::TensorOptions(torch::kFloat32));
  }
  const auto table = torch::tensor(alphasCumprod, torch::kFloat32);
  const auto ac = table.index_select(0, n.timesteps).view({b, 1, 1, 1});
  n.noisy = ac.sqrt() * latents + (1.0 - ac).sqrt() * n.noise;
  n.alpha_cumprod = ac;
  return n;
}

torch::Tensor predictionTarget(const torch::Tensor& x0, const torch::Tensor& noise, const torch::Tensor& alphaCumprod,
                               PredictionType prediction) {
  if (prediction == PredictionType::Epsilon) return noise;
  return alphaCumprod.sqrt() * noise - (1.0 - alphaCumprod).sqrt() * x0;
}

bool readPrediction(const engine::TrainingRequest& request, PredictionType* prediction, std::string* error) {
  const auto it = request.extra.find("prediction");
  const std::string value = it == request.extra.end() ? "epsilon" : it->second;
  if (value != "epsilon" && value != "v_prediction") {
    if (error) *error = "unet: --set prediction must be epsilon or v_prediction (got '" + value + "')";
    return false;
  }
  *prediction = value == "epsilon" ? PredictionType::Epsilon : PredictionType::VPrediction;
  return true;
}

torch::Tensor minSnrWeights(const torch::Tensor& alphaCumprod, double gamma, PredictionType prediction) {
  const torch::Tensor snr = alphaCumprod / (1.0 - alphaCumprod);
  const torch::Tensor clamped = torch::clamp_max(snr, gamma);
  return prediction == PredictionType::Epsilon ? clamped / snr : clamped / (snr + 1.0);
}

bool readSnrGamma(const engine::TrainingRequest& request, const PrintFn& print, double* gamma, std::string* error) {
  *gamma = extraNumber(request, "snr_gamma", 0.0);
  if (!(*gamma >= 0)) {
    if (error) *error = "unet: --set snr_gamma must be positive (0 = off)";
    return false;
  }
  if (*gamma > 0) {
    char line[96];
    std::snprintf(line, sizeof line, "unet: loss weighted by min(SNR, %g) (Min-SNR)", *gamma);
    print(line);
  }
  return true;
}

torch::Tensor figureWeightedMse(const torch::Tensor& pred, const torch::Tensor& target, const torch::Tensor& figureMask,
                                double figureWeight, const torch::Tensor& itemWeight) {
  const bool figures = figureWeight > 0 && figureMask.defined();
  if (!figures && !itemWeight.defined()) return torch::mse_loss(pred, target);
  torch::Tensor weight = figures ? 1.0 + figureWeight * torch::adaptive_avg_pool2d(figureMask.to(pred.dtype()),
                                                                                   {pred.size(2), pred.size(3)})
                                 : torch::ones({pred.size(0), 1, pred.size(2), pred.size(3)}, pred.options());
  const torch::Tensor norm = weight.sum() * pred.size(1);  // [B,1,h,w] pixel weights
  if (itemWeight.defined()) weight = weight * itemWeight.to(pred.dtype());
  return ((pred - target).square() * weight).sum() / norm;
}

torch::Tensor encodeBatch(nn::Vae& vae, const torch::Tensor& rgb, torch::Generator generator) {
  torch::NoGradGuard noGrad;
  return vae->encodeToLatents(rgb, generator);
}

LatentCache makeLatentCache(const engine::TrainingRequest& request, nn::Vae vae, DataSettings* data,
                            const PrintFn& print) {
  data->pool = std::max<int64_t>(0, int64_t(extraNumber(request, "pool", 16384)));
  std::string line = "training data: ";
  if (data->pool > 0) {
    line += std::to_string(data->pool);
    line += " scenes cycled, latents cached";
  } else {
    line += "endless scene stream";
  }
  print(line);
  return LatentCache(std::move(vae), data->pool);
}

bool loadFrozenParts(const std::string& outDir, bool withUNet, FrozenParts* out, std::string* error) {
  const fs::path dir(outDir);
  if (!loadVaeFolder((dir / "vae").string(), &out->vae, error)) return false;
  out->tokenizer = engine::ClipTokenizer::load((dir / "tokenizer").string(), error);
  if (!out->tokenizer) return false;
  out->vae->eval();
  for (auto& p : out->vae->parameters()) p.set_requires_grad(false);
  if (!withUNet) return true;
  if (!nn::loadUNetFolder((dir / "unet").string(), &out->unet, error)) return false;
  if (!loadClipTextFolder((dir / "text_encoder").string(), &out->text, error)) return false;
  const fs::path scheduler = dir / "scheduler" / "scheduler_config.json";
  if (fs::exists(scheduler)) {
    if (!loadSchedulerConfig(scheduler.string(), out->scheduler, error)) return false;
  }
  for (auto* m : {static_cast<torch::nn::Module*>(out->unet.get()), static_cast<torch::nn::Module*>(out->text.get())}) {
    m->eval();
    for (auto& p : m->parameters()) p.set_requires_grad(false);
  }
  return true;
}

bool readTimestepPower(const engine::TrainingRequest& request, const std::string& stage, const PrintFn& print,
                       double* power, std::string* error) {
  *power = extraNumber(request, "timestep_power", 1.0);
  if (!(*power > 0)) {
    if (error) *error = stage + ": --set timestep_power must be positive";
    return false;
  }
  if (*power != 1.0) {
    char line[96];
    std::snprintf(line, sizeof line, "%s: timesteps drawn as (1 - u^%g) T", stage.c_str(), *power);
    print(line);
  }
  return true;
}

}  // namespace shotcraft::torch_engine::train
