#pragma once
// Training batches drawn on the fly from the procedural scene generator (core/scenes), deterministic per
// step: item i of step s is the scene of sample index n = s * batch + i of the run's seed stream (n modulo the
// pool size when the run trains on a finite pool), skipping the scenes isHoldout(seed, 0.1) reserves for
// evaluation. The prompt language and prompt dropout are drawn from n itself, so they vary between epochs. Nothing
// random is kept in state, so a resumed run sees exactly the batches an uninterrupted run would.
#include <torch/torch.h>

#include <opencv2/core.hpp>

#include "core/scenes/SceneRenderer.h"

#include <cstdint>
#include <future>
#include <string>
#include <vector>

namespace shotcraft::torch_engine::train {

inline constexpr double kHoldoutFraction = 0.1;

enum class ControlMap { None, Depth, Canny, Pose };

struct DataSettings {
  uint64_t seed = 0;
  int width = 256;
  int height = 144;
  int batch = 8;
  ControlMap control = ControlMap::None;
  double prompt_drop = 0.0;   // fraction of prompts replaced by "" (classifier-free guidance)
  int64_t pool = 0;           // > 0: the run cycles through this many scenes (see LatentCache); 0: endless stream
  bool figure_masks = false;  // fill TrainingBatch::figure_mask
};

struct TrainingBatch {
  int64_t step = -1;
  torch::Tensor rgb;                 // [B,3,H,W] float32 in [-1,1]
  torch::Tensor control;             // [B,3,H,W] float32 in [0,1] (only with a control map)
  std::vector<std::string> prompts;  // English or Chinese per item, "" when dropped
  std::vector<int64_t> pool_index;   // scene index of each item in the run's stream (< pool when pooled)
  torch::Tensor figure_mask;  // [B,1,H,W] float32: 1 inside each figure's box, else 0 (DataSettings::figure_masks)
};

// [1,H,W] float32 of a rendered scene: 1 inside the box around each figure (eval::figureBox of its keypoints),
// 0 elsewhere.
torch::Tensor figureMask(const scenes::SceneSample& sample);

// HWC uint8 image (1 or 3 channels) -> [3,H,W] float32 scaled by `scale` and shifted by `shift` (RGB frames go to
// [-1, 1] with 2/255 and -1, control maps to [0, 1] with 1/255 and 0).
torch::Tensor toTensor(const cv::Mat& mat, float scale, float shift);

// The scene's `map` (not None) as the ControlNet takes it: [3,H,W] float32 in [0, 1].
torch::Tensor controlTensor(const scenes::SceneSample& sample, ControlMap map);

// Scene seed of training item `index` (never a held-out scene).
uint64_t trainingSceneSeed(uint64_t dataSeed, int64_t index);
// A well-mixed 64-bit value of (a, b, c): seeds for per-step generators and per-item choices.
uint64_t mixSeed(uint64_t a, uint64_t b, uint64_t c);
TrainingBatch renderBatch(const DataSettings& settings, int64_t step);
// Every prompt of `count` training scenes in both languages (tokenizer corpus).
std::vector<std::string> promptCorpus(uint64_t dataSeed, int count);

// Renders the next step's batch on a background thread while the current step trains.
class BatchPrefetcher {
 public:
  explicit BatchPrefetcher(DataSettings settings) : m_settings(settings) {}
  ~BatchPrefetcher();
  BatchPrefetcher(const BatchPrefetcher&) = delete;
  BatchPrefetcher& operator=(const BatchPrefetcher&) = delete;
  TrainingBatch get(int64_t step);

 private:
  DataSettings m_settings;
  int64_t m_pendingStep = -1;
  std::future<TrainingBatch> m_pending;
};

}  // namespace shotcraft::torch_engine::train
