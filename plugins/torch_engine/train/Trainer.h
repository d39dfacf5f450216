#pragma once
// Entry point of `shotcraft-cli train STAGE` inside the torch engine (TorchEngineFactory::runTraining).
// Stages: tokenizer, vae, unet, controlnet (request.kind = depth|canny|pose), preview. See docs/training.md.
#include <functional>
#include <string>

#include "core/engine/CancelToken.h"
#include "core/engine/Engine.h"

namespace shotcraft::torch_engine::train {

// Never throws; false + a one-line *error on bad input, failure or cancellation.
bool runTrainingStage(const engine::TrainingRequest& request, const std::function<void(const std::string&)>& print,
                      const engine::CancelToken& cancel, std::string* error);

}  // namespace shotcraft::torch_engine::train
