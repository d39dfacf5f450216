// The UNet stage's training signal: offset noise and timestep sampling, figure masks and the figure-weighted loss,
// the settings that reach the stage's loss, the pooled-prompt fine-tune from a plain run (init, unet_tune) and the
// weights' moving average (ema), v prediction and the zero-terminal-SNR schedule.
#include <torch/torch.h>

#include <QTemporaryDir>
#include <algorithm>
#include <cmath>
#include <filesystem>

#include <gtest/gtest.h>

#include "core/scenes/SceneRenderer.h"
#include "plugins/torch_engine/nn/ModelConfig.h"
#include "plugins/torch_engine/nn/UNet.h"
#include "plugins/torch_engine/pipeline/DeviceSelect.h"
#include "plugins/torch_engine/pipeline/ModelBundle.h"
#include "plugins/torch_engine/safetensors/SafeTensorsFile.h"
#include "plugins/torch_engine/sampling/Sampler.h"
#include "plugins/torch_engine/sampling/SamplerFactory.h"
#include "plugins/torch_engine/train/ControlGain.h"
#include "plugins/torch_engine/train/DiffusionTraining.h"
#include "plugins/torch_engine/train/ModelFolder.h"
#include "plugins/torch_engine/train/TrainingData.h"
#include "plugins/torch_engine/train/WeightEma.h"
#include "tests/torch/TrainStageRun.h"

using namespace shotcraft;
using namespace shotcraft::engine;
namespace fs = std::filesystem;
using namespace shotcraft::test;

namespace {

// The control gain report (canny, 2 held-out scenes at 64x32) of a new ControlNet on `frozen`'s UNet: its zero convs
// are zero, so it measures the UNet's own loss at `timesteps` on `frozen`'s schedule and prediction type.
torch_engine::train::ControlGain newControlNetGain(torch_engine::train::FrozenParts& frozen,
                                                   const std::vector<int>& timesteps) {
  torch_engine::nn::ControlNetConfig config;
  std::string error;
  EXPECT_TRUE(torch_engine::nn::ControlNetConfig::fromJson(
      torch_engine::train::controlNetConfigJson(true, frozen.vae->config().latentChannels), &config, &error))
      << error;
  torch_engine::nn::ControlNet fresh(config);
  torch_engine::train::initControlNetFromUNet(*fresh, *frozen.unet);
  return torch_engine::train::measureControlGain(*fresh, frozen, torch_engine::train::ControlMap::Canny, "canny", 5, 2,
                                                 64, 32, timesteps);
}

}  // namespace

TEST(TrainNoise, OffsetNoiseShiftsWholeChannels) {
  const std::vector<float> ac(1000, 0.5f);
  const torch::Tensor latents = torch::zeros({64, 4, 16, 16});
  auto spread = [&](double offset) {
    auto gen = torch_engine::makeCpuGenerator(5);
    const auto n = torch_engine::train::addTrainingNoise(latents, ac, gen, offset);
    return n.noise.mean({2, 3}).std().item<double>();
  };
  // Plain noise: a channel's mean over 256 values has std 1/16; offset 0.5 adds 0.5 in quadrature.
  EXPECT_NEAR(spread(0.0), 1.0 / 16, 0.015);
  EXPECT_NEAR(spread(0.5), std::sqrt(0.25 + 1.0 / 256), 0.06);
}

TEST(TrainNoise, TimestepPowerDrawsTheNoisySteps) {
  const std::vector<float> ac(1000, 0.5f);
  const torch::Tensor latents = torch::zeros({4000, 1, 1, 1});
  auto draw = [&](double power) {
    auto gen = torch_engine::makeCpuGenerator(9);
    return torch_engine::train::addTrainingNoise(latents, ac, gen, 0.0, power).timesteps;
  };
  const torch::Tensor uniform = draw(1.0), cubic = draw(3.0);
  for (const torch::Tensor& t : {uniform, cubic}) {
    EXPECT_GE(t.min().item<int64_t>(), 0);
    EXPECT_LE(t.max().item<int64_t>(), 999);
  }
  // P(t >= k) = (1 - k/T)^(1/3) when t = (1 - u^3) T (against 1 - k/T uniform). 4000 draws: standard error < 0.008.
  EXPECT_NEAR((uniform >= 500).to(torch::kFloat64).mean().item<double>(), 0.5, 0.03);
  EXPECT_NEAR((cubic >= 500).to(torch::kFloat64).mean().item<double>(), std::cbrt(0.5), 0.03);
  EXPECT_NEAR((cubic >= 900).to(torch::kFloat64).mean().item<double>(), std::cbrt(0.1), 0.03);  // 0.464, not 0.1
}

TEST(TrainNoise, VelocityTargetGivesBackTheCleanLatentsAndTheNoise) {
  std::vector<float> ac(1000);
  for (size_t t = 0; t < ac.size(); ++t) ac[t] = 1.0f - float(t + 1) / 1001.0f;
  auto gen = torch_engine::makeCpuGenerator(3);
  const torch::Tensor x0 = at::randn({16, 4, 6, 10}, gen, torch::TensorOptions(torch::kFloat32));
  const auto n = torch_engine::train::addTrainingNoise(x0, ac, gen, 0.1);
  EXPECT_TRUE(torch::allclose(n.alpha_cumprod.flatten(), torch::tensor(ac).index_select(0, n.timesteps)));
  using torch_engine::PredictionType;
  EXPECT_TRUE(torch::equal(torch_engine::train::predictionTarget(x0, n.noise, n.alpha_cumprod, PredictionType::Epsilon),
                           n.noise));
  const torch::Tensor v =
      torch_engine::train::predictionTarget(x0, n.noise, n.alpha_cumprod, PredictionType::VPrediction);
  const torch::Tensor a = n.alpha_cumprod;
  // What the samplers invert: x0 = sqrt(ac) x_t - sqrt(1 - ac) v, eps = sqrt(1 - ac) x_t + sqrt(ac) v.
  EXPECT_TRUE(torch::allclose(a.sqrt() * n.noisy - (1 - a).sqrt() * v, x0, 1e-4, 1e-5));
  EXPECT_TRUE(torch::allclose((1 - a).sqrt() * n.noisy + a.sqrt() * v, n.noise, 1e-4, 1e-5));
  EXPECT_FALSE(torch::allclose(v, n.noise, 1e-2, 1e-2));
}

// Min-SNR-gamma: epsilon and v end up weighing each timestep's x0 error by min(SNR, gamma), so the nearly clean
// steps are capped and the noisy ones weigh what epsilon gives them.
TEST(TrainLoss, MinSnrWeightsCapTheCleanStepsForBothTargets) {
  using torch_engine::PredictionType;
  using torch_engine::train::minSnrWeights;
  const torch::Tensor ac = torch::tensor({0.999f, 0.9f, 5.0f / 6.0f, 0.5f, 0.005f}).view({5, 1, 1, 1});
  const torch::Tensor snr = ac / (1 - ac);  // 999, 9, 5, 1, 0.005
  const torch::Tensor eps = minSnrWeights(ac, 5.0, PredictionType::Epsilon);
  const torch::Tensor v = minSnrWeights(ac, 5.0, PredictionType::VPrediction);
  ASSERT_EQ(eps.sizes(), ac.sizes());
  const torch::Tensor x0Weight = torch::clamp_max(snr, 5.0);
  EXPECT_TRUE(torch::allclose(eps * snr, x0Weight, 1e-4, 1e-5));
  EXPECT_TRUE(torch::allclose(v * (snr + 1), x0Weight, 1e-4, 1e-5));
  // Epsilon: steps noisier than SNR 5 keep weight 1; the cleanest weighs 5 / 999.
  EXPECT_NEAR(eps[3].item<float>(), 1.0f, 1e-5);
  EXPECT_NEAR(eps[4].item<float>(), 1.0f, 1e-5);
  EXPECT_NEAR(eps[0].item<float>(), 5.0f / 999.0f, 1e-4);
  // v: SNR / (SNR + 1) below the cap, so the noisiest step now weighs what epsilon gave it in x0 terms.
  EXPECT_NEAR(v[3].item<float>(), 0.5f, 1e-5);
  EXPECT_NEAR(v[0].item<float>(), 5.0f / 1000.0f, 1e-4);
}

TEST(TrainLoss, ItemWeightsScaleEachItemsShareOfTheLoss) {
  using torch_engine::train::figureWeightedMse;
  const torch::Tensor target = torch::zeros({2, 4, 9, 16});
  torch::Tensor pred = torch::zeros_like(target);
  pred[0].fill_(1.0);  // item 0 is wrong by 1 everywhere, item 1 is right
  EXPECT_NEAR(figureWeightedMse(pred, target, {}, 0.0).item<double>(), 0.5, 1e-6);
  // diffusers' convention: the batch mean of weight x the item's mean error.
  EXPECT_NEAR(figureWeightedMse(pred, target, {}, 0.0, torch::tensor({0.25f, 4.0f}).view({2, 1, 1, 1})).item<double>(),
              0.125, 1e-6);
  EXPECT_NEAR(figureWeightedMse(pred, target, {}, 0.0, torch::tensor({3.0f, 0.0f}).view({2, 1, 1, 1})).item<double>(),
              1.5, 1e-6);
  // With figures weighted too, the item weight multiplies that item's pixels.
  torch::Tensor mask = torch::zeros({2, 1, 72, 128});
  mask.index_put_({torch::indexing::Slice(), 0, torch::indexing::Slice(16, 48), torch::indexing::Slice(32, 64)}, 1.0);
  const double figuresOnly = figureWeightedMse(pred, target, mask, 4.0).item<double>();
  EXPECT_NEAR(figureWeightedMse(pred, target, mask, 4.0, torch::tensor({2.0f, 1.0f}).view({2, 1, 1, 1})).item<double>(),
              2 * figuresOnly, 1e-6);
}

TEST(TrainData, FigureMasksCoverEachFigureAndNothingElse) {
  torch_engine::train::DataSettings s;
  s.seed = 3;
  s.batch = 8;
  EXPECT_FALSE(torch_engine::train::renderBatch(s, 0).figure_mask.defined());
  s.figure_masks = true;
  int withFigures = 0, without = 0;
  for (int step = 0; step < 3; ++step) {
    const auto b = torch_engine::train::renderBatch(s, step);
    ASSERT_EQ(b.figure_mask.sizes(), (std::vector<int64_t>{8, 1, 144, 256}));
    for (int i = 0; i < s.batch; ++i) {
      const auto sample =
          scenes::renderScene(scenes::sampleScene(torch_engine::train::trainingSceneSeed(3, b.pool_index[i])));
      const torch::Tensor mask = b.figure_mask[i][0];
      const double covered = mask.mean().item<double>();
      if (sample.keypoints.empty()) {
        EXPECT_EQ(covered, 0.0) << "step " << step << " item " << i;
        ++without;
        continue;
      }
      ++withFigures;
      EXPECT_GT(covered, 0.0);
      EXPECT_LT(covered, 0.6);
      for (const auto& kp : sample.keypoints)
        for (const cv::Point2f& p : kp) {
          if (std::isnan(p.x) || p.x < 0 || p.y < 0 || p.x >= 256 || p.y >= 144) continue;
          EXPECT_EQ(mask[int(p.y)][int(p.x)].item<float>(), 1.0f) << "keypoint outside its figure's box";
        }
    }
  }
  EXPECT_GT(withFigures, 0);
  EXPECT_GT(without, 0);
}

TEST(TrainLoss, FigureWeightedMseChargesErrorsOnFiguresMore) {
  using torch_engine::train::figureWeightedMse;
  const torch::Tensor target = torch::zeros({2, 4, 9, 16});
  torch::Tensor mask = torch::zeros({2, 1, 72, 128});
  mask.index_put_({torch::indexing::Slice(), 0, torch::indexing::Slice(16, 48), torch::indexing::Slice(32, 64)}, 1.0);
  // The same squared error, on the figure's latent pixels or the same number elsewhere.
  torch::Tensor onFigure = torch::zeros_like(target), offFigure = torch::zeros_like(target);
  onFigure.index_put_(
      {torch::indexing::Slice(), torch::indexing::Slice(), torch::indexing::Slice(2, 6), torch::indexing::Slice(4, 8)},
      1.0);
  offFigure.index_put_({torch::indexing::Slice(), torch::indexing::Slice(), torch::indexing::Slice(2, 6),
                        torch::indexing::Slice(10, 14)},
                       1.0);
  const double plainOn = torch::mse_loss(onFigure, target).item<double>();
  EXPECT_DOUBLE_EQ(figureWeightedMse(onFigure, target, mask, 0.0).item<double>(), plainOn);
  EXPECT_DOUBLE_EQ(figureWeightedMse(onFigure, target, torch::Tensor(), 4.0).item<double>(), plainOn);
  const double on = figureWeightedMse(onFigure, target, mask, 4.0).item<double>();
  const double off = figureWeightedMse(offFigure, target, mask, 4.0).item<double>();
  // 16 of 144 latent pixels weigh 5: on-figure error is 80 / 208 of the weight, off-figure 16 / 208.
  EXPECT_NEAR(on, 80.0 / 208.0, 1e-6);
  EXPECT_NEAR(off, 16.0 / 208.0, 1e-6);
  // An error spread evenly costs what the plain MSE charges, whatever the weight.
  const torch::Tensor even = torch::full_like(target, 0.5);
  EXPECT_NEAR(figureWeightedMse(even, target, mask, 4.0).item<double>(), 0.25, 1e-6);
}

// figure_weight, timestep_power and snr_gamma each change what the UNet stage's loss charges; bad values are refused.
TEST(Train, FigureWeightTimestepPowerAndSnrGammaReachTheUNetLoss) {
  QTemporaryDir dir;
  const std::string out = dir.path().toStdString();
  std::string error;
  ASSERT_TRUE(runTokenizerAndVae(out, &error)) << error;
  ASSERT_TRUE(run(tinyRequest(out, "unet", 3), &error)) << error;
  const auto plain = lossColumn(out + "/training/unet/loss.csv");
  auto weighted = tinyRequest(out, "unet", 3);
  weighted.extra["figure_weight"] = "20";
  std::vector<std::string> lines;
  ASSERT_TRUE(run(weighted, &error, {}, &lines)) << error;
  EXPECT_NE(std::find(lines.begin(), lines.end(), "unet: figures weigh 21x in the loss"), lines.end());
  const auto figures = lossColumn(out + "/training/unet/loss.csv");
  ASSERT_EQ(plain.size(), 3u);
  ASSERT_EQ(figures.size(), 3u);
  EXPECT_EQ(plain[0].substr(0, 2), figures[0].substr(0, 2));  // same step column
  EXPECT_NE(plain, figures);
  // Each of these prints its line, changes the losses, and refuses a bad value with its one line.
  const auto check = [&](const std::string& key, const std::string& value, const std::string& line,
                         const std::string& bad, const std::string& refusal) {
    auto request = tinyRequest(out, "unet", 3);
    request.extra[key] = value;
    lines.clear();
    ASSERT_TRUE(run(request, &error, {}, &lines)) << error;
    EXPECT_NE(std::find(lines.begin(), lines.end(), line), lines.end()) << key;
    EXPECT_NE(plain, lossColumn(out + "/training/unet/loss.csv")) << key;
    request.extra[key] = bad;
    EXPECT_FALSE(run(request, &error)) << key;
    EXPECT_EQ(error, refusal);
  };
  check("timestep_power", "3", "unet: timesteps drawn as (1 - u^3) T", "-1",
        "unet: --set timestep_power must be positive");
  check("snr_gamma", "5", "unet: loss weighted by min(SNR, 5) (Min-SNR)", "-5",
        "unet: --set snr_gamma must be positive (0 = off)");
}

TEST(Train, PooledTextUNetStartsFromAPlainRunsUNet) {
  QTemporaryDir dir;
  const std::string out = dir.path().toStdString();
  std::string error;
  ASSERT_TRUE(runTokenizerAndVae(out, &error)) << error;
  ASSERT_TRUE(run(tinyRequest(out, "unet", 2), &error)) << error;
  const std::string plain = out + "/plain-unet";
  fs::copy(out + "/unet", plain);

  auto pooled = tinyRequest(out, "unet", 2);
  pooled.extra["pooled_text"] = "1";
  pooled.extra["init"] = plain;
  std::vector<std::string> lines;
  ASSERT_TRUE(run(pooled, &error, {}, &lines)) << error;
  const std::string started = "unet: starts from " + plain +
                              "/diffusion_pytorch_model.safetensors (the pooled prompt's embedding starts at zero)";
  EXPECT_NE(std::find(lines.begin(), lines.end(), started), lines.end());
  torch_engine::nn::UNetConfig config;
  ASSERT_TRUE(torch_engine::nn::UNetConfig::fromFile(out + "/unet/config.json", &config, &error)) << error;
  EXPECT_EQ(config.additionEmbedType, "text");
  // A fine-tune: its log is training/unet_tune's, the first run's stays.
  EXPECT_EQ(lossColumn(out + "/training/unet_tune/loss.csv").size(), 2u);
  EXPECT_EQ(lossColumn(out + "/training/unet/loss.csv").size(), 2u);
  // The model folder loads and draws with the pooled UNet, and the package lists both runs.
  ASSERT_TRUE(run(tinyRequest(out, "preview", 1), &error)) << error;
  torch_engine::ModelBundle bundle;
  ASSERT_TRUE(torch_engine::ModelBundle::load(out, torch_engine::ComputeTarget(), &bundle, &error)) << error;
  ASSERT_TRUE(bundle.unet->add_embedding);
  auto package = tinyRequest(out, "package", 0);
  package.extra["dest"] = out + "/packaged";
  ASSERT_TRUE(run(package, &error)) << error;
  EXPECT_TRUE(fs::exists(out + "/packaged/training-logs/unet_tune.csv"));
  EXPECT_NE(readText(out + "/packaged/MODEL_CARD.md").find("| unet (fine-tune) |"), std::string::npos);

  // An init folder without a UNet is a one-line error, and so is a UNet of another shape.
  pooled.extra["init"] = out + "/tokenizer";
  EXPECT_FALSE(run(pooled, &error));
  EXPECT_NE(error.find("--set init=" + out + "/tokenizer: no diffusion_pytorch_model.safetensors"), std::string::npos)
      << error;
  auto vae = tinyRequest(out, "vae", 1);
  vae.extra["latent_channels"] = "8";  // the UNet takes the VAE's channels, so conv_in no longer fits
  ASSERT_TRUE(run(vae, &error)) << error;
  auto wide = tinyRequest(out, "unet", 1);
  wide.extra["init"] = plain;
  EXPECT_FALSE(run(wide, &error));
  EXPECT_NE(error.find("unet: --set init: "), std::string::npos) << error;
  EXPECT_NE(error.find("conv_in.weight"), std::string::npos) << error;
}

TEST(TrainEma, ShadowFollowsTheWeightsByTheDecay) {
  torch::manual_seed(1);
  torch::nn::Linear source(3, 2), shadow(3, 2);
  torch_engine::train::WeightEma ema(*source, *shadow, 0.9);
  EXPECT_TRUE(torch::equal(shadow->weight, source->weight));  // starts as a copy
  EXPECT_FALSE(shadow->weight.requires_grad());
  EXPECT_DOUBLE_EQ(ema.decayAt(0), 0.1);   // (1 + 0) / (10 + 0): the first steps follow the weights
  EXPECT_DOUBLE_EQ(ema.decayAt(80), 0.9);  // capped at the decay
  const torch::Tensor before = shadow->weight.clone();
  {
    const torch::NoGradGuard noGrad;
    source->weight.add_(1.0);
  }
  ema.update(100);
  EXPECT_TRUE(torch::allclose(shadow->weight, before + 0.1, 1e-6, 1e-6));
  ema.update(100);
  EXPECT_TRUE(torch::allclose(shadow->weight, before + 0.19, 1e-6, 1e-6));

  torch::nn::Linear other(3, 4);
  EXPECT_THROW(torch_engine::train::WeightEma(*source, *other, 0.9), std::invalid_argument);
  EXPECT_THROW(torch_engine::train::WeightEma(*source, *shadow, 1.0), std::invalid_argument);
}

// `--set ema=D`: unet/ holds the checkpoint's moving average, not its last weights, and a resumed run carries the
// average on bit for bit.
TEST(Train, EmaRunWritesTheAverageAndResumesIt) {
  QTemporaryDir dir;
  const std::string out = dir.path().toStdString();
  std::string error;
  ASSERT_TRUE(runTokenizerAndVae(out, &error)) << error;
  auto request = tinyRequest(out, "unet", 4);
  request.extra["ema"] = "0.5";
  EXPECT_FALSE(run(request, &error));  // a text encoder trained with the UNet would be its last step's
  EXPECT_EQ(error, "unet: --set ema needs the text stage first (a text encoder trained with the UNet is not averaged)");
  ASSERT_TRUE(run(tinyRequest(out, "text", 1), &error)) << error;
  std::vector<std::string> lines;
  ASSERT_TRUE(run(request, &error, {}, &lines)) << error;
  EXPECT_NE(
      std::find(lines.begin(), lines.end(), "unet: keeps an EMA of its weights (decay 0.5) and writes it as unet/"),
      lines.end());
  auto written = torch_engine::SafeTensorsFile::open(out + "/unet/diffusion_pytorch_model.safetensors", &error);
  auto checkpoint = torch_engine::SafeTensorsFile::open(out + "/training/unet/checkpoint/model.safetensors", &error);
  ASSERT_TRUE(written && checkpoint) << error;
  int differing = 0;
  for (const std::string& name : written->names()) {
    const torch::Tensor w = written->tensor(name).to(torch::kFloat32);
    const torch::Tensor average = checkpoint->tensor("unet_ema." + name), last = checkpoint->tensor("unet." + name);
    ASSERT_TRUE(average.defined() && last.defined()) << name;
    EXPECT_TRUE(torch::equal(w, average)) << name;
    differing += !torch::equal(w, last);
  }
  EXPECT_GT(differing, int(written->names().size()) / 2);  // the average lags the last step's weights

  // Cancelled at step 2 and resumed, the run writes the same average.
  const torch::Tensor straight = written->tensor("conv_out.weight").to(torch::kFloat32).clone();
  written.reset();
  checkpoint.reset();
  const std::string second = out + "/second";
  fs::create_directories(second + "/training");
  for (const char* part : {"tokenizer", "vae", "text_encoder", "training/vae", "training/text"})
    fs::copy(out + "/" + part, second + "/" + part, fs::copy_options::recursive);
  auto resumed = request;
  resumed.out_dir = second;
  CancelToken cancel;
  ASSERT_FALSE(torch_engine::train::runTrainingStage(
      resumed,
      [&](const std::string& l) {
        if (l.rfind("step 2/4", 0) == 0) cancel.cancel();
      },
      cancel, &error));
  resumed.resume = true;
  ASSERT_TRUE(run(resumed, &error)) << error;
  auto again = torch_engine::SafeTensorsFile::open(second + "/unet/diffusion_pytorch_model.safetensors", &error);
  ASSERT_TRUE(again) << error;
  EXPECT_TRUE(torch::equal(again->tensor("conv_out.weight").to(torch::kFloat32), straight));

  request.extra["ema"] = "1";
  EXPECT_FALSE(run(request, &error));
  EXPECT_EQ(error, "unet: --set ema must be a decay in [0, 1) (0 = off)");
}

TEST(Train, VPredictionRunTellsItsSchedulerAndTheControlNetStage) {
  QTemporaryDir dir;
  const std::string out = dir.path().toStdString();
  std::string error;
  ASSERT_TRUE(runTokenizerAndVae(out, &error)) << error;
  auto request = tinyRequest(out, "unet", 2);
  request.extra["prediction"] = "v";
  EXPECT_FALSE(run(request, &error));
  EXPECT_EQ(error, "unet: --set prediction must be epsilon or v_prediction (got 'v')");
  request.extra["prediction"] = "v_prediction";
  std::vector<std::string> lines;
  ASSERT_TRUE(run(request, &error, {}, &lines)) << error;
  EXPECT_NE(std::find(lines.begin(), lines.end(), "unet: predicts v (v_prediction)"), lines.end());
  torch_engine::SchedulerConfig scheduler;
  ASSERT_TRUE(torch_engine::loadSchedulerConfig(out + "/scheduler/scheduler_config.json", scheduler, &error)) << error;
  EXPECT_EQ(scheduler.prediction_type, torch_engine::PredictionType::VPrediction);

  // The ControlNet stage and its gain report learn and measure what the UNet predicts. A new ControlNet (zero convs
  // zero) leaves the UNet's loss as it is; the loss against v is not the loss against the noise.
  torch_engine::train::FrozenParts frozen;
  ASSERT_TRUE(torch_engine::train::loadFrozenParts(out, true, &frozen, &error)) << error;
  EXPECT_EQ(frozen.scheduler.prediction_type, torch_engine::PredictionType::VPrediction);
  const auto onV = newControlNetGain(frozen, {200, 800});
  frozen.scheduler.prediction_type = torch_engine::PredictionType::Epsilon;
  const auto onNoise = newControlNetGain(frozen, {200, 800});
  ASSERT_EQ(onV.rows.size(), 2u);
  for (size_t i = 0; i < onV.rows.size(); ++i) {
    EXPECT_EQ(onV.rows[i].loss_with, onV.rows[i].loss_without);
    EXPECT_NE(onV.rows[i].loss_without, onNoise.rows[i].loss_without) << onV.rows[i].timestep;
  }
  // The ControlNet stage trains on it, and the model folder samples as a v_prediction model.
  torch_engine::ModelBundle bundle;
  ASSERT_TRUE(runCannyPreviewAndLoad(out, &bundle, &error)) << error;
  EXPECT_EQ(bundle.scheduler.prediction_type, torch_engine::PredictionType::VPrediction);
}

// zero_snr=1 trains on the zero-terminal-SNR schedule and writes it, with trailing spacing, so that sampling starts
// from pure noise at t = 999; the ControlNet stage and its gain report take the schedule from scheduler/.
TEST(Train, ZeroSnrRunWritesItsScheduleForSamplingAndTheControlNetStage) {
  QTemporaryDir dir;
  const std::string out = dir.path().toStdString();
  std::string error;
  ASSERT_TRUE(runTokenizerAndVae(out, &error)) << error;
  auto request = tinyRequest(out, "unet", 2);
  request.extra["zero_snr"] = "1";
  EXPECT_FALSE(run(request, &error));
  EXPECT_EQ(error,
            "unet: --set zero_snr=1 needs --set prediction=v_prediction (an epsilon UNet cannot denoise pure noise)");
  request.extra["zero_snr"] = "2";
  EXPECT_FALSE(run(request, &error));
  EXPECT_EQ(error, "unet: --set zero_snr must be 0 or 1");
  request.extra["zero_snr"] = "1";
  request.extra["prediction"] = "v_prediction";
  std::vector<std::string> lines;
  ASSERT_TRUE(run(request, &error, {}, &lines)) << error;
  EXPECT_NE(std::find(lines.begin(), lines.end(),
                      "unet: zero terminal SNR (rescale_betas_zero_snr): pure noise at t = 999, sampled with trailing "
                      "spacing"),
            lines.end());
  torch_engine::train::FrozenParts frozen;
  ASSERT_TRUE(torch_engine::train::loadFrozenParts(out, true, &frozen, &error)) << error;
  EXPECT_TRUE(frozen.scheduler.rescale_betas_zero_snr);
  EXPECT_EQ(frozen.scheduler.timestep_spacing, torch_engine::TimestepSpacing::Trailing);
  EXPECT_EQ(frozen.scheduler.steps_offset, 0);

  // At t = 999 the zero-SNR schedule leaves no signal in the UNet's input, so its loss there differs from the plain
  // schedule's; at t = 0 both schedules are the same.
  const auto zero = newControlNetGain(frozen, {0, 999});
  frozen.scheduler.rescale_betas_zero_snr = false;
  const auto plain = newControlNetGain(frozen, {0, 999});
  ASSERT_EQ(zero.rows.size(), 2u);
  EXPECT_NEAR(zero.rows[0].loss_without, plain.rows[0].loss_without, 1e-4 * plain.rows[0].loss_without);
  EXPECT_NE(zero.rows[1].loss_without, plain.rows[1].loss_without);

  // The ControlNet stage trains on it, and the model folder samples from t = 999.
  torch_engine::ModelBundle bundle;
  ASSERT_TRUE(runCannyPreviewAndLoad(out, &bundle, &error)) << error;
  EXPECT_TRUE(bundle.scheduler.rescale_betas_zero_snr);
  auto sampler = torch_engine::createSampler("euler_a", bundle.scheduler, &error);
  ASSERT_TRUE(sampler && sampler->setSteps(8, 1.0, &error)) << error;
  EXPECT_EQ(sampler->timesteps().front(), 999);
}

// A checkpoint records what its run optimises; --resume with another target or loss weight is refused, not carried
// on towards two objectives, and a resume with the same settings (defaults filled in) goes on.
TEST(Train, ResumeRefusesAChangedObjective) {
  QTemporaryDir dir;
  const std::string out = dir.path().toStdString();
  std::string error;
  ASSERT_TRUE(runTokenizerAndVae(out, &error)) << error;
  auto request = tinyRequest(out, "unet", 2);
  request.extra["snr_gamma"] = "5";
  ASSERT_TRUE(run(request, &error)) << error;
  EXPECT_NE(readText(out + "/training/unet/checkpoint/state.json").find("\"snr_gamma\": \"5\""), std::string::npos);

  auto resumed = tinyRequest(out, "unet", 3);
  resumed.resume = true;
  EXPECT_FALSE(run(resumed, &error));  // snr_gamma left out: the default, 0
  EXPECT_EQ(error,
            "unet: --resume: the checkpoint was trained with snr_gamma=5, this run asks for snr_gamma=0 (resume with "
            "the checkpoint's settings, or start again without --resume)");
  resumed.extra["snr_gamma"] = "5";
  resumed.extra["prediction"] = "v_prediction";
  EXPECT_FALSE(run(resumed, &error));
  EXPECT_NE(error.find("trained with prediction=epsilon, this run asks for prediction=v_prediction"), std::string::npos)
      << error;
  resumed.extra["prediction"] = "epsilon";  // the default, named
  std::vector<std::string> lines;
  ASSERT_TRUE(run(resumed, &error, {}, &lines)) << error;
  EXPECT_NE(std::find(lines.begin(), lines.end(), "unet: resumed at step 2"), lines.end());
  EXPECT_EQ(lossColumn(out + "/training/unet/loss.csv").size(), 3u);
}
