#include "plugins/torch_engine/train/TrainingData.h"

#include <cmath>
#include <stdexcept>

#include <opencv2/imgproc.hpp>

#include "core/eval/ProbeFeatures.h"
#include "core/scenes/DatasetWriter.h"
#include "core/scenes/Prompt.h"
#include "core/scenes/SceneRenderer.h"
#include "core/scenes/SceneSpec.h"

namespace shotcraft::torch_engine::train {

namespace {

uint64_t splitmix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

}  // namespace

torch::Tensor toTensor(const cv::Mat& mat, float scale, float shift) {
  cv::Mat rgb = mat;
  if (mat.channels() == 1) cv::cvtColor(mat, rgb, cv::COLOR_GRAY2RGB);
  auto t = torch::from_blob(rgb.data, {rgb.rows, rgb.cols, 3}, torch::kUInt8).clone();
  return t.permute({2, 0, 1}).to(torch::kFloat32).mul(scale).add(shift);
}

torch::Tensor figureMask(const scenes::SceneSample& sample) {
  cv::Mat mask = cv::Mat::zeros(sample.rgb.rows, sample.rgb.cols, CV_32F);
  const cv::Rect frame(0, 0, mask.cols, mask.rows);
  for (const scenes::Keypoints& kp : sample.keypoints) {
    const cv::Rect2f box = eval::figureBox(kp);
    if (box.empty()) continue;
    const cv::Rect cells(cv::Point(int(std::floor(box.x)), int(std::floor(box.y))),
                         cv::Point(int(std::ceil(box.br().x)), int(std::ceil(box.br().y))));
    mask(cells & frame).setTo(1.0f);
  }
  return torch::from_blob(mask.data, {1, mask.rows, mask.cols}, torch::kFloat32).clone();
}

torch::Tensor controlTensor(const scenes::SceneSample& sample, ControlMap map) {
  switch (map) {
    case ControlMap::Depth:
      return toTensor(sample.depth, 1.0f / 255.0f, 0.0f);
    case ControlMap::Canny:
      return toTensor(sample.canny, 1.0f / 255.0f, 0.0f);
    case ControlMap::Pose:
      return toTensor(sample.pose, 1.0f / 255.0f, 0.0f);
    case ControlMap::None:
      break;
  }
  throw std::invalid_argument("controlTensor: no control map asked for");
}

uint64_t mixSeed(uint64_t a, uint64_t b, uint64_t c) { return splitmix(splitmix(splitmix(a) ^ b) ^ c); }

uint64_t trainingSceneSeed(uint64_t dataSeed, int64_t index) {
  for (uint64_t attempt = 0;; ++attempt) {
    // Attempt 0 is the dataset writer's own stream (shotcraft-cli dataset --seed dataSeed).
    const uint64_t seed = scenes::sampleSeed(dataSeed + attempt * 0x9E3779B97F4A7C15ull, int(index));
    if (!scenes::isHoldout(seed, kHoldoutFraction) || attempt > 64) return seed;
  }
}

TrainingBatch renderBatch(const DataSettings& s, int64_t step) {
  TrainingBatch b;
  b.step = step;
  std::vector<torch::Tensor> rgb, control, figures;
  for (int i = 0; i < s.batch; ++i) {
    const int64_t stream = step * s.batch + i;
    const int64_t index = s.pool > 0 ? stream % s.pool : stream;
    const uint64_t seed = trainingSceneSeed(s.seed, index);
    const uint64_t choice = mixSeed(s.seed, uint64_t(stream), 0xC401CEull);
    b.pool_index.push_back(index);
    const scenes::SceneSample sample =
        scenes::renderScene(scenes::sampleScene(seed), s.width, s.height, scenes::phrasingSeed(seed));
    rgb.push_back(toTensor(sample.rgb, 2.0f / 255.0f, -1.0f));
    if (s.figure_masks) figures.push_back(figureMask(sample));
    if (s.control != ControlMap::None) control.push_back(controlTensor(sample, s.control));
    const double u = double(choice >> 11) / double(1ull << 53);
    if (u < s.prompt_drop) {
      b.prompts.emplace_back();
    } else {
      b.prompts.push_back((choice & 1) ? sample.prompt_zh : sample.prompt_en);
    }
  }
  b.rgb = torch::stack(rgb);
  if (!control.empty()) b.control = torch::stack(control);
  if (!figures.empty()) b.figure_mask = torch::stack(figures);
  return b;
}

std::vector<std::string> promptCorpus(uint64_t dataSeed, int count) {
  std::vector<std::string> out;
  for (int i = 0; i < count; ++i) {
    const uint64_t seed = trainingSceneSeed(dataSeed, i);
    // The prompts renderScene writes for the scene, without drawing it.
    const scenes::SceneSpec spec = scenes::sampleScene(seed);
    out.push_back(scenes::writePrompt(spec, scenes::Language::English, scenes::phrasingSeed(seed)));
    out.push_back(scenes::writePrompt(spec, scenes::Language::Chinese, scenes::phrasingSeed(seed)));
  }
  return out;
}

BatchPrefetcher::~BatchPrefetcher() {
  if (m_pending.valid()) m_pending.wait();
}

TrainingBatch BatchPrefetcher::get(int64_t step) {
  TrainingBatch batch;
  if (m_pending.valid() && m_pendingStep == step) {
    batch = m_pending.get();
  } else {
    if (m_pending.valid()) m_pending.wait();
    batch = renderBatch(m_settings, step);
  }
  const DataSettings settings = m_settings;
  m_pendingStep = step + 1;
  m_pending = std::async(std::launch::async, [settings, next = step + 1] { return renderBatch(settings, next); });
  return batch;
}

}  // namespace shotcraft::torch_engine::train
