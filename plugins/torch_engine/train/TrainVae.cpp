// `train vae`: the KL autoencoder (256x144 RGB -> 4 x 32 x 18 latents by default, ModelFolder.h's VaeShape),
// L1 + MSE reconstruction + a small KL (train/VaeLoss.h), plus, with --set edge_loss=W, W times the gradient
// difference loss.
// With the setting decoder_only=1 it fine-tunes the decoder of the finished OUT/vae instead (stage "vae_decoder",
// L1 + MSE): the encoder and quant_conv stay frozen, so the latent space, its scaling factor and every UNet or
// ControlNet trained on it stay valid (how Stable Diffusion's ft-MSE VAE was made).
#include <filesystem>

#include "plugins/torch_engine/nn/JsonFields.h"
#include "plugins/torch_engine/nn/ParameterInit.h"
#include "plugins/torch_engine/nn/StateDict.h"
#include "plugins/torch_engine/nn/Vae.h"
#include "plugins/torch_engine/safetensors/SafeTensorsFile.h"
#include "plugins/torch_engine/sampling/Sampler.h"
#include "plugins/torch_engine/train/ModelFolder.h"
#include "plugins/torch_engine/train/Stages.h"
#include "plugins/torch_engine/train/TrainLoop.h"
#include "plugins/torch_engine/train/TrainingData.h"
#include "plugins/torch_engine/train/VaeLoss.h"
#include "plugins/torch_engine/train/VaeReport.h"

namespace shotcraft::torch_engine::train {

namespace fs = std::filesystem;

namespace {

// Writes STAGE_DIR/reconstruction.{json,png} for `vae` and prints the summary line.
bool reportReconstruction(nn::VaeImpl& vae, const engine::TrainingRequest& request, const std::string& stage,
                          bool tiny, const PrintFn& print, std::string* error) {
  const fs::path dir = stageDir(request, stage);
  const VaeReconstruction r = measureVaeReconstruction(vae, request.data_seed ^ 0x7EC0ull, tiny ? 4 : 32,
                                                       tiny ? 64 : 256, tiny ? 32 : 144,
                                                       (dir / "reconstruction.png").string());
  print("vae: " + describe(r));
  return writeTextFile((dir / "reconstruction.json").string(), toJson(r), error);
}

}  // namespace

bool trainVae(const engine::TrainingRequest& request, const PrintFn& print, const engine::CancelToken& cancel,
              std::string* error) {
  const bool tiny = isTinyRun(request);
  const bool decoderOnly = extraNumber(request, "decoder_only", 0) != 0;
  const bool reportOnly = extraNumber(request, "report_only", 0) != 0;
  const fs::path vaeDir = fs::path(request.out_dir) / "vae";
  nn::VaeConfig config;
  std::string configText;  // decoder_only: the finished vae/config.json, written back unchanged
  if (reportOnly) {  // the finished vae/ as it is: measure, train nothing
    if (!nn::VaeConfig::fromFile((vaeDir / "config.json").string(), &config, error)) {
      *error = "train vae --set report_only=1 needs a finished vae stage: " + *error;
      return false;
    }
    nn::Vae vae = nn::buildForLoading<nn::Vae>(config);  // every weight comes from the file (strict load)
    auto weights = SafeTensorsFile::open((vaeDir / "diffusion_pytorch_model.safetensors").string(), error);
    if (!weights || !nn::loadStateDict(*vae, *weights, "", true, error)) return false;
    const bool tuned = fs::exists(fs::path(stageDir(request, "vae_decoder")) / "checkpoint");
    return reportReconstruction(*vae, request, tuned ? "vae_decoder" : "vae", tiny, print, error);
  }
  if (decoderOnly) {
    const std::string path = (vaeDir / "config.json").string();
    const bool read = nn::JsonFields::readFile(path, &configText, error);
    if (!read || !nn::VaeConfig::fromJson(configText, &config, error)) {
      *error = "train vae --set decoder_only=1 needs a finished vae stage: " + (read ? path + ": " : "") + *error;
      return false;
    }
  } else if (!nn::VaeConfig::fromJson(vaeConfigJson(vaeShape(request), tiny, 1.0), &config, error)) {
    *error = "train vae: " + *error;
    return false;
  }
  torch::manual_seed(request.data_seed);
  nn::Vae vae(config);
  if (decoderOnly) {
    auto weights = SafeTensorsFile::open((vaeDir / "diffusion_pytorch_model.safetensors").string(), error);
    if (!weights || !nn::loadStateDict(*vae, *weights, "", true, error)) return false;
    for (auto& p : vae->encoder->parameters()) p.requires_grad_(false);
    for (auto& p : vae->quant_conv->parameters()) p.requires_grad_(false);
  }
  if (!decoderOnly && vae->quant_conv) {
    // The posterior starts narrow (logvar = logvar_init everywhere, std 0.05 at -6) instead of at std ~1: from a
    // default init the reconstruction loss narrowed it only to std 0.56 beside a latent std of 1.04 by step 500
    // (0.43 vs 0.75 after 2000 steps), and the decoder learned to draw from latents half made of sampling noise.
    torch::NoGradGuard noGrad;
    const int64_t latent = vae->quant_conv->weight.size(0) / 2;
    vae->quant_conv->weight.narrow(0, latent, latent).zero_();
    vae->quant_conv->bias.narrow(0, latent, latent).fill_(extraNumber(request, "logvar_init", -6.0));
  }
  std::vector<torch::Tensor> trained;
  for (const auto& p : vae->parameters()) {
    if (p.requires_grad()) trained.push_back(p);
  }
  int64_t params = 0;
  for (const auto& p : trained) params += p.numel();
  print(std::string(decoderOnly ? "vae decoder: " : "vae: ") + std::to_string(params) + " trained parameters");

  DataSettings data;
  data.seed = request.data_seed;
  data.batch = request.batch > 0 ? request.batch : 8;
  if (tiny) {
    data.width = 64;
    data.height = 32;
  }
  const double klWeight = extraNumber(request, "kl", 1e-6);
  const double edgeWeight = extraNumber(request, "edge_loss", 0.0);
  if (!(edgeWeight >= 0.0)) {
    *error = "train vae: --set edge_loss must be >= 0";
    return false;
  }
  BatchPrefetcher batches(data);

  const LoopSettings loop = loopSettings(request, decoderOnly ? "vae_decoder" : "vae", 6000, 4e-4, 200);

  torch::optim::AdamW optimizer(trained, torch::optim::AdamWOptions(loop.lr).weight_decay(0.0));
  // fp32 unless asked: at the default width (16 channels at full resolution) oneDNN 2.6's AMX kernels gave
  // non-finite gradients in bf16 (train vae stopped at step 1), and at that width bf16 was no faster anyway.
  const TrainPrecision precision =
      request.extra.count("precision") ? trainPrecision(request) : TrainPrecision::Fp32;
  const bool bf16 = precision == TrainPrecision::Bf16;
  print(std::string(decoderOnly ? "vae decoder" : "vae") + ": forward passes in " + precisionName(precision));
  const auto step = [&](int64_t s) {
    const TrainingBatch b = batches.get(s);
    nn::VaePosterior post;
    torch::Tensor z, recon;
    {
      const AutocastScope autocast(bf16);
      {
        torch::AutoGradMode grad(!decoderOnly);  // a frozen encoder needs no graph
        // The posterior (and so the KL term and the latent sample) in float32 either way.
        const torch::Tensor rgb = bf16 ? b.rgb.contiguous(torch::MemoryFormat::ChannelsLast) : b.rgb;
        post = nn::VaePosterior::fromMoments(vae->encode(rgb).moments.to(torch::kFloat32));
        z = post.sample(makeCpuGenerator(mixSeed(request.data_seed, uint64_t(s), 0x7AE)));
      }
      recon = vae->decode(z).to(torch::kFloat32);
    }
    const VaeLossTerms terms = vaeLoss(recon, b.rgb, post);
    torch::Tensor loss = decoderOnly ? terms.reconstruction : terms.reconstruction + klWeight * terms.kl;
    if (edgeWeight > 0.0) loss = loss + edgeWeight * gradientLoss(recon, b.rgb);
    optimizer.zero_grad();
    loss.backward();
    torch::nn::utils::clip_grad_norm_(trained, 1.0);
    optimizer.step();
    return terms.reconstruction.item<double>();
  };
  if (!runTrainingLoop(loop, {{"vae.", vae.get()}}, optimizer, step, print, cancel, error)) return false;
  if (decoderOnly) {  // same encoder, same latents: the config, scaling factor included, stays as it was
    return writeComponent(vaeDir.string(), configText, *vae,
                          "diffusion_pytorch_model.safetensors", error) &&
           reportReconstruction(*vae, request, loop.stage, tiny, print, error);
  }

  // Latent scale: 1 / std of the posterior means over a few batches, as SD's scaling_factor.
  torch::NoGradGuard noGrad;
  std::vector<torch::Tensor> means;
  DataSettings eval = data;
  eval.seed = request.data_seed ^ 0x5CA1Eull;
  for (int i = 0; i < (tiny ? 1 : 8); ++i) means.push_back(vae->encode(renderBatch(eval, i).rgb).mean);
  const double stddev = torch::cat(means).std().item<double>();
  const double scaling = stddev > 1e-6 ? 1.0 / stddev : 1.0;
  print("vae: latent std " + std::to_string(stddev) + ", scaling_factor " + std::to_string(scaling));
  return writeComponent(vaeDir.string(), vaeConfigJson(vaeShape(request), tiny, scaling), *vae,
                        "diffusion_pytorch_model.safetensors", error) &&
         reportReconstruction(*vae, request, loop.stage, tiny, print, error);
}

}  // namespace shotcraft::torch_engine::train
