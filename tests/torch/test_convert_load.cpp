// Single-file (LDM) checkpoints: config inference, loading through the key tables against the sd-tiny
// reference outputs, SD 2.x / SDXL detection, the tokenizer search and probeModel.
#include <torch/torch.h>

#include <gtest/gtest.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "plugins/torch_engine/convert/KeyMap.h"
#include "plugins/torch_engine/convert/MappedStateDict.h"
#include "plugins/torch_engine/convert/ModelProbe.h"
#include "plugins/torch_engine/convert/SingleFileLoader.h"
#include "plugins/torch_engine/pipeline/ModelBundle.h"
#include "plugins/torch_engine/safetensors/SafeTensorsWriter.h"
#include "tests/torch/RefTestUtil.h"

using namespace shotcraft::torch_engine;
using namespace shotcraft::torch_engine::convert;
using shotcraft::test::refsPath;
namespace fs = std::filesystem;

namespace {

using Tensors = std::vector<std::pair<std::string, torch::Tensor>>;

// sd-tiny's UNet (LDM file) + VAE (converted, LDM shapes) + text encoder (under cond_stage_model.transformer.).
Tensors tinyLdmTensors(bool withText = true) {
  Tensors out;
  std::string error;
  auto unet = SafeTensorsFile::open(refsPath("sd-tiny/unet_ldm.safetensors"), &error);
  EXPECT_NE(unet, nullptr) << error;
  for (const auto& n : unet->names()) out.emplace_back(n, unet->tensor(n).clone());
  nn::Vae vae{nullptr};
  EXPECT_TRUE(loadVaeFolder(refsPath("sd-tiny/vae"), &vae, &error)) << error;
  QFile f(QString::fromStdString(refsPath("sd-tiny/vae_ldm_keymap.json")));
  EXPECT_TRUE(f.open(QIODevice::ReadOnly));
  const QJsonObject shapes = QJsonDocument::fromJson(f.readAll()).object();
  for (auto& [key, t] : toLdmStateDict(*vae, vaeLdmKeyMap(vae->config()))) {
    std::vector<int64_t> shape;
    for (const auto& v : shapes.value(QString::fromStdString(key)).toObject().value("ldm_shape").toArray()) {
      shape.push_back(v.toInt());
    }
    EXPECT_FALSE(shape.empty()) << key;
    out.emplace_back(key, t.reshape(shape));
  }
  if (withText) {
    nn::ClipTextModel text{nullptr};
    EXPECT_TRUE(loadClipTextFolder(refsPath("sd-tiny/text_encoder"), &text, &error)) << error;
    for (const auto& p : text->named_parameters()) out.emplace_back("cond_stage_model.transformer." + p.key(), p.value());
  }
  return out;
}

void writeFile(const std::string& path, const Tensors& tensors) {
  std::string error;
  fs::create_directories(fs::path(path).parent_path());
  ASSERT_TRUE(writeSafeTensors(path, tensors, {}, &error)) << error;
}

void addTokenizer(const fs::path& dir) {
  fs::create_directories(dir / "tokenizer");
  fs::copy_file(refsPath("sd-tiny/tokenizer/bpe_simple_vocab_16e6.txt.gz"), dir / "tokenizer/bpe_simple_vocab_16e6.txt.gz");
}

class ConvertLoadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!shotcraft::test::refsAvailable()) GTEST_SKIP() << "shared/refs absent";
    torch::set_num_threads(2);
    ASSERT_TRUE(m_tmp.isValid());
    m_root = fs::path(m_tmp.path().toStdString()) / "models" / "sd";
    m_file = (m_root / "tiny-sd1.safetensors").string();
    writeFile(m_file, tinyLdmTensors());
    addTokenizer(m_root);
  }
  torch::NoGradGuard m_noGrad;
  QTemporaryDir m_tmp;
  fs::path m_root;
  std::string m_file;
};

}  // namespace

TEST_F(ConvertLoadTest, InfersTheTinyConfigsFromShapes) {
  std::string error;
  auto file = SafeTensorsFile::open(m_file, &error);
  ASSERT_NE(file, nullptr) << error;
  CheckpointConfig c;
  ASSERT_TRUE(inferCheckpointConfig(*file, &c, &error)) << error;
  EXPECT_EQ(c.family, ModelFamily::Sd1);
  nn::UNetConfig ref;
  ASSERT_TRUE(nn::UNetConfig::fromFile(refsPath("sd-tiny/unet/config.json"), &ref, &error)) << error;
  EXPECT_EQ(c.unet.blockOutChannels, ref.blockOutChannels);
  EXPECT_EQ(c.unet.layersPerBlock, ref.layersPerBlock);
  EXPECT_EQ(c.unet.downBlockTypes, ref.downBlockTypes);
  EXPECT_EQ(c.unet.upBlockTypes, ref.upBlockTypes);
  EXPECT_EQ(c.unet.crossAttentionDim, ref.crossAttentionDim);
  EXPECT_EQ(c.unet.numAttentionHeads, ref.numAttentionHeads);
  EXPECT_EQ(c.unet.useLinearProjection, ref.useLinearProjection);
  EXPECT_EQ(c.vae.blockOutChannels, (std::vector<int64_t>{32, 64}));
  EXPECT_EQ(c.vae.layersPerBlock, 2);
  EXPECT_EQ(c.vae.latentChannels, 4);
  EXPECT_EQ(c.text.hiddenSize, 32);
  EXPECT_EQ(c.text.numHiddenLayers, 2);
  EXPECT_EQ(c.text.intermediateSize, 37);
  EXPECT_EQ(c.text.vocabSize, 1000);
  EXPECT_EQ(c.text.eosTokenId, 999);
  EXPECT_EQ(c.prediction, PredictionType::Epsilon);
}

TEST_F(ConvertLoadTest, SingleFileMatchesDiffusersFolderBitForBit) {
  std::string error;
  SingleFileModel m;
  ASSERT_TRUE(loadSingleFileCheckpoint(m_file, &m, &error)) << error;
  ASSERT_TRUE(m.tokenizer.has_value());
  nn::UNet folderUnet{nullptr};
  ASSERT_TRUE(nn::loadUNetFolder(refsPath("sd-tiny/unet"), &folderUnet, &error)) << error;
  auto folderParams = folderUnet->named_parameters();
  for (const auto& p : m.unet->named_parameters()) EXPECT_TRUE(torch::equal(p.value(), folderParams[p.key()])) << p.key();

  auto io = shotcraft::test::openRef("io_unet.safetensors");
  ASSERT_NE(io, nullptr);
  m.unet->eval();
  const auto out = m.unet->forward(io->tensor("sample"), io->tensor("timestep"), io->tensor("encoder_hidden_states"));
  SHOTCRAFT_EXPECT_CLOSE("single-file unet out", out, io->tensor("out"), 1e-4);
  const auto folderOut =
      folderUnet->forward(io->tensor("sample"), io->tensor("timestep"), io->tensor("encoder_hidden_states"));
  EXPECT_TRUE(torch::equal(out, folderOut)) << "single file vs diffusers folder";

  auto vio = shotcraft::test::openRef("io_vae.safetensors");
  ASSERT_NE(vio, nullptr);
  m.vae->eval();
  SHOTCRAFT_EXPECT_CLOSE("single-file vae decoded", m.vae->decode(vio->tensor("latent")), vio->tensor("decoded"), 1e-4);
  SHOTCRAFT_EXPECT_CLOSE("single-file vae mean", m.vae->encode(vio->tensor("image")).mean, vio->tensor("mean"), 1e-4);

  // Text weights arrive bit for bit (the head count is not in the shapes: 64-wide heads are assumed, as in SD).
  nn::ClipTextModel folderText{nullptr};
  ASSERT_TRUE(loadClipTextFolder(refsPath("sd-tiny/text_encoder"), &folderText, &error)) << error;
  auto textParams = folderText->named_parameters();
  for (const auto& p : m.text->named_parameters()) EXPECT_TRUE(torch::equal(p.value(), textParams[p.key()])) << p.key();
  auto tio = shotcraft::test::openRef("io_text_encoder.safetensors");
  ASSERT_NE(tio, nullptr);
  auto file = SafeTensorsFile::open(m_file, &error);
  nn::ClipTextModel text(folderText->config());
  ASSERT_TRUE(loadMappedStateDict(*text, *file, clipSd1KeyMap(), {}, &error)) << error;
  text->eval();
  SHOTCRAFT_EXPECT_CLOSE("single-file text last_hidden_state", text->forward(tio->tensor("input_ids")).lastHiddenState,
                         tio->tensor("last_hidden_state"), 1e-4);
}

TEST_F(ConvertLoadTest, ModelBundleAcceptsASingleFile) {
  ModelBundle bundle;
  std::string error;
  ASSERT_TRUE(ModelBundle::load(m_file, ComputeTarget{}, &bundle, &error)) << error;
  EXPECT_EQ(bundle.name, "tiny-sd1");
  EXPECT_EQ(bundle.latentChannels(), 4);
  EXPECT_EQ(bundle.vaeScale(), 2);
}

TEST_F(ConvertLoadTest, MissingTokenizerIsNamed) {
  const std::string lonely = (fs::path(m_tmp.path().toStdString()) / "a" / "b" / "lonely.safetensors").string();
  writeFile(lonely, tinyLdmTensors());
  SingleFileModel m;
  std::string error;
  EXPECT_FALSE(loadSingleFileCheckpoint(lonely, &m, &error));
  EXPECT_NE(error.find("no tokenizer"), std::string::npos) << error;
  EXPECT_NE(error.find("merges.txt"), std::string::npos) << error;
}

TEST_F(ConvertLoadTest, MissingTensorAndSdxlAreClearErrors) {
  Tensors t = tinyLdmTensors();
  t.erase(std::remove_if(t.begin(), t.end(), [](const auto& p) { return p.first.find("middle_block.2.out_layers.3.weight") != std::string::npos; }), t.end());
  const std::string broken = (m_root / "broken.safetensors").string();
  writeFile(broken, t);
  SingleFileModel m;
  std::string error;
  EXPECT_FALSE(loadSingleFileCheckpoint(broken, &m, &error));
  EXPECT_NE(error.find("model.diffusion_model.middle_block.2.out_layers.3.weight"), std::string::npos) << error;

  t.emplace_back("conditioner.embedders.0.transformer.text_model.final_layer_norm.weight", torch::ones({4}));
  const std::string xl = (m_root / "xl.safetensors").string();
  writeFile(xl, t);
  EXPECT_FALSE(loadSingleFileCheckpoint(xl, &m, &error));
  EXPECT_NE(error.find("SDXL is not supported yet"), std::string::npos) << error;
  EXPECT_EQ(probeModel(xl).family, ModelFamily::Sdxl);
}

TEST_F(ConvertLoadTest, Sd2OpenClipAndVPrediction) {
  nn::ClipTextConfig tc;
  tc.vocabSize = 1000;
  tc.hiddenSize = 64;
  tc.intermediateSize = 96;
  tc.numHiddenLayers = 3;  // SD 2.x uses all but the last
  tc.numAttentionHeads = 1;
  tc.hiddenAct = nn::ClipActivation::Gelu;
  nn::ClipTextModel source(tc);
  Tensors t = tinyLdmTensors(false);
  for (auto& kv : toLdmStateDict(*source, clipOpenClipKeyMap(tc))) t.push_back(kv);
  t.emplace_back("cond_stage_model.model.text_projection", torch::zeros({64, 64}));
  for (const char* name : {"tiny-768-v.safetensors", "tiny-sd2.safetensors"}) {
    const std::string path = (m_root / name).string();
    Tensors withExtras = t;
    withExtras.emplace_back("first_stage_model.loss.logvar", torch::zeros({1}));  // ignored, as in some files
    writeFile(path, withExtras);
    SingleFileModel m;
    std::string error;
    ASSERT_TRUE(loadSingleFileCheckpoint(path, &m, &error)) << error;
    EXPECT_EQ(m.text->config().numHiddenLayers, 2);
    EXPECT_EQ(m.text->config().hiddenAct, nn::ClipActivation::Gelu);
    EXPECT_EQ(m.tokenizer->pad(), 0);
    auto ours = m.text->named_parameters();
    for (const auto& p : source->named_parameters()) {
      if (p.key().find("layers.2.") != std::string::npos) continue;
      EXPECT_TRUE(torch::equal(p.value(), ours[p.key()])) << p.key();
    }
    const bool v = std::string(name).find("-v") != std::string::npos;
    EXPECT_EQ(m.config.family, v ? ModelFamily::Sd2V : ModelFamily::Sd2) << name;
    EXPECT_EQ(m.scheduler.prediction_type, v ? PredictionType::VPrediction : PredictionType::Epsilon) << name;
    if (!v) {
      EXPECT_NE(m.config.note.find("epsilon"), std::string::npos);
    }
  }
  std::ofstream((m_root / "tiny-sd2.yaml").string()) << "model:\n  params:\n    parameterization: \"v\"\n";
  EXPECT_EQ(probeModel((m_root / "tiny-sd2.safetensors").string()).family, ModelFamily::Sd2V);
}

TEST_F(ConvertLoadTest, ProbeModel) {
  const ModelProbe file = probeModel(m_file);
  EXPECT_EQ(file.layout, ModelLayout::SingleFile);
  EXPECT_EQ(file.family, ModelFamily::Sd1);
  EXPECT_EQ(file.sizeBytes, fs::file_size(m_file));
  const ModelProbe folder = probeModel(refsPath("sd-tiny"));
  EXPECT_EQ(folder.layout, ModelLayout::DiffusersFolder);
  EXPECT_EQ(folder.family, ModelFamily::Sd1) << folder.message;
  EXPECT_GT(folder.sizeBytes, 1000000u);
  EXPECT_EQ(probeModel(refsPath("sd-tiny/controlnet")).family, ModelFamily::ControlNet);
  EXPECT_EQ(probeModel(refsPath("sd-tiny/vae")).family, ModelFamily::Vae);
  const ModelProbe none = probeModel(m_file + ".missing");
  EXPECT_EQ(none.family, ModelFamily::Unknown);
  EXPECT_NE(none.message.find("does not exist"), std::string::npos);
  EXPECT_STREQ(familyName(ModelFamily::Sd2V), "sd2-v");
  EXPECT_STREQ(layoutName(ModelLayout::SingleFile), "single-file");
}
