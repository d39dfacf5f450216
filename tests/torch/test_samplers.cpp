// Samplers vs the diffusers reference trajectories in shared/refs/sd-tiny (schedulers.json/.safetensors).
#include <torch/torch.h>

#include <gtest/gtest.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <cstdio>
#include <memory>

#include "plugins/torch_engine/safetensors/SafeTensorsFile.h"
#include "plugins/torch_engine/sampling/SamplerFactory.h"
#include "tests/common/TestUtil.h"

using namespace shotcraft::torch_engine;
using shotcraft::test::refsPath;

namespace {

constexpr double kTol = 1e-4;

double maxAbs(const torch::Tensor& a, const torch::Tensor& b) {
  return (a.to(torch::kFloat64) - b.to(torch::kFloat64)).abs().max().item<double>();
}

// The README's fake model: eps = 0.1 * x_in + 0.01 * t / 1000.
torch::Tensor fakeModel(const torch::Tensor& xIn, double t) { return 0.1 * xIn + 0.01 * t / 1000.0; }

struct Refs {
  QJsonObject runs;
  std::unique_ptr<SafeTensorsFile> tensors;
};

const Refs* refs() {
  static std::unique_ptr<Refs> loaded = [] {
    std::unique_ptr<Refs> r;
    QFile file(QString::fromStdString(refsPath("sd-tiny/schedulers.json")));
    if (!file.open(QIODevice::ReadOnly)) return r;
    r = std::make_unique<Refs>();
    // The resolved configs hold Python's -Infinity (lambda_min_clipped), which is not JSON.
    QByteArray bytes = file.readAll();
    bytes.replace("-Infinity", "null");
    r->runs = QJsonDocument::fromJson(bytes).object().value("runs").toObject();
    std::string error;
    r->tensors = SafeTensorsFile::open(refsPath("sd-tiny/schedulers.safetensors"), &error);
    if (!r->tensors) r.reset();
    return r;
  }();
  return loaded.get();
}

struct RunCase {
  const char* refName;
  const char* samplerId;
};
const RunCase kRuns[] = {{"ddim", "ddim"},         {"euler", "euler"},
                         {"euler_ancestral", "euler_a"}, {"dpmpp_2m", "dpmpp_2m"},
                         {"dpmpp_2m_karras", "dpmpp_2m_karras"}, {"lcm", "lcm"}};
const int kStepCounts[] = {1, 4, 20};

std::string runKey(const char* refName, int n) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s/n%02d", refName, n);
  return buf;
}
std::string stepKey(const std::string& run, int i, const char* what) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "/step%02d/", i);
  return run + buf + what;
}

std::unique_ptr<Sampler> makeSampler(const char* id, int n) {
  std::string error;
  auto sampler = createSampler(id, SchedulerConfig{}, &error);
  EXPECT_NE(sampler, nullptr) << error;
  if (sampler) {
    EXPECT_TRUE(sampler->setSteps(n, 1.0, &error)) << error;
  }
  return sampler;
}

}  // namespace

TEST(SamplerRefs, AlphasCumprodMatchReferenceAndFormula) {
  if (!refs()) GTEST_SKIP() << "sd-tiny refs not found";
  NoiseSchedule schedule{SchedulerConfig{}};
  const torch::Tensor ref = refs()->tensors->tensor("alphas_cumprod");
  ASSERT_EQ(ref.numel(), schedule.size());
  const torch::Tensor ours = torch::tensor(schedule.alphasCumprod());
  EXPECT_EQ(maxAbs(ours, ref), 0.0);  // same float32 ops as diffusers
  // Closed form in double: prod_i (1 - (sqrt(b0) + i / 999 * (sqrt(b1) - sqrt(b0)))^2).
  double product = 1.0;
  double worstRelative = 0.0;
  for (int i = 0; i < 1000; ++i) {
    const double root = std::sqrt(0.00085) + i / 999.0 * (std::sqrt(0.012) - std::sqrt(0.00085));
    product *= 1.0 - root * root;
    worstRelative = std::max(worstRelative, std::abs(schedule.alphasCumprod()[static_cast<size_t>(i)] - product) / product);
  }
  EXPECT_LT(worstRelative, 1e-4);
  EXPECT_NEAR(schedule.trainSigmas().back(), 14.614645, 1e-5);
}

TEST(SamplerRefs, TimestepsSigmasAndInitNoiseSigma) {
  if (!refs()) GTEST_SKIP() << "sd-tiny refs not found";
  for (const RunCase& rc : kRuns) {
    for (int n : kStepCounts) {
      const std::string key = runKey(rc.refName, n);
      SCOPED_TRACE(key);
      const QJsonObject run = refs()->runs.value(QString::fromStdString(key)).toObject();
      ASSERT_FALSE(run.isEmpty());
      auto sampler = makeSampler(rc.samplerId, n);
      ASSERT_NE(sampler, nullptr);
      const QJsonArray ts = run.value("timesteps").toArray();
      ASSERT_EQ(sampler->callCount(), ts.size());
      for (int i = 0; i < ts.size(); ++i) EXPECT_EQ(sampler->timesteps()[static_cast<size_t>(i)], ts[i].toDouble()) << i;
      const QJsonValue sigmas = run.value("sigmas");
      if (sigmas.isNull()) {
        EXPECT_TRUE(sampler->sigmas().empty());
      } else {
        const QJsonArray s = sigmas.toArray();
        ASSERT_EQ(static_cast<int>(sampler->sigmas().size()), s.size());
        for (int i = 0; i < s.size(); ++i) EXPECT_EQ(sampler->sigmas()[static_cast<size_t>(i)], s[i].toDouble()) << i;
      }
      EXPECT_NEAR(sampler->initNoiseSigma(), run.value("init_noise_sigma").toDouble(), 1e-6);
    }
  }
}

TEST(SamplerRefs, FullTrajectoriesWithFakeModel) {
  if (!refs()) GTEST_SKIP() << "sd-tiny refs not found";
  const SafeTensorsFile& file = *refs()->tensors;
  const torch::Tensor latent0 = file.tensor("latent0");
  for (const RunCase& rc : kRuns) {
    for (int n : kStepCounts) {
      const std::string key = runKey(rc.refName, n);
      SCOPED_TRACE(key);
      auto sampler = makeSampler(rc.samplerId, n);
      ASSERT_NE(sampler, nullptr);
      double worst = 0.0;
      torch::Tensor x = sampler->initialLatents(latent0);
      worst = std::max(worst, maxAbs(x, file.tensor(key + "/x_init")));
      sampler->resetState();
      for (int i = 0; i < sampler->callCount(); ++i) {
        const torch::Tensor xIn = sampler->scaleModelInput(x, i);
        worst = std::max(worst, maxAbs(xIn, file.tensor(stepKey(key, i, "x_in"))));
        const torch::Tensor eps = fakeModel(xIn, sampler->timesteps()[static_cast<size_t>(i)]);
        worst = std::max(worst, maxAbs(eps, file.tensor(stepKey(key, i, "eps"))));
        const torch::Tensor noise = file.tensor(stepKey(key, i, "noise"));
        // diffusers 0.30.3 Euler draws (and discards) noise it never uses; every other recorded draw is used.
        if (std::string(rc.samplerId) != "euler") {
          ASSERT_EQ(sampler->stepNeedsNoise(i), noise.defined()) << i;
        }
        ASSERT_TRUE(noise.defined() || !sampler->stepNeedsNoise(i)) << i;
        const SamplerStepOutput out = sampler->step(eps, i, x, noise);
        for (const char* name : {"pred_original_sample", "denoised"}) {
          const torch::Tensor refDenoised = file.tensor(stepKey(key, i, name));
          if (refDenoised.defined()) worst = std::max(worst, maxAbs(out.denoised, refDenoised));
        }
        x = out.prev_sample;
        worst = std::max(worst, maxAbs(x, file.tensor(stepKey(key, i, "prev_sample"))));
      }
      const double finalError = maxAbs(x, file.tensor(key + "/final"));
      worst = std::max(worst, finalError);
      std::printf("[ trajectory ] %-22s max|diff| %.3g (final %.3g, |final|max %.3g)\n", key.c_str(), worst,
                  finalError, x.abs().max().item<double>());
      EXPECT_LE(worst, kTol);
    }
  }
}

TEST(SamplerRefs, SampleLoopMatchesStepwiseWithInjectedNoise) {
  if (!refs()) GTEST_SKIP() << "sd-tiny refs not found";
  const SafeTensorsFile& file = *refs()->tensors;
  const std::string key = runKey("euler_ancestral", 4);
  auto sampler = makeSampler("euler_a", 4);
  ASSERT_NE(sampler, nullptr);
  int callbacks = 0;
  NoiseSource recorded = [&](int i, const torch::Tensor&) { return file.tensor(stepKey(key, i, "noise")); };
  SampleResult result = sampler->sample(sampler->initialLatents(file.tensor("latent0")), fakeModel, recorded,
                                        [&](const SamplerProgress& p) {
                                          EXPECT_EQ(p.index, callbacks++);
                                          EXPECT_EQ(p.count, 4);
                                        });
  EXPECT_FALSE(result.cancelled);
  EXPECT_EQ(callbacks, 4);
  EXPECT_LE(maxAbs(result.latents, file.tensor(key + "/final")), kTol);
}
