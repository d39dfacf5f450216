#pragma once
// One function per `shotcraft-cli train STAGE` (see docs/training.md). Each writes its component into the model
// folder request.out_dir when done; false + *error on failure or cancellation.
#include <functional>
#include <string>

#include "core/engine/CancelToken.h"
#include "core/engine/Engine.h"

namespace shotcraft::torch_engine::train {

using PrintFn = std::function<void(const std::string&)>;

bool trainTokenizer(const engine::TrainingRequest& request, const PrintFn& print, std::string* error);
// The CLIP text encoder, contrastive against a training-only image tower (TrainText.cpp); the UNet stage then
// keeps it frozen.
bool trainTextEncoder(const engine::TrainingRequest& request, const PrintFn& print, const engine::CancelToken& cancel,
                      std::string* error);
bool trainVae(const engine::TrainingRequest& request, const PrintFn& print, const engine::CancelToken& cancel,
              std::string* error);
bool trainUNet(const engine::TrainingRequest& request, const PrintFn& print, const engine::CancelToken& cancel,
               std::string* error);
bool trainControlNet(const engine::TrainingRequest& request, const PrintFn& print,
                     const engine::CancelToken& cancel, std::string* error);
// eval's learned attribute probe (TrainProbe.h), into OUT/probe.
bool trainProbe(const engine::TrainingRequest& request, const PrintFn& print, const engine::CancelToken& cancel,
                std::string* error);
bool fitPreview(const engine::TrainingRequest& request, const PrintFn& print, std::string* error);
// Writes the shipped model folder (extra "dest") from a trained one; see Package.cpp.
bool packageModel(const engine::TrainingRequest& request, const PrintFn& print, std::string* error);

}  // namespace shotcraft::torch_engine::train
