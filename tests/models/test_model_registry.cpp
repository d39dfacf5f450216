// ModelRegistry: what a scan of model folders lists, with a fake engine factory whose probe answers by the
// file's contents ("family=sd1") or, for a folder, by its unet/config.json. No weights are read.
#include <gtest/gtest.h>

#include <QTemporaryDir>

#include <filesystem>
#include <fstream>
#include <set>

#include "core/models/ModelRegistry.h"
#include "tests/models/FakeProbeFactory.h"

using namespace shotcraft;
using namespace shotcraft::models;
using shotcraft::test::FakeProbeFactory;
namespace fs = std::filesystem;

namespace {

void writeFile(const fs::path& path, const std::string& text, size_t padTo = 0) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << text << "\n";
  if (padTo > text.size() + 1) out << std::string(padTo - text.size() - 1, 'x');
}

// A diffusers-style checkpoint folder: unet/, vae/, text_encoder/ weights and configs, a tokenizer.
void writeDiffusers(const fs::path& dir) {
  writeFile(dir / "model_index.json", "{}");
  writeFile(dir / "unet" / "config.json", "{\"cross_attention_dim\": 768}");
  writeFile(dir / "unet" / "diffusion_pytorch_model.safetensors", "w", 1000);
  writeFile(dir / "vae" / "config.json", "{}");
  writeFile(dir / "vae" / "diffusion_pytorch_model.safetensors", "w", 300);
  writeFile(dir / "text_encoder" / "model.safetensors", "w", 200);
  writeFile(dir / "tokenizer" / "vocab.json", std::string(5000, ' '));  // not a weight file: not counted
}

// The entry named `name`; a failure and an empty entry when there is none.
const ModelEntry& find(const ScanResult& r, const std::string& name) {
  for (const auto& e : r.entries) {
    if (e.name == name) return e;
  }
  ADD_FAILURE() << "no entry named " << name;
  static const ModelEntry kMissing;
  return kMissing;
}

struct Fixture {
  QTemporaryDir tmp;
  fs::path root() const { return fs::path(tmp.path().toStdString()); }
};

}  // namespace

TEST(ModelRegistry, SingleFileCheckpointHasFamilySizeAndIsUsable) {
  Fixture f;
  writeFile(f.root() / "dreamy.safetensors", "family=sd1", 4096);
  auto factory = std::make_shared<FakeProbeFactory>();
  const ScanResult r = ModelRegistry(factory).scan({f.root().string()});
  EXPECT_TRUE(r.errors.empty());
  ASSERT_EQ(r.entries.size(), 1u);
  const ModelEntry& e = r.entries[0];
  EXPECT_EQ(e.name, "dreamy");
  EXPECT_EQ(e.kind, ModelKind::Checkpoint);
  EXPECT_EQ(e.family, "sd1");
  EXPECT_EQ(e.layout, "single-file");
  EXPECT_EQ(e.size_bytes, 4096u);
  EXPECT_TRUE(e.usable);
  EXPECT_EQ(e.status, ModelStatus::Ready);
  EXPECT_FALSE(e.embedded);
  EXPECT_EQ(e.path, (f.root() / "dreamy.safetensors").string());
}

TEST(ModelRegistry, DiffusersFolderIsOneEntryWithSummedWeightSize) {
  Fixture f;
  writeDiffusers(f.root() / "sd15-diffusers");
  auto factory = std::make_shared<FakeProbeFactory>();
  const ScanResult r = ModelRegistry(factory).scan({f.root().string()});
  ASSERT_EQ(r.entries.size(), 1u);
  EXPECT_EQ(r.entries[0].name, "sd15-diffusers");
  EXPECT_EQ(r.entries[0].kind, ModelKind::Checkpoint);
  EXPECT_EQ(r.entries[0].layout, "diffusers-folder");
  EXPECT_EQ(r.entries[0].size_bytes, 1500u);  // weights only: the tokenizer and configs are not counted
  EXPECT_EQ(factory->probes.load(), 1);  // its vae/ and unet/ were not listed or probed on their own

  // The folder itself added as a models folder: the same one entry.
  const ScanResult direct = ModelRegistry(factory).scan({(f.root() / "sd15-diffusers").string()});
  ASSERT_EQ(direct.entries.size(), 1u);
  EXPECT_EQ(direct.entries[0].name, "sd15-diffusers");
}

TEST(ModelRegistry, ConventionalSubfoldersGiveTheirKinds) {
  Fixture f;
  const fs::path root = f.root();
  writeFile(root / "Stable-diffusion" / "turbo.safetensors", "family=sd2");
  writeFile(root / "ControlNet" / "control_v11f1p_sd15_depth.safetensors", "family=controlnet");
  writeFile(root / "controlnet" / "mystery.safetensors", "nothing the probe knows");  // kind from the folder
  writeFile(root / "loras" / "hero.safetensors", "family=lora");
  writeFile(root / "Lora" / "villain.safetensors", "family=lora");
  writeFile(root / "VAE" / "vae-ft-mse.safetensors", "family=vae");
  writeFile(root / "taesd" / "taesd_decoder.safetensors", "family=taesd");
  writeFile(root / "loras" / "deeper" / "hidden.safetensors", "family=lora");  // two levels down: not listed
  writeFile(root / "random" / "other.safetensors", "family=lora");             // not a model subfolder
  const ScanResult r = ModelRegistry(std::make_shared<FakeProbeFactory>()).scan({root.string()});
  EXPECT_TRUE(r.errors.empty());
  std::set<std::string> names;
  for (const auto& e : r.entries) names.insert(e.name);
  EXPECT_EQ(names, (std::set<std::string>{"turbo", "control_v11f1p_sd15_depth", "mystery", "hero", "villain",
                                          "vae-ft-mse", "taesd_decoder"}));
  EXPECT_EQ(find(r, "turbo").kind, ModelKind::Checkpoint);
  EXPECT_EQ(find(r, "control_v11f1p_sd15_depth").kind, ModelKind::ControlNet);
  EXPECT_TRUE(find(r, "control_v11f1p_sd15_depth").usable);
  EXPECT_EQ(find(r, "mystery").kind, ModelKind::ControlNet);
  EXPECT_EQ(find(r, "mystery").family, "unknown");
  EXPECT_FALSE(find(r, "mystery").usable);
  EXPECT_EQ(find(r, "mystery").status, ModelStatus::NotRecognised);
  EXPECT_EQ(find(r, "hero").kind, ModelKind::Lora);
  EXPECT_EQ(find(r, "villain").kind, ModelKind::Lora);
  EXPECT_EQ(find(r, "vae-ft-mse").kind, ModelKind::Vae);
  EXPECT_EQ(find(r, "taesd_decoder").kind, ModelKind::Taesd);
  // Grouped by kind: checkpoints, then ControlNets, LoRAs, VAEs, TAESDs.
  for (size_t i = 1; i < r.entries.size(); ++i) EXPECT_LE(int(r.entries[i - 1].kind), int(r.entries[i].kind));
}

TEST(ModelRegistry, PickledCheckpointIsListedUnsupportedAndNeverProbed) {
  Fixture f;
  writeFile(f.root() / "old-model.ckpt", "family=sd1", 2048);
  writeFile(f.root() / "vae_approx" / "taesd_decoder.pth", "pickle");
  auto factory = std::make_shared<FakeProbeFactory>();
  const ScanResult r = ModelRegistry(factory).scan({f.root().string()});
  ASSERT_EQ(r.entries.size(), 2u);
  const ModelEntry* ckpt = &find(r, "old-model");
  EXPECT_EQ(ckpt->kind, ModelKind::Checkpoint);
  EXPECT_FALSE(ckpt->usable);
  EXPECT_EQ(ckpt->size_bytes, 2048u);
  EXPECT_NE(ckpt->message.find("never unpickles"), std::string::npos) << ckpt->message;
  EXPECT_NE(ckpt->message.find(".safetensors"), std::string::npos) << ckpt->message;
  EXPECT_EQ(ckpt->status, ModelStatus::Pickled);
  const ModelEntry* pth = &find(r, "taesd_decoder");
  EXPECT_EQ(pth->kind, ModelKind::Taesd);
  EXPECT_FALSE(pth->usable);
  EXPECT_EQ(factory->probes.load(), 0);
}

TEST(ModelRegistry, NonWeightFilesAreSkipped) {
  Fixture f;
  writeFile(f.root() / "README.txt", "family=sd1");
  writeFile(f.root() / "preview.png", "family=sd1");
  writeFile(f.root() / "model.yaml", "family=sd1");
  writeFile(f.root() / "loras" / "hero.json", "family=lora");
  writeFile(f.root() / "loras" / "hero.safetensors", "family=lora");
  const ScanResult r = ModelRegistry(std::make_shared<FakeProbeFactory>()).scan({f.root().string()});
  ASSERT_EQ(r.entries.size(), 1u);
  EXPECT_EQ(r.entries[0].name, "hero");
}

TEST(ModelRegistry, MissingFolderGivesOneErrorNamingIt) {
  Fixture f;
  writeFile(f.root() / "ok.safetensors", "family=sd1");
  writeFile(f.root() / "plain.txt", "x");
  const std::string missing = (f.root() / "nope").string();
  const ScanResult r =
      ModelRegistry(std::make_shared<FakeProbeFactory>()).scan({missing, f.root().string(), (f.root() / "plain.txt").string()});
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_NE(r.errors[0].message.find(missing), std::string::npos) << r.errors[0].message;
  EXPECT_NE(r.errors[0].message.find("does not exist"), std::string::npos) << r.errors[0].message;
  EXPECT_EQ(r.errors[0].problem, ScanProblem::FolderMissing);
  EXPECT_EQ(r.errors[0].folder, missing);
  EXPECT_NE(r.errors[1].message.find("plain.txt"), std::string::npos) << r.errors[1].message;
  EXPECT_EQ(r.errors[1].problem, ScanProblem::NotAFolder);
  ASSERT_EQ(r.entries.size(), 1u);  // the good folder is still listed

  // A weight file in place of a folder (a checkpoint chosen on its own) is that one entry.
  const ScanResult file = ModelRegistry(std::make_shared<FakeProbeFactory>()).scan({(f.root() / "ok.safetensors").string()});
  EXPECT_TRUE(file.errors.empty());
  ASSERT_EQ(file.entries.size(), 1u);
  EXPECT_EQ(file.entries[0].name, "ok");
}

TEST(ModelRegistry, OrderIsDeterministicAndDuplicatesAreListedOnce) {
  Fixture f;
  const fs::path root = f.root();
  for (const char* name : {"zeta", "Alpha", "mid", "beta"}) {
    writeFile(root / (std::string(name) + ".safetensors"), "family=sd1");
  }
  writeFile(root / "loras" / "a-lora.safetensors", "family=lora");
  writeDiffusers(root / "Diffusers-Model");
  const ModelRegistry registry(std::make_shared<FakeProbeFactory>());
  // The same folder twice, and once through a redundant path: each model once.
  const ScanResult r = registry.scan({root.string(), root.string(), (root / "loras" / "..").string()});
  std::vector<std::string> names;
  for (const auto& e : r.entries) names.push_back(e.name);
  EXPECT_EQ(names, (std::vector<std::string>{"Alpha", "beta", "Diffusers-Model", "mid", "zeta", "a-lora"}));
  for (int i = 0; i < 3; ++i) {
    const ScanResult again = registry.scan({root.string()});
    ASSERT_EQ(again.entries.size(), r.entries.size());
    for (size_t k = 0; k < r.entries.size(); ++k) EXPECT_EQ(again.entries[k].path, r.entries[k].path);
  }
}

TEST(ModelRegistry, EmbeddedModelComesFirstOrSaysItIsMissing) {
  Fixture f;
  writeDiffusers(f.root() / "shotcraft-tiny");
  writeFile(f.root() / "models" / "aaa.safetensors", "family=sd1");
  const ModelRegistry registry(std::make_shared<FakeProbeFactory>());
  ScanResult r = registry.scan({(f.root() / "models").string(), f.root().string()},
                               (f.root() / "shotcraft-tiny").string(), true);
  ASSERT_GE(r.entries.size(), 2u);
  EXPECT_TRUE(r.entries[0].embedded);
  EXPECT_EQ(r.entries[0].name, "shotcraft-tiny");
  EXPECT_TRUE(r.entries[0].usable);
  EXPECT_EQ(r.entries[0].status, ModelStatus::Ready);
  EXPECT_EQ(r.entries.size(), 2u);  // the embedded folder, also under a scanned folder, is listed once

  r = registry.scan({}, (f.root() / "absent").string(), true);
  ASSERT_EQ(r.entries.size(), 1u);
  EXPECT_TRUE(r.entries[0].embedded);
  EXPECT_FALSE(r.entries[0].usable);
  EXPECT_EQ(r.entries[0].kind, ModelKind::Checkpoint);
  EXPECT_NE(r.entries[0].message.find("not installed"), std::string::npos) << r.entries[0].message;
  EXPECT_EQ(r.entries[0].status, ModelStatus::NotInstalled);
  EXPECT_TRUE(r.errors.empty());
}

TEST(ModelRegistry, UnsupportedFamilyAndNoFactory) {
  Fixture f;
  writeFile(f.root() / "xl.safetensors", "family=sdxl");
  ScanResult r = ModelRegistry(std::make_shared<FakeProbeFactory>()).scan({f.root().string()});
  ASSERT_EQ(r.entries.size(), 1u);
  EXPECT_EQ(r.entries[0].kind, ModelKind::Checkpoint);
  EXPECT_FALSE(r.entries[0].usable);
  EXPECT_NE(r.entries[0].message.find("not supported"), std::string::npos);
  EXPECT_EQ(r.entries[0].status, ModelStatus::Unsupported);

  r = ModelRegistry(nullptr).scan({f.root().string()});
  ASSERT_EQ(r.entries.size(), 1u);
  EXPECT_EQ(r.entries[0].family, "unknown");
  EXPECT_FALSE(r.entries[0].usable);
  EXPECT_FALSE(r.entries[0].message.empty());
  EXPECT_EQ(r.entries[0].status, ModelStatus::NoEngine);
  EXPECT_EQ(ModelRegistry(nullptr).inspect((f.root() / "gone.safetensors").string()).status, ModelStatus::Missing);
}

TEST(ModelRegistry, KindNamesAndFamilies) {
  EXPECT_STREQ(kindName(ModelKind::ControlNet), "controlnet");
  EXPECT_EQ(kindFromFamily("sd-turbo"), ModelKind::Checkpoint);
  EXPECT_EQ(kindFromFamily("shotcraft-tiny"), ModelKind::Checkpoint);
  EXPECT_EQ(kindFromFamily("taesd"), ModelKind::Taesd);
  EXPECT_EQ(kindFromFamily("banana"), ModelKind::Unknown);
  EXPECT_TRUE(ModelRegistry::isWeightFile("a/B.SafeTensors"));
  EXPECT_FALSE(ModelRegistry::isWeightFile("a/b.json"));
  ModelKind k = ModelKind::Unknown;
  EXPECT_TRUE(ModelRegistry::kindForSubfolder("Stable-diffusion", &k));
  EXPECT_EQ(k, ModelKind::Checkpoint);
  EXPECT_FALSE(ModelRegistry::kindForSubfolder("embeddings", &k));
}
