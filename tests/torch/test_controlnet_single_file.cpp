// ControlNet 1.x single files (original control_model.* layout): the sd-tiny reference ControlNet written out
// under LDM names through the key table, loaded back with an inferred config, against the diffusers load and
// the reference residuals; the table's UNet-side names against the reference unet_ldm_keymap.json.
#include <torch/torch.h>

#include <gtest/gtest.h>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <filesystem>

#include "plugins/torch_engine/convert/ControlNetSingleFile.h"
#include "plugins/torch_engine/convert/KeyMap.h"
#include "plugins/torch_engine/convert/MappedStateDict.h"
#include "plugins/torch_engine/convert/ModelProbe.h"
#include "plugins/torch_engine/pipeline/ModelBundle.h"
#include "plugins/torch_engine/safetensors/SafeTensorsWriter.h"
#include "tests/torch/RefTestUtil.h"

using namespace shotcraft::torch_engine;
using namespace shotcraft::torch_engine::convert;
using shotcraft::test::openRef;
using shotcraft::test::refsPath;

namespace {

using Tensors = std::vector<std::pair<std::string, torch::Tensor>>;

class ControlNetSingleFile : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!shotcraft::test::refsAvailable()) GTEST_SKIP() << "shared/refs absent";
    torch::set_num_threads(2);
    std::string error;
    ASSERT_TRUE(nn::loadControlNetFolder(refsPath("sd-tiny/controlnet"), &m_diffusers, &error)) << error;
    ASSERT_TRUE(m_tmp.isValid());
  }
  // The reference ControlNet under its original names, with or without the control_model. prefix.
  Tensors ldmTensors(const std::string& prefix = "control_model.") {
    return toLdmStateDict(*m_diffusers, controlNetLdmKeyMap(m_diffusers->config(), prefix));
  }
  std::string writeFile(const std::string& name, const Tensors& tensors) {
    const std::string path = m_tmp.path().toStdString() + "/" + name;
    std::string error;
    EXPECT_TRUE(writeSafeTensors(path, tensors, {}, &error)) << error;
    return path;
  }

  torch::NoGradGuard m_noGrad;
  nn::ControlNet m_diffusers{nullptr};
  QTemporaryDir m_tmp;
};

nn::ControlResiduals run(nn::ControlNet& net, const SafeTensorsFile& io) {
  return net(io.tensor("sample"), io.tensor("timestep"), io.tensor("encoder_hidden_states"),
             io.tensor("controlnet_cond"), io.tensor("conditioning_scale").item<double>());
}

}  // namespace

TEST_F(ControlNetSingleFile, TableNamesFollowTheReferenceUNetKeymap) {
  QFile f(QString::fromStdString(refsPath("sd-tiny/unet_ldm_keymap.json")));
  ASSERT_TRUE(f.open(QIODevice::ReadOnly));
  const QJsonObject unetMap = QJsonDocument::fromJson(f.readAll()).object();
  ASSERT_FALSE(unetMap.isEmpty());
  const auto map = controlNetLdmKeyMap(m_diffusers->config());
  int checked = 0;
  for (const auto& p : m_diffusers->named_parameters()) {
    const auto src = map.toLdm(p.key());
    ASSERT_TRUE(src) << p.key();
    const std::string rest = src->key.substr(std::string("control_model.").size());
    const bool unetSide = rest.rfind("time_embed.", 0) == 0 || rest.rfind("input_blocks.", 0) == 0 ||
                          rest.rfind("middle_block.", 0) == 0;
    if (!unetSide) continue;
    const QJsonValue v = unetMap.value(QString::fromStdString("model.diffusion_model." + rest));
    ASSERT_TRUE(v.isString()) << "not in unet_ldm_keymap.json: " << rest;
    EXPECT_EQ(v.toString().toStdString(), p.key()) << rest;
    ++checked;
  }
  EXPECT_GT(checked, 100);
  // The ControlNet-only names of the original layout.
  for (const char* key : {"control_model.input_hint_block.0.weight", "control_model.input_hint_block.2.weight",
                          "control_model.input_hint_block.14.weight", "control_model.zero_convs.0.0.weight",
                          "control_model.zero_convs.5.0.bias", "control_model.middle_block_out.0.weight"}) {
    EXPECT_TRUE(map.toDiffusers(key)) << key;
  }
  EXPECT_EQ(*map.toDiffusers("control_model.input_hint_block.14.weight"), "controlnet_cond_embedding.conv_out.weight");
  EXPECT_EQ(*map.toDiffusers("control_model.input_hint_block.6.bias"), "controlnet_cond_embedding.blocks.2.bias");
  EXPECT_EQ(*map.toDiffusers("control_model.zero_convs.3.0.weight"), "controlnet_down_blocks.3.weight");
  EXPECT_EQ(*map.toDiffusers("control_model.middle_block_out.0.bias"), "controlnet_mid_block.bias");
}

TEST_F(ControlNetSingleFile, LoadsToIdenticalOutputsAndMatchesReference) {
  const std::string path = writeFile("control_v11p_sd15_canny.safetensors", ldmTensors());
  std::string error;
  nn::ControlNet single{nullptr};
  ASSERT_TRUE(loadControlNetSingleFile(path, &single, &error)) << error;
  EXPECT_EQ(single->config().conditioningEmbeddingOutChannels, (std::vector<int64_t>{8, 16, 24, 32}));
  auto io = openRef("io_controlnet.safetensors");
  ASSERT_NE(io, nullptr);
  const auto a = run(m_diffusers, *io);
  const auto b = run(single, *io);
  ASSERT_EQ(b.down.size(), a.down.size());
  for (size_t i = 0; i < a.down.size(); ++i) {
    EXPECT_EQ(shotcraft::test::maxAbsDiff(a.down[i], b.down[i]), 0.0) << i;
    SHOTCRAFT_EXPECT_CLOSE("down_block_res_samples." + std::to_string(i), b.down[i],
                           io->tensor("down_block_res_samples." + std::to_string(i)), 1e-4);
  }
  EXPECT_EQ(shotcraft::test::maxAbsDiff(a.mid, b.mid), 0.0);
  SHOTCRAFT_EXPECT_CLOSE("mid_block_res_sample", b.mid, io->tensor("mid_block_res_sample"), 1e-4);

  // Without the control_model. prefix (re-saved files), and with the diffusers config given explicitly.
  nn::ControlNet bare{nullptr}, withConfig{nullptr};
  ASSERT_TRUE(loadControlNetSingleFile(writeFile("bare.safetensors", ldmTensors("")), &bare, &error)) << error;
  EXPECT_EQ(shotcraft::test::maxAbsDiff(run(bare, *io).mid, a.mid), 0.0);
  ASSERT_TRUE(loadControlNetSingleFile(path, &withConfig, &error, refsPath("sd-tiny/controlnet/config.json")))
      << error;
  EXPECT_EQ(shotcraft::test::maxAbsDiff(run(withConfig, *io).mid, a.mid), 0.0);
}

TEST_F(ControlNetSingleFile, MissingTensorIsNamedAndProbeFindsKind) {
  Tensors tensors;
  for (auto& [k, v] : ldmTensors()) {
    if (k != "control_model.zero_convs.2.0.weight") tensors.emplace_back(k, v);
  }
  std::string error;
  nn::ControlNet net{nullptr};
  EXPECT_FALSE(loadControlNetSingleFile(writeFile("broken.safetensors", tensors), &net, &error));
  EXPECT_NE(error.find("'control_model.zero_convs.2.0.weight'"), std::string::npos) << error;

  EXPECT_EQ(controlKindFromName("/m/control_v11p_sd15_canny.safetensors"), "canny");
  EXPECT_EQ(controlKindFromName("control_v11p_sd15_openpose_fp16.safetensors"), "pose");
  EXPECT_EQ(controlKindFromName("control_v11f1p_sd15_depth.safetensors"), "depth");
  EXPECT_EQ(controlKindFromName("control_v11p_sd15_scribble.safetensors"), "");
  const ModelProbe probe = probeModel(writeFile("control_v11f1p_sd15_depth.safetensors", ldmTensors()));
  EXPECT_EQ(probe.family, ModelFamily::ControlNet);
  EXPECT_EQ(probe.controlKind, "depth");
  EXPECT_NE(probe.message.find("depth"), std::string::npos) << probe.message;
}

TEST_F(ControlNetSingleFile, ModelFolderPicksUpFilesByKind) {
  namespace fs = std::filesystem;
  const fs::path model = fs::path(m_tmp.path().toStdString()) / "model";
  fs::create_directories(model / "controlnet");
  for (const char* part : {"unet", "vae", "text_encoder", "tokenizer"}) {
    fs::create_directory_symlink(refsPath(std::string("sd-tiny/") + part), model / part);
  }
  writeFile("model/controlnet/control_v11p_sd15_canny.safetensors", ldmTensors());
  writeFile("model/controlnet/control_v11p_sd15_scribble.safetensors", ldmTensors());  // no kind: ignored
  ModelBundle bundle;
  std::string error;
  ASSERT_TRUE(ModelBundle::load(model.string(), ComputeTarget{}, &bundle, &error)) << error;
  EXPECT_TRUE(bundle.controlnet(shotcraft::engine::ControlKind::Canny));
  EXPECT_FALSE(bundle.controlnet(shotcraft::engine::ControlKind::Depth));
  EXPECT_FALSE(bundle.controlnet(shotcraft::engine::ControlKind::Pose));
  auto io = openRef("io_controlnet.safetensors");
  ASSERT_NE(io, nullptr);
  auto& net = bundle.controlnet(shotcraft::engine::ControlKind::Canny);
  EXPECT_EQ(shotcraft::test::maxAbsDiff(run(net, *io).mid, run(m_diffusers, *io).mid), 0.0);
}
