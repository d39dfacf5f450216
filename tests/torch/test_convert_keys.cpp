// LDM <-> diffusers key tables: checked against sd-tiny's reference key maps, and round trips.
#include <torch/torch.h>

#include <gtest/gtest.h>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include "plugins/torch_engine/convert/KeyMap.h"
#include "plugins/torch_engine/convert/MappedStateDict.h"
#include "plugins/torch_engine/nn/ClipText.h"
#include "plugins/torch_engine/nn/UNet.h"
#include "plugins/torch_engine/nn/Vae.h"
#include "plugins/torch_engine/safetensors/SafeTensorsWriter.h"
#include "tests/torch/RefTestUtil.h"

using namespace shotcraft::torch_engine;
using namespace shotcraft::torch_engine::convert;

namespace {

QJsonObject readJson(const std::string& relative) {
  QFile f(QString::fromStdString(shotcraft::test::refsPath("sd-tiny/" + relative)));
  if (!f.open(QIODevice::ReadOnly)) return {};
  return QJsonDocument::fromJson(f.readAll()).object();
}

nn::UNetConfig refUNetConfig() {
  nn::UNetConfig c;
  std::string error;
  EXPECT_TRUE(nn::UNetConfig::fromFile(shotcraft::test::refsPath("sd-tiny/unet/config.json"), &c, &error)) << error;
  return c;
}

nn::VaeConfig refVaeConfig() {
  nn::VaeConfig c;
  std::string error;
  EXPECT_TRUE(nn::VaeConfig::fromFile(shotcraft::test::refsPath("sd-tiny/vae/config.json"), &c, &error)) << error;
  return c;
}

// diffusers -> LDM -> diffusers is the identity for every parameter of the module; returns the count.
size_t expectRoundTrip(torch::nn::Module& module, const KeyMap& map) {
  size_t n = 0;
  for (const auto& p : module.named_parameters(true)) {
    const auto ldm = map.toLdm(p.key());
    EXPECT_TRUE(ldm.has_value()) << p.key();
    if (!ldm) continue;
    if (ldm->chunk >= 0) continue;  // fused tensors are checked separately
    const auto back = map.toDiffusers(ldm->key);
    EXPECT_TRUE(back.has_value()) << ldm->key;
    if (back) {
      EXPECT_EQ(*back, p.key()) << "via " << ldm->key;
    }
    ++n;
  }
  return n;
}

class ConvertKeysTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!shotcraft::test::refsAvailable()) GTEST_SKIP() << "shared/refs absent";
  }
};

}  // namespace

TEST_F(ConvertKeysTest, UNetTableMatchesReferenceKeyMap) {
  const KeyMap map = unetLdmKeyMap(refUNetConfig());
  const QJsonObject ref = readJson("unet_ldm_keymap.json");
  ASSERT_EQ(ref.size(), 304);
  for (auto it = ref.begin(); it != ref.end(); ++it) {
    const std::string ldm = it.key().toStdString(), diff = it.value().toString().toStdString();
    const auto d = map.toDiffusers(ldm);
    ASSERT_TRUE(d.has_value()) << ldm;
    EXPECT_EQ(*d, diff) << ldm;
    const auto l = map.toLdm(diff);
    ASSERT_TRUE(l.has_value()) << diff;
    EXPECT_EQ(l->key, ldm) << diff;
  }
  EXPECT_FALSE(map.toDiffusers("model.diffusion_model.input_blocks.9.0.in_layers.0.weight").has_value());
  EXPECT_FALSE(map.toDiffusers("first_stage_model.encoder.conv_in.weight").has_value());
}

TEST_F(ConvertKeysTest, VaeTableMatchesReferenceKeyMap) {
  const KeyMap map = vaeLdmKeyMap(refVaeConfig());
  const QJsonObject ref = readJson("vae_ldm_keymap.json");
  ASSERT_EQ(ref.size(), 156);
  for (auto it = ref.begin(); it != ref.end(); ++it) {
    const std::string ldm = it.key().toStdString();
    const std::string diff = it.value().toObject().value("diffusers").toString().toStdString();
    const auto d = map.toDiffusers(ldm);
    ASSERT_TRUE(d.has_value()) << ldm;
    EXPECT_EQ(*d, diff) << ldm;
    const auto l = map.toLdm(diff);
    ASSERT_TRUE(l.has_value()) << diff;
    EXPECT_EQ(l->key, ldm) << diff;
  }
}

TEST_F(ConvertKeysTest, RoundTripsAreIdentity) {
  nn::UNet unet(refUNetConfig());
  EXPECT_EQ(expectRoundTrip(*unet, unetLdmKeyMap(unet->config())), 304u);
  nn::Vae vae(refVaeConfig());
  EXPECT_EQ(expectRoundTrip(*vae, vaeLdmKeyMap(vae->config())), 156u);
  nn::ClipTextConfig tc;
  tc.vocabSize = 100;
  tc.hiddenSize = 64;
  tc.intermediateSize = 96;
  tc.numHiddenLayers = 2;
  tc.numAttentionHeads = 1;
  nn::ClipTextModel text(tc);
  EXPECT_GT(expectRoundTrip(*text, clipSd1KeyMap()), 30u);
  EXPECT_EQ(*clipSd1KeyMap("cond_stage_model.transformer.", false).toDiffusers(
                "cond_stage_model.transformer.encoder.layers.1.mlp.fc1.weight"),
            "text_model.encoder.layers.1.mlp.fc1.weight");
  // The 4-level SD 1.5 layout the diffusers conversion script hard-codes (narrow channels, same blocks).
  nn::UNetConfig narrow;
  narrow.blockOutChannels = {32, 32, 64, 64};
  narrow.crossAttentionDim = {32, 32, 32, 32};
  nn::UNet sd15(narrow);
  const KeyMap sd15Map = unetLdmKeyMap(sd15->config());
  EXPECT_EQ(expectRoundTrip(*sd15, sd15Map), sd15->named_parameters().size());
  EXPECT_EQ(sd15Map.toLdm("up_blocks.0.upsamplers.0.conv.weight")->key,
            "model.diffusion_model.output_blocks.2.1.conv.weight");
  EXPECT_EQ(sd15Map.toLdm("up_blocks.2.upsamplers.0.conv.bias")->key,
            "model.diffusion_model.output_blocks.8.2.conv.bias");
  EXPECT_EQ(sd15Map.toLdm("down_blocks.2.downsamplers.0.conv.weight")->key,
            "model.diffusion_model.input_blocks.9.0.op.weight");
  EXPECT_EQ(sd15Map.toLdm("up_blocks.3.attentions.2.transformer_blocks.0.attn2.to_k.weight")->key,
            "model.diffusion_model.output_blocks.11.1.transformer_blocks.0.attn2.to_k.weight");
}

TEST_F(ConvertKeysTest, OpenClipSplitsFusedInProjection) {
  nn::ClipTextConfig tc;
  tc.vocabSize = 100;
  tc.hiddenSize = 64;
  tc.intermediateSize = 96;
  tc.numHiddenLayers = 2;
  tc.numAttentionHeads = 1;
  tc.hiddenAct = nn::ClipActivation::Gelu;
  nn::ClipTextModel text(tc);
  const KeyMap map = clipOpenClipKeyMap(tc);
  EXPECT_GT(expectRoundTrip(*text, map), 20u);
  const auto v = map.toLdm("text_model.encoder.layers.1.self_attn.v_proj.bias");
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->key, "cond_stage_model.model.transformer.resblocks.1.attn.in_proj_bias");
  EXPECT_EQ(v->chunk, 2);
  EXPECT_EQ(v->chunks, 3);
  EXPECT_EQ(map.toLdm("text_model.embeddings.position_embedding.weight")->key,
            "cond_stage_model.model.positional_embedding");
  // Export and re-import through the table gives every parameter back bit for bit.
  const auto ldm = toLdmStateDict(*text, map);
  const std::string path = ::testing::TempDir() + "/openclip_roundtrip.safetensors";
  std::string error;
  ASSERT_TRUE(writeSafeTensors(path, ldm, {}, &error)) << error;
  auto file = SafeTensorsFile::open(path, &error);
  ASSERT_NE(file, nullptr) << error;
  EXPECT_TRUE(file->contains("cond_stage_model.model.transformer.resblocks.0.attn.in_proj_weight"));
  EXPECT_EQ(file->info("cond_stage_model.model.transformer.resblocks.0.attn.in_proj_weight")->shape,
            (std::vector<int64_t>{192, 64}));
  nn::ClipTextModel again(tc);
  ASSERT_TRUE(loadMappedStateDict(*again, *file, map, {}, &error)) << error;
  auto a = text->named_parameters(), b = again->named_parameters();
  for (const auto& p : a) EXPECT_TRUE(torch::equal(p.value(), b[p.key()])) << p.key();
}
