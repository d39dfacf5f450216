#pragma once
// The `--set KEY=VALUE` settings of the training stages (TrainingRequest::extra; docs/training.md), listed once:
// the CLI checks a request against this list before it starts, the engine checks it again (a request may come
// from elsewhere), and the torch stages read only keys listed here (ModelFolder.h's extraNumber refuses others),
// so a stage cannot grow a key that the checks would refuse.
#include <set>
#include <string>

#include "core/engine/Engine.h"

namespace shotcraft::engine {

// Keys whose value is a number.
const std::set<std::string>& trainingNumberSettings();
// Keys whose value is text: dest (package), init (unet: the folder of a UNet to start from), precision (auto, fp32
// or bf16), prediction (unet: epsilon or v_prediction); the stage checks the word.
const std::set<std::string>& trainingTextSettings();

// True when the key is known and, for a number setting, its value is a finite number. Else false + *error, one
// line: "--set: unknown setting 'x' (known: ...)" or "--set edge_loss: expected a number, got 'abc'".
bool checkTrainingSetting(const std::string& key, const std::string& value, std::string* error);
// checkTrainingSetting over every entry of request.extra.
bool checkTrainingSettings(const TrainingRequest& request, std::string* error);

}  // namespace shotcraft::engine
