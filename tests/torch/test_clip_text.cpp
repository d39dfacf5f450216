// CLIP text encoder vs transformers CLIPTextModel on the tiny random model of shared/refs/sd-tiny.
#include <torch/torch.h>

#include <gtest/gtest.h>

#include "plugins/torch_engine/nn/ClipText.h"
#include "plugins/torch_engine/nn/StateDict.h"
#include "tests/torch/RefTestUtil.h"

using namespace shotcraft::torch_engine;
using shotcraft::test::openRef;
using shotcraft::test::refsAvailable;
using shotcraft::test::refsPath;

namespace {

constexpr double kTol = 1e-4;

nn::ClipTextModel loadTinyClip() {
  return shotcraft::test::loadRefComponent<nn::ClipTextConfig, nn::ClipTextModel>("text_encoder", "model.safetensors");
}

}  // namespace

TEST(ClipText, ConfigFromTinyModel) {
  if (!refsAvailable()) GTEST_SKIP() << "sd-tiny refs not found";
  nn::ClipTextConfig c;
  std::string error;
  ASSERT_TRUE(nn::ClipTextConfig::fromFile(refsPath("sd-tiny/text_encoder/config.json"), &c, &error)) << error;
  EXPECT_EQ(c.vocabSize, 1000);
  EXPECT_EQ(c.hiddenSize, 32);
  EXPECT_EQ(c.intermediateSize, 37);
  EXPECT_EQ(c.numHiddenLayers, 2);
  EXPECT_EQ(c.numAttentionHeads, 4);
  EXPECT_EQ(c.hiddenAct, nn::ClipActivation::QuickGelu);
  EXPECT_EQ(c.eosTokenId, 999);
  EXPECT_FALSE(nn::ClipTextConfig::fromJson(R"({"hidden_act": "relu"})", &c, &error));
  EXPECT_NE(error.find("hidden_act"), std::string::npos) << error;
  EXPECT_FALSE(nn::ClipTextConfig::fromJson(R"({"hidden_size": 30, "num_attention_heads": 4})", &c, &error));
}

TEST(ClipText, ForwardMatchesTransformers) {
  if (!refsAvailable()) GTEST_SKIP() << "sd-tiny refs not found";
  torch::NoGradGuard noGrad;
  nn::ClipTextModel model = loadTinyClip();
  auto io = openRef("io_text_encoder.safetensors");
  ASSERT_NE(io, nullptr);
  const torch::Tensor ids = io->tensor("input_ids");
  const nn::ClipTextOutput out = model->forward(ids);
  SHOTCRAFT_EXPECT_CLOSE("last_hidden_state", out.lastHiddenState, io->tensor("last_hidden_state"), kTol);
  ASSERT_EQ(out.hiddenStates.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    const std::string key = "hidden_states." + std::to_string(i);
    SHOTCRAFT_EXPECT_CLOSE(key, out.hiddenStates[static_cast<size_t>(i)], io->tensor(key), kTol);
  }
  SHOTCRAFT_EXPECT_CLOSE("pooler_output", out.pooled, io->tensor("pooler_output"), kTol);

  // encode(): clip skip 0 = last_hidden_state, 1 = final_layer_norm(hidden_states[-2]).
  SHOTCRAFT_EXPECT_CLOSE("encode(skip 0)", model->encode(ids), io->tensor("last_hidden_state"), kTol);
  const torch::Tensor skipped = model->text_model->final_layer_norm(io->tensor("hidden_states.1"));
  SHOTCRAFT_EXPECT_CLOSE("encode(skip 1)", model->encode(ids, 1), skipped, kTol);
  EXPECT_THROW(model->encode(ids, 2), c10::Error);
}

TEST(ClipText, CausalMaskAndBatchIndependence) {
  if (!refsAvailable()) GTEST_SKIP() << "sd-tiny refs not found";
  torch::NoGradGuard noGrad;
  nn::ClipTextModel model = loadTinyClip();
  auto io = openRef("io_text_encoder.safetensors");
  ASSERT_NE(io, nullptr);
  const torch::Tensor ids = io->tensor("input_ids");
  // Changing a later token must not change earlier positions.
  torch::Tensor changed = ids.clone();
  changed.index_put_({0, 10}, 5);
  const torch::Tensor a = model->encode(ids), b = model->encode(changed);
  EXPECT_LE(shotcraft::test::maxAbsDiff(a.narrow(1, 0, 10), b.narrow(1, 0, 10)), 1e-6);
  EXPECT_GT(shotcraft::test::maxAbsDiff(a.narrow(1, 10, 1), b.narrow(1, 10, 1)), 1e-4);
  // A batch of two gives the same rows as two single runs; shorter sequences are accepted.
  const torch::Tensor both = model->encode(torch::cat({ids, changed}));
  EXPECT_LE(shotcraft::test::maxAbsDiff(both[1], b[0]), 1e-5);
  EXPECT_EQ(model->encode(ids.narrow(1, 0, 20)).sizes(), (std::vector<int64_t>{1, 20, 32}));
  EXPECT_THROW(model->encode(torch::full({1, 78}, 1, torch::kInt64)), c10::Error);
  EXPECT_THROW(model->encode(torch::full({1, 5}, 1000, torch::kInt64)), c10::Error);
}
