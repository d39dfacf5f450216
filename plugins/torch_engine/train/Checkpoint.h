#pragma once
// Resumable training checkpoints: STAGE_DIR/checkpoint/{model.safetensors, optimizer.pt, state.json}.
// A checkpoint is written into checkpoint.tmp/ and swapped in by renames, so an interrupted write leaves the
// previous checkpoint (or checkpoint.old/) intact. Parameters are stored in float32 by module prefix.
#include <torch/torch.h>

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace shotcraft::torch_engine::train {

struct NamedModule {
  std::string prefix;  // e.g. "unet." (file key = prefix + parameter name)
  torch::nn::Module* module = nullptr;
};

struct TrainState {
  std::string stage;
  int64_t step = 0;          // steps completed = the data cursor (batches are a function of the step)
  int64_t total_steps = 0;
  uint64_t data_seed = 0;
  double elapsed_s = 0.0;    // training time before this session
  std::vector<std::pair<int64_t, double>> losses;  // logged (step, mean loss) points
  // The settings that define what the run optimises (LoopSettings::objective), as "key" -> value; empty in a
  // checkpoint written before they were recorded.
  std::map<std::string, std::string> objective;
};

// Parameters (and buffers) of every module into one safetensors file.
bool saveModules(const std::string& path, const std::vector<NamedModule>& modules, std::string* error);
bool loadModules(const std::string& path, const std::vector<NamedModule>& modules, std::string* error);

bool saveCheckpoint(const std::string& dir, const std::vector<NamedModule>& modules,
                    torch::optim::Optimizer& optimizer, const TrainState& state, std::string* error);
// False with *error empty when there is no checkpoint; false with a message when it is unreadable.
bool loadCheckpoint(const std::string& dir, const std::vector<NamedModule>& modules,
                    torch::optim::Optimizer& optimizer, TrainState* state, std::string* error);

}  // namespace shotcraft::torch_engine::train
