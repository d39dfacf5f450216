#pragma once
// Writes procedural storyboard samples to disk for training and evaluation (`shotcraft-cli dataset`).
//
// Layout of DIR:
//   dataset.json                   what was generated and how (seed, size, holdout rule, map conventions)
//   train/NNNNNN_{rgb,depth,canny,pose}.png  + train/samples.jsonl (one JSON object per line)
//   holdout/NNNNNN_...png                    + holdout/samples.jsonl
// NNNNNN is the sample's index in the run; each JSON line carries its scene seed, prompts (en, zh), the
// attributes by their stable names (SceneSpec.h) and per figure its pose and 18 keypoints ([x, y] in
// pixels, null when invisible).
//
// Held-out split: a sample is held out when its scene seed hashes into the lowest
// round(fraction * 10000) of 10000 buckets (isHoldout). The rule depends only on the scene seed, so a
// scene is held out in every run that draws it, whatever the base seed, count or size.
#include <cstdint>
#include <functional>
#include <string>

#include "core/scenes/SceneRenderer.h"

namespace shotcraft::scenes {

struct DatasetOptions {
  std::string out_dir;
  int count = 0;
  uint64_t seed = 0;  // base seed of the run
  int width = kDefaultWidth;
  int height = kDefaultHeight;
  double holdout_fraction = 0.1;  // in [0, 1]
};

struct DatasetSummary {
  int train = 0;
  int holdout = 0;
  double seconds = 0.0;
};

// Scene seed of sample `index` in a run with `base_seed` (53 bits, so JSON numbers hold it exactly).
uint64_t sampleSeed(uint64_t base_seed, int index);
// Phrasing seed used for a scene's prompts in a dataset.
uint64_t phrasingSeed(uint64_t scene_seed);
bool isHoldout(uint64_t scene_seed, double fraction);

// One sample as a single JSON line (no trailing newline). `id` is the file stem, e.g. "000042".
std::string sampleJsonLine(const SceneSample& sample, const std::string& id, const std::string& split);

// Writes the four PNGs DIR/<id>_{rgb,depth,canny,pose}.png. False with a one-line reason on failure.
bool writeSampleImages(const SceneSample& sample, const std::string& dir, const std::string& id, std::string* error);

// Generates and writes a whole dataset. `progress(done, total)` is called after each sample. Returns false
// with a one-line reason (bad options, unwritable directory or file) and stops at the first failure.
bool writeDataset(const DatasetOptions& options, const std::function<void(int, int)>& progress,
                  DatasetSummary* summary, std::string* error);

}  // namespace shotcraft::scenes
