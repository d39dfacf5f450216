// UNet against the diffusers reference tensors (sd-tiny), plus shape, save/load and error-message checks.
#include <torch/torch.h>

#include <gtest/gtest.h>

#include <QDir>
#include <QTemporaryDir>

#include "plugins/torch_engine/nn/StateDict.h"
#include "plugins/torch_engine/nn/UNet.h"
#include "plugins/torch_engine/safetensors/SafeTensorsWriter.h"
#include "tests/torch/RefTestUtil.h"

using namespace shotcraft::torch_engine;
using namespace shotcraft::torch_engine::nn;
using shotcraft::test::openRef;

namespace {

constexpr double kTolerance = 1e-4;

class UNetRefTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!shotcraft::test::refsAvailable()) GTEST_SKIP() << "shared/refs absent";
    torch::set_num_threads(2);
    std::string error;
    ASSERT_TRUE(loadUNetFolder(shotcraft::test::refsPath("sd-tiny/unet"), &m_unet, &error)) << error;
    m_io = openRef("io_unet.safetensors");
    ASSERT_NE(m_io, nullptr);
  }
  torch::Tensor io(const std::string& name) const { return m_io->tensor(name); }

  torch::NoGradGuard m_noGrad;
  UNet m_unet{nullptr};
  std::unique_ptr<SafeTensorsFile> m_io;
};

UNetConfig tinyConfig() {
  UNetConfig c;
  c.blockOutChannels = {32, 64, 64};
  c.layersPerBlock = 1;
  c.downBlockTypes = {"CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "DownBlock2D"};
  c.upBlockTypes = {"UpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D"};
  c.crossAttentionDim = {16, 16, 16};
  c.numAttentionHeads = {2, 4, 4};
  c.transformerLayersPerBlock = {1, 2, 1};
  c.useLinearProjection = true;
  c.normNumGroups = 16;
  return c;
}

std::vector<std::pair<std::string, torch::Tensor>> stateDict(torch::nn::Module& m, torch::ScalarType dtype) {
  std::vector<std::pair<std::string, torch::Tensor>> out;
  for (const auto& p : m.named_parameters()) out.emplace_back(p.key(), p.value().detach().to(dtype));
  return out;
}

}  // namespace

TEST_F(UNetRefTest, TimeProjectionMatches) {
  SHOTCRAFT_EXPECT_CLOSE("time_proj", timestepEmbedding(io("timestep_f32"), 32), io("intermediate.time_proj"), 1e-5);
}

TEST_F(UNetRefTest, OutputAndBlockIntermediatesMatch) {
  Intermediates trace;
  const torch::Tensor out = m_unet(io("sample"), io("timestep_f32"), io("encoder_hidden_states"), nullptr, &trace);
  for (const char* name : {"time_proj", "time_embedding", "conv_in", "down_blocks.0", "down_blocks.1", "mid_block",
                           "up_blocks.0", "up_blocks.1", "conv_norm_out"}) {
    SHOTCRAFT_EXPECT_CLOSE(name, trace.at(name), io(std::string("intermediate.") + name), kTolerance);
  }
  // These blocks end with their resampler, so the resampler output is the block output.
  SHOTCRAFT_EXPECT_CLOSE("down_blocks.0.downsamplers.0", trace.at("down_blocks.0"),
                         io("intermediate.down_blocks.0.downsamplers.0"), kTolerance);
  SHOTCRAFT_EXPECT_CLOSE("up_blocks.0.upsamplers.0", trace.at("up_blocks.0"),
                         io("intermediate.up_blocks.0.upsamplers.0"), kTolerance);
  SHOTCRAFT_EXPECT_CLOSE("out", out, io("out"), kTolerance);
  // Integer timesteps give the same result as their float version.
  const torch::Tensor outInt = m_unet(io("sample"), io("timestep"), io("encoder_hidden_states"));
  EXPECT_EQ(shotcraft::test::maxAbsDiff(out, outInt), 0.0);
}

TEST_F(UNetRefTest, ResnetAndAttentionIntermediatesMatch) {
  auto& block0 = m_unet->down_blocks->at<DownBlockImpl>(0);
  auto& resnet = block0.resnets->at<ResnetBlock2DImpl>(0);
  const torch::Tensor res =
      resnet.forward(io("intermediate.conv_in"), io("intermediate.time_embedding"));
  SHOTCRAFT_EXPECT_CLOSE("down_blocks.0.resnets.0", res, io("intermediate.down_blocks.0.resnets.0"), kTolerance);

  auto& attn = block0.attentions->at<Transformer2DImpl>(0);
  const torch::Tensor resRef = io("intermediate.down_blocks.0.resnets.0");
  SHOTCRAFT_EXPECT_CLOSE("down_blocks.0.attentions.0.proj_in", attn.projectIn(resRef),
                         io("intermediate.down_blocks.0.attentions.0.proj_in"), kTolerance);
  const torch::Tensor projIn = io("intermediate.down_blocks.0.attentions.0.proj_in");
  const torch::Tensor tokens = projIn.permute({0, 2, 3, 1}).reshape({2, 256, 32});
  auto& tblock = attn.transformer_blocks->at<BasicTransformerBlockImpl>(0);
  SHOTCRAFT_EXPECT_CLOSE("down_blocks.0.attentions.0.transformer_blocks.0",
                         tblock.forward(tokens, io("encoder_hidden_states")),
                         io("intermediate.down_blocks.0.attentions.0.transformer_blocks.0"), kTolerance);
  SHOTCRAFT_EXPECT_CLOSE("down_blocks.0.attentions.0", attn.forward(resRef, io("encoder_hidden_states")),
                         io("intermediate.down_blocks.0.attentions.0"), kTolerance);
}

TEST_F(UNetRefTest, ChunkedAttentionEqualsSinglePass) {
  torch::manual_seed(3);
  const torch::Tensor q = torch::randn({2, 300, 32}), k = torch::randn({2, 7, 32}), v = torch::randn({2, 7, 32});
  const torch::Tensor full = attention(q, k, v, 4);
  // Reference formula per head.
  const torch::Tensor qh = q.reshape({2, 300, 4, 8}).permute({0, 2, 1, 3});
  const torch::Tensor kh = k.reshape({2, 7, 4, 8}).permute({0, 2, 1, 3});
  const torch::Tensor vh = v.reshape({2, 7, 4, 8}).permute({0, 2, 1, 3});
  const torch::Tensor ref = torch::matmul(torch::softmax(torch::matmul(qh, kh.transpose(-1, -2)) / std::sqrt(8.0), -1), vh)
                                .permute({0, 2, 1, 3})
                                .reshape({2, 300, 32});
  SHOTCRAFT_EXPECT_CLOSE("attention vs formula", full, ref, 1e-5);
}

TEST_F(UNetRefTest, BlockedBf16SelfAttentionMatchesFloat32) {
  // 1100 tokens (not a multiple of the 256-query blocks) in bf16 without autograd take the blocked CPU path; it
  // must agree with float32 attention to bf16 accuracy and with the batched bf16 path (autograd on) as closely.
  torch::manual_seed(4);
  const torch::Tensor q = torch::randn({2, 1100, 80}), k = torch::randn({2, 1100, 80}), v = torch::randn({2, 1100, 80});
  const torch::Tensor exact = attention(q, k, v, 4);
  const torch::Tensor qb = q.to(torch::kBFloat16), kb = k.to(torch::kBFloat16), vb = v.to(torch::kBFloat16);
  torch::Tensor blocked, batched;
  {
    torch::NoGradGuard noGrad;
    blocked = attention(qb, kb, vb, 4);
  }
  {
    torch::AutoGradMode grad(true);
    batched = attention(qb, kb, vb, 4).detach();
  }
  ASSERT_EQ(blocked.scalar_type(), torch::kBFloat16);
  SHOTCRAFT_EXPECT_CLOSE("blocked bf16 vs float32", blocked.to(torch::kFloat32), exact, 0.03);
  SHOTCRAFT_EXPECT_CLOSE("blocked bf16 vs batched bf16", blocked.to(torch::kFloat32), batched.to(torch::kFloat32), 0.03);
  EXPECT_LT((blocked.to(torch::kFloat32) - exact).abs().mean().item<double>(), 3e-3);
}

TEST_F(UNetRefTest, LinearProjectionConfigLoadsConvWeights) {
  // SD2-style Linear proj_in/proj_out accept the [C, C, 1, 1] conv weights and compute the same thing.
  UNetConfig config = m_unet->config();
  config.useLinearProjection = true;
  UNet linear(config);
  auto weights = openRef("unet/diffusion_pytorch_model.safetensors");
  std::string error;
  ASSERT_TRUE(loadStateDict(*linear, *weights, "", true, &error)) << error;
  EXPECT_EQ(linear->down_blocks->at<DownBlockImpl>(0).attentions->at<Transformer2DImpl>(0).proj_in_linear->weight.dim(), 2);
  SHOTCRAFT_EXPECT_CLOSE("out (linear projection)", linear(io("sample"), io("timestep_f32"), io("encoder_hidden_states")),
                         io("out"), kTolerance);
}

TEST(UNetShapes, TinyRandomConfigShapesThroughEveryBlock) {
  torch::NoGradGuard noGrad;
  torch::set_num_threads(2);
  torch::manual_seed(0);
  const UNetConfig config = tinyConfig();
  UNet unet(config);
  // Non-multiple-of-4 size exercises the upsampler's explicit output size.
  const torch::Tensor sample = torch::randn({1, 4, 10, 6});
  Intermediates trace;
  const torch::Tensor out = unet(sample, torch::tensor({500.5f}), torch::randn({1, 5, 16}), nullptr, &trace);
  EXPECT_EQ(out.sizes(), sample.sizes());
  EXPECT_EQ(trace.at("down_blocks.0").sizes(), (c10::IntArrayRef{1, 32, 5, 3}));
  EXPECT_EQ(trace.at("down_blocks.1").sizes(), (c10::IntArrayRef{1, 64, 3, 2}));
  EXPECT_EQ(trace.at("down_blocks.2").sizes(), (c10::IntArrayRef{1, 64, 3, 2}));
  EXPECT_EQ(trace.at("mid_block").sizes(), (c10::IntArrayRef{1, 64, 3, 2}));
  EXPECT_EQ(trace.at("up_blocks.0").sizes(), (c10::IntArrayRef{1, 64, 5, 3}));
  EXPECT_EQ(trace.at("up_blocks.1").sizes(), (c10::IntArrayRef{1, 64, 10, 6}));
  EXPECT_EQ(trace.at("up_blocks.2").sizes(), (c10::IntArrayRef{1, 32, 10, 6}));
  EXPECT_TRUE(torch::isfinite(out).all().item<bool>());

  const auto params = unet->named_parameters();
  EXPECT_EQ(params["down_blocks.0.attentions.0.proj_in.weight"].sizes(), (c10::IntArrayRef{32, 32}));
  EXPECT_TRUE(params.contains("down_blocks.1.attentions.0.transformer_blocks.1.ff.net.2.weight"));
  EXPECT_TRUE(params.contains("up_blocks.2.attentions.1.transformer_blocks.0.attn2.to_out.0.bias"));
  EXPECT_FALSE(params.contains("down_blocks.0.attentions.0.transformer_blocks.0.attn1.to_q.bias"));
  EXPECT_TRUE(params.contains("up_blocks.0.resnets.1.conv_shortcut.weight"));  // 64+64 -> 64
  EXPECT_TRUE(params.contains("up_blocks.1.upsamplers.0.conv.weight"));
  EXPECT_FALSE(params.contains("down_blocks.2.downsamplers.0.conv.weight"));
}

TEST(UNetShapes, SaveLoadGivesSameOutput) {
  torch::NoGradGuard noGrad;
  torch::set_num_threads(2);
  torch::manual_seed(1);
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  const std::string path = QDir(dir.path()).filePath("unet.safetensors").toStdString();
  UNet a(tinyConfig());
  std::string error;
  ASSERT_TRUE(writeSafeTensors(path, stateDict(*a, torch::kFloat32), {{"format", "pt"}}, &error)) << error;

  torch::manual_seed(2);
  UNet b(tinyConfig());
  auto file = SafeTensorsFile::open(path, &error);
  ASSERT_NE(file, nullptr) << error;
  ASSERT_TRUE(loadStateDict(*b, *file, "", true, &error)) << error;
  const torch::Tensor x = torch::randn({2, 4, 8, 8}), ctx = torch::randn({2, 3, 16}), t = torch::tensor({10.f, 900.f});
  EXPECT_EQ(shotcraft::test::maxAbsDiff(a(x, t, ctx), b(x, t, ctx)), 0.0);

  // Half-precision weights convert on load.
  ASSERT_TRUE(writeSafeTensors(path, stateDict(*a, torch::kFloat16), {}, &error)) << error;
  file = SafeTensorsFile::open(path, &error);
  ASSERT_NE(file, nullptr) << error;
  UNet c(tinyConfig());
  ASSERT_TRUE(loadStateDict(*c, *file, "", true, &error)) << error;
  EXPECT_EQ(c->conv_in->weight.scalar_type(), torch::kFloat32);
  EXPECT_LT(shotcraft::test::maxAbsDiff(a(x, t, ctx), c(x, t, ctx)), 5e-2);
}

TEST(UNetShapes, MismatchedOrIncompleteWeightsNameTheTensor) {
  torch::NoGradGuard noGrad;
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  const std::string path = QDir(dir.path()).filePath("bad.safetensors").toStdString();
  UNet unet(tinyConfig());
  auto dict = stateDict(*unet, torch::kFloat32);
  for (auto& [name, t] : dict) {
    if (name == "mid_block.resnets.1.conv1.weight") t = torch::zeros({64, 32, 3, 3});
  }
  std::string error;
  ASSERT_TRUE(writeSafeTensors(path, dict, {}, &error)) << error;
  auto file = SafeTensorsFile::open(path, &error);
  ASSERT_NE(file, nullptr) << error;
  const torch::Tensor before = unet->conv_in->weight.clone();
  EXPECT_FALSE(loadStateDict(*unet, *file, "", true, &error));
  EXPECT_NE(error.find("'mid_block.resnets.1.conv1.weight' has shape [64, 32, 3, 3]"), std::string::npos) << error;
  EXPECT_NE(error.find("expects [64, 64, 3, 3]"), std::string::npos) << error;
  EXPECT_TRUE(torch::equal(before, unet->conv_in->weight));  // untouched on failure

  dict.erase(std::remove_if(dict.begin(), dict.end(), [](const auto& p) { return p.first == "conv_out.bias"; }),
             dict.end());
  for (auto& [name, t] : dict) {
    if (name == "mid_block.resnets.1.conv1.weight") t = torch::zeros({64, 64, 3, 3});
  }
  dict.emplace_back("extra.weight", torch::zeros({1}));
  ASSERT_TRUE(writeSafeTensors(path, dict, {}, &error)) << error;
  file = SafeTensorsFile::open(path, &error);
  ASSERT_NE(file, nullptr) << error;
  EXPECT_FALSE(loadStateDict(*unet, *file, "", true, &error));
  EXPECT_NE(error.find("'conv_out.bias'"), std::string::npos) << error;
  EXPECT_NE(error.find("missing"), std::string::npos) << error;
  dict.emplace_back("conv_out.bias", torch::zeros({4}));
  ASSERT_TRUE(writeSafeTensors(path, dict, {}, &error)) << error;
  file = SafeTensorsFile::open(path, &error);
  EXPECT_FALSE(loadStateDict(*unet, *file, "", true, &error));
  EXPECT_NE(error.find("'extra.weight'"), std::string::npos) << error;
  EXPECT_TRUE(loadStateDict(*unet, *file, "", false, &error)) << error;  // non-strict ignores extras
}

TEST(UNetConfigTest, ParsesDiffusersConfigs) {
  UNetConfig c;
  std::string error;
  if (shotcraft::test::refsAvailable()) {
    ASSERT_TRUE(UNetConfig::fromFile(shotcraft::test::refsPath("sd-tiny/unet/config.json"), &c, &error)) << error;
    EXPECT_EQ(c.blockOutChannels, (std::vector<int64_t>{32, 64}));
    EXPECT_EQ(c.numAttentionHeads, (std::vector<int64_t>{8, 8}));  // legacy attention_head_dim = heads
    EXPECT_EQ(c.crossAttentionDim, (std::vector<int64_t>{32, 32}));
    EXPECT_FALSE(c.useLinearProjection);
    EXPECT_EQ(c.timeEmbedDim(), 128);
  }
  // SD 2.x style: per-block head list, linear projection, upcast.
  const std::string sd2 = R"({"block_out_channels":[320,640,1280,1280],"attention_head_dim":[5,10,20,20],
    "cross_attention_dim":1024,"use_linear_projection":true,"upcast_attention":true,"num_attention_heads":null})";
  ASSERT_TRUE(UNetConfig::fromJson(sd2, &c, &error)) << error;
  EXPECT_EQ(c.numAttentionHeads, (std::vector<int64_t>{5, 10, 20, 20}));
  EXPECT_EQ(c.crossAttentionDim, (std::vector<int64_t>{1024, 1024, 1024, 1024}));
  EXPECT_TRUE(c.useLinearProjection && c.upcastAttention);
  ASSERT_TRUE(UNetConfig::fromJson(R"({"attention_head_dim":64,"num_attention_heads":[4,8,16,16]})", &c, &error)) << error;
  EXPECT_EQ(c.numAttentionHeads, (std::vector<int64_t>{4, 8, 16, 16}));

  EXPECT_FALSE(UNetConfig::fromJson(R"({"addition_embed_type":"text_time"})", &c, &error));
  EXPECT_NE(error.find("addition_embed_type"), std::string::npos) << error;
  EXPECT_FALSE(UNetConfig::fromJson(R"({"layers_per_block":"two"})", &c, &error));
  EXPECT_NE(error.find("layers_per_block"), std::string::npos) << error;
  EXPECT_FALSE(UNetConfig::fromJson(R"({"block_out_channels":[320,640]})", &c, &error));  // 4 block types
  EXPECT_FALSE(UNetConfig::fromJson("{not json", &c, &error));
}

// addition_embed_type "text": the pooled prompt joins the time embedding (nn/TextTimeEmbedding.h).
TEST(UNetTextEmbedding, AttentionPoolingIsOneQueryOverTheMeanAndTheTokens) {
  torch::NoGradGuard noGrad;
  torch::manual_seed(3);
  const int64_t heads = 2;
  const int64_t dim = 8;
  AttentionPooling pool(heads, dim);
  const torch::Tensor x = torch::randn({2, 5, dim});
  const torch::Tensor got = pool(x);
  ASSERT_EQ(got.sizes(), (c10::IntArrayRef{2, dim}));
  // The same pooling written out one batch item and one head at a time.
  const auto linear = [](const Linear& l, const torch::Tensor& v) { return torch::mv(l->weight, v) + l->bias; };
  for (int64_t b = 0; b < 2; ++b) {
    const torch::Tensor query = x[b].mean(0) + pool->positional_embedding[0];
    std::vector<torch::Tensor> tokens{query};
    for (int64_t t = 0; t < 5; ++t) tokens.push_back(x[b][t]);
    const torch::Tensor q = linear(pool->q_proj, query);
    for (int64_t h = 0; h < heads; ++h) {
      const auto part = [&](const torch::Tensor& v) { return v.slice(0, h * dim / heads, (h + 1) * dim / heads); };
      std::vector<double> logits;
      for (const auto& t : tokens)
        logits.push_back(torch::dot(part(q), part(linear(pool->k_proj, t))).item<double>() / std::sqrt(4.0));
      const torch::Tensor w = torch::softmax(torch::tensor(logits, torch::kFloat32), 0);
      torch::Tensor expected = torch::zeros({dim / heads});
      for (size_t i = 0; i < tokens.size(); ++i) expected += w[int64_t(i)] * part(linear(pool->v_proj, tokens[i]));
      EXPECT_TRUE(torch::allclose(part(got[b]), expected, 1e-5, 1e-6)) << "batch " << b << " head " << h;
    }
  }
}

TEST(UNetTextEmbedding, ZeroedEmbeddingLeavesAPlainUNetsOutputAndATrainedOneReadsThePrompt) {
  torch::NoGradGuard noGrad;
  torch::set_num_threads(2);
  torch::manual_seed(0);
  UNetConfig plainConfig = tinyConfig();
  UNetConfig pooledConfig = plainConfig;
  pooledConfig.additionEmbedType = "text";
  pooledConfig.additionEmbedTypeNumHeads = 4;
  UNet plain(plainConfig);
  UNet pooled(pooledConfig);
  auto target = pooled->named_parameters();
  for (const auto& p : plain->named_parameters()) target[p.key()].copy_(p.value());
  pooled->add_embedding->zeroOutput();
  const torch::Tensor sample = torch::randn({2, 4, 8, 8});
  const torch::Tensor prompt = torch::randn({2, 5, 16});
  const torch::Tensor t = torch::tensor({300.0f});
  EXPECT_TRUE(torch::equal(plain(sample, t, prompt), pooled(sample, t, prompt)));

  // Once norm2 carries something, the embedding is added to every block's time embedding.
  torch::nn::init::normal_(pooled->add_embedding->norm2->weight);
  Intermediates trace;
  const torch::Tensor withPrompt = pooled(sample, t, prompt, nullptr, &trace);
  EXPECT_FALSE(torch::allclose(plain(sample, t, prompt), withPrompt, 1e-4, 1e-4));
  ASSERT_TRUE(trace.count("add_embedding"));
  EXPECT_EQ(trace.at("add_embedding").sizes(), (c10::IntArrayRef{2, pooledConfig.timeEmbedDim()}));
  // Another prompt, another embedding.
  EXPECT_FALSE(torch::allclose(pooled->embed(t, prompt, 2), pooled->embed(t, torch::randn({2, 5, 16}), 2)));
}

TEST(UNetConfigTest, TextAdditionEmbeddingParsesAndChecksItsHeads) {
  UNetConfig c;
  std::string error;
  const std::string base = R"({"block_out_channels":[32,64],"down_block_types":["CrossAttnDownBlock2D","DownBlock2D"],
    "up_block_types":["UpBlock2D","CrossAttnUpBlock2D"],"cross_attention_dim":32,"attention_head_dim":2,
    "norm_num_groups":8,"addition_embed_type":"text")";
  ASSERT_TRUE(UNetConfig::fromJson(base + R"(,"addition_embed_type_num_heads":4})", &c, &error)) << error;
  EXPECT_EQ(c.additionEmbedType, "text");
  EXPECT_EQ(c.additionEmbedTypeNumHeads, 4);
  UNet unet(c);
  EXPECT_TRUE(unet->named_parameters().contains("add_embedding.pool.positional_embedding"));
  EXPECT_EQ(unet->named_parameters()["add_embedding.proj.weight"].sizes(), (c10::IntArrayRef{128, 32}));
  EXPECT_FALSE(UNetConfig::fromJson(base + R"(,"addition_embed_type_num_heads":5})", &c, &error));
  EXPECT_NE(error.find("addition_embed_type_num_heads"), std::string::npos) << error;
  ASSERT_TRUE(UNetConfig::fromJson(R"({"addition_embed_type":null})", &c, &error)) << error;
  EXPECT_TRUE(c.additionEmbedType.empty());
  ControlNetConfig cn;
  EXPECT_FALSE(ControlNetConfig::fromJson(R"({"addition_embed_type":"text"})", &cn, &error));
  EXPECT_NE(error.find("addition_embed_type"), std::string::npos) << error;
}
