#include "plugins/torch_engine/convert/ControlNetSingleFile.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "plugins/torch_engine/convert/CheckpointConfig.h"
#include "plugins/torch_engine/convert/KeyMap.h"
#include "plugins/torch_engine/convert/MappedStateDict.h"
#include "plugins/torch_engine/nn/ParameterInit.h"
#include "plugins/torch_engine/safetensors/SafeTensorsFile.h"

namespace shotcraft::torch_engine::convert {

bool loadControlNetSingleFile(const std::string& path, nn::ControlNet* out, std::string* error,
                              const std::string& configPath) {
  std::string local;
  std::string& err = error ? *error : local;
  try {
    auto file = SafeTensorsFile::open(path, &err);
    if (!file) return false;
    std::string prefix = "control_model.";
    if (!file->contains(prefix + "input_hint_block.0.weight")) {
      if (!file->contains("input_hint_block.0.weight")) {
        err = path + ": not an original-layout ControlNet (no control_model.input_hint_block.0.weight)";
        return false;
      }
      prefix.clear();
    }
    nn::ControlNetConfig config;
    if (!configPath.empty()) {
      if (!nn::ControlNetConfig::fromFile(configPath, &config, &err)) return false;
    } else if (!inferControlNetConfig(*file, prefix, &config, &err)) {
      return false;
    }
    nn::ControlNet net = nn::buildForLoading<nn::ControlNet>(config);
    MappedLoadOptions options;
    if (!loadMappedStateDict(*net, *file, controlNetLdmKeyMap(config, prefix), options, &err)) return false;
    *out = net;
    return true;
  } catch (const c10::Error& e) {
    err = path + ": " + e.what_without_backtrace();
  } catch (const std::exception& e) {
    err = path + ": " + e.what();
  }
  return false;
}

std::string controlKindFromName(const std::string& path) {
  std::string name = std::filesystem::path(path).filename().string();
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  if (name.find("depth") != std::string::npos) return "depth";
  if (name.find("canny") != std::string::npos) return "canny";
  if (name.find("pose") != std::string::npos) return "pose";
  return {};
}

}  // namespace shotcraft::torch_engine::convert
