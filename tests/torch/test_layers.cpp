// nn/Layers.h: our Conv2d / Linear / Embedding draw exactly libtorch's default initial weights (same values from
// the same seed, so seeded training and random test models are unchanged), compute the same forward, and draw
// nothing when built for loading (SkipParameterInit), which is what makes checkpoint loads fast.
#include <torch/torch.h>

#include <gtest/gtest.h>

#include <QTemporaryDir>
#include <filesystem>
#include <string>

#include "plugins/torch_engine/convert/KeyMap.h"
#include "plugins/torch_engine/convert/MappedStateDict.h"
#include "plugins/torch_engine/nn/Layers.h"
#include "plugins/torch_engine/nn/ParameterInit.h"
#include "plugins/torch_engine/nn/UNet.h"
#include "plugins/torch_engine/pipeline/ModelBundle.h"
#include "plugins/torch_engine/safetensors/SafeTensorsFile.h"
#include "tests/torch/TinyModel.h"

using namespace shotcraft::torch_engine;

namespace {

// A few UNet levels with attention: every layer kind the models use (conv, linear, group/layer norms).
nn::UNetConfig smallUNetConfig() {
  nn::UNetConfig c;
  c.blockOutChannels = {32, 64};
  c.layersPerBlock = 1;
  c.downBlockTypes = {"CrossAttnDownBlock2D", "DownBlock2D"};
  c.upBlockTypes = {"UpBlock2D", "CrossAttnUpBlock2D"};
  c.crossAttentionDim = {16, 16};
  c.numAttentionHeads = {2, 4};
  c.transformerLayersPerBlock = {1, 1};
  c.normNumGroups = 16;
  return c;
}

// Every parameter of `module` equals file[name] and is finite: nothing built for loading was left undrawn.
void expectAllLoaded(torch::nn::Module& module, const std::filesystem::path& path) {
  std::string error;
  auto file = SafeTensorsFile::open(path.string(), &error);
  ASSERT_NE(file, nullptr) << error;
  size_t checked = 0;
  for (const auto& p : module.named_parameters()) {
    ASSERT_TRUE(file->contains(p.key())) << p.key();
    const torch::Tensor expected = file->tensor(p.key()).to(p.value().scalar_type()).reshape(p.value().sizes());
    EXPECT_TRUE(torch::equal(p.value(), expected)) << path << ": " << p.key();
    EXPECT_TRUE(torch::isfinite(p.value()).all().item<bool>()) << p.key();
    ++checked;
  }
  EXPECT_GT(checked, 10u) << path;
}

// The next values of the default generator (consumes them).
torch::Tensor nextDraws() { return torch::rand({8}); }

}  // namespace

TEST(Layers, DefaultInitIsLibtorchsBitForBit) {
  for (const bool bias : {true, false}) {
    torch::manual_seed(11);
    torch::nn::Conv2d theirs(torch::nn::Conv2dOptions(6, 10, 3).stride(2).padding(1).bias(bias));
    const torch::Tensor theirsAfter = nextDraws();
    torch::manual_seed(11);
    nn::Conv2d ours(nn::Conv2dSpec{6, 10, 3, 2, 1, bias});
    EXPECT_TRUE(torch::equal(ours->weight, theirs->weight));
    EXPECT_EQ(ours->bias.defined(), bias);
    if (bias) EXPECT_TRUE(torch::equal(ours->bias, theirs->bias));
    EXPECT_TRUE(torch::equal(nextDraws(), theirsAfter)) << "the same number of draws";
    EXPECT_EQ(ours->named_parameters().size(), theirs->named_parameters().size());
    const torch::Tensor x = torch::randn({2, 6, 9, 7});
    EXPECT_TRUE(torch::equal(ours(x), theirs(x)));

    torch::manual_seed(12);
    torch::nn::Linear theirLinear(torch::nn::LinearOptions(7, 5).bias(bias));
    torch::manual_seed(12);
    nn::Linear ourLinear(7, 5, bias);
    EXPECT_TRUE(torch::equal(ourLinear->weight, theirLinear->weight));
    if (bias) EXPECT_TRUE(torch::equal(ourLinear->bias, theirLinear->bias));
    EXPECT_EQ(ourLinear->named_parameters().keys(), theirLinear->named_parameters().keys());
    for (const torch::Tensor& in : {torch::randn({3, 7}), torch::randn({2, 4, 7})}) {
      EXPECT_TRUE(torch::equal(ourLinear(in), theirLinear(in)));
    }
  }
  torch::manual_seed(13);
  torch::nn::Embedding theirs(20, 6);
  torch::manual_seed(13);
  nn::Embedding ours(20, 6);
  EXPECT_TRUE(torch::equal(ours->weight, theirs->weight));
  const torch::Tensor ids = torch::tensor({{0, 3, 19}, {5, 5, 1}});
  EXPECT_TRUE(torch::equal(ours(ids), theirs(ids)));
}

TEST(Layers, DefaultInitBoundsAreKaimingUniformAndUnitNormal) {
  torch::manual_seed(3);
  nn::Conv2d conv(nn::Conv2dSpec{64, 128, 3, 1, 1, true});
  const double fanIn = 64.0 * 9.0;
  const double bound = 1.0 / std::sqrt(fanIn);  // kaiming_uniform(a = sqrt(5)): gain sqrt(2 / 6) * sqrt(3 / fan_in)
  EXPECT_LE(conv->weight.abs().max().item<double>(), bound);
  EXPECT_GT(conv->weight.abs().max().item<double>(), 0.99 * bound);
  EXPECT_NEAR(conv->weight.std().item<double>(), bound / std::sqrt(3.0), 0.01 * bound);
  EXPECT_LE(conv->bias.abs().max().item<double>(), bound);
  nn::Embedding embedding(1000, 64);
  EXPECT_NEAR(embedding->weight.mean().item<double>(), 0.0, 0.02);
  EXPECT_NEAR(embedding->weight.std().item<double>(), 1.0, 0.02);
}

TEST(Layers, BuildingForLoadingDrawsNoRandomNumbers) {
  torch::manual_seed(5);
  const torch::Tensor expected = nextDraws();

  torch::manual_seed(5);
  EXPECT_FALSE(nn::SkipParameterInit::active());
  nn::UNet unet = nn::buildForLoading<nn::UNet>(smallUNetConfig());
  EXPECT_FALSE(nn::SkipParameterInit::active()) << "the scope ends with the construction";
  EXPECT_TRUE(torch::equal(nextDraws(), expected)) << "a UNet built for loading drew from the generator";
  int64_t count = 0;
  for (const auto& p : unet->parameters()) count += p.numel();
  EXPECT_GT(count, 100000);

  // The same config built normally does draw (so the check above can fail).
  torch::manual_seed(5);
  nn::UNet drawn(smallUNetConfig());
  EXPECT_FALSE(torch::equal(nextDraws(), expected));
  {
    nn::SkipParameterInit outer;
    {
      nn::SkipParameterInit inner;
    }
    EXPECT_TRUE(nn::SkipParameterInit::active()) << "scopes nest";
  }
  EXPECT_FALSE(nn::SkipParameterInit::active());
}

TEST(Layers, ToLdmStateDictCarriesBuffers) {
  struct Child : torch::nn::Module {
    Child() {
      register_parameter("weight", torch::ones({2, 3}));
      register_buffer("running_mean", torch::full({3}, 7.0));
    }
  };
  struct Parent : torch::nn::Module {
    Parent() {
      auto layers = register_module("layers", std::make_shared<torch::nn::Module>());
      layers->register_module("0", std::make_shared<Child>());
    }
  };
  Parent parent;
  convert::KeyMap map("first.", "");
  map.add({"1.", "layers.0."});
  const auto ldm = convert::toLdmStateDict(parent, map);
  ASSERT_EQ(ldm.size(), 2u);
  EXPECT_EQ(ldm[0].first, "first.1.weight");
  EXPECT_EQ(ldm[1].first, "first.1.running_mean");
  EXPECT_TRUE(torch::equal(ldm[1].second, torch::full({3}, 7.0)));
}

TEST(Layers, ModelsLoadedWithoutInitHoldExactlyTheFileWeights) {
  QTemporaryDir tmp;
  ASSERT_TRUE(tmp.isValid());
  const std::filesystem::path dir = tmp.path().toStdString();
  const std::string written = shotcraft::test::writeTinyModel(dir.string());
  ASSERT_EQ(written, "");
  ComputeTarget target;  // CPU float32: the weights stay exactly as read
  ModelBundle bundle;
  std::string error;
  ASSERT_TRUE(ModelBundle::load(dir.string(), target, &bundle, &error)) << error;
  expectAllLoaded(*bundle.unet, dir / "unet" / "diffusion_pytorch_model.safetensors");
  expectAllLoaded(*bundle.vae, dir / "vae" / "diffusion_pytorch_model.safetensors");
  expectAllLoaded(*bundle.text, dir / "text_encoder" / "model.safetensors");
  ASSERT_TRUE(bundle.controlnets[0]);
  expectAllLoaded(*bundle.controlnets[0], dir / "controlnet-depth" / "diffusion_pytorch_model.safetensors");
}
