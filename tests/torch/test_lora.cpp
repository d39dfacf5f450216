// LoRA: kohya and diffusers/PEFT files on the sd-tiny UNet + text encoder, several at once, exact unload,
// and through the engine.
#include <torch/torch.h>

#include <gtest/gtest.h>

#include <QTemporaryDir>

#include <map>
#include <set>

#include "plugins/torch_engine/lora/LoraFile.h"
#include "plugins/torch_engine/lora/LoraStack.h"
#include "plugins/torch_engine/pipeline/ModelBundle.h"
#include "plugins/torch_engine/pipeline/TorchEngine.h"
#include "plugins/torch_engine/safetensors/SafeTensorsWriter.h"
#include "tests/torch/RefTestUtil.h"
#include "tests/torch/TinyModel.h"

using namespace shotcraft::torch_engine;
using shotcraft::test::refsPath;

namespace {

using Tensors = std::vector<std::pair<std::string, torch::Tensor>>;

// One LoRA pair for `param` (shape [O, I] or [O, I, k, k]) in a given naming: down [r, I(, k, k)], up [O, r(, 1, 1)].
void addPair(Tensors& t, const std::string& base, const std::string& downSuffix, const std::string& upSuffix,
             c10::IntArrayRef shape, int64_t rank) {
  std::vector<int64_t> down{rank, shape[1]}, up{shape[0], rank};
  if (shape.size() == 4) {
    down.insert(down.end(), {shape[2], shape[3]});
    up.insert(up.end(), {1, 1});
  }
  t.emplace_back(base + downSuffix, torch::randn(down) * 0.3);
  t.emplace_back(base + upSuffix, torch::randn(up) * 0.3);
}

std::map<std::string, torch::Tensor> snapshot(torch::nn::Module& m) {
  std::map<std::string, torch::Tensor> out;
  for (const auto& p : m.named_parameters()) out[p.key()] = p.value().detach().clone();
  return out;
}

int64_t countChanged(torch::nn::Module& m, const std::map<std::string, torch::Tensor>& base) {
  int64_t changed = 0;
  for (const auto& p : m.named_parameters()) changed += torch::equal(p.value(), base.at(p.key())) ? 0 : 1;
  return changed;
}

class LoraTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!shotcraft::test::refsAvailable()) GTEST_SKIP() << "shared/refs absent";
    torch::manual_seed(11);
    std::string error;
    ASSERT_TRUE(nn::loadUNetFolder(refsPath("sd-tiny/unet"), &m_unet, &error)) << error;
    ASSERT_TRUE(loadClipTextFolder(refsPath("sd-tiny/text_encoder"), &m_text, &error)) << error;
    m_unet->eval();
    m_text->eval();
    ASSERT_TRUE(m_tmp.isValid());
  }
  torch::Tensor param(torch::nn::Module& m, const std::string& name) { return m.named_parameters()[name]; }
  std::string write(const std::string& name, const Tensors& t) {
    const std::string path = m_tmp.path().toStdString() + "/" + name;
    std::string error;
    EXPECT_TRUE(writeSafeTensors(path, t, {}, &error)) << error;
    return path;
  }
  // kohya: 1x1 conv proj_in, 3x3 conv1, attn1.to_q, LDM-named proj_out, text q_proj; alpha 2 at rank 4.
  std::string kohyaFile() {
    Tensors t;
    const std::pair<std::string, std::string> unet[] = {
        {"lora_unet_down_blocks_0_attentions_0_proj_in", "down_blocks.0.attentions.0.proj_in.weight"},
        {"lora_unet_down_blocks_0_resnets_0_conv1", "down_blocks.0.resnets.0.conv1.weight"},
        {"lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn1_to_q",
         "down_blocks.0.attentions.0.transformer_blocks.0.attn1.to_q.weight"},
        {"lora_unet_output_blocks_3_1_proj_out", "up_blocks.1.attentions.0.proj_out.weight"}};
    for (const auto& [key, p] : unet) {
      addPair(t, key, ".lora_down.weight", ".lora_up.weight", param(*m_unet, p).sizes(), 4);
      t.emplace_back(key + ".alpha", torch::tensor(2.0f));
    }
    addPair(t, "lora_te_text_model_encoder_layers_0_self_attn_q_proj", ".lora_down.weight", ".lora_up.weight",
            param(*m_text, "text_model.encoder.layers.0.self_attn.q_proj.weight").sizes(), 4);
    t.emplace_back("lora_te_text_model_encoder_layers_0_self_attn_q_proj.alpha", torch::tensor(2.0f));
    return write("kohya.safetensors", t);
  }
  // diffusers / PEFT names, rank 2, no alpha; overlaps the kohya file on attn1.to_q.
  std::string diffusersFile() {
    Tensors t;
    const std::string tb = "down_blocks.0.attentions.0.transformer_blocks.0.";
    addPair(t, "unet." + tb + "attn1.to_q", ".lora_A.weight", ".lora_B.weight",
            param(*m_unet, tb + "attn1.to_q.weight").sizes(), 2);
    addPair(t, "unet." + tb + "attn2.to_k", ".lora.down.weight", ".lora.up.weight",
            param(*m_unet, tb + "attn2.to_k.weight").sizes(), 2);
    addPair(t, "unet." + tb + "attn1.processor.to_out", "_lora.down.weight", "_lora.up.weight",
            param(*m_unet, tb + "attn1.to_out.0.weight").sizes(), 2);
    addPair(t, "text_encoder.text_model.encoder.layers.1.mlp.fc1", ".lora_A.weight", ".lora_B.weight",
            param(*m_text, "text_model.encoder.layers.1.mlp.fc1.weight").sizes(), 2);
    return write("diffusers.safetensors", t);
  }
  torch::Tensor unetOut() {
    auto io = shotcraft::test::openRef("io_unet.safetensors");
    return m_unet->forward(io->tensor("sample"), io->tensor("timestep"), io->tensor("encoder_hidden_states"));
  }
  torch::Tensor textOut() {
    auto io = shotcraft::test::openRef("io_text_encoder.safetensors");
    return m_text->forward(io->tensor("input_ids")).lastHiddenState;
  }

  torch::NoGradGuard m_noGrad;
  nn::UNet m_unet{nullptr};
  nn::ClipTextModel m_text{nullptr};
  QTemporaryDir m_tmp;
};

}  // namespace

TEST_F(LoraTest, ParsesBothFormats) {
  lora::LoraWeights kohya, diffusers;
  std::string error;
  ASSERT_TRUE(lora::loadLora(kohyaFile(), m_unet, &m_text, &kohya, &error)) << error;
  ASSERT_TRUE(lora::loadLora(diffusersFile(), m_unet, &m_text, &diffusers, &error)) << error;
  ASSERT_EQ(kohya.patches.size(), 5u);
  ASSERT_EQ(diffusers.patches.size(), 4u);
  std::set<std::string> names;
  for (const auto* w : {&kohya, &diffusers}) {
    for (const auto& p : w->patches) names.insert(p.parameter);
  }
  EXPECT_TRUE(names.count("up_blocks.1.attentions.0.proj_out.weight"));  // LDM-named kohya key
  EXPECT_TRUE(names.count("down_blocks.0.attentions.0.transformer_blocks.0.attn1.to_out.0.weight"));
  EXPECT_TRUE(names.count("text_model.encoder.layers.1.mlp.fc1.weight"));
  for (const auto& p : kohya.patches) EXPECT_DOUBLE_EQ(p.alpha, 2.0) << p.parameter;
  for (const auto& p : diffusers.patches) EXPECT_DOUBLE_EQ(p.alpha, 2.0) << p.parameter;  // = rank
}

TEST_F(LoraTest, TwoAtOnceChangeOutputsAndUnloadRestoresBitForBit) {
  lora::LoraWeights a, b;
  std::string error;
  ASSERT_TRUE(lora::loadLora(kohyaFile(), m_unet, &m_text, &a, &error)) << error;
  ASSERT_TRUE(lora::loadLora(diffusersFile(), m_unet, &m_text, &b, &error)) << error;
  const auto unetBase = snapshot(*m_unet), textBase = snapshot(*m_text);
  const auto out0 = unetOut(), text0 = textOut();

  lora::LoraStack stack;
  ASSERT_TRUE(stack.apply(m_unet, &m_text, {{&a, 0.8f}, {&b, -0.5f}}, &error)) << error;
  EXPECT_EQ(stack.touchedTensors(), 8u);  // 9 patches, attn1.to_q shared
  EXPECT_EQ(countChanged(*m_unet, unetBase), 6);
  EXPECT_EQ(countChanged(*m_text, textBase), 2);
  // W = W0 + sum_i weight_i * alpha_i / rank_i * up_i @ down_i (3x3 conv: flattened, reshaped).
  for (const auto& [weights, w] : {std::pair{&a, 0.8}, std::pair{&b, -0.5}}) {
    for (const auto& p : weights->patches) {
      if (p.parameter.find("attn1.to_q") != std::string::npos || p.target != lora::LoraTarget::UNet) continue;
      const auto expected = unetBase.at(p.parameter) + w * p.alpha / double(p.rank()) *
                                torch::mm(p.up.flatten(1), p.down.flatten(1)).reshape(unetBase.at(p.parameter).sizes());
      SHOTCRAFT_EXPECT_CLOSE(p.parameter, param(*m_unet, p.parameter), expected, 1e-6);
    }
  }
  const double unetChange = shotcraft::test::maxAbsDiff(unetOut(), out0);
  const double textChange = shotcraft::test::maxAbsDiff(textOut(), text0);
  std::printf("  output change with two LoRAs: unet %.3g, text %.3g\n", unetChange, textChange);
  EXPECT_GT(unetChange, 1e-3);
  EXPECT_GT(textChange, 1e-3);

  stack.restore();
  EXPECT_EQ(countChanged(*m_unet, unetBase), 0);
  EXPECT_EQ(countChanged(*m_text, textBase), 0);
  EXPECT_TRUE(torch::equal(unetOut(), out0));
  // Re-applying replaces, never accumulates.
  ASSERT_TRUE(stack.apply(m_unet, &m_text, {{&a, 1.0f}}, &error)) << error;
  ASSERT_TRUE(stack.apply(m_unet, &m_text, {{&a, 1.0f}}, &error)) << error;
  const auto once = snapshot(*m_unet);
  stack.restore();
  ASSERT_TRUE(stack.apply(m_unet, &m_text, {{&a, 1.0f}}, &error)) << error;
  EXPECT_EQ(countChanged(*m_unet, once), 0);
  stack.restore();
  EXPECT_EQ(countChanged(*m_unet, unetBase), 0);
}

TEST_F(LoraTest, UnknownKeyAndBadShapeAreNamed) {
  Tensors t;
  addPair(t, "lora_unet_down_blocks_9_no_such_layer", ".lora_down.weight", ".lora_up.weight", {8, 8}, 2);
  lora::LoraWeights w;
  std::string error;
  EXPECT_FALSE(lora::loadLora(write("bad.safetensors", t), m_unet, &m_text, &w, &error));
  EXPECT_NE(error.find("lora_unet_down_blocks_9_no_such_layer.lora_down.weight"), std::string::npos) << error;
  EXPECT_NE(error.find("names no module"), std::string::npos) << error;

  Tensors s;
  addPair(s, "lora_unet_conv_in", ".lora_down.weight", ".lora_up.weight", {7, 7}, 2);
  EXPECT_FALSE(lora::loadLora(write("shape.safetensors", s), m_unet, &m_text, &w, &error));
  EXPECT_NE(error.find("does not fit 'conv_in.weight'"), std::string::npos) << error;

  Tensors m;
  m.emplace_back("lora_unet_conv_in.lora_mid.weight", torch::zeros({2, 2, 3, 3}));
  EXPECT_FALSE(lora::loadLora(write("mid.safetensors", m), m_unet, &m_text, &w, &error));
  EXPECT_NE(error.find("lora_unet_conv_in.lora_mid.weight"), std::string::npos) << error;
}

TEST(LoraEngine, RequestLorasApplyAndUnload) {
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  ASSERT_EQ(shotcraft::test::writeTinyModel(dir.path().toStdString()), "");
  ModelBundle bundle;
  std::string error;
  ASSERT_TRUE(ModelBundle::load(dir.path().toStdString(), ComputeTarget{}, &bundle, &error)) << error;
  const auto convIn = bundle.unet->named_parameters()["conv_in.weight"].sizes().vec();
  Tensors t;
  torch::manual_seed(3);
  addPair(t, "lora_unet_conv_in", ".lora_down.weight", ".lora_up.weight", convIn, 2);
  const std::string path = dir.path().toStdString() + "/style.safetensors";
  ASSERT_TRUE(writeSafeTensors(path, t, {}, &error)) << error;

  TorchEngine engine(std::move(bundle));
  shotcraft::engine::GenerationRequest r;
  r.prompt = "a lighthouse";
  r.width = 64;
  r.height = 64;
  r.steps = 2;
  r.sampler = "euler";
  r.preview_every_step = false;
  const auto base = engine.generate(r, nullptr, shotcraft::engine::CancelToken());
  ASSERT_TRUE(base.ok) << base.error;
  r.loras = {{path, 1.0f}};
  const auto styled = engine.generate(r, nullptr, shotcraft::engine::CancelToken());
  ASSERT_TRUE(styled.ok) << styled.error;
  EXPECT_NE(styled.image.data, base.image.data);
  r.loras.clear();
  const auto again = engine.generate(r, nullptr, shotcraft::engine::CancelToken());
  ASSERT_TRUE(again.ok) << again.error;
  EXPECT_EQ(again.image.data, base.image.data);
  r.loras = {{path + ".missing", 1.0f}};
  const auto missing = engine.generate(r, nullptr, shotcraft::engine::CancelToken());
  EXPECT_FALSE(missing.ok);
  EXPECT_NE(missing.error.find("does not exist"), std::string::npos) << missing.error;
}
