// The generation pipeline end to end on a tiny random model written by the test itself.
#include <torch/torch.h>

#include <QTemporaryDir>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <gtest/gtest.h>

#include "core/engine/EngineRegistry.h"
#include "plugins/torch_engine/pipeline/TorchEngine.h"
#include "plugins/torch_engine/pipeline/TorchEngineFactory.h"
#include "tests/torch/TinyModel.h"

using namespace shotcraft;
using namespace shotcraft::engine;

namespace {

class Pipeline : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_dir = new QTemporaryDir();
    ASSERT_TRUE(s_dir->isValid());
    const std::string error = test::writeTinyModel(s_dir->path().toStdString());
    ASSERT_EQ(error, "");
  }
  static void TearDownTestSuite() {
    delete s_dir;
    s_dir = nullptr;
  }
  static std::string modelDir() { return s_dir->path().toStdString(); }

  std::unique_ptr<IEngine> makeEngine(Precision precision = Precision::Fp32) {
    EngineOptions o;
    o.model_dir = modelDir();
    o.device = Device::Cpu;
    o.precision = precision;
    o.threads = 2;
    std::string error;
    auto engine = torch_engine::TorchEngineFactory().create(o, &error);
    EXPECT_NE(engine, nullptr) << error;
    return engine;
  }

  static GenerationRequest request() {
    GenerationRequest r;
    r.prompt = "a neon city at dawn, (a figure:1.3) walking";
    r.negative_prompt = "blurry";
    r.width = 64;
    r.height = 48;
    r.steps = 3;
    r.cfg_scale = 5.0f;
    r.sampler = "euler_a";
    r.seed = 7;
    return r;
  }

  static QTemporaryDir* s_dir;
};
QTemporaryDir* Pipeline::s_dir = nullptr;

double psnr(const Image& a, const Image& b) {
  double mse = 0;
  for (size_t i = 0; i < a.data.size(); ++i) {
    const double d = double(a.data[i]) - double(b.data[i]);
    mse += d * d;
  }
  mse /= double(a.data.size());
  return mse == 0 ? 99.0 : 10.0 * std::log10(255.0 * 255.0 / mse);
}

Image flatImage(int w, int h, uint8_t v) {
  Image img(w, h);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      uint8_t* p = img.pixel(x, y);
      p[0] = v;
      p[1] = uint8_t(x * 255 / w);
      p[2] = uint8_t(y * 255 / h);
    }
  }
  return img;
}

}  // namespace

TEST_F(Pipeline, GeneratesRequestedSizeWithAPreviewPerStep) {
  auto engine = makeEngine();
  ASSERT_TRUE(engine);
  std::vector<Progress> steps;
  auto result = engine->generate(request(), [&](const Progress& p) { steps.push_back(p); }, CancelToken());
  ASSERT_TRUE(result.ok) << result.error;
  EXPECT_EQ(result.image.width, 64);
  EXPECT_EQ(result.image.height, 48);
  ASSERT_EQ(steps.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(steps[size_t(i)].step, i + 1);
    EXPECT_EQ(steps[size_t(i)].total, 3);
    EXPECT_EQ(steps[size_t(i)].preview.width, 64);
    EXPECT_EQ(steps[size_t(i)].preview.height, 48);
  }
  EXPECT_GT(result.timings.total_ms, 0.0);
}

TEST_F(Pipeline, FixedSeedIsBitIdenticalAndSeedsDiffer) {
  auto engine = makeEngine();
  ASSERT_TRUE(engine);
  for (const char* sampler : {"euler_a", "dpmpp_2m", "ddim", "lcm"}) {
    auto r = request();
    r.sampler = sampler;
    auto a = engine->generate(r, nullptr, CancelToken());
    auto b = engine->generate(r, nullptr, CancelToken());
    r.seed = 8;
    auto c = engine->generate(r, nullptr, CancelToken());
    ASSERT_TRUE(a.ok && b.ok && c.ok) << sampler << ": " << a.error;
    EXPECT_EQ(a.image, b.image) << sampler;
    EXPECT_NE(a.image, c.image) << sampler;
  }
}

TEST_F(Pipeline, CancelStopsWithinOneStep) {
  auto engine = makeEngine();
  ASSERT_TRUE(engine);
  auto r = request();
  r.steps = 10;
  CancelToken cancel;
  int calls = 0;
  auto result = engine->generate(
      r,
      [&](const Progress& p) {
        ++calls;
        if (p.step == 2) cancel.cancel();
      },
      cancel);
  EXPECT_FALSE(result.ok);
  EXPECT_TRUE(result.cancelled);
  EXPECT_EQ(calls, 2);
}

TEST_F(Pipeline, ControlWeightZeroEqualsNoControl) {
  auto engine = makeEngine();
  ASSERT_TRUE(engine);
  auto plain = engine->generate(request(), nullptr, CancelToken());
  auto r = request();
  r.controls.push_back(ControlInput{ControlKind::Depth, flatImage(32, 24, 200), 0.0f, 0.0f, 1.0f});
  auto zero = engine->generate(r, nullptr, CancelToken());
  r.controls[0].weight = 1.0f;
  auto one = engine->generate(r, nullptr, CancelToken());
  r.controls[0].start = 0.7f;  // only the last step is steered
  auto late = engine->generate(r, nullptr, CancelToken());
  ASSERT_TRUE(plain.ok && zero.ok && one.ok && late.ok) << one.error;
  EXPECT_EQ(plain.image, zero.image);
  EXPECT_NE(plain.image, one.image);
  EXPECT_NE(late.image, one.image);
}

// Control first: under guidance the control acts on the prompt's pass only, so it steers differently from a
// balanced control; without guidance there is one pass and the two are the same. Auto follows the ControlNet's
// config.json ("shotcraft_control_mode"), and a config asking for an unknown mode is refused.
TEST_F(Pipeline, ControlFirstActsOnThePromptsPassOnly) {
  auto engine = makeEngine();
  ASSERT_TRUE(engine);
  const auto draw = [](IEngine& e, ControlMode mode, float cfg) {
    auto r = request();
    r.cfg_scale = cfg;
    r.controls.push_back(ControlInput{ControlKind::Depth, flatImage(32, 24, 200), 1.0f, 0.0f, 1.0f, mode});
    auto result = e.generate(r, nullptr, CancelToken());
    EXPECT_TRUE(result.ok) << result.error;
    return result.image;
  };
  const Image balanced = draw(*engine, ControlMode::Balanced, 5.0f);
  const Image first = draw(*engine, ControlMode::ControlFirst, 5.0f);
  EXPECT_NE(balanced, first);
  EXPECT_EQ(draw(*engine, ControlMode::Auto, 5.0f), balanced) << "the test model's config asks for nothing";
  EXPECT_EQ(draw(*engine, ControlMode::Balanced, 1.0f), draw(*engine, ControlMode::ControlFirst, 1.0f));

  // The same model, its ControlNet's config asking for control first.
  QTemporaryDir copy;
  namespace fs = std::filesystem;
  fs::copy(modelDir(), copy.path().toStdString(), fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  const fs::path config = fs::path(copy.path().toStdString()) / "controlnet-depth" / "config.json";
  std::string text;
  {
    std::ifstream in(config);
    text.assign(std::istreambuf_iterator<char>(in), {});
  }
  ASSERT_EQ(text.front(), '{');
  const auto rewrite = [&](const std::string& value) {
    std::ofstream(config) << "{\"shotcraft_control_mode\": \"" << value << "\", " << text.substr(1);
    EngineOptions o;
    o.model_dir = copy.path().toStdString();
    o.device = Device::Cpu;
    o.precision = Precision::Fp32;
    o.threads = 2;
    std::string error;
    auto e = torch_engine::TorchEngineFactory().create(o, &error);
    return std::make_pair(std::move(e), error);
  };
  auto [asking, error] = rewrite("control_first");
  ASSERT_TRUE(asking) << error;
  EXPECT_EQ(draw(*asking, ControlMode::Auto, 5.0f), first);
  EXPECT_EQ(draw(*asking, ControlMode::Balanced, 5.0f), balanced) << "the request's mode wins over the config's";
  auto [refused, why] = rewrite("strong");
  EXPECT_FALSE(refused);
  EXPECT_NE(why.find("shotcraft_control_mode"), std::string::npos) << why;
}

TEST_F(Pipeline, MissingControlNetIsAClearError) {
  auto engine = makeEngine();
  ASSERT_TRUE(engine);
  auto r = request();
  r.controls.push_back(ControlInput{ControlKind::Pose, flatImage(32, 24, 0), 1.0f, 0.0f, 1.0f});
  auto result = engine->generate(r, nullptr, CancelToken());
  EXPECT_FALSE(result.ok);
  EXPECT_NE(result.error.find("no pose ControlNet"), std::string::npos) << result.error;
}

TEST_F(Pipeline, Img2ImgRunsTheStrengthFractionOfTheSchedule) {
  auto engine = makeEngine();
  ASSERT_TRUE(engine);
  auto r = request();
  r.steps = 8;
  r.init_image = flatImage(64, 48, 90);
  r.strength = 0.5f;
  int calls = 0;
  auto half = engine->generate(r, [&](const Progress&) { ++calls; }, CancelToken());
  ASSERT_TRUE(half.ok) << half.error;
  EXPECT_EQ(calls, 4);
  r.strength = 1.0f;
  auto full = engine->generate(r, nullptr, CancelToken());
  ASSERT_TRUE(full.ok);
  EXPECT_NE(half.image, full.image);
}

TEST_F(Pipeline, AutoencodeIsTheVaeRoundTripAndRefusesBadSizes) {
  auto engine = makeEngine();
  ASSERT_TRUE(engine);
  auto& torchEngine = dynamic_cast<torch_engine::TorchEngine&>(*engine);
  const Image in = flatImage(64, 48, 90);
  Image out, again;
  std::string error;
  ASSERT_TRUE(engine->autoencode(in, &out, &error)) << error;
  EXPECT_EQ(out.width, 64);
  EXPECT_EQ(out.height, 48);
  EXPECT_EQ(out.channels, 3);
  EXPECT_EQ(out, torchEngine.decodeLatent(torchEngine.encodeImage(in, 64, 48)));
  ASSERT_TRUE(engine->autoencode(in, &again, &error)) << error;
  EXPECT_EQ(out, again);  // the latent is the posterior's mean: no noise

  EXPECT_FALSE(engine->autoencode(flatImage(66, 48, 90), &out, &error));
  EXPECT_NE(error.find("multiples of 4"), std::string::npos) << error;
  EXPECT_NE(error.find("66x48"), std::string::npos) << error;
  EXPECT_FALSE(engine->autoencode(Image(), &out, &error));
  EXPECT_NE(error.find("autoencode:"), std::string::npos) << error;
}

TEST_F(Pipeline, Bf16MatchesFp32Within30dB) {
  auto fp32 = makeEngine(Precision::Fp32);
  auto bf16 = makeEngine(Precision::Bf16);
  ASSERT_TRUE(fp32 && bf16);
  EXPECT_EQ(bf16->info().precision, "bf16");
  auto r = request();
  r.sampler = "dpmpp_2m";
  auto a = fp32->generate(r, nullptr, CancelToken());
  auto b = bf16->generate(r, nullptr, CancelToken());
  ASSERT_TRUE(a.ok && b.ok) << b.error;
  const double db = psnr(a.image, b.image);
  RecordProperty("psnr_db", std::to_string(db));
  std::cout << "bf16 vs fp32 PSNR: " << db << " dB\n";
  EXPECT_GE(db, 30.0);
}

TEST_F(Pipeline, BadRequestsAreRejectedWithAReason) {
  auto engine = makeEngine();
  ASSERT_TRUE(engine);
  auto r = request();
  r.width = 66;
  auto result = engine->generate(r, nullptr, CancelToken());
  EXPECT_FALSE(result.ok);
  EXPECT_NE(result.error.find("multiple of 4"), std::string::npos) << result.error;
  r = request();
  r.sampler = "warp_drive";
  result = engine->generate(r, nullptr, CancelToken());
  EXPECT_FALSE(result.ok);
  EXPECT_NE(result.error.find("unknown sampler 'warp_drive'"), std::string::npos) << result.error;
  r = request();
  r.guidance_rescale = 1.5f;
  result = engine->generate(r, nullptr, CancelToken());
  EXPECT_FALSE(result.ok);
  EXPECT_NE(result.error.find("guidance rescale must be 0..1"), std::string::npos) << result.error;
}

// Rescaled guidance brings each item's guided prediction to the prompt pass's standard deviation, by the fraction.
TEST(GuidanceRescale, MatchesThePromptPassSpreadByTheFraction) {
  torch::manual_seed(5);
  const torch::Tensor prompt = torch::randn({2, 4, 6, 5});
  const torch::Tensor guided = 3.0 * torch::randn({2, 4, 6, 5}) + 0.5;
  const torch::Tensor full = torch_engine::rescaleGuidance(guided, prompt, 1.0);
  for (int64_t i = 0; i < 2; ++i) {
    EXPECT_NEAR(full[i].std().item<double>(), prompt[i].std().item<double>(), 1e-5);
    // A per-item scale: the guided prediction's direction is kept.
    const double scale = prompt[i].std().item<double>() / guided[i].std().item<double>();
    EXPECT_LT((full[i] - scale * guided[i]).abs().max().item<double>(), 1e-5);
  }
  EXPECT_TRUE(torch::equal(torch_engine::rescaleGuidance(guided, prompt, 0.0), guided));
  const torch::Tensor part = torch_engine::rescaleGuidance(guided, prompt, 0.7);
  EXPECT_LT((part - (0.7 * full + 0.3 * guided)).abs().max().item<double>(), 1e-5);
}

TEST_F(Pipeline, GuidanceRescaleChangesTheGuidedFrameOnly) {
  auto engine = makeEngine();
  ASSERT_TRUE(engine);
  auto r = request();
  const auto plain = engine->generate(r, nullptr, CancelToken());
  r.guidance_rescale = 0.7f;
  const auto rescaled = engine->generate(r, nullptr, CancelToken());
  ASSERT_TRUE(plain.ok && rescaled.ok) << plain.error << rescaled.error;
  EXPECT_NE(plain.image, rescaled.image);
  r.cfg_scale = 1.0f;  // no guidance: nothing to rescale
  const auto unguided = engine->generate(r, nullptr, CancelToken());
  r.guidance_rescale = 0.0f;
  const auto unguidedPlain = engine->generate(r, nullptr, CancelToken());
  ASSERT_TRUE(unguided.ok && unguidedPlain.ok);
  EXPECT_EQ(unguided.image, unguidedPlain.image);
}

TEST(PipelineLoad, MissingOrCorruptModelGivesAMessageNamingIt) {
  EngineOptions o;
  o.model_dir = "/nonexistent/model";
  o.device = Device::Cpu;
  std::string error;
  EXPECT_EQ(torch_engine::TorchEngineFactory().create(o, &error), nullptr);
  EXPECT_NE(error.find("/nonexistent/model"), std::string::npos) << error;

  QTemporaryDir dir;
  ASSERT_EQ(test::writeTinyModel(dir.path().toStdString(), {3, false}), "");
  // Truncate the UNet weights: the loader must name the file, not crash.
  const std::string weights = dir.path().toStdString() + "/unet/diffusion_pytorch_model.safetensors";
  std::filesystem::resize_file(weights, std::filesystem::file_size(weights) / 2);
  o.model_dir = dir.path().toStdString();
  error.clear();
  EXPECT_EQ(torch_engine::TorchEngineFactory().create(o, &error), nullptr);
  EXPECT_NE(error.find("diffusion_pytorch_model.safetensors"), std::string::npos) << error;
}

TEST(PipelinePlugin, TheBuiltPluginRegistersTheTorchFactory) {
  EngineRegistry registry;
  registry.loadPlugins({QStringLiteral(SHOTCRAFT_BINARY_DIR "/plugins")});
  auto factory = registry.factory("torch");
  ASSERT_NE(factory, nullptr) << registry.errors().join(QStringLiteral("; ")).toStdString();
  const auto names = factory->samplerNames();
  EXPECT_NE(std::find(names.begin(), names.end(), "dpmpp_2m_karras"), names.end());
}

TEST(PipelineBench, QuickBenchmarkPrintsEveryFigure) {
  engine::BenchmarkRequest request;
  request.options.device = Device::Cpu;
  request.options.threads = 2;
  request.options.precision = Precision::Fp32;  // one pass: this checks the benchmark runs, not the figures
  request.quick = true;
  request.width = 64;
  request.height = 64;
  request.iterations = 1;
  std::vector<std::string> lines;
  std::string error;
  ASSERT_TRUE(torch_engine::TorchEngineFactory().runBenchmark(
      request, [&](const std::string& l) { lines.push_back(l); }, &error))
      << error;
  auto has = [&](const std::string& what) {
    return std::any_of(lines.begin(), lines.end(), [&](const std::string& l) { return l.find(what) != std::string::npos; });
  };
  EXPECT_TRUE(has("[fp32] UNet step"));
  EXPECT_TRUE(has("[fp32] self-attention"));
  EXPECT_TRUE(has("[fp32] ControlNet"));
  EXPECT_TRUE(has("[fp32] preview"));
  EXPECT_TRUE(has("[fp32] VAE decode"));
  EXPECT_TRUE(has("GFLOP/s"));
}
