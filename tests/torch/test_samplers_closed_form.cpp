// Sampler checks that need no reference files: hand-computed steps, Heun, v-prediction, img2img, seeds, errors.
#include <torch/torch.h>

#include <gtest/gtest.h>

#include <cmath>

#include "plugins/torch_engine/sampling/SamplerFactory.h"

using namespace shotcraft::torch_engine;

namespace {

double maxAbs(const torch::Tensor& a, const torch::Tensor& b) {
  return (a.to(torch::kFloat64) - b.to(torch::kFloat64)).abs().max().item<double>();
}

torch::Tensor fakeModel(const torch::Tensor& xIn, double t) { return 0.1 * xIn + 0.01 * t / 1000.0; }

std::unique_ptr<Sampler> make(const std::string& id, int n, double strength = 1.0,
                              const SchedulerConfig& config = SchedulerConfig{}) {
  std::string error;
  auto sampler = createSampler(id, config, &error);
  EXPECT_NE(sampler, nullptr) << error;
  if (sampler) {
    EXPECT_TRUE(sampler->setSteps(n, strength, &error)) << error;
  }
  return sampler;
}

}  // namespace

TEST(Samplers, FactoryKnowsAllIdsAndRejectsUnknown) {
  EXPECT_EQ(samplerNames().size(), 7u);
  for (const std::string& id : samplerNames()) {
    auto s = make(id, 4);
    ASSERT_NE(s, nullptr);
    EXPECT_EQ(s->id(), id);
  }
  std::string error;
  EXPECT_EQ(createSampler("plms", SchedulerConfig{}, &error), nullptr);
  EXPECT_NE(error.find("unknown sampler 'plms'"), std::string::npos) << error;
  EXPECT_NE(error.find("dpmpp_2m_karras"), std::string::npos) << error;
  auto s = createSampler("euler", SchedulerConfig{}, &error);
  EXPECT_FALSE(s->setSteps(0, 1.0, &error));
  EXPECT_FALSE(s->setSteps(10, 0.0, &error));
  EXPECT_FALSE(make("lcm", 4)->setSteps(60, 1.0, &error));  // more than original_inference_steps
}

TEST(Samplers, DdimSingleStepByHand) {
  auto s = make("ddim", 4);
  ASSERT_EQ(s->timesteps(), (std::vector<double>{751, 501, 251, 1}));
  const std::vector<float>& ac = s->noiseSchedule().alphasCumprod();
  torch::manual_seed(3);
  const torch::Tensor x = torch::randn({1, 4, 8, 8});
  const torch::Tensor eps = fakeModel(x, 751);
  const double a = ac[751], aPrev = ac[501];
  const torch::Tensor x0 = (x - std::sqrt(1 - a) * eps) / std::sqrt(a);
  const torch::Tensor expected = std::sqrt(aPrev) * x0 + std::sqrt(1 - aPrev) * eps;
  const SamplerStepOutput out = s->step(eps, 0, x);
  EXPECT_LT(maxAbs(out.prev_sample, expected), 1e-5);
  EXPECT_LT(maxAbs(out.denoised, x0), 1e-5);
  // n = 1: leading spacing gives t = 1 and the final alpha is alphas_cumprod[0] (set_alpha_to_one false).
  auto one = make("ddim", 1);
  ASSERT_EQ(one->timesteps(), (std::vector<double>{1}));
  const torch::Tensor e1 = fakeModel(x, 1);
  const double a1 = ac[1], a0 = ac[0];
  const torch::Tensor x01 = (x - std::sqrt(1 - a1) * e1) / std::sqrt(a1);
  EXPECT_LT(maxAbs(one->step(e1, 0, x).prev_sample, std::sqrt(a0) * x01 + std::sqrt(1 - a0) * e1), 1e-5);
}

TEST(Samplers, HeunScheduleAndHandComputedSteps) {
  auto heun = make("heun", 4);
  auto euler = make("euler", 4);
  ASSERT_EQ(heun->callCount(), 7);
  const std::vector<double> et = euler->timesteps();
  const std::vector<double> expectedT{et[0], et[1], et[1], et[2], et[2], et[3], et[3]};
  EXPECT_EQ(heun->timesteps(), expectedT);
  EXPECT_DOUBLE_EQ(heun->initNoiseSigma(), euler->initNoiseSigma());
  const std::vector<float>& es = euler->sigmas();  // s0 s1 s2 s3 0

  torch::manual_seed(5);
  const torch::Tensor x = torch::randn({1, 4, 8, 8}) * heun->initNoiseSigma();
  auto eps = [](const torch::Tensor& sample, double sigma, double t) {
    return fakeModel(sample / std::sqrt(sigma * sigma + 1), t);
  };
  // Step 1 by hand: predictor x1 = x + d0 (s1 - s0), corrector x + (d0 + d1) / 2 (s1 - s0), d = eps for eps models.
  const double s0 = es[0], s1 = es[1];
  const torch::Tensor d0 = eps(x, s0, et[0]);
  const torch::Tensor predictor = x + d0 * (s1 - s0);
  const torch::Tensor d1 = eps(predictor, s1, et[1]);
  const torch::Tensor corrected = x + (d0 + d1) / 2 * (s1 - s0);

  heun->resetState();
  torch::Tensor h = x;
  for (int i = 0; i < 2; ++i) {
    const torch::Tensor out = heun->scaleModelInput(h, i);
    EXPECT_LT(maxAbs(out, h / std::sqrt(std::pow(i == 0 ? s0 : s1, 2) + 1)), 1e-6);
    h = heun->step(fakeModel(out, heun->timesteps()[static_cast<size_t>(i)]), i, h).prev_sample;
    if (i == 0) {
      EXPECT_LT(maxAbs(h, predictor), 1e-5);
    }
  }
  EXPECT_LT(maxAbs(h, corrected), 1e-5);
  // Remaining steps; the last call (sigma s3 -> 0) is a plain Euler step.
  for (int i = 2; i < 6; ++i) {
    h = heun->step(fakeModel(heun->scaleModelInput(h, i), heun->timesteps()[static_cast<size_t>(i)]), i, h).prev_sample;
  }
  const double s3 = es[3];
  const torch::Tensor lastEps = eps(h, s3, et[3]);
  const torch::Tensor expectedFinal = h + lastEps * (0.0 - s3);
  h = heun->step(fakeModel(heun->scaleModelInput(h, 6), et[3]), 6, h).prev_sample;
  EXPECT_LT(maxAbs(h, expectedFinal), 1e-4);

  // n = 1 Heun is exactly one Euler step.
  auto heun1 = make("heun", 1);
  auto euler1 = make("euler", 1);
  ASSERT_EQ(heun1->callCount(), 1);
  const torch::Tensor y = torch::randn({1, 4, 8, 8});
  EXPECT_EQ(maxAbs(heun1->step(fakeModel(heun1->scaleModelInput(y, 0), 0), 0, y).prev_sample,
                   euler1->step(fakeModel(euler1->scaleModelInput(y, 0), 0), 0, y).prev_sample),
            0.0);
}

// With the exact eps (or v) of a known x0 every sampler must report x0 as its denoised estimate; also from pure
// noise on a zero-terminal-SNR schedule, where the first step is t = 999 with alphas_cumprod 0 (2^-24 for sigmas).
TEST(Samplers, ExactModelRecoversCleanLatentForEpsAndV) {
  torch::manual_seed(11);
  const torch::Tensor x0 = torch::randn({1, 4, 8, 8});
  const torch::Tensor noise = torch::randn({1, 4, 8, 8});
  SchedulerConfig zeroSnr;
  zeroSnr.prediction_type = PredictionType::VPrediction;
  zeroSnr.rescale_betas_zero_snr = true;
  zeroSnr.timestep_spacing = TimestepSpacing::Trailing;
  zeroSnr.steps_offset = 0;
  std::vector<SchedulerConfig> configs(2);
  configs[1].prediction_type = PredictionType::VPrediction;
  configs.push_back(zeroSnr);
  for (const SchedulerConfig& config : configs) {
    const PredictionType prediction = config.prediction_type;
    for (const std::string& id : samplerNames()) {
      SCOPED_TRACE(id + " " + toString(prediction) + (config.rescale_betas_zero_snr ? " zero SNR" : ""));
      auto s = make(id, 10, 1.0, config);
      const torch::Tensor xt = s->noisedLatents(x0, noise);  // forward process at the first step
      const double t = s->timesteps()[0];
      double alpha = 0, sigmaVp = 0;
      if (s->sigmas().empty()) {
        const double ac = s->noiseSchedule().alphaCumprod(static_cast<int>(t));
        alpha = std::sqrt(ac);
        sigmaVp = std::sqrt(1 - ac);
        EXPECT_LT(maxAbs(xt, alpha * x0 + sigmaVp * noise), 1e-5);
      } else {
        const double sigma = s->sigmas()[0];
        alpha = 1 / std::sqrt(sigma * sigma + 1);
        sigmaVp = sigma * alpha;
        if (id == "dpmpp_2m" || id == "dpmpp_2m_karras") {
          EXPECT_LT(maxAbs(xt, alpha * x0 + sigmaVp * noise), 1e-5);
        } else {  // Euler-family latents live at scale 1/alpha
          EXPECT_LT(maxAbs(xt, x0 + sigma * noise), 1e-4);
        }
      }
      const torch::Tensor modelOut =
          prediction == PredictionType::Epsilon ? noise : alpha * noise - sigmaVp * x0;
      s->resetState();
      const SamplerStepOutput out = s->step(modelOut, 0, xt, torch::randn({1, 4, 8, 8}));
      torch::Tensor expected = x0;
      if (id == "lcm") {  // consistency boundary condition blends in the input
        const double st = t * 10.0;
        const double cSkip = 0.25 / (st * st + 0.25), cOut = st / std::sqrt(st * st + 0.25);
        expected = cOut * x0 + cSkip * xt;
      }
      EXPECT_LT(maxAbs(out.denoised, expected), 2e-4);
    }
  }
}

TEST(Samplers, Img2ImgStartsAtStrengthAndNoisesThere) {
  auto full = make("euler_a", 20);
  auto part = make("euler_a", 20, 0.5);
  ASSERT_EQ(part->callCount(), 10);
  EXPECT_EQ(part->beginIndex(), 10);
  const std::vector<double> fullT = full->timesteps();
  EXPECT_EQ(part->timesteps(), std::vector<double>(fullT.begin() + 10, fullT.end()));
  const torch::Tensor x0 = torch::ones({1, 4, 2, 2});
  const torch::Tensor n = torch::full({1, 4, 2, 2}, 2.0);
  EXPECT_LT(maxAbs(part->noisedLatents(x0, n), x0 + n * full->sigmas()[10]), 1e-6);

  auto heun = make("heun", 4, 0.5);  // 2 of 4 steps: calls t2, t3, t3
  EXPECT_EQ(heun->callCount(), 3);
  auto ddim = make("ddim", 10, 0.3);
  EXPECT_EQ(ddim->timesteps(), (std::vector<double>{201, 101, 1}));
  auto lcm = make("lcm", 4, 0.5);  // grid shortened to 25 distillation steps, all 4 steps run
  EXPECT_EQ(lcm->timesteps(), (std::vector<double>{499, 379, 259, 139}));
  std::string error;
  EXPECT_FALSE(make("ddim", 2)->setSteps(2, 0.2, &error));
  EXPECT_NE(error.find("strength"), std::string::npos);
}

TEST(Samplers, FixedSeedIsBitIdenticalAndCancelStops) {
  auto run = [](uint64_t seed) {
    auto s = make("euler_a", 6);
    torch::Generator gen = makeCpuGenerator(seed);
    const torch::Tensor start = s->initialLatents(at::randn({1, 4, 8, 8}, gen));
    return s->sample(start, fakeModel, generatorNoise(gen)).latents;
  };
  const torch::Tensor a = run(42), b = run(42), c = run(43);
  EXPECT_TRUE(torch::equal(a, b));
  EXPECT_FALSE(torch::equal(a, c));

  shotcraft::engine::CancelToken cancel;
  auto s = make("dpmpp_2m", 8);
  int calls = 0;
  SampleResult r = s->sample(torch::zeros({1, 4, 4, 4}), [&](const torch::Tensor& x, double) {
    if (++calls == 3) cancel.cancel();
    return x;
  }, nullptr, nullptr, &cancel);
  EXPECT_TRUE(r.cancelled);
  EXPECT_EQ(calls, 3);
}

TEST(Samplers, SchedulerConfigParsing) {
  SchedulerConfig c;
  std::string error;
  ASSERT_TRUE(parseSchedulerConfig(R"({"beta_start": 0.0001, "beta_end": 0.02, "beta_schedule": "linear",
      "prediction_type": "v_prediction", "timestep_spacing": "trailing", "num_train_timesteps": 1000})", c, &error))
      << error;
  EXPECT_EQ(c.beta_schedule, BetaSchedule::Linear);
  EXPECT_EQ(c.prediction_type, PredictionType::VPrediction);
  EXPECT_EQ(c.timestep_spacing, TimestepSpacing::Trailing);
  EXPECT_EQ(c.steps_offset, 0);  // diffusers class default for an absent key
  EXPECT_TRUE(c.set_alpha_to_one);
  NoiseSchedule linear(c);
  EXPECT_NEAR(linear.alphasCumprod()[0], 1 - 0.0001, 1e-7);
  auto ddim = make("ddim", 4, 1.0, c);
  EXPECT_EQ(ddim->timesteps(), (std::vector<double>{999, 749, 499, 249}));
  auto euler = make("euler", 4, 1.0, c);
  EXPECT_EQ(euler->timesteps(), (std::vector<double>{999, 749, 499, 249}));
  EXPECT_DOUBLE_EQ(euler->initNoiseSigma(), euler->sigmas()[0]);

  EXPECT_FALSE(parseSchedulerConfig(R"({"beta_schedule": "squaredcos_cap_v3"})", c, &error));
  EXPECT_NE(error.find("beta_schedule"), std::string::npos);
  EXPECT_FALSE(parseSchedulerConfig("[1]", c, &error));
  EXPECT_FALSE(parseSchedulerConfig(R"({"prediction_type": "sample"})", c, &error));
}

TEST(Samplers, ZeroTerminalSnrSchedule) {
  SchedulerConfig c;
  std::string error;
  ASSERT_TRUE(parseSchedulerConfig(R"({"beta_start": 0.00085, "beta_end": 0.012, "beta_schedule": "scaled_linear",
      "prediction_type": "v_prediction", "timestep_spacing": "trailing", "rescale_betas_zero_snr": true})",
                                   c, &error))
      << error;
  EXPECT_TRUE(c.rescale_betas_zero_snr);
  const NoiseSchedule plain{SchedulerConfig{}};
  const NoiseSchedule zero{c};
  const std::vector<float>& a = plain.alphasCumprod();
  const std::vector<float>& z = zero.alphasCumprod();
  ASSERT_EQ(z.size(), a.size());
  EXPECT_EQ(z.back(), 0.0f);  // pure noise at the last timestep
  EXPECT_NEAR(z.front(), a.front(), 1e-6);
  // sqrt(alphas_cumprod) is the plain schedule's, shifted onto 0 at the end and scaled to keep its start.
  const double first = std::sqrt(a.front()), last = std::sqrt(a.back());
  double worst = 0;
  for (size_t t = 0; t < a.size(); ++t) {
    const double expected = (std::sqrt(a[t]) - last) * first / (first - last);
    worst = std::max(worst, std::abs(std::sqrt(z[t]) - expected));
  }
  EXPECT_LT(worst, 1e-4);
  EXPECT_NEAR(zero.trainSigmas().back(), 4096.0, 1e-2);  // alphas_cumprod taken as 2^-24 there
  EXPECT_TRUE(std::isfinite(zero.logSigmas().back()));
  auto euler = make("euler_a", 8, 1.0, c);
  EXPECT_EQ(euler->timesteps().front(), 999);
  EXPECT_NEAR(euler->initNoiseSigma(), 4096.0, 1e-2);

  // An epsilon model's x0 estimate would divide by sqrt(alphas_cumprod) = 0: refused with the reason.
  EXPECT_FALSE(parseSchedulerConfig(R"({"rescale_betas_zero_snr": true})", c, &error));
  EXPECT_NE(error.find("rescale_betas_zero_snr needs prediction_type v_prediction"), std::string::npos) << error;
  EXPECT_FALSE(parseSchedulerConfig(R"({"prediction_type": "v_prediction", "rescale_betas_zero_snr": 1})", c, &error));
  EXPECT_NE(error.find("must be true or false"), std::string::npos) << error;
}
