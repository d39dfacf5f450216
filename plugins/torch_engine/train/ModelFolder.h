#pragma once
// The shotcraft-tiny architecture (config.json texts) and writing trained components into the diffusers
// model-folder layout that ModelBundle::load reads. Sizes can be shrunk for tests with the "tiny" setting.
#include <torch/torch.h>

#include <string>

#include "core/engine/Engine.h"

namespace shotcraft::torch_engine::train {

// A stage setting from TrainingRequest::extra, else the default.
double extraNumber(const engine::TrainingRequest& request, const std::string& key, double fallback);
bool isTinyRun(const engine::TrainingRequest& request);  // extra "tiny=1": test-sized models and images

// OUT/training/STAGE: checkpoint/, loss.csv.
std::string stageDir(const engine::TrainingRequest& request, const std::string& stage);

// normGroups 0 = the default: 4 (tiny: 8). GroupNorm statistics are per image, so with one or two channels per
// group (the first VAE had 16 groups over its 16-channel outer level) the layers before conv_out cannot carry an
// image's overall colour, and every output came out the same grey; 4 groups keep 4-16 channels per group.
std::string vaeConfigJson(bool tiny, double scalingFactor, int64_t normGroups = 0);
std::string unetConfigJson(bool tiny);
std::string textConfigJson(bool tiny, int vocabSize, int bos, int eos);
std::string controlNetConfigJson(bool tiny);
std::string schedulerConfigJson();

// Writes DIR/config.json and DIR/<weightsName> (float32 named parameters) atomically per file.
bool writeComponent(const std::string& dir, const std::string& configJson, torch::nn::Module& module,
                    const std::string& weightsName, std::string* error);
bool writeTextFile(const std::string& path, const std::string& text, std::string* error);

}  // namespace shotcraft::torch_engine::train
