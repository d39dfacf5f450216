#pragma once
// The loop every gradient stage shares: resume, learning-rate schedule (linear warm-up, cosine decay to 10%),
// progress lines ("step 1200/20000  loss 0.0831  2.1 it/s  ETA 02:31:10"), STAGE_DIR/loss.csv
// (step,loss,lr,elapsed_s), periodic and on-cancel checkpoints under STAGE_DIR/checkpoint/.
#include <torch/torch.h>

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/engine/CancelToken.h"
#include "core/engine/Engine.h"
#include "plugins/torch_engine/nn/Autocast.h"
#include "plugins/torch_engine/train/Checkpoint.h"

namespace shotcraft::torch_engine::train {

struct LoopSettings {
  std::string stage;
  std::string stage_dir;  // holds checkpoint/ and loss.csv
  int64_t steps = 100;
  double lr = 1e-4;
  int64_t warmup_steps = 0;
  int log_every = 10;
  int checkpoint_every = 500;
  bool resume = false;
  uint64_t data_seed = 0;
  // The settings that define what the run optimises (the loss's target and weights, the architecture's options),
  // with their defaults filled in: recorded in every checkpoint, and a --resume that asks for a different value of
  // one the checkpoint recorded is refused, since carrying on would silently train a run towards two objectives.
  std::map<std::string, std::string> objective;
};

// "%g" of a setting's value, for LoopSettings::objective.
std::string objectiveNumber(double value);

// The settings every stage reads alike: the stage's folder (stageDir), --steps and --lr or the stage's defaults,
// warm-up over 10% of the steps capped at `maxWarmup`, `--set log_every` (20) and `checkpoint_every`
// (`checkpointEvery`), --resume and --data-seed.
LoopSettings loopSettings(const engine::TrainingRequest& request, const std::string& stage, int64_t defaultSteps,
                          double defaultLr, int64_t maxWarmup, int checkpointEvery = 500);

// Learning rate at `step` (0-based) of `total`.
double scheduledLr(double base, int64_t step, int64_t total, int64_t warmup);

// One optimisation step: forward, backward, optimizer.step(); returns the loss. Throws on torch errors.
using StepFunction = std::function<double(int64_t step)>;

// False + *error on failure or cancellation (after saving a checkpoint). `print` gets one line per log.
bool runTrainingLoop(const LoopSettings& settings, const std::vector<NamedModule>& modules,
                     torch::optim::Optimizer& optimizer, const StepFunction& step,
                     const std::function<void(const std::string&)>& print, const engine::CancelToken& cancel,
                     std::string* error);

// What a stage's forward passes compute in. `--set precision=auto|fp32|bf16`: bf16 runs the forward pass under
// libtorch's CPU autocast to bfloat16 (weights, gradients, optimizer state and the loss stay float32; activations
// go channels-last for oneDNN's AMX kernels); auto picks bf16 where the CPU has AMX or AVX-512 BF16, else fp32.
// Throws std::invalid_argument for any other value, and for bf16 on a CPU without those (no bf16 hardware: the
// mixed-precision path is only tested where it is fast). The UNet and ControlNet stages use it.
enum class TrainPrecision { Fp32, Bf16 };
TrainPrecision trainPrecision(const engine::TrainingRequest& request);
std::string precisionName(TrainPrecision precision);  // "fp32" / "bf16 autocast"

using nn::AutocastScope;  // nn/Autocast.h

// "02:31:10"
std::string formatDuration(double seconds);

}  // namespace shotcraft::torch_engine::train
