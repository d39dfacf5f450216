#pragma once
// What the training-stage tests share: a test-sized request (extra "tiny=1") and running it through the engine's
// stage dispatcher, plus readers of a stage's outputs.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "core/engine/CancelToken.h"
#include "core/engine/Engine.h"
#include "plugins/torch_engine/pipeline/ModelBundle.h"
#include "plugins/torch_engine/train/Trainer.h"

namespace shotcraft::test {

using engine::CancelToken;
using engine::TrainingRequest;
namespace fs = std::filesystem;

inline TrainingRequest tinyRequest(const std::string& dir, const std::string& stage, int steps) {
  TrainingRequest r;
  r.stage = stage;
  r.out_dir = dir;
  r.steps = steps;
  r.batch = 2;
  r.data_seed = 11;
  r.threads = 2;
  r.extra = {{"tiny", "1"}, {"log_every", "1"}, {"checkpoint_every", "100"}};
  return r;
}

inline bool run(const TrainingRequest& r, std::string* error, const CancelToken& cancel = {},
                std::vector<std::string>* lines = nullptr) {
  return torch_engine::train::runTrainingStage(
      r,
      [&](const std::string& l) {
        if (lines) lines->push_back(l);
      },
      cancel, error);
}

// The stages a text, UNet or ControlNet stage needs first: the tokenizer and a 2-step VAE in `out`.
inline bool runTokenizerAndVae(const std::string& out, std::string* error) {
  return run(tinyRequest(out, "tokenizer", 0), error) && run(tinyRequest(out, "vae", 2), error);
}

// On `out`'s UNet: a 1-step canny ControlNet and the preview stage, then the model folder loaded as the studio does.
inline bool runCannyPreviewAndLoad(const std::string& out, torch_engine::ModelBundle* bundle, std::string* error) {
  auto cn = tinyRequest(out, "controlnet", 1);
  cn.kind = "canny";
  return run(cn, error) && run(tinyRequest(out, "preview", 1), error) &&
         torch_engine::ModelBundle::load(out, torch_engine::ComputeTarget(), bundle, error);
}

inline std::string withoutSpaces(std::string s) {
  s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
  return s;
}

inline std::string readText(const fs::path& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

inline std::vector<std::string> lossColumn(const fs::path& csv) {
  std::ifstream in(csv);
  std::vector<std::string> out;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) out.push_back(line.substr(0, line.find(',', line.find(',') + 1)));
  return out;
}

}  // namespace shotcraft::test
