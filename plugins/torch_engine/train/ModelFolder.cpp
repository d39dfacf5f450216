#include "plugins/torch_engine/train/ModelFolder.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <vector>

#include "core/engine/TrainingSettings.h"
#include "plugins/torch_engine/train/Checkpoint.h"

namespace shotcraft::torch_engine::train {

namespace fs = std::filesystem;

double extraNumber(const engine::TrainingRequest& request, const std::string& key, double fallback) {
  if (!engine::trainingNumberSettings().count(key))
    throw std::logic_error("the stage reads --set " + key + ", which core/engine/TrainingSettings.h does not list");
  const auto it = request.extra.find(key);
  if (it == request.extra.end()) return fallback;
  try {
    return std::stod(it->second);
  } catch (const std::exception&) {
    return fallback;
  }
}

bool isTinyRun(const engine::TrainingRequest& request) { return extraNumber(request, "tiny", 0) != 0; }

std::string stageDir(const engine::TrainingRequest& request, const std::string& stage) {
  return (fs::path(request.out_dir) / "training" / stage).string();
}

VaeShape defaultVaeShape(bool tiny) {
  VaeShape shape;
  if (tiny) {
    shape.width = 8;
    shape.normGroups = 8;
  }
  return shape;
}

VaeShape vaeShape(const engine::TrainingRequest& request) {
  VaeShape shape = defaultVaeShape(isTinyRun(request));
  shape.width = int64_t(extraNumber(request, "vae_width", double(shape.width)));
  shape.latentChannels = int64_t(extraNumber(request, "latent_channels", double(shape.latentChannels)));
  shape.layers = int64_t(extraNumber(request, "vae_layers", double(shape.layers)));
  shape.normGroups = int64_t(extraNumber(request, "norm_groups", double(shape.normGroups)));
  return shape;
}

std::string vaeConfigJson(const VaeShape& shape, bool tiny, double scalingFactor) {
  char scale[32];
  std::snprintf(scale, sizeof scale, "%.6f", scalingFactor);
  const int64_t w = shape.width;
  // Tiny runs keep their first two levels at the same width: at 64x32 the model is about the plumbing.
  const std::vector<int64_t> levels = tiny ? std::vector<int64_t>{w, w, 2 * w, 2 * w}
                                           : std::vector<int64_t>{w, 2 * w, 4 * w, 4 * w};
  std::string channels;
  for (int64_t c : levels) channels += (channels.empty() ? "[" : ", ") + std::to_string(c);
  return std::string(R"({"_class_name": "AutoencoderKL", "in_channels": 3, "out_channels": 3,
  "down_block_types": ["DownEncoderBlock2D", "DownEncoderBlock2D", "DownEncoderBlock2D", "DownEncoderBlock2D"],
  "up_block_types": ["UpDecoderBlock2D", "UpDecoderBlock2D", "UpDecoderBlock2D", "UpDecoderBlock2D"],
  "block_out_channels": )") +
         channels + "], \"layers_per_block\": " + std::to_string(shape.layers) +
         ", \"latent_channels\": " + std::to_string(shape.latentChannels) +
         ", \"norm_num_groups\": " + std::to_string(shape.normGroups) +
         R"(, "act_fn": "silu", "sample_size": 256, "scaling_factor": )" + scale + "}\n";
}

std::string vaeConfigJson(bool tiny, double scalingFactor, int64_t normGroups) {
  VaeShape shape = defaultVaeShape(tiny);
  if (normGroups > 0) shape.normGroups = normGroups;
  return vaeConfigJson(shape, tiny, scalingFactor);
}

std::string unetConfigJson(bool tiny, int64_t latentChannels, bool pooledText) {
  const std::string n = std::to_string(latentChannels);
  std::string head = R"({"_class_name": "UNet2DConditionModel", "sample_size": 32, "in_channels": )" + n +
                     ", \"out_channels\": " + n + ",";
  if (pooledText) {
    head +=
        std::string(R"( "addition_embed_type": "text", "addition_embed_type_num_heads": )") + (tiny ? "2" : "4") + ",";
  }
  if (tiny) {
    return head + R"(
  "block_out_channels": [16, 32], "layers_per_block": 1,
  "down_block_types": ["CrossAttnDownBlock2D", "DownBlock2D"], "up_block_types": ["UpBlock2D", "CrossAttnUpBlock2D"],
  "cross_attention_dim": 32, "attention_head_dim": 2, "norm_num_groups": 8}
)";
  }
  return head + R"(
  "block_out_channels": [64, 128, 128], "layers_per_block": 1,
  "down_block_types": ["DownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D"],
  "up_block_types": ["CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "UpBlock2D"],
  "cross_attention_dim": 128, "attention_head_dim": 4, "norm_num_groups": 16}
)";
}

std::string textConfigJson(bool tiny, int vocabSize, int bos, int eos) {
  const std::string dims = tiny ? R"("hidden_size": 32, "intermediate_size": 64, "num_hidden_layers": 1,
  "num_attention_heads": 2, "projection_dim": 32)"
                                : R"("hidden_size": 128, "intermediate_size": 512, "num_hidden_layers": 3,
  "num_attention_heads": 4, "projection_dim": 128)";
  return "{\"_class_name\": \"CLIPTextModel\", \"vocab_size\": " + std::to_string(vocabSize) + ", " + dims +
         R"(, "max_position_embeddings": 77, "hidden_act": "quick_gelu", "layer_norm_eps": 1e-05, "bos_token_id": )" +
         std::to_string(bos) + ", \"eos_token_id\": " + std::to_string(eos) + ", \"pad_token_id\": " +
         std::to_string(eos) + "}\n";
}

std::string controlNetConfigJson(bool tiny, int64_t latentChannels) {
  // Our ControlNets (1000-2000 steps) steer weakly unless the guidance scale multiplies them: they ask the engine
  // for engine::ControlMode::ControlFirst (docs/training.md, "Control first").
  const std::string head =
      R"({"_class_name": "ControlNetModel", "shotcraft_control_mode": "control_first", "in_channels": )" +
      std::to_string(latentChannels);
  if (tiny) {
    return head + R"(, "block_out_channels": [16, 32],
  "layers_per_block": 1, "down_block_types": ["CrossAttnDownBlock2D", "DownBlock2D"], "cross_attention_dim": 32,
  "attention_head_dim": 2, "norm_num_groups": 8, "conditioning_embedding_out_channels": [8, 8, 8, 16]}
)";
  }
  return head + R"(, "block_out_channels": [64, 128, 128],
  "layers_per_block": 1, "down_block_types": ["DownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D"],
  "cross_attention_dim": 128, "attention_head_dim": 4, "norm_num_groups": 16,
  "conditioning_embedding_out_channels": [16, 32, 64, 128]}
)";
}

std::string schedulerConfigJson(PredictionType prediction, bool zeroTerminalSnr) {
  return std::string(
             R"({"_class_name": "DDIMScheduler", "num_train_timesteps": 1000, "beta_start": 0.00085, "beta_end": 0.012,
  "beta_schedule": "scaled_linear", "prediction_type": ")") +
         toString(prediction) + R"(", "clip_sample": false, "set_alpha_to_one": false,
  "steps_offset": )" +
         (zeroTerminalSnr ? R"(0, "timestep_spacing": "trailing", "rescale_betas_zero_snr": true})"
                          : R"(1, "timestep_spacing": "leading"})") +
         "\n";
}

bool writeTextFile(const std::string& path, const std::string& text, std::string* error) {
  std::error_code ec;
  fs::create_directories(fs::path(path).parent_path(), ec);
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) {
      if (error) *error = "cannot write " + tmp;
      return false;
    }
  }
  fs::rename(tmp, path, ec);
  if (ec && error) *error = "cannot rename " + tmp + ": " + ec.message();
  return !ec;
}

bool writeComponent(const std::string& dir, const std::string& configJson, torch::nn::Module& module,
                    const std::string& weightsName, std::string* error) {
  if (!writeTextFile((fs::path(dir) / "config.json").string(), configJson, error)) return false;
  return saveModules((fs::path(dir) / weightsName).string(), {{"", &module}}, error);
}

}  // namespace shotcraft::torch_engine::train
