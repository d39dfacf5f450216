// TorchEngineFactory::probeModel: convert::probeModel's verdict plus the optional pieces a model folder holds,
// as the torch-free engine::ModelProbeResult the UI lists.
#include <algorithm>
#include <cctype>
#include <filesystem>

#include "plugins/torch_engine/convert/ControlNetSingleFile.h"
#include "plugins/torch_engine/convert/ModelProbe.h"
#include "plugins/torch_engine/convert/TaesdLoader.h"
#include "plugins/torch_engine/pipeline/TorchEngineFactory.h"

namespace shotcraft::torch_engine {

namespace fs = std::filesystem;

namespace {

void addKind(std::vector<std::string>* kinds, const std::string& kind) {
  if (!kind.empty() && std::find(kinds->begin(), kinds->end(), kind) == kinds->end()) kinds->push_back(kind);
}

std::string lowerName(const fs::path& p) {
  std::string s = p.filename().string();
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return s;
}

}  // namespace

engine::ModelProbeResult TorchEngineFactory::probeModel(const std::string& path) const {
  engine::ModelProbeResult r;
  const convert::ModelProbe p = convert::probeModel(path);
  r.family = convert::familyName(p.family);
  r.layout = convert::layoutName(p.layout);
  r.size_bytes = p.sizeBytes;
  r.message = p.message;
  std::error_code ec;
  const bool checkpoint = p.family == convert::ModelFamily::Sd1 || p.family == convert::ModelFamily::Sd2 ||
                          p.family == convert::ModelFamily::Sd2V;
  r.usable = checkpoint;
  const fs::path base = fs::is_regular_file(path, ec) ? fs::path(path).parent_path() : fs::path(path);
  if (checkpoint && p.layout == convert::ModelLayout::DiffusersFolder &&
      fs::exists(base / "preview" / "latent_rgb.json", ec)) {
    r.family = "shotcraft-tiny";  // our trained folders carry a fitted linear preview
  } else if (checkpoint && lowerName(path).find("turbo") != std::string::npos) {
    r.family = "sd-turbo";  // same weights layout as SD 2.x / 1.x; the name says it is distilled for 1-4 steps
  }
  if (!checkpoint) return r;
  try {
    for (const char* kind : {"depth", "canny", "pose"}) {
      if (fs::exists(base / (std::string("controlnet-") + kind) / "config.json", ec) ||
          fs::exists(base / "controlnet" / kind / "config.json", ec)) {
        addKind(&r.controlnets, kind);
      }
    }
    if (fs::is_directory(base / "controlnet", ec)) {
      for (const auto& e : fs::directory_iterator(base / "controlnet", ec)) {
        if (e.path().extension() == ".safetensors") addKind(&r.controlnets, convert::controlKindFromName(e.path().string()));
      }
    }
    r.has_taesd = !convert::findTaesd(path).empty();
    for (const char* folder : {"loras", "lora"}) {
      if (!fs::is_directory(base / folder, ec)) continue;
      for (const auto& e : fs::directory_iterator(base / folder, ec)) {
        if (e.path().extension() == ".safetensors") r.loras.push_back(e.path().string());
      }
    }
    std::sort(r.loras.begin(), r.loras.end());
  } catch (const std::exception& e) {
    r.message += std::string(" (") + e.what() + ")";
  }
  return r;
}

}  // namespace shotcraft::torch_engine
