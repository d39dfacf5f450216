#include "plugins/torch_engine/train/ControlGain.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/eval/ProbeData.h"
#include "core/scenes/DatasetWriter.h"
#include "core/scenes/SceneRenderer.h"
#include "core/scenes/SceneSpec.h"
#include "plugins/torch_engine/sampling/NoiseSchedule.h"
#include "plugins/torch_engine/sampling/Sampler.h"

namespace shotcraft::torch_engine::train {

namespace {
constexpr size_t kBatch = 16;

std::string shortNumber(double v) {
  char text[24];
  std::snprintf(text, sizeof text, "%.3g", v);
  return text;
}
}  // namespace

namespace {
// The mean of `measure` over the rows (each timestep weighs the same).
double meanOver(const std::vector<ControlGainRow>& rows, double (ControlGainRow::*measure)() const) {
  double sum = 0;
  for (const ControlGainRow& r : rows) sum += (r.*measure)();
  return rows.empty() ? 0.0 : sum / double(rows.size());
}
}  // namespace

double ControlGain::meanGain() const {
  return meanOver(rows, &ControlGainRow::gain);
}

double ControlGain::meanMapGain() const {
  return meanOver(rows, &ControlGainRow::mapGain);
}

ControlGain measureControlGain(nn::ControlNetImpl& controlnet, FrozenParts& frozen, ControlMap map,
                               const std::string& kind, uint64_t seed, int count, int width, int height,
                               const std::vector<int>& timesteps) {
  torch::NoGradGuard noGrad;
  ControlGain g;
  g.kind = kind;
  g.width = width;
  g.height = height;
  for (int t : timesteps) g.rows.push_back({t, 0.0, 0.0});
  const NoiseSchedule schedule{frozen.scheduler};
  LatentCache encoder(frozen.vae, 0);
  auto gen = makeCpuGenerator(seed);
  const std::vector<uint64_t> seeds = eval::holdoutSeeds(seed, count);
  for (size_t start = 0; start < seeds.size(); start += kBatch) {
    std::vector<torch::Tensor> rgb, control;
    std::vector<std::string> prompts;
    for (size_t i = start; i < std::min(seeds.size(), start + kBatch); ++i) {
      const scenes::SceneSample sample =
          scenes::renderScene(scenes::sampleScene(seeds[i]), width, height, scenes::phrasingSeed(seeds[i]));
      rgb.push_back(toTensor(sample.rgb, 2.0f / 255.0f, -1.0f));
      control.push_back(controlTensor(sample, map));
      prompts.push_back(i % 2 ? sample.prompt_zh : sample.prompt_en);
    }
    const torch::Tensor latents = encoder.latents(torch::stack(rgb), {}, gen);
    const torch::Tensor cond = torch::stack(control);
    if (start == 0) {
      const torch::Tensor f = controlnet.controlnet_cond_embedding->features(cond);
      g.feature_rms = f.pow(2).mean().sqrt().item<double>();
      g.feature_spread = (f - f.mean(0, true)).pow(2).mean().sqrt().item<double>();
    }
    const torch::Tensor context = frozen.text->encode(tokenizePrompts(*frozen.tokenizer, prompts));
    const auto batchSize = double(latents.size(0));
    for (ControlGainRow& row : g.rows) {
      const torch::Tensor noise = torch::randn(latents.sizes(), gen, latents.options());
      const double ac = schedule.alphaCumprod(row.timestep);
      const torch::Tensor noisy = latents * std::sqrt(ac) + noise * std::sqrt(1.0 - ac);
      const torch::Tensor t = torch::full({latents.size(0)}, int64_t(row.timestep), torch::kInt64);
      const torch::Tensor target =
          predictionTarget(latents, noise, torch::scalar_tensor(ac, torch::kFloat32), frozen.scheduler.prediction_type);
      const auto loss = [&](const nn::ControlResiduals* residuals) {
        return torch::mse_loss(frozen.unet->forward(noisy, t, context, residuals), target).item<double>() * batchSize;
      };
      const nn::ControlResiduals own = controlnet.forward(noisy, t, context, cond);
      const nn::ControlResiduals other = controlnet.forward(noisy, t, context, cond.roll(1, 0));
      row.loss_with += loss(&own);
      row.loss_shuffled += loss(&other);
      row.loss_without += loss(nullptr);
    }
    g.scenes += int(latents.size(0));
  }
  for (ControlGainRow& row : g.rows) {
    row.loss_with /= std::max(1, g.scenes);
    row.loss_without /= std::max(1, g.scenes);
    row.loss_shuffled /= std::max(1, g.scenes);
  }
  return g;
}

std::string toJson(const ControlGain& g) {
  std::string rows;
  for (const ControlGainRow& r : g.rows) {
    char line[240];
    std::snprintf(line, sizeof line,
                  "%s    {\"timestep\": %d, \"loss_with\": %.6f, \"loss_without\": %.6f, \"loss_shuffled\": %.6f, "
                  "\"gain\": %.5f, \"map_gain\": %.5f}",
                  rows.empty() ? "" : ",\n", r.timestep, r.loss_with, r.loss_without, r.loss_shuffled, r.gain(),
                  r.mapGain());
    rows += line;
  }
  char head[320];
  std::snprintf(head, sizeof head,
                "{\n  \"kind\": \"%s\", \"scenes\": %d, \"width\": %d, \"height\": %d, \"mean_gain\": %.5f, "
                "\"mean_map_gain\": %.5f,\n  \"feature_rms\": %.4g, \"feature_spread\": %.4g,\n",
                g.kind.c_str(), g.scenes, g.width, g.height, g.meanGain(), g.meanMapGain(), g.feature_rms,
                g.feature_spread);
  return std::string(head) + "  \"rows\": [\n" + rows + "\n  ]\n}\n";
}

std::string describe(const ControlGain& g) {
  std::string ts, gains, mapGains;
  const auto percent = [](const std::string& sofar, double v) {
    char text[24];
    std::snprintf(text, sizeof text, "%s%.1f%%", sofar.empty() ? "" : " / ", 100.0 * v);
    return std::string(text);
  };
  for (const ControlGainRow& r : g.rows) {
    ts += (ts.empty() ? "" : " / ") + std::to_string(r.timestep);
    gains += percent(gains, r.gain());
    mapGains += percent(mapGains, r.mapGain());
  }
  return "control gain on " + std::to_string(g.scenes) + " held-out scenes (loss the control saves at t = " + ts +
         "): " + gains + "; mean " + percent("", g.meanGain()) + "; from the map's content: " + mapGains + "; mean " +
         percent("", g.meanMapGain()) + "; condition features " + shortNumber(g.feature_spread) +
         " RMS from scene to scene, of " + shortNumber(g.feature_rms);
}

}  // namespace shotcraft::torch_engine::train
