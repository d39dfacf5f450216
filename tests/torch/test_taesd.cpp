// TAESD (tiny autoencoder): the architecture's shapes, both weight layouts (diffusers AutoencoderTiny folder and
// the original taesd_decoder/encoder.safetensors) loading to identical outputs, errors that name the tensor, and
// the engine using it for per-step previews and draft decodes. Weights are tiny random ones written here.
#include <torch/torch.h>

#include <gtest/gtest.h>

#include <QTemporaryDir>

#include <filesystem>
#include <fstream>

#include "plugins/torch_engine/convert/MappedStateDict.h"
#include "plugins/torch_engine/convert/TaesdLoader.h"
#include "plugins/torch_engine/pipeline/TorchEngine.h"
#include "plugins/torch_engine/pipeline/TorchEngineFactory.h"
#include "plugins/torch_engine/safetensors/SafeTensorsFile.h"
#include "plugins/torch_engine/safetensors/SafeTensorsWriter.h"
#include "tests/torch/TinyModel.h"

using namespace shotcraft;
using namespace shotcraft::torch_engine;
namespace fs = std::filesystem;

namespace {

using Tensors = std::vector<std::pair<std::string, torch::Tensor>>;

const char* kDiffusersConfig = R"({"_class_name": "AutoencoderTiny", "act_fn": "relu",
  "decoder_block_out_channels": [64, 64, 64, 64], "encoder_block_out_channels": [64, 64, 64, 64],
  "force_upcast": false, "in_channels": 3, "latent_channels": 4, "latent_magnitude": 3, "latent_shift": 0.5,
  "num_decoder_blocks": [3, 3, 3, 1], "num_encoder_blocks": [1, 3, 3, 3], "out_channels": 3,
  "scaling_factor": 1.0, "upsampling_scaling_factor": 2})";

// A randomly initialised TAESD (seeded) with small random biases so every tensor matters.
nn::Taesd randomTaesd(uint64_t seed) {
  torch::manual_seed(seed);
  nn::Taesd t{nn::TaesdConfig{}};
  torch::NoGradGuard ng;
  for (auto& p : t->parameters()) {
    if (p.dim() == 1) p.uniform_(-0.05, 0.05);
  }
  t->eval();
  return t;
}

void write(const fs::path& path, const Tensors& tensors) {
  std::string error;
  ASSERT_TRUE(writeSafeTensors(path.string(), tensors, {}, &error)) << error;
}

Tensors named(torch::nn::Module& module) {
  Tensors out;
  for (const auto& p : module.named_parameters()) out.emplace_back(p.key(), p.value().detach().clone());
  return out;
}

// diffusers layout: <dir>/config.json + diffusion_pytorch_model.safetensors.
void writeDiffusers(nn::Taesd& t, const fs::path& dir) {
  fs::create_directories(dir);
  std::ofstream(dir / "config.json") << kDiffusersConfig;
  write(dir / "diffusion_pytorch_model.safetensors", named(*t));
}

// Original layout: taesd_decoder.safetensors ("1.weight" ... after the clamp at 0) + taesd_encoder.safetensors.
void writeOriginal(nn::Taesd& t, const fs::path& dir, bool withEncoder = true) {
  fs::create_directories(dir);
  write(dir / "taesd_decoder.safetensors",
        convert::toLdmStateDict(t->decoderModule(), convert::taesdDecoderKeyMap(t->decoderLayerCount())));
  if (withEncoder) {
    write(dir / "taesd_encoder.safetensors",
          convert::toLdmStateDict(*t->encoderModule(), convert::taesdEncoderKeyMap(t->encoderLayerCount())));
  }
}

std::vector<int64_t> shapeOf(const fs::path& file, const std::string& key) {
  std::string error;
  auto f = SafeTensorsFile::open(file.string(), &error);
  if (!f || !f->info(key)) return {};
  return f->info(key)->shape;
}

}  // namespace

TEST(Taesd, DecoderUpscalesEightTimesAndEncoderDownscales) {
  auto t = randomTaesd(1);
  torch::NoGradGuard ng;
  const auto z = torch::randn({1, 4, 5, 7});
  const auto image = t->decode(z);
  EXPECT_EQ(image.sizes(), torch::IntArrayRef({1, 3, 40, 56}));
  EXPECT_EQ(t->config().upscaleFactor(), 8);
  const auto back = t->encode(image.clamp(-1, 1));
  EXPECT_EQ(back.sizes(), torch::IntArrayRef({1, 4, 5, 7}));
  // Latents are soft-clamped by tanh(z/3)*3 to (-3, 3): far-out latents all decode alike.
  const auto big = t->decode(torch::full({1, 4, 2, 2}, 1e4));
  const auto edge = t->decode(torch::full({1, 4, 2, 2}, 60.0));
  EXPECT_GT((t->decode(torch::full({1, 4, 2, 2}, 1.0)) - edge).abs().max().item<float>(), 1e-3);
  EXPECT_LT((big - edge).abs().max().item<float>(), 1e-4);
  EXPECT_THROW(t->decode(torch::zeros({1, 3, 2, 2})), c10::Error);
}

TEST(Taesd, BothLayoutsLoadToIdenticalOutputs) {
  QTemporaryDir tmp;
  const fs::path root(tmp.path().toStdString());
  auto t = randomTaesd(2);
  writeDiffusers(t, root / "diffusers");
  writeOriginal(t, root / "original");
  // The original file's key names, as madebyollin/taesd writes them.
  EXPECT_EQ(shapeOf(root / "original/taesd_decoder.safetensors", "1.weight"), (std::vector<int64_t>{64, 4, 3, 3}));
  EXPECT_EQ(shapeOf(root / "original/taesd_decoder.safetensors", "3.conv.4.weight"),
            (std::vector<int64_t>{64, 64, 3, 3}));
  EXPECT_EQ(shapeOf(root / "original/taesd_decoder.safetensors", "19.weight"), (std::vector<int64_t>{3, 64, 3, 3}));
  EXPECT_EQ(shapeOf(root / "original/taesd_decoder.safetensors", "7.bias"), std::vector<int64_t>{});  // bias-free
  EXPECT_EQ(shapeOf(root / "original/taesd_encoder.safetensors", "0.weight"), (std::vector<int64_t>{64, 3, 3, 3}));
  EXPECT_EQ(shapeOf(root / "original/taesd_encoder.safetensors", "14.weight"), (std::vector<int64_t>{4, 64, 3, 3}));

  std::string error;
  nn::Taesd a{nullptr}, b{nullptr}, c{nullptr};
  ASSERT_TRUE(convert::loadTaesd((root / "diffusers").string(), &a, &error)) << error;
  ASSERT_TRUE(convert::loadTaesd((root / "original").string(), &b, &error)) << error;
  ASSERT_TRUE(convert::loadTaesd((root / "original/taesd_decoder.safetensors").string(), &c, &error)) << error;
  ASSERT_TRUE(b->hasEncoder());
  torch::NoGradGuard ng;
  const auto z = torch::randn({1, 4, 4, 6});
  const auto ref = t->decode(z);
  EXPECT_TRUE(torch::equal(a->decode(z), ref));
  EXPECT_TRUE(torch::equal(b->decode(z), ref));
  EXPECT_TRUE(torch::equal(c->decode(z), ref));
  const auto img = torch::rand({1, 3, 32, 16}) * 2 - 1;
  EXPECT_TRUE(torch::equal(a->encode(img), b->encode(img)));

  // A decoder-only original folder loads too (previews need no encoder).
  writeOriginal(t, root / "decoder_only", false);
  nn::Taesd d{nullptr};
  ASSERT_TRUE(convert::loadTaesd((root / "decoder_only").string(), &d, &error)) << error;
  EXPECT_FALSE(d->hasEncoder());
  EXPECT_TRUE(torch::equal(d->decode(z), ref));
}

TEST(Taesd, MissingOrMisshapedTensorIsNamed) {
  QTemporaryDir tmp;
  const fs::path root(tmp.path().toStdString());
  auto t = randomTaesd(3);
  std::string error;
  nn::Taesd out{nullptr};

  auto dec = convert::toLdmStateDict(t->decoderModule(), convert::taesdDecoderKeyMap(t->decoderLayerCount()));
  Tensors missing;
  for (auto& [k, v] : dec) {
    if (k != "8.conv.2.weight") missing.emplace_back(k, v);
  }
  fs::create_directories(root / "missing");
  write(root / "missing/taesd_decoder.safetensors", missing);
  EXPECT_FALSE(convert::loadTaesd((root / "missing").string(), &out, &error));
  EXPECT_NE(error.find("'8.conv.2.weight'"), std::string::npos) << error;

  Tensors renamed = dec;
  renamed.emplace_back("20.weight", torch::zeros({3}));
  fs::create_directories(root / "extra");
  write(root / "extra/taesd_decoder.safetensors", renamed);
  EXPECT_FALSE(convert::loadTaesd((root / "extra").string(), &out, &error));
  EXPECT_NE(error.find("'20.weight'"), std::string::npos) << error;

  Tensors wrong = named(*t);
  for (auto& [k, v] : wrong) {
    if (k == "decoder.layers.6.weight") v = torch::zeros({64, 32, 3, 3});
  }
  fs::create_directories(root / "wrong");
  std::ofstream(root / "wrong/config.json") << kDiffusersConfig;
  write(root / "wrong/diffusion_pytorch_model.safetensors", wrong);
  EXPECT_FALSE(convert::loadTaesd((root / "wrong").string(), &out, &error));
  EXPECT_NE(error.find("'decoder.layers.6.weight'"), std::string::npos) << error;

  EXPECT_FALSE(convert::loadTaesd((root / "nothing").string(), &out, &error));
  EXPECT_NE(error.find("does not exist"), std::string::npos) << error;
  fs::create_directories(root / "empty");
  EXPECT_FALSE(convert::loadTaesd((root / "empty").string(), &out, &error));
  EXPECT_NE(error.find("taesd_decoder.safetensors"), std::string::npos) << error;
}

TEST(Taesd, EnginePreviewsAndDraftDecodeUseIt) {
  QTemporaryDir tmp;
  const fs::path model = fs::path(tmp.path().toStdString()) / "model";
  ASSERT_EQ(test::writeTinyModel(model.string(), {1, false}), "");
  auto t = randomTaesd(4);
  const fs::path outside = fs::path(tmp.path().toStdString()) / "my_taesd";
  writeOriginal(t, outside);

  engine::GenerationRequest r;
  r.prompt = "a lighthouse at night";
  r.width = 64;
  r.height = 48;
  r.steps = 2;
  r.cfg_scale = 1.0f;
  r.sampler = "euler";
  r.seed = 11;
  auto run = [&](const std::string& previewVae, bool draft, std::vector<Image>* previews) {
    engine::EngineOptions o;
    o.model_dir = model.string();
    o.device = engine::Device::Cpu;
    o.precision = engine::Precision::Fp32;
    o.threads = 2;
    o.preview_vae = previewVae;
    o.draft_decode = draft;
    std::string error;
    auto engine = TorchEngineFactory().create(o, &error);
    EXPECT_NE(engine, nullptr) << error;
    if (!engine) return Image();
    auto result = engine->generate(r, [&](const engine::Progress& p) { previews->push_back(p.preview); },
                                   engine::CancelToken());
    EXPECT_TRUE(result.ok) << result.error;
    return result.image;
  };
  std::vector<Image> linear, tiny, autoFound, draftPreviews;
  const auto plain = run("", false, &linear);
  const auto withTiny = run(outside.string(), false, &tiny);
  ASSERT_EQ(linear.size(), 2u);
  ASSERT_EQ(tiny.size(), 2u);
  EXPECT_EQ(withTiny.data, plain.data);  // the final image is still the full VAE's
  auto meanAbsDiff = [](const Image& a, const Image& b) {
    double sum = 0;
    for (size_t i = 0; i < a.data.size(); ++i) sum += std::abs(int(a.data[i]) - int(b.data[i]));
    return sum / double(a.data.size());
  };
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(tiny[i].width, 64);
    EXPECT_EQ(tiny[i].height, 48);
    EXPECT_GT(meanAbsDiff(tiny[i], linear[i]), 2.0);
  }

  // <model>/vae_tiny is found without an option; draft decode makes the final image the TAESD's too (for
  // Euler the last step's denoised latent is the final latent, so it equals the last preview).
  fs::copy(outside, model / "vae_tiny");
  const auto draft = run("", true, &autoFound);
  ASSERT_EQ(autoFound.size(), 2u);
  EXPECT_EQ(autoFound[0].data, tiny[0].data);
  EXPECT_LE(meanAbsDiff(draft, autoFound[1]), 0.01);
  EXPECT_GT(meanAbsDiff(draft, plain), 2.0);

  engine::EngineOptions bad;
  bad.model_dir = model.string();
  bad.device = engine::Device::Cpu;
  bad.preview_vae = (fs::path(tmp.path().toStdString()) / "nope").string();
  std::string error;
  EXPECT_EQ(TorchEngineFactory().create(bad, &error), nullptr);
  EXPECT_NE(error.find("nope"), std::string::npos) << error;
}

TEST(Taesd, FactoryProbeListsTheModelsPieces) {
  QTemporaryDir tmp;
  const fs::path model = fs::path(tmp.path().toStdString()) / "model";
  ASSERT_EQ(test::writeTinyModel(model.string(), {1, true}), "");
  TorchEngineFactory factory;
  auto r = factory.probeModel(model.string());
  EXPECT_TRUE(r.usable) << r.message;
  EXPECT_EQ(r.layout, "diffusers-folder");
  EXPECT_FALSE(r.has_taesd);
  EXPECT_EQ(r.controlnets, std::vector<std::string>{"depth"});
  EXPECT_GT(r.size_bytes, 0u);
  auto t = randomTaesd(5);
  writeOriginal(t, model / "taesd", false);
  fs::create_directories(model / "loras");
  std::ofstream(model / "loras" / "hero.safetensors") << "x";
  r = factory.probeModel(model.string());
  EXPECT_TRUE(r.has_taesd);
  ASSERT_EQ(r.loras.size(), 1u);
  EXPECT_NE(r.loras[0].find("hero.safetensors"), std::string::npos);
  const auto missing = factory.probeModel((model / "nope").string());
  EXPECT_FALSE(missing.usable);
  EXPECT_NE(missing.message.find("does not exist"), std::string::npos) << missing.message;
}
