// `shotcraft-cli train` stages at test sizes (extra "tiny=1": 64x32 images, few-channel models, 2-4 steps):
// each writes a loadable component, resume is bit-for-bit, the BPE vocabulary round-trips both languages, and
// the assembled folder generates an image through the engine factory.
#include <torch/torch.h>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <stdexcept>

#include <gtest/gtest.h>

#include "core/engine/ClipTokenizer.h"
#include "core/scenes/DatasetWriter.h"
#include "core/scenes/SceneRenderer.h"
#include "plugins/torch_engine/nn/ControlNet.h"
#include "plugins/torch_engine/nn/ModelConfig.h"
#include "plugins/torch_engine/nn/StateDict.h"
#include "plugins/torch_engine/nn/UNet.h"
#include "plugins/torch_engine/nn/Vae.h"
#include "plugins/torch_engine/pipeline/DeviceSelect.h"
#include "plugins/torch_engine/pipeline/ModelBundle.h"
#include "plugins/torch_engine/pipeline/TorchEngineFactory.h"
#include "plugins/torch_engine/safetensors/SafeTensorsFile.h"
#include "plugins/torch_engine/sampling/Sampler.h"
#include "plugins/torch_engine/train/ControlGain.h"
#include "plugins/torch_engine/train/DiffusionTraining.h"
#include "plugins/torch_engine/train/ModelFolder.h"
#include "plugins/torch_engine/train/TrainLoop.h"
#include "plugins/torch_engine/train/Trainer.h"
#include "plugins/torch_engine/train/TrainingData.h"
#include "plugins/torch_engine/train/VaeLoss.h"
#include "plugins/torch_engine/train/VaeReport.h"
#include "tests/torch/TrainStageRun.h"

using namespace shotcraft;
using namespace shotcraft::engine;
namespace fs = std::filesystem;
using namespace shotcraft::test;

TEST(TrainData, BatchesAreDeterministicAndSkipHoldouts) {
  torch_engine::train::DataSettings s;
  s.seed = 5;
  s.width = 32;
  s.height = 16;
  s.batch = 3;
  s.prompt_drop = 0.5;
  const auto a = torch_engine::train::renderBatch(s, 4);
  const auto b = torch_engine::train::renderBatch(s, 4);
  EXPECT_TRUE(torch::equal(a.rgb, b.rgb));
  EXPECT_EQ(a.prompts, b.prompts);
  EXPECT_EQ(a.rgb.sizes(), (std::vector<int64_t>{3, 3, 16, 32}));
  EXPECT_GE(a.rgb.min().item<float>(), -1.0f);
  EXPECT_LE(a.rgb.max().item<float>(), 1.0f);
  EXPECT_FALSE(torch::equal(a.rgb, torch_engine::train::renderBatch(s, 5).rgb));
  for (int i = 0; i < 200; ++i) {
    EXPECT_FALSE(scenes::isHoldout(torch_engine::train::trainingSceneSeed(5, i), 0.1)) << i;
  }
}

TEST(TrainLoop, ScheduleWarmsUpAndDecays) {
  using torch_engine::train::scheduledLr;
  EXPECT_NEAR(scheduledLr(1.0, 0, 100, 10), 0.1, 1e-3);
  EXPECT_NEAR(scheduledLr(1.0, 9, 100, 10), 0.98, 0.01);  // warm, cosine just begun
  EXPECT_NEAR(scheduledLr(1.0, 99, 100, 10), 0.1, 1e-9);
  EXPECT_EQ(torch_engine::train::formatDuration(9070), "02:31:10");
}

TEST(TrainLoss, VaeKlIsPerImageElementAsInStableDiffusion) {
  // A posterior with mean 1 and variance 1 has KL 0.5 per latent element; a perfect reconstruction costs 0.
  const torch::Tensor image = torch::rand({2, 3, 16, 24}) * 2 - 1;
  torch_engine::nn::VaePosterior post;
  post.mean = torch::ones({2, 4, 2, 3});
  post.logvar = torch::zeros({2, 4, 2, 3});
  const torch_engine::train::VaeLossTerms t = torch_engine::train::vaeLoss(image, image, post);
  EXPECT_EQ(t.reconstruction.item<double>(), 0.0);
  // Summed over the latents (48 elements x 0.5) and divided by the image's 2304 elements, so that weight 1e-6
  // balances it against the reconstruction as SD's sum-over-pixels loss does.
  EXPECT_NEAR(t.kl.item<double>(), 24.0 / 2304.0, 1e-9);
  const torch_engine::train::VaeLossTerms off = torch_engine::train::vaeLoss(image + 0.5, image, post);
  EXPECT_NEAR(off.reconstruction.item<double>(), 0.5 + 0.25, 1e-6);
}

TEST(TrainLoss, GradientLossChargesForASoftenedEdgeNotForAShift) {
  // A sharp step between columns 7 and 8 against the same step spread over columns 6-10.
  torch::Tensor sharp = torch::full({1, 3, 8, 16}, -1.0);
  sharp.narrow(3, 8, 8).fill_(1.0);
  torch::Tensor soft = sharp.clone();
  const float ramp[] = {-1.0f, -0.5f, 0.0f, 0.5f, 1.0f};
  for (int i = 0; i < 5; ++i) soft.narrow(3, 6 + i, 1).fill_(ramp[i]);
  using torch_engine::train::gradientLoss;
  EXPECT_EQ(gradientLoss(sharp, sharp).item<double>(), 0.0);
  EXPECT_NEAR(gradientLoss(sharp + 0.3, sharp).item<double>(), 0.0, 1e-6);  // same edges, other level
  // Across: per row |0.5 - 0| + |0.5 - 2| + |0.5 - 0| + |0.5 - 0| = 3 over 15 differences; down: no change.
  EXPECT_NEAR(gradientLoss(soft, sharp).item<double>(), 3.0 / 15.0, 1e-6);
}

TEST(Train, TokenizerRoundTripsBothLanguages) {
  QTemporaryDir dir;
  std::string error;
  ASSERT_TRUE(run(tinyRequest(dir.path().toStdString(), "tokenizer", 0), &error)) << error;
  auto tok = ClipTokenizer::load(dir.path().toStdString() + "/tokenizer", &error);
  ASSERT_TRUE(tok) << error;
  EXPECT_LE(tok->vocabSize(), 1024u);
  EXPECT_GT(tok->merges().size(), 100u);
  // Prompts of scenes the vocabulary was not built from.
  size_t bytes = 0, tokens = 0;
  for (const auto& p : torch_engine::train::promptCorpus(777, 20)) {
    const auto ids = tok->encode(p);
    EXPECT_EQ(withoutSpaces(tok->decode(ids)), withoutSpaces(ClipTokenizer::normalizeText(p))) << p;
    bytes += p.size();
    tokens += ids.size();
  }
  EXPECT_LT(tokens * 3, bytes) << "the merges should compress the prompts well below one token per byte";
}

TEST(Train, ResumeContinuesBitForBit) {
  QTemporaryDir a, b;
  std::string error;
  ASSERT_TRUE(run(tinyRequest(a.path().toStdString(), "vae", 4), &error)) << error;

  CancelToken cancel;
  auto req = tinyRequest(b.path().toStdString(), "vae", 4);
  std::vector<std::string> lines;
  const bool stopped = torch_engine::train::runTrainingStage(
      req,
      [&](const std::string& l) {
        lines.push_back(l);
        if (l.rfind("step 2/4", 0) == 0) cancel.cancel();
      },
      cancel, &error);
  ASSERT_FALSE(stopped);
  EXPECT_NE(error.find("cancelled at step 2"), std::string::npos) << error;
  EXPECT_FALSE(fs::exists(b.path().toStdString() + "/vae/config.json"));
  req.resume = true;
  lines.clear();
  ASSERT_TRUE(run(req, &error, {}, &lines)) << error;
  ASSERT_FALSE(lines.empty());
  EXPECT_NE(std::find(lines.begin(), lines.end(), "vae: resumed at step 2"), lines.end());

  const auto full = lossColumn(a.path().toStdString() + "/training/vae/loss.csv");
  const auto resumed = lossColumn(b.path().toStdString() + "/training/vae/loss.csv");
  ASSERT_EQ(full.size(), 4u);
  EXPECT_EQ(full, resumed);
}

// The recipe-sized ControlNet's condition embedding must tell one depth map from another at its start: the
// features its zero-initialised conv_out sees vary from scene to scene. With libtorch's default init they did not.
TEST(TrainControlNet, StartsWithFeaturesThatTellMapsApart) {
  using namespace torch_engine;
  std::string error;
  nn::UNetConfig unetConfig;
  nn::ControlNetConfig cnConfig;
  ASSERT_TRUE(nn::UNetConfig::fromJson(train::unetConfigJson(false, 16), &unetConfig, &error)) << error;
  ASSERT_TRUE(nn::ControlNetConfig::fromJson(train::controlNetConfigJson(false, 16), &cnConfig, &error)) << error;
  torch::manual_seed(0);
  nn::UNet unet(unetConfig);
  nn::ControlNet fresh(cnConfig), started(cnConfig);
  EXPECT_GT(train::initControlNetFromUNet(*started, *unet), 100);
  std::vector<torch::Tensor> maps;
  for (uint64_t seed : {11u, 12u, 13u, 14u}) {
    const scenes::SceneSample sample =
        scenes::renderScene(scenes::sampleScene(seed), 256, 144, scenes::phrasingSeed(seed));
    maps.push_back(train::controlTensor(sample, train::ControlMap::Depth));
  }
  const torch::Tensor cond = torch::stack(maps);
  torch::NoGradGuard noGrad;
  const auto spreadShare = [&](nn::ControlNetImpl& cn) {
    const torch::Tensor f = cn.controlnet_cond_embedding->features(cond);
    return ((f - f.mean(0, true)).pow(2).mean().sqrt() / f.pow(2).mean().sqrt()).item<double>();
  };
  EXPECT_GT(spreadShare(*started), 0.1);
  EXPECT_LT(spreadShare(*fresh), 0.01) << "libtorch's default init: the map barely reaches conv_out";
  EXPECT_EQ(started->controlnet_cond_embedding->conv_out->weight.abs().max().item<float>(), 0.0f);
  EXPECT_EQ(started->controlnet_cond_embedding->conv_in->bias.abs().max().item<float>(), 0.0f);
}

TEST(Train, AssembledTinyFolderLoadsAndGenerates) {
  QTemporaryDir dir;
  const std::string out = dir.path().toStdString();
  std::string error;
  ASSERT_TRUE(runTokenizerAndVae(out, &error)) << error;
  ASSERT_TRUE(run(tinyRequest(out, "unet", 3), &error)) << error;
  auto cn = tinyRequest(out, "controlnet", 2);
  cn.kind = "depth";
  cn.extra["timestep_power"] = "3";
  std::vector<std::string> lines;
  ASSERT_TRUE(run(cn, &error, {}, &lines)) << error;
  EXPECT_NE(std::find(lines.begin(), lines.end(), "controlnet-depth: timesteps drawn as (1 - u^3) T"), lines.end());
  cn.extra["timestep_power"] = "0";
  EXPECT_FALSE(run(cn, &error));
  EXPECT_NE(error.find("timestep_power must be positive"), std::string::npos) << error;
  cn.extra.erase("timestep_power");

  // The stage ends with its control gain report; report_only=1 measures the finished ControlNet again, alike.
  EXPECT_NE(std::find_if(lines.begin(), lines.end(),
                         [](const std::string& l) {
                           return l.rfind(
                                      "controlnet-depth: control gain on 4 held-out scenes (loss the control "
                                      "saves at t = 100 / 300 / 500 / 700 / 900): ",
                                      0) == 0;
                         }),
            lines.end());
  const std::string gainPath = out + "/training/controlnet-depth/control_gain.json";
  const std::string gainJson = readText(gainPath);
  EXPECT_NE(gainJson.find("\"timestep\": 900"), std::string::npos) << gainJson;
  fs::remove(gainPath);
  cn.extra["report_only"] = "1";
  ASSERT_TRUE(run(cn, &error)) << error;
  EXPECT_EQ(readText(gainPath), gainJson);
  cn.extra.erase("report_only");
  {
    // Measured directly: the trained ControlNet changes the UNet's prediction at every timestep; one with its zero
    // convs still zero (the state training starts from) leaves it exactly as it is.
    torch_engine::train::FrozenParts frozen;
    ASSERT_TRUE(torch_engine::train::loadFrozenParts(out, true, &frozen, &error)) << error;
    torch_engine::nn::ControlNet trained{nullptr};
    ASSERT_TRUE(torch_engine::nn::loadControlNetFolder(out + "/controlnet-depth", &trained, &error)) << error;
    const auto measure = [&](torch_engine::nn::ControlNetImpl& net) {
      return torch_engine::train::measureControlGain(net, frozen, torch_engine::train::ControlMap::Depth, "depth", 5, 2,
                                                     64, 32, {200, 800});
    };
    const auto a = measure(*trained);
    ASSERT_EQ(a.rows.size(), 2u);
    EXPECT_EQ(a.scenes, 2);
    EXPECT_GT(a.feature_spread, 0.0);
    for (const auto& row : a.rows) {
      EXPECT_TRUE(std::isfinite(row.loss_with) && row.loss_with > 0);
      EXPECT_NE(row.loss_with, row.loss_without) << row.timestep;
    }
    torch::NoGradGuard noGrad;
    for (auto& p : trained->named_parameters()) {
      if (torch_engine::train::isControlNetZeroConv(p.key())) p.value().zero_();
    }
    const auto zero = measure(*trained);
    for (size_t i = 0; i < zero.rows.size(); ++i) {
      EXPECT_EQ(zero.rows[i].loss_with, zero.rows[i].loss_without);
      EXPECT_EQ(zero.rows[i].loss_without, a.rows[i].loss_without) << "the same scenes, noise and timesteps";
    }
  }
  cn.kind = "sketch";
  EXPECT_FALSE(run(cn, &error));
  EXPECT_NE(error.find("--kind"), std::string::npos) << error;
  auto preview = tinyRequest(out, "preview", 1);
  ASSERT_TRUE(run(preview, &error)) << error;
  EXPECT_TRUE(fs::exists(out + "/preview/latent_rgb.json"));
  EXPECT_TRUE(fs::exists(out + "/training/unet/loss.csv"));

  torch_engine::ModelBundle bundle;
  torch_engine::ComputeTarget target;
  ASSERT_TRUE(torch_engine::ModelBundle::load(out, target, &bundle, &error)) << error;
  EXPECT_TRUE(bundle.controlnet(ControlKind::Depth));
  EXPECT_EQ(bundle.latentChannels(), 4);
  EXPECT_EQ(bundle.vaeScale(), 8);

  EngineOptions o;
  o.model_dir = out;
  o.device = Device::Cpu;
  o.precision = Precision::Fp32;
  o.threads = 2;
  auto engine = torch_engine::TorchEngineFactory().create(o, &error);
  ASSERT_NE(engine, nullptr) << error;
  GenerationRequest r;
  r.prompt = "a city street at night, two figures";
  r.width = 64;
  r.height = 32;
  r.steps = 2;
  r.seed = 3;
  Image control(64, 32);
  r.controls.push_back(ControlInput{ControlKind::Depth, control, 1.0f, 0.0f, 1.0f});
  const auto result = engine->generate(r, nullptr, CancelToken());
  ASSERT_TRUE(result.ok) << result.error;
  EXPECT_EQ(result.image.width, 64);
  EXPECT_EQ(result.image.height, 32);

  // The shipped form: float16 weights (VAE float32), same pictures within float16 rounding, a model card.
  QTemporaryDir shipDir;
  const std::string ship = shipDir.path().toStdString() + "/shotcraft-tiny";
  auto package = tinyRequest(out, "package", 0);
  EXPECT_FALSE(run(package, &error));
  EXPECT_NE(error.find("dest="), std::string::npos) << error;
  package.extra["dest"] = ship;
  ASSERT_TRUE(run(package, &error)) << error;
  auto unetFile = torch_engine::SafeTensorsFile::open(ship + "/unet/diffusion_pytorch_model.safetensors", &error);
  ASSERT_TRUE(unetFile) << error;
  EXPECT_EQ(unetFile->tensor(unetFile->names().front()).scalar_type(), torch::kFloat16);
  auto vaeFile = torch_engine::SafeTensorsFile::open(ship + "/vae/diffusion_pytorch_model.safetensors", &error);
  ASSERT_TRUE(vaeFile) << error;
  EXPECT_EQ(vaeFile->tensor(vaeFile->names().front()).scalar_type(), torch::kFloat32);
  EXPECT_TRUE(fs::exists(ship + "/training-logs/unet.csv"));
  EXPECT_TRUE(fs::exists(ship + "/controlnet-depth/config.json"));
  QFile card(QString::fromStdString(ship + "/MODEL_CARD.md"));
  ASSERT_TRUE(card.open(QIODevice::ReadOnly));
  const std::string cardText = card.readAll().toStdString();
  EXPECT_NE(cardText.find("| unet |"), std::string::npos) << cardText;
  // The card's total is every stage's own time (vae, unet, controlnet-depth here), each counted once.
  double stageSeconds = 0.0;
  for (const auto& stage : fs::directory_iterator(out + "/training")) {
    QFile state(QString::fromStdString((stage.path() / "checkpoint" / "state.json").string()));
    ASSERT_TRUE(state.open(QIODevice::ReadOnly)) << stage.path();
    stageSeconds += QJsonDocument::fromJson(state.readAll()).object().value(QStringLiteral("elapsed_s")).toDouble();
  }
  EXPECT_NE(cardText.find("Training time, all stages: " + torch_engine::train::formatDuration(stageSeconds)),
            std::string::npos)
      << cardText;
  EXPECT_NE(cardText.find("UNet objective (training/unet/checkpoint/state.json): "), std::string::npos) << cardText;
  EXPECT_NE(cardText.find("prediction epsilon"), std::string::npos) << cardText;
  EXPECT_NE(cardText.find("ControlNet depth, control gain on 4 held-out scenes: it saves "), std::string::npos)
      << cardText;
  EXPECT_TRUE(fs::exists(ship + "/training-logs/controlnet-depth-control-gain.json"));
  // `train controlnet` writes the guidance mode our ControlNets ask for; the card says so.
  torch_engine::nn::ControlNetConfig shippedConfig;
  ASSERT_TRUE(
      torch_engine::nn::ControlNetConfig::fromFile(ship + "/controlnet-depth/config.json", &shippedConfig, &error))
      << error;
  EXPECT_TRUE(shippedConfig.controlFirst);
  EXPECT_NE(cardText.find("ControlNets asking for control-first guidance (config.json: \"shotcraft_control_mode\": "
                          "\"control_first\"): depth."),
            std::string::npos)
      << cardText;
  o.model_dir = ship;
  auto shipped = torch_engine::TorchEngineFactory().create(o, &error);
  ASSERT_NE(shipped, nullptr) << error;
  const auto again = shipped->generate(r, nullptr, CancelToken());
  ASSERT_TRUE(again.ok) << again.error;
  double maxDiff = 0;
  for (size_t i = 0; i < again.image.data.size(); ++i) {
    maxDiff = std::max(maxDiff, std::abs(double(again.image.data[i]) - double(result.image.data[i])));
  }
  EXPECT_LE(maxDiff, 8.0) << "float16 storage moved a pixel by " << maxDiff << "/255";

  // An unfinished stage is never packaged.
  auto unfinished = tinyRequest(out, "unet", 5);
  unfinished.resume = true;
  CancelToken stop;
  stop.cancel();
  EXPECT_FALSE(run(unfinished, &error, stop));  // saves its checkpoint at step 3 of 5
  EXPECT_FALSE(run(package, &error));
  EXPECT_NE(error.find("stopped at step"), std::string::npos) << error;
}

// The VAE's shape comes from train vae's settings, and every later stage follows its latent channel count; a
// folder whose VAE and UNet disagree is refused at load with one line.
TEST(Train, VaeShapeSettingsCarryToTheUNetAndControlNets) {
  QTemporaryDir dir;
  const std::string out = dir.path().toStdString();
  std::string error;
  ASSERT_TRUE(run(tinyRequest(out, "tokenizer", 0), &error)) << error;
  auto vae = tinyRequest(out, "vae", 2);
  vae.extra["latent_channels"] = "8";
  vae.extra["vae_width"] = "16";
  vae.extra["vae_layers"] = "2";
  ASSERT_TRUE(run(vae, &error)) << error;
  torch_engine::nn::VaeConfig vaeConfig;
  ASSERT_TRUE(torch_engine::nn::VaeConfig::fromFile(out + "/vae/config.json", &vaeConfig, &error)) << error;
  EXPECT_EQ(vaeConfig.latentChannels, 8);
  EXPECT_EQ(vaeConfig.layersPerBlock, 2);
  EXPECT_EQ(vaeConfig.blockOutChannels, (std::vector<int64_t>{16, 16, 32, 32}));
  ASSERT_TRUE(run(tinyRequest(out, "unet", 2), &error)) << error;
  torch_engine::ModelBundle bundle;
  ASSERT_TRUE(runCannyPreviewAndLoad(out, &bundle, &error)) << error;
  EXPECT_EQ(bundle.latentChannels(), 8);
  ASSERT_TRUE(bundle.controlnet(ControlKind::Canny));

  // A width the norm groups do not divide is refused before training starts.
  vae.extra["vae_width"] = "12";
  EXPECT_FALSE(run(vae, &error));
  EXPECT_NE(error.find("multiples of norm_num_groups"), std::string::npos) << error;
  // A 4-channel VAE under the 8-channel UNet.
  vae.extra.erase("latent_channels");
  vae.extra["vae_width"] = "16";
  ASSERT_TRUE(run(vae, &error)) << error;
  torch_engine::ModelBundle mismatched;
  EXPECT_FALSE(torch_engine::ModelBundle::load(out, torch_engine::ComputeTarget(), &mismatched, &error));
  EXPECT_NE(error.find("the VAE makes 4-channel latents but the UNet takes 8"), std::string::npos) << error;
  // A UNet retrained on it, under the 8-channel ControlNet.
  ASSERT_TRUE(run(tinyRequest(out, "unet", 2), &error)) << error;
  EXPECT_FALSE(torch_engine::ModelBundle::load(out, torch_engine::ComputeTarget(), &mismatched, &error));
  EXPECT_NE(error.find("the canny ControlNet takes 8-channel latents but the UNet takes 4"), std::string::npos)
      << error;
}

TEST(Train, UnknownStageAndMissingPrerequisitesFail) {
  QTemporaryDir dir;
  std::string error;
  EXPECT_FALSE(run(tinyRequest(dir.path().toStdString(), "lora", 1), &error));
  EXPECT_NE(error.find("unknown stage 'lora'"), std::string::npos) << error;
  EXPECT_FALSE(run(tinyRequest(dir.path().toStdString(), "unet", 1), &error));
  EXPECT_NE(error.find("needs the vae and tokenizer"), std::string::npos) << error;
}

TEST(Train, SettingsOutsideTheSharedListAreRefused) {
  // The engine checks a request's --set settings itself (its callers need not be the CLI), and a stage that
  // reads a key the shared list lacks fails loudly instead of the CLI refusing a key the stage uses.
  QTemporaryDir dir;
  std::string error;
  engine::TrainingRequest request = tinyRequest(dir.path().toStdString(), "vae", 1);
  request.extra["edge_los"] = "1";
  EXPECT_FALSE(run(request, &error));
  EXPECT_NE(error.find("--set: unknown setting 'edge_los'"), std::string::npos) << error;
  request.extra.erase("edge_los");
  request.extra["edge_loss"] = "1.5x";
  EXPECT_FALSE(run(request, &error));
  EXPECT_NE(error.find("--set edge_loss: expected a number, got '1.5x'"), std::string::npos) << error;
  EXPECT_FALSE(std::filesystem::exists(dir.filePath("vae").toStdString())) << "nothing trained";
  EXPECT_THROW(torch_engine::train::extraNumber(request, "not_listed", 0), std::logic_error);
  EXPECT_EQ(torch_engine::train::extraNumber(request, "vae_width", 7), 7) << "listed, unset: the default";
}

TEST(Train, VaePosteriorStartsNarrow) {
  // logvar_init (-6 by default): after two steps the posterior's std is still ~0.05, not the default init's ~1.
  QTemporaryDir dir;
  const std::string out = dir.path().toStdString();
  std::string error;
  ASSERT_TRUE(run(tinyRequest(out, "vae", 2), &error)) << error;
  torch_engine::nn::VaeConfig config;
  ASSERT_TRUE(torch_engine::nn::VaeConfig::fromFile(out + "/vae/config.json", &config, &error)) << error;
  torch_engine::nn::Vae vae(config);
  auto weights = torch_engine::SafeTensorsFile::open(out + "/vae/diffusion_pytorch_model.safetensors", &error);
  ASSERT_TRUE(weights) << error;
  ASSERT_TRUE(torch_engine::nn::loadStateDict(*vae, *weights, "", true, &error)) << error;
  torch::NoGradGuard noGrad;
  const auto post = vae->encode(torch::rand({2, 3, 32, 64}) * 2 - 1);
  EXPECT_LT(post.stddev.mean().item<double>(), 0.1);
  EXPECT_GT(post.stddev.mean().item<double>(), 0.02);
}

TEST(Train, VaeDecoderFineTuneKeepsTheEncoderAndScale) {
  QTemporaryDir dir;
  const std::string out = dir.path().toStdString();
  std::string error;
  auto decoder = tinyRequest(out, "vae", 2);
  decoder.extra["decoder_only"] = "1";
  EXPECT_FALSE(run(decoder, &error));  // nothing to fine-tune yet
  EXPECT_NE(error.find("needs a finished vae stage"), std::string::npos) << error;

  ASSERT_TRUE(run(tinyRequest(out, "vae", 2), &error)) << error;
  const std::string weights = out + "/vae/diffusion_pytorch_model.safetensors";
  auto readAll = [&](std::map<std::string, torch::Tensor>* tensors) {
    auto file = torch_engine::SafeTensorsFile::open(weights, &error);
    ASSERT_NE(file, nullptr) << error;
    for (const std::string& name : file->names()) (*tensors)[name] = file->tensor(name).clone();
  };
  auto readConfig = [&] { return readText(out + "/vae/config.json"); };
  std::map<std::string, torch::Tensor> before, after;
  readAll(&before);
  const std::string configBefore = readConfig();

  decoder.extra["edge_loss"] = "-1";
  EXPECT_FALSE(run(decoder, &error));
  EXPECT_EQ(error, "train vae: --set edge_loss must be >= 0");
  decoder.extra["edge_loss"] = "1";  // the sharpening term as the recipe's fine-tune uses it

  std::vector<std::string> lines;
  ASSERT_TRUE(run(decoder, &error, {}, &lines)) << error;
  EXPECT_TRUE(fs::exists(out + "/training/vae_decoder/loss.csv"));
  readAll(&after);
  ASSERT_EQ(before.size(), after.size());
  int changed = 0;
  for (const auto& [name, tensor] : before) {
    const bool same = torch::equal(tensor, after.at(name));
    if (name.rfind("encoder.", 0) == 0 || name.rfind("quant_conv.", 0) == 0) {
      EXPECT_TRUE(same) << name << " changed, but the encoder is frozen";
    } else if (!same) {
      ++changed;
    }
  }
  EXPECT_GT(changed, 10) << "the decoder did not train";
  EXPECT_EQ(readConfig(), configBefore);  // same latents, same scaling_factor

  // The package records the fine-tune next to the vae stage, and refuses an unfinished one.
  ASSERT_TRUE(run(tinyRequest(out, "tokenizer", 0), &error)) << error;
  ASSERT_TRUE(run(tinyRequest(out, "unet", 1), &error)) << error;
  QTemporaryDir shipDir;
  auto package = tinyRequest(out, "package", 0);
  package.extra["dest"] = shipDir.path().toStdString() + "/shotcraft-tiny";
  ASSERT_TRUE(run(package, &error)) << error;
  EXPECT_TRUE(fs::exists(package.extra["dest"] + "/training-logs/vae_decoder.csv"));
  QFile card(QString::fromStdString(package.extra["dest"] + "/MODEL_CARD.md"));
  ASSERT_TRUE(card.open(QIODevice::ReadOnly));
  const QByteArray cardText = card.readAll();
  EXPECT_NE(cardText.indexOf("| vae (fine-tune) | - | - | vae_decoder | 2 |"), -1);
  EXPECT_NE(cardText.indexOf("VAE reconstruction (after stage vae_decoder) of 4 held-out scenes: PSNR"), -1)
      << cardText.toStdString();
  EXPECT_TRUE(fs::exists(package.extra["dest"] + "/training-logs/vae_decoder-reconstruction.png"));
  auto longer = decoder;
  longer.steps = 4;
  longer.resume = true;
  CancelToken stop;
  stop.cancel();
  EXPECT_FALSE(run(longer, &error, stop));  // checkpoint at step 2 of 4
  EXPECT_FALSE(run(package, &error));
  EXPECT_NE(error.find("vae_decoder"), std::string::npos) << error;
}

// GroupNorm normalises each group per image: with one or two channels per group, the layers before an output
// conv cannot carry a picture's overall colour (the first shotcraft-tiny VAE, 16 groups over 16 channels, gave
// every scene back in the same grey-green). The shipped configs keep at least 4 channels in every group.
TEST(Train, ShippedConfigsKeepSeveralChannelsPerNormGroup) {
  namespace tt = torch_engine::train;
  std::string error;
  torch_engine::nn::VaeConfig vae;
  ASSERT_TRUE(torch_engine::nn::VaeConfig::fromJson(tt::vaeConfigJson(false, 1.0), &vae, &error)) << error;
  for (const int64_t c : vae.blockOutChannels) EXPECT_GE(c / vae.normNumGroups, 4) << "vae level of " << c;
  torch_engine::nn::UNetConfig unet;
  ASSERT_TRUE(torch_engine::nn::UNetConfig::fromJson(tt::unetConfigJson(false), &unet, &error)) << error;
  for (const int64_t c : unet.blockOutChannels) EXPECT_GE(c / unet.normNumGroups, 4) << "unet level of " << c;
  torch_engine::nn::ControlNetConfig cn;
  ASSERT_TRUE(torch_engine::nn::ControlNetConfig::fromJson(tt::controlNetConfigJson(false), &cn, &error)) << error;
  EXPECT_EQ(cn.unet.normNumGroups, unet.normNumGroups) << "a ControlNet starts as a copy of the UNet's encoder";
}

// train vae ends with a held-out reconstruction report (json + contact sheet), and report_only=1 measures a
// finished VAE again without training; the package quotes it in the model card.
TEST(Train, VaeReportsHeldOutReconstruction) {
  QTemporaryDir dir;
  const std::string out = dir.path().toStdString();
  std::string error;
  std::vector<std::string> lines;
  ASSERT_TRUE(run(tinyRequest(out, "vae", 2), &error, {}, &lines)) << error;
  ASSERT_FALSE(lines.empty());
  EXPECT_NE(lines.back().find("held-out scenes"), std::string::npos) << lines.back();
  EXPECT_TRUE(fs::exists(out + "/training/vae/reconstruction.png"));
  QFile json(QString::fromStdString(out + "/training/vae/reconstruction.json"));
  ASSERT_TRUE(json.open(QIODevice::ReadOnly));
  const std::string first = json.readAll().toStdString();
  EXPECT_NE(first.find("\"images\": 4"), std::string::npos) << first;
  json.close();

  auto report = tinyRequest(out, "vae", 0);
  report.extra["report_only"] = "1";
  ASSERT_TRUE(run(report, &error)) << error;
  ASSERT_TRUE(json.open(QIODevice::ReadOnly));
  EXPECT_EQ(json.readAll().toStdString(), first) << "the same VAE measured again";

  QTemporaryDir empty;
  report.out_dir = empty.path().toStdString();
  EXPECT_FALSE(run(report, &error));
  EXPECT_NE(error.find("needs a finished vae stage"), std::string::npos) << error;
}

TEST(Train, VaeReportSeesAVaeThatDropsColour) {
  namespace tt = torch_engine::train;
  std::string error;
  torch_engine::nn::VaeConfig config;
  ASSERT_TRUE(torch_engine::nn::VaeConfig::fromJson(tt::vaeConfigJson(true, 1.0), &config, &error)) << error;
  torch::manual_seed(4);
  torch_engine::nn::Vae vae(config);
  const tt::VaeReconstruction random = tt::measureVaeReconstruction(*vae, 21, 6, 64, 32, "");
  EXPECT_EQ(random.images, 6);
  EXPECT_LT(random.psnr_db, 20.0) << "an untrained VAE does not reconstruct";
  EXPECT_GT(random.colour_spread_kept, 0.0);
  {
    // Every output the same colour: the decoder's last conv gives its bias alone.
    torch::NoGradGuard noGrad;
    vae->decoder->conv_out->weight.zero_();
    vae->decoder->conv_out->bias.copy_(torch::tensor({0.2f, -0.1f, 0.0f}));
  }
  QTemporaryDir dir;
  const std::string sheet = dir.path().toStdString() + "/sheet.png";
  const tt::VaeReconstruction grey = tt::measureVaeReconstruction(*vae, 21, 6, 64, 32, sheet);
  EXPECT_NEAR(grey.colour_spread_kept, 0.0, 1e-6);
  EXPECT_EQ(grey.edge_f1, 0.0) << "a flat output has no edges, the drawn scenes do";
  EXPECT_TRUE(fs::exists(sheet));
  // The mean shift is the constant colour minus the inputs' mean colour, per channel.
  const float constant[3] = {0.2f, -0.1f, 0.0f};
  for (size_t c = 0; c < 3; ++c) {
    EXPECT_NEAR(grey.mean_shift[c], (double(constant[c]) + 1.0) * 127.5 - grey.mean_in[c], 1e-2) << c;
    EXPECT_EQ(grey.mean_in[c], random.mean_in[c]) << "the same held-out scenes";
  }
  EXPECT_LT(grey.psnr_db, 20.0);
}

TEST(Train, TextStageGivesTheUNetAFrozenContrastiveEncoder) {
  QTemporaryDir dir;
  const std::string out = dir.path().toStdString();
  std::string error;
  ASSERT_TRUE(runTokenizerAndVae(out, &error)) << error;
  auto text = tinyRequest(out, "text", 40);
  text.batch = 16;
  std::vector<std::string> lines;
  ASSERT_TRUE(run(text, &error, {}, &lines)) << error;
  EXPECT_TRUE(fs::exists(out + "/text_encoder/config.json"));
  EXPECT_TRUE(fs::exists(out + "/training/text/retrieval.json"));
  EXPECT_NE(std::find_if(lines.begin(), lines.end(),
                         [](const std::string& l) { return l.rfind("text: held-out retrieval top-1", 0) == 0; }),
            lines.end());
  // The contrastive loss falls as prompts and pictures pair up (it starts above log(batch): the initial
  // temperature of 0.07 sharpens random similarities).
  std::ifstream csv(out + "/training/text/loss.csv");
  std::string line;
  std::getline(csv, line);
  std::vector<double> losses;
  while (std::getline(csv, line)) losses.push_back(std::stod(line.substr(line.find(',') + 1)));
  ASSERT_EQ(losses.size(), 40u);
  EXPECT_GT(losses.front(), std::log(16.0));
  EXPECT_LT(losses.back(), losses.front() - 0.8);

  const auto fileBytes = [](const std::string& path) {
    QFile f(QString::fromStdString(path));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
  };
  const QByteArray before = fileBytes(out + "/text_encoder/model.safetensors");
  ASSERT_FALSE(before.isEmpty());
  lines.clear();
  ASSERT_TRUE(run(tinyRequest(out, "unet", 3), &error, {}, &lines)) << error;
  EXPECT_NE(std::find(lines.begin(), lines.end(), "unet: conditions on the text stage's encoder (frozen)"),
            lines.end());
  EXPECT_TRUE(before == fileBytes(out + "/text_encoder/model.safetensors"))
      << "the unet stage changed the text stage's encoder";
  auto checkpoint = torch_engine::SafeTensorsFile::open(out + "/training/unet/checkpoint/model.safetensors", &error);
  ASSERT_TRUE(checkpoint) << error;
  for (const auto& name : checkpoint->names()) EXPECT_NE(name.rfind("text_encoder.", 0), 0u) << name;

  // The card credits the text stage and quotes its retrieval.
  QTemporaryDir shipDir;
  auto package = tinyRequest(out, "package", 0);
  package.extra["dest"] = shipDir.path().toStdString() + "/shotcraft-tiny";
  ASSERT_TRUE(run(package, &error)) << error;
  QFile card(QString::fromStdString(package.extra["dest"] + "/MODEL_CARD.md"));
  ASSERT_TRUE(card.open(QIODevice::ReadOnly));
  const QString cardText = QString::fromUtf8(card.readAll());
  EXPECT_TRUE(cardText.contains(
      QRegularExpression(QStringLiteral("\\| text_encoder \\| \\d+ \\| [0-9.]+ \\| text \\| 40 \\|"))))
      << cardText.toStdString();
  EXPECT_TRUE(cardText.contains(QStringLiteral("Text encoder (stage text), held-out retrieval")))
      << cardText.toStdString();

  // A text stage that has not finished stops the unet stage rather than being replaced by a joint encoder.
  fs::remove_all(out + "/text_encoder");
  EXPECT_FALSE(run(tinyRequest(out, "unet", 3), &error));
  EXPECT_NE(error.find("the text stage has not finished"), std::string::npos) << error;
}
