#include "core/engine/TrainingSettings.h"

#include <cmath>
#include <cstdlib>

namespace shotcraft::engine {

const std::set<std::string>& trainingNumberSettings() {
  static const std::set<std::string> keys = {"checkpoint_every",
                                             "decoder_only",
                                             "edge_loss",
                                             "ema",
                                             "figure_weight",
                                             "kl",
                                             "latent_channels",
                                             "log_every",
                                             "logvar_init",
                                             "noise_offset",
                                             "norm_groups",
                                             "pool",
                                             "pooled_text",
                                             "probe_width",
                                             "prompt_drop",
                                             "report_only",
                                             "scenes",
                                             "snr_gamma",
                                             "tiny",
                                             "timestep_power",
                                             "vae_layers",
                                             "vae_width",
                                             "vocab",
                                             "zero_snr"};
  return keys;
}

const std::set<std::string>& trainingTextSettings() {
  static const std::set<std::string> keys = {"dest", "init", "precision", "prediction"};
  return keys;
}

bool checkTrainingSetting(const std::string& key, const std::string& value, std::string* error) {
  if (trainingTextSettings().count(key)) return true;
  if (!trainingNumberSettings().count(key)) {
    std::string known;
    for (const auto* set : {&trainingTextSettings(), &trainingNumberSettings()})
      for (const std::string& k : *set) known += (known.empty() ? "" : ", ") + k;
    *error = "--set: unknown setting '" + key + "' (known: " + known + ")";
    return false;
  }
  // The whole value must be a finite number ("1e-3", "0.5", "8"), as the stages read it.
  char* end = nullptr;
  const double v = value.empty() ? NAN : std::strtod(value.c_str(), &end);
  if (value.empty() || end != value.c_str() + value.size() || !std::isfinite(v)) {
    *error = "--set " + key + ": expected a number, got '" + value + "'";
    return false;
  }
  return true;
}

bool checkTrainingSettings(const TrainingRequest& request, std::string* error) {
  for (const auto& [key, value] : request.extra)
    if (!checkTrainingSetting(key, value, error)) return false;
  return true;
}

}  // namespace shotcraft::engine
