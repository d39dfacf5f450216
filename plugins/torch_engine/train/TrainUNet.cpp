// `train unet`: the text-conditioned latent diffusion UNet on the frozen VAE's latents (epsilon prediction, SD's
// scaled-linear schedule with offset noise 0.1, 10% empty prompts for CFG; `--set figure_weight=W` weighs the
// figures' pixels 1 + W times in the loss). When the `text` stage has run, the
// UNet conditions on its text encoder, frozen; otherwise (the first recipe) a text encoder is trained jointly.
// `--set pooled_text=1` adds the pooled prompt to the time embedding (addition_embed_type "text");
// `--set init=FOLDER` starts from another run's UNet instead of from scratch (stage unet_tune);
// `--set ema=D` writes an exponential moving average of the weights (WeightEma) instead of the last step's.
// `--set prediction=v_prediction` trains it to predict v instead of the noise (predictionTarget);
// `--set snr_gamma=G` weighs the loss by Min-SNR-G (minSnrWeights). `--set zero_snr=1` (v_prediction only) trains
// on Lin et al.'s zero-terminal-SNR schedule and writes it, with trailing spacing, into scheduler/.
#include <cstdio>
#include <filesystem>
#include <optional>

#include "plugins/torch_engine/nn/ClipText.h"
#include "plugins/torch_engine/nn/StateDict.h"
#include "plugins/torch_engine/nn/UNet.h"
#include "plugins/torch_engine/pipeline/ModelBundle.h"
#include "plugins/torch_engine/safetensors/SafeTensorsFile.h"
#include "plugins/torch_engine/sampling/NoiseSchedule.h"
#include "plugins/torch_engine/sampling/Sampler.h"
#include "plugins/torch_engine/train/DiffusionTraining.h"
#include "plugins/torch_engine/train/LatentCache.h"
#include "plugins/torch_engine/train/ModelFolder.h"
#include "plugins/torch_engine/train/Stages.h"
#include "plugins/torch_engine/train/TrainLoop.h"
#include "plugins/torch_engine/train/TrainingData.h"
#include "plugins/torch_engine/train/WeightEma.h"

namespace shotcraft::torch_engine::train {

namespace fs = std::filesystem;

namespace {

// Loads the weights of the UNet in `folder` (a unet/ folder, or a model folder holding one) into `unet`. Every
// tensor must be there with its shape, except the add_embedding's: a UNet trained without the pooled prompt
// takes it on with a zero output (TextTimeEmbedding::zeroOutput), so it starts as the loaded UNet.
bool initUNetFrom(const std::string& folder, nn::UNetImpl& unet, const PrintFn& print, std::string* error) {
  fs::path weights = fs::path(folder) / "diffusion_pytorch_model.safetensors";
  if (!fs::exists(weights)) weights = fs::path(folder) / "unet" / "diffusion_pytorch_model.safetensors";
  if (!fs::exists(weights)) {
    if (error) *error = "unet: --set init=" + folder + ": no diffusion_pytorch_model.safetensors there or in unet/";
    return false;
  }
  auto file = SafeTensorsFile::open(weights.string(), error);
  if (!file) return false;
  nn::LoadStateDictOptions options;
  for (const auto& p : unet.named_parameters())
    if (p.key().rfind("add_embedding.", 0) == 0) options.optionalKeys.insert(p.key());
  if (!nn::loadStateDict(unet, *file, options, error)) {
    if (error) *error = "unet: --set init: " + *error;
    return false;
  }
  std::string line = "unet: starts from " + weights.string();
  if (unet.add_embedding && !file->contains("add_embedding.norm2.weight")) {
    unet.add_embedding->zeroOutput();
    line += " (the pooled prompt's embedding starts at zero)";
  }
  print(line);
  return true;
}

}  // namespace

bool trainUNet(const engine::TrainingRequest& request, const PrintFn& print, const engine::CancelToken& cancel,
               std::string* error) {
  const bool tiny = isTinyRun(request);
  FrozenParts frozen;
  if (!loadFrozenParts(request.out_dir, false, &frozen, error)) {
    if (error) *error = "unet: needs the vae and tokenizer stages first: " + *error;
    return false;
  }
  const fs::path out(request.out_dir);
  const auto& tok = *frozen.tokenizer;
  const std::string textJson = textConfigJson(tiny, int(tok.vocabSize()), tok.bos(), tok.eos());
  const bool pooledText = extraNumber(request, "pooled_text", 0) != 0;
  const std::string unetJson = unetConfigJson(tiny, frozen.vae->config().latentChannels, pooledText);
  nn::ClipTextConfig textConfig;
  nn::UNetConfig unetConfig;
  if (!nn::ClipTextConfig::fromJson(textJson, &textConfig, error)) return false;
  if (!nn::UNetConfig::fromJson(unetJson, &unetConfig, error)) return false;
  torch::manual_seed(request.data_seed);
  nn::UNet unet(unetConfig);
  if (const auto init = request.extra.find("init"); init != request.extra.end() && !request.resume) {
    if (!initUNetFrom(init->second, *unet, print, error)) return false;
  }
  nn::ClipTextModel text{nullptr};
  const bool pretrainedText = fs::exists(out / "training" / "text");
  if (pretrainedText) {
    if (!loadClipTextFolder((out / "text_encoder").string(), &text, error)) {
      if (error) *error = "unet: the text stage has not finished: " + *error;
      return false;
    }
    text->eval();
    for (auto& p : text->parameters()) p.set_requires_grad(false);
    print("unet: conditions on the text stage's encoder (frozen)");
  } else {
    text = nn::ClipTextModel(textConfig);
  }
  PredictionType prediction = PredictionType::Epsilon;  // checked before the data pool is set up, as ema
  if (!readPrediction(request, &prediction, error)) return false;
  const double zeroSnr = extraNumber(request, "zero_snr", 0.0);
  if (zeroSnr != 0.0 && zeroSnr != 1.0) {
    if (error) *error = "unet: --set zero_snr must be 0 or 1";
    return false;
  }
  const bool zeroTerminalSnr = zeroSnr == 1.0;
  if (zeroTerminalSnr && prediction != PredictionType::VPrediction) {
    if (error)
      *error = "unet: --set zero_snr=1 needs --set prediction=v_prediction (an epsilon UNet cannot denoise pure noise)";
    return false;
  }
  // The run trains on the schedule it writes into scheduler/, read back from that text.
  const std::string schedulerJson = schedulerConfigJson(prediction, zeroTerminalSnr);
  SchedulerConfig schedulerConfig;
  if (!parseSchedulerConfig(schedulerJson, schedulerConfig, error)) return false;
  const double emaDecay = extraNumber(request, "ema", 0.0);
  if (!(emaDecay >= 0.0 && emaDecay < 1.0)) {
    if (error) *error = "unet: --set ema must be a decay in [0, 1) (0 = off)";
    return false;
  }
  if (emaDecay > 0 && !pretrainedText) {  // the average UNet would be written beside the last step's text encoder
    if (error)
      *error = "unet: --set ema needs the text stage first (a text encoder trained with the UNet is not averaged)";
    return false;
  }
  int64_t unetParams = 0;
  for (const auto& p : unet->parameters()) unetParams += p.numel();
  std::string counts = "unet: " + std::to_string(unetParams) + " parameters";
  if (!pretrainedText) {
    int64_t textParams = 0;
    for (const auto& p : text->parameters()) textParams += p.numel();
    counts += ", text encoder (" + std::to_string(textParams) + " parameters) trained with it";
  }
  print(counts);

  DataSettings data;
  data.seed = request.data_seed;
  data.batch = request.batch > 0 ? request.batch : 32;
  data.prompt_drop = extraNumber(request, "prompt_drop", 0.1);
  const double figureWeight = extraNumber(request, "figure_weight", 0.0);
  data.figure_masks = figureWeight > 0;
  if (tiny) {
    data.width = 64;
    data.height = 32;
  }
  LatentCache cache = makeLatentCache(request, frozen.vae, &data, print);
  BatchPrefetcher batches(data);
  const NoiseSchedule schedule{schedulerConfig};

  // A run that starts from another UNet is a fine-tune of OUT/unet: its log and checkpoint go to training/unet_tune,
  // so the first run's stay (`train package` lists both, as it does vae and vae_decoder).
  const bool tune = request.extra.count("init") > 0;
  LoopSettings loop = loopSettings(request, tune ? "unet_tune" : "unet", 20000, 3e-4, 500);

  const TrainPrecision precision = trainPrecision(request);
  const bool bf16 = precision == TrainPrecision::Bf16;
  print("unet: forward passes in " + precisionName(precision));
  if (figureWeight > 0) {
    char line[80];
    std::snprintf(line, sizeof line, "unet: figures weigh %gx in the loss", 1 + figureWeight);
    print(line);
  }
  const double noiseOffset = extraNumber(request, "noise_offset", 0.1);
  double timestepPower = 1.0;
  if (!readTimestepPower(request, "unet", print, &timestepPower, error)) return false;
  if (prediction == PredictionType::VPrediction) print("unet: predicts v (v_prediction)");
  if (zeroTerminalSnr) {
    print("unet: zero terminal SNR (rescale_betas_zero_snr): pure noise at t = 999, sampled with trailing spacing");
  }
  double snrGamma = 0.0;
  if (!readSnrGamma(request, print, &snrGamma, error)) return false;
  loop.objective = {{"prediction", toString(prediction)},
                    {"zero_snr", zeroTerminalSnr ? "1" : "0"},
                    {"snr_gamma", objectiveNumber(snrGamma)},
                    {"noise_offset", objectiveNumber(noiseOffset)},
                    {"timestep_power", objectiveNumber(timestepPower)},
                    {"figure_weight", objectiveNumber(figureWeight)},
                    {"prompt_drop", objectiveNumber(data.prompt_drop)},
                    {"pooled_text", pooledText ? "1" : "0"},
                    {"ema", objectiveNumber(emaDecay)}};
  std::vector<torch::Tensor> params = unet->parameters();
  if (!pretrainedText) {
    for (const auto& p : text->parameters()) params.push_back(p);
  }
  torch::optim::AdamW optimizer(params, torch::optim::AdamWOptions(loop.lr).weight_decay(1e-2));
  nn::UNet shadow{nullptr};
  std::optional<WeightEma> ema;
  if (emaDecay > 0) {
    shadow = nn::UNet(unetConfig);
    ema.emplace(*unet, *shadow, emaDecay);
    char line[120];
    std::snprintf(line, sizeof line, "unet: keeps an EMA of its weights (decay %g) and writes it as unet/", emaDecay);
    print(line);
  }
  const auto step = [&](int64_t s) {
    const TrainingBatch b = batches.get(s);
    auto gen = makeCpuGenerator(mixSeed(request.data_seed, uint64_t(s), 0x0E7));
    const torch::Tensor latents = cache.latents(b.rgb, b.pool_index, gen);
    const NoisedLatents n = addTrainingNoise(latents, schedule.alphasCumprod(), gen, noiseOffset, timestepPower);
    torch::Tensor pred;
    {
      const AutocastScope autocast(bf16);
      torch::Tensor context;
      {
        torch::AutoGradMode textGrad(!pretrainedText);
        context = text->encode(tokenizePrompts(tok, b.prompts));
      }
      pred =
          unet->forward(bf16 ? n.noisy.contiguous(torch::MemoryFormat::ChannelsLast) : n.noisy, n.timesteps, context);
    }
    const torch::Tensor target = predictionTarget(latents, n.noise, n.alpha_cumprod, prediction);
    const torch::Tensor loss =
        figureWeightedMse(pred.to(torch::kFloat32), target, b.figure_mask, figureWeight,
                          snrGamma > 0 ? minSnrWeights(n.alpha_cumprod, snrGamma, prediction) : torch::Tensor());
    optimizer.zero_grad();
    loss.backward();
    torch::nn::utils::clip_grad_norm_(params, 1.0);
    optimizer.step();
    if (ema) ema->update(s);
    return loss.item<double>();
  };
  std::vector<NamedModule> modules{{"unet.", unet.get()}};
  if (ema) modules.push_back({"unet_ema.", shadow.get()});
  if (!pretrainedText) modules.push_back({"text_encoder.", text.get()});
  if (!runTrainingLoop(loop, modules, optimizer, step, print, cancel, error)) return false;

  return writeComponent((out / "unet").string(), unetJson, ema ? *shadow : *unet, "diffusion_pytorch_model.safetensors",
                        error) &&
         (pretrainedText ||
          writeComponent((out / "text_encoder").string(), textJson, *text, "model.safetensors", error)) &&
         writeTextFile((out / "scheduler" / "scheduler_config.json").string(), schedulerJson, error);
}

}  // namespace shotcraft::torch_engine::train
