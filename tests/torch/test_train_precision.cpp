// Mixed precision in the training stages: the precision setting, autocast scopes, and bf16 forward passes and
// gradients against fp32 (UNet, ControlNet), and whole stages trained in bf16 where the CPU has it.
#include <torch/torch.h>

#include <QTemporaryDir>
#include <cmath>

#include <gtest/gtest.h>

#include "plugins/torch_engine/nn/ControlNet.h"
#include "plugins/torch_engine/nn/ModelConfig.h"
#include "plugins/torch_engine/nn/UNet.h"
#include "plugins/torch_engine/pipeline/DeviceSelect.h"
#include "plugins/torch_engine/safetensors/SafeTensorsFile.h"
#include "plugins/torch_engine/train/ModelFolder.h"
#include "plugins/torch_engine/train/TrainLoop.h"
#include "tests/torch/TrainStageRun.h"

using namespace shotcraft;
using namespace shotcraft::engine;
using namespace shotcraft::test;

namespace {

bool cpuHasFastBf16() {
  const auto cpu = torch_engine::detectCpuFeatures();
  return cpu.amx_bf16 || cpu.avx512_bf16;
}

}  // namespace

TEST(TrainPrecision, SettingParsesAndAutocastScopesNest) {
  using torch_engine::nn::AutocastScope;
  using torch_engine::train::TrainPrecision;
  TrainingRequest r;
  r.extra["precision"] = "fp32";
  EXPECT_EQ(torch_engine::train::trainPrecision(r), TrainPrecision::Fp32);
  r.extra["precision"] = "bf16";
  if (cpuHasFastBf16()) {
    EXPECT_EQ(torch_engine::train::trainPrecision(r), TrainPrecision::Bf16);
  } else {
    EXPECT_THROW(torch_engine::train::trainPrecision(r), std::invalid_argument);
  }
  r.extra.erase("precision");
  EXPECT_EQ(torch_engine::train::trainPrecision(r), cpuHasFastBf16() ? TrainPrecision::Bf16 : TrainPrecision::Fp32);
  r.extra["precision"] = "half";
  EXPECT_THROW(torch_engine::train::trainPrecision(r), std::invalid_argument);

  torch::manual_seed(2);
  const torch::Tensor a = torch::randn({4, 8});
  torch::Tensor w = torch::randn({8, 8}).requires_grad_(true);
  EXPECT_EQ(torch::mm(a, w).scalar_type(), torch::kFloat32);
  {
    const AutocastScope outer(true);
    EXPECT_EQ(torch::mm(a, w).scalar_type(), torch::kBFloat16);
    { const AutocastScope inner(true); }
    EXPECT_EQ(torch::mm(a, w).scalar_type(), torch::kBFloat16) << "leaving a nested scope turned autocast off";
    { const AutocastScope off(false); }
    EXPECT_EQ(torch::mm(a, w).scalar_type(), torch::kBFloat16);
  }
  EXPECT_EQ(torch::mm(a, w).scalar_type(), torch::kFloat32);

  // An optimizer step changes the weight in place between two steps' scopes: the second scope must not reuse
  // the first one's cached bf16 copy.
  {
    const AutocastScope step1(true);
    (void)torch::mm(a, w);
  }
  {
    torch::NoGradGuard noGrad;
    w.add_(1.0);
  }
  torch::Tensor fresh;
  {
    const AutocastScope step2(true);
    fresh = torch::mm(a, w).to(torch::kFloat32);
  }
  const torch::Tensor expected = torch::mm(a, w).detach();
  EXPECT_LT((fresh - expected).abs().max().item<double>(), 0.05 * expected.abs().max().item<double>());
}

TEST(TrainPrecision, Bf16AutocastUNetMatchesFp32ForwardAndGradients) {
  if (!cpuHasFastBf16()) GTEST_SKIP() << "no AMX or AVX-512 BF16: training runs in fp32 on this CPU";
  std::string error;
  torch_engine::nn::UNetConfig config;
  // The shipped config at the shipped latent size (256x144 pictures).
  ASSERT_TRUE(torch_engine::nn::UNetConfig::fromJson(torch_engine::train::unetConfigJson(false), &config, &error))
      << error;
  torch::manual_seed(4);
  torch_engine::nn::UNet unet(config);
  const torch::Tensor x = torch::randn({4, config.inChannels, 18, 32});
  const torch::Tensor t = torch::tensor({10, 300, 700, 990}, torch::kInt64);
  const torch::Tensor context = torch::randn({4, 77, config.crossAttentionDim.front()});
  const torch::Tensor target = torch::randn({4, config.outChannels, 18, 32});
  const auto gradients = [&]() {
    std::vector<torch::Tensor> g;
    for (const auto& p : unet->parameters())
      g.push_back(p.grad().defined() ? p.grad().flatten().clone() : p.flatten() * 0);
    return torch::cat(g);
  };

  unet->zero_grad();
  const torch::Tensor ref = unet->forward(x, t, context);
  torch::mse_loss(ref, target).backward();
  const torch::Tensor refGrad = gradients();

  unet->zero_grad();
  torch::Tensor mixed;
  {
    const torch_engine::nn::AutocastScope autocast(true);
    mixed = unet->forward(x.contiguous(torch::MemoryFormat::ChannelsLast), t, context);
  }
  EXPECT_EQ(mixed.scalar_type(), torch::kBFloat16);
  torch::mse_loss(mixed.to(torch::kFloat32), target).backward();
  for (const auto& p : unet->parameters()) ASSERT_EQ(p.scalar_type(), torch::kFloat32);
  const torch::Tensor mixedGrad = gradients();

  const double relative = ((mixed.to(torch::kFloat32) - ref).norm() / ref.norm()).item<double>();
  EXPECT_LT(relative, 0.03) << "bf16 forward strays from fp32";
  const double cosine = torch::cosine_similarity(mixedGrad, refGrad, 0).item<double>();
  EXPECT_GT(cosine, 0.99) << "bf16 gradients point elsewhere";
}

TEST(TrainPrecision, StagesTrainInBf16AndRejectAnUnknownPrecision) {
  QTemporaryDir dir;
  const std::string out = dir.path().toStdString();
  std::string error;
  ASSERT_TRUE(runTokenizerAndVae(out, &error)) << error;
  auto unet = tinyRequest(out, "unet", 3);
  unet.extra["precision"] = "bf16-ish";
  EXPECT_FALSE(run(unet, &error));
  EXPECT_EQ(error, "train unet: --set precision must be auto, fp32 or bf16 (got 'bf16-ish')");
  unet.extra["precision"] = "bf16";
  std::vector<std::string> lines;
  if (!cpuHasFastBf16()) {
    EXPECT_FALSE(run(unet, &error));
    EXPECT_NE(error.find("needs a CPU with AMX or AVX-512 BF16"), std::string::npos) << error;
    return;
  }
  ASSERT_TRUE(run(unet, &error, {}, &lines)) << error;
  EXPECT_NE(std::find(lines.begin(), lines.end(), "unet: forward passes in bf16 autocast"), lines.end());
  // The VAE in bf16 at a width oneDNN's AMX kernels train (its 3-channel image-side convolutions stay fp32).
  auto vae = tinyRequest(out, "vae", 3);
  vae.extra["precision"] = "bf16";
  vae.extra["vae_width"] = "32";
  vae.out_dir = out + "/bf16-vae";
  lines.clear();
  ASSERT_TRUE(run(vae, &error, {}, &lines)) << error;
  EXPECT_NE(std::find(lines.begin(), lines.end(), "vae: forward passes in bf16 autocast"), lines.end());
  for (const auto& loss : lossColumn(out + "/bf16-vae/training/vae/loss.csv")) {
    const double value = std::stod(loss.substr(loss.find(',') + 1));
    EXPECT_TRUE(std::isfinite(value) && value > 0) << loss;
  }
  auto cn = tinyRequest(out, "controlnet", 2);
  cn.kind = "canny";
  cn.extra["precision"] = "bf16";
  lines.clear();
  ASSERT_TRUE(run(cn, &error, {}, &lines)) << error;
  EXPECT_NE(std::find(lines.begin(), lines.end(), "controlnet-canny: forward passes in bf16 autocast"), lines.end());
  // Weights stay float32 whatever the forward pass computed in.
  for (const std::string file :
       {"/unet/diffusion_pytorch_model.safetensors", "/controlnet-canny/diffusion_pytorch_model.safetensors"}) {
    auto st = torch_engine::SafeTensorsFile::open(out + file, &error);
    ASSERT_TRUE(st) << error;
    for (const auto& name : st->names()) ASSERT_EQ(st->tensor(name).scalar_type(), torch::kFloat32) << name;
  }
  for (const auto& loss : lossColumn(out + "/training/unet/loss.csv")) {
    const double value = std::stod(loss.substr(loss.find(',') + 1));
    EXPECT_TRUE(std::isfinite(value) && value > 0) << loss;
  }
}

// The shipped ControlNet config at the shipped picture size: oneDNN 2.6's AMX kernels once returned non-finite
// values in this stage, so the check runs where they would.
TEST(TrainPrecision, Bf16AutocastControlNetMatchesFp32) {
  if (!cpuHasFastBf16()) GTEST_SKIP() << "no AMX or AVX-512 BF16: training runs in fp32 on this CPU";
  std::string error;
  torch_engine::nn::UNetConfig unetConfig;
  torch_engine::nn::ControlNetConfig cnConfig;
  ASSERT_TRUE(torch_engine::nn::UNetConfig::fromJson(torch_engine::train::unetConfigJson(false), &unetConfig, &error));
  ASSERT_TRUE(torch_engine::nn::ControlNetConfig::fromJson(torch_engine::train::controlNetConfigJson(false), &cnConfig,
                                                           &error));
  torch::manual_seed(6);
  torch_engine::nn::UNet unet(unetConfig);
  torch_engine::nn::ControlNet cn(cnConfig);
  for (auto& p : unet->parameters()) p.set_requires_grad(false);
  const int64_t batch = 4;
  const torch::Tensor x = torch::randn({batch, 4, 18, 32});
  const torch::Tensor t = torch::randint(1000, {batch}, torch::kInt64);
  const torch::Tensor context = torch::randn({batch, 77, unetConfig.crossAttentionDim.front()});
  const torch::Tensor control = torch::rand({batch, 3, 144, 256});
  const torch::Tensor target = torch::randn({batch, 4, 18, 32});
  const auto gradients = [&]() {
    std::vector<torch::Tensor> g;
    for (const auto& p : cn->parameters()) g.push_back(p.grad().flatten().clone());
    return torch::cat(g);
  };
  cn->zero_grad();
  const auto refResiduals = cn->forward(x, t, context, control);
  const torch::Tensor ref = unet->forward(x, t, context, &refResiduals);
  torch::mse_loss(ref, target).backward();
  const torch::Tensor refGrad = gradients();
  for (int repeat = 0; repeat < 3; ++repeat) {
    cn->zero_grad();
    torch::Tensor mixed;
    {
      const torch_engine::nn::AutocastScope autocast(true);
      const auto cl = torch::MemoryFormat::ChannelsLast;
      const auto residuals = cn->forward(x.contiguous(cl), t, context, control.contiguous(cl));
      mixed = unet->forward(x.contiguous(cl), t, context, &residuals).to(torch::kFloat32);
    }
    torch::mse_loss(mixed, target).backward();
    const torch::Tensor mixedGrad = gradients();
    ASSERT_TRUE(torch::isfinite(mixed).all().item<bool>()) << "repeat " << repeat;
    std::string nonFinite;
    for (const auto& p : cn->named_parameters()) {
      if (!torch::isfinite(p.value().grad()).all().item<bool>()) nonFinite += " " + p.key();
    }
    ASSERT_TRUE(nonFinite.empty()) << "repeat " << repeat << ": non-finite gradients in" << nonFinite;
    EXPECT_LT(((mixed - ref).norm() / ref.norm()).item<double>(), 0.03) << "repeat " << repeat;
    EXPECT_GT(torch::cosine_similarity(mixedGrad, refGrad, 0).item<double>(), 0.99) << "repeat " << repeat;
  }
}
