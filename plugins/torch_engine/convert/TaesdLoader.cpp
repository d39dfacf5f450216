#include "plugins/torch_engine/convert/TaesdLoader.h"

#include <filesystem>

#include "plugins/torch_engine/convert/MappedStateDict.h"
#include "plugins/torch_engine/nn/ParameterInit.h"
#include "plugins/torch_engine/nn/StateDict.h"
#include "plugins/torch_engine/safetensors/SafeTensorsFile.h"

namespace shotcraft::torch_engine::convert {

namespace fs = std::filesystem;

namespace {

constexpr const char* kDecoderFile = "taesd_decoder.safetensors";
constexpr const char* kEncoderFile = "taesd_encoder.safetensors";
constexpr const char* kDiffusersFile = "diffusion_pytorch_model.safetensors";

bool loadDiffusersLayout(const fs::path& folder, nn::Taesd* out, std::string* error) {
  nn::TaesdConfig config;
  if (!nn::TaesdConfig::fromFile((folder / "config.json").string(), &config, error)) return false;
  auto file = SafeTensorsFile::open((folder / kDiffusersFile).string(), error);
  if (!file) return false;
  nn::Taesd taesd = nn::buildForLoading<nn::Taesd>(config);
  if (!nn::loadStateDict(*taesd, *file, "", true, error)) return false;
  *out = taesd;
  return true;
}

bool loadOriginalLayout(const fs::path& decoderPath, nn::Taesd* out, std::string* error) {
  auto decoder = SafeTensorsFile::open(decoderPath.string(), error);
  if (!decoder) return false;
  // The first convolution (after the clamp at index 0) gives the widths: [channels, latent, 3, 3].
  const SafeTensorsInfo* first = decoder->info("1.weight");
  if (!first || first->shape.size() != 4) {
    *error = decoderPath.string() + ": tensor '1.weight' (the decoder's first convolution, [C, latent, 3, 3]) is " +
             (first ? "not 4-D" : "missing") + "; is this a TAESD decoder?";
    return false;
  }
  nn::TaesdConfig config;
  config.channels = first->shape[0];
  config.latentChannels = first->shape[1];
  const fs::path encoderPath = decoderPath.parent_path() / kEncoderFile;
  config.withEncoder = fs::exists(encoderPath);
  std::string why;
  if (!config.validate(&why)) {
    *error = decoderPath.string() + ": " + why;
    return false;
  }
  nn::Taesd taesd = nn::buildForLoading<nn::Taesd>(config);
  MappedLoadOptions options;
  if (!loadMappedStateDict(taesd->decoderModule(), *decoder, taesdDecoderKeyMap(taesd->decoderLayerCount()), options,
                           error)) {
    return false;
  }
  if (config.withEncoder) {
    auto encoder = SafeTensorsFile::open(encoderPath.string(), error);
    if (!encoder) return false;
    if (!loadMappedStateDict(*taesd->encoderModule(), *encoder, taesdEncoderKeyMap(taesd->encoderLayerCount()),
                             options, error)) {
      return false;
    }
  }
  *out = taesd;
  return true;
}

}  // namespace

KeyMap taesdDecoderKeyMap(int64_t layerCount) {
  KeyMap map("", "");
  for (int64_t i = 0; i < layerCount; ++i) {
    map.add({std::to_string(i + 1) + ".", "layers." + std::to_string(i) + "."});
  }
  return map;
}

KeyMap taesdEncoderKeyMap(int64_t layerCount) {
  KeyMap map("", "");
  for (int64_t i = 0; i < layerCount; ++i) map.add({std::to_string(i) + ".", "layers." + std::to_string(i) + "."});
  return map;
}

bool loadTaesd(const std::string& path, nn::Taesd* out, std::string* error) {
  std::string local;
  std::string& err = error ? *error : local;
  try {
    const fs::path p(path);
    if (fs::is_directory(p)) {
      if (fs::exists(p / "config.json") && fs::exists(p / kDiffusersFile)) return loadDiffusersLayout(p, out, &err);
      if (fs::exists(p / kDecoderFile)) return loadOriginalLayout(p / kDecoderFile, out, &err);
      err = "TAESD folder '" + path + "' has neither config.json + " + kDiffusersFile + " (diffusers) nor " +
            kDecoderFile + " (original layout)";
      return false;
    }
    if (fs::is_regular_file(p)) {
      if (p.filename() == kDiffusersFile && fs::exists(p.parent_path() / "config.json")) {
        return loadDiffusersLayout(p.parent_path(), out, &err);
      }
      return loadOriginalLayout(p, out, &err);
    }
    err = "TAESD '" + path + "' does not exist";
  } catch (const c10::Error& e) {
    err = path + ": " + e.what_without_backtrace();
  } catch (const std::exception& e) {
    err = path + ": " + e.what();
  }
  return false;
}

std::string findTaesd(const std::string& modelPath) {
  std::error_code ec;
  fs::path base(modelPath);
  if (fs::is_regular_file(base, ec)) base = base.parent_path();
  for (const char* name : {"taesd", "vae_tiny"}) {
    const fs::path candidate = base / name;
    if (fs::is_directory(candidate, ec)) return candidate.string();
  }
  return {};
}

}  // namespace shotcraft::torch_engine::convert
