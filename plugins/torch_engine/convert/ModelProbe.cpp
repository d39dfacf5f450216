#include "plugins/torch_engine/convert/ModelProbe.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <functional>
#include <regex>
#include <sstream>

#include "plugins/torch_engine/convert/ControlNetSingleFile.h"

#include "plugins/torch_engine/safetensors/SafeTensorsFile.h"

namespace shotcraft::torch_engine::convert {

namespace {

namespace fs = std::filesystem;

std::string readText(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return s;
}

// The first value of "key": <int> or "key": [<int>, ...] in a JSON text; -1 if absent.
int64_t jsonInt(const std::string& text, const std::string& key) {
  std::smatch m;
  if (std::regex_search(text, m, std::regex("\"" + key + "\"\\s*:\\s*\\[?\\s*(\\d+)"))) return std::stoll(m[1]);
  return -1;
}

bool jsonHas(const std::string& text, const std::string& key, const std::string& value) {
  return std::regex_search(text, std::regex("\"" + key + "\"\\s*:\\s*\"" + value + "\""));
}

bool anyName(const SafeTensorsFile& f, const std::function<bool(const std::string&)>& pred) {
  return std::any_of(f.names().begin(), f.names().end(), pred);
}

bool contains(const std::string& s, const char* part) { return s.find(part) != std::string::npos; }
bool startsWith(const std::string& s, const char* p) { return s.rfind(p, 0) == 0; }

void probeFolder(const fs::path& dir, ModelProbe* p) {
  p->layout = ModelLayout::DiffusersFolder;
  std::error_code ec;
  for (const auto& e : fs::recursive_directory_iterator(dir, ec)) {
    if (e.is_regular_file(ec)) p->sizeBytes += e.file_size(ec);
  }
  if (fs::exists(dir / "unet" / "config.json")) {
    const std::string unet = readText(dir / "unet" / "config.json");
    const int64_t context = jsonInt(unet, "cross_attention_dim");
    if (jsonHas(unet, "addition_embed_type", "text_time") || context == 2048) {
      p->family = ModelFamily::Sdxl;
      p->message = "SDXL diffusers folder: SDXL is not supported yet";
      return;
    }
    const std::string sched = readText(dir / "scheduler" / "scheduler_config.json");
    if (context == 1024) {
      p->family = jsonHas(sched, "prediction_type", "v_prediction") ? ModelFamily::Sd2V : ModelFamily::Sd2;
    } else {
      p->family = ModelFamily::Sd1;
    }
    p->message = std::string(familyName(p->family)) + " diffusers folder (cross-attention width " +
                 std::to_string(context) + ")";
    return;
  }
  const std::string config = readText(dir / "config.json");
  if (jsonHas(config, "_class_name", "ControlNetModel")) p->family = ModelFamily::ControlNet;
  else if (jsonHas(config, "_class_name", "AutoencoderTiny")) p->family = ModelFamily::Taesd;
  else if (jsonHas(config, "_class_name", "AutoencoderKL")) p->family = ModelFamily::Vae;
  else if (fs::exists(dir / "pytorch_lora_weights.safetensors")) p->family = ModelFamily::Lora;
  p->message = p->family == ModelFamily::Unknown ? "folder has no unet/config.json or known config.json"
                                                 : std::string(familyName(p->family)) + " diffusers folder";
  if (p->family == ModelFamily::ControlNet) {
    p->controlKind = controlKindFromName(dir.string());
    if (!p->controlKind.empty()) p->message += " (" + p->controlKind + ")";
  }
}

void probeFile(const fs::path& path, ModelProbe* p) {
  p->layout = ModelLayout::SingleFile;
  std::error_code ec;
  p->sizeBytes = fs::file_size(path, ec);
  if (lower(path.extension().string()) != ".safetensors") {
    p->message = "only .safetensors files are read (pickled .ckpt/.pt files are not loaded)";
    return;
  }
  std::string error;
  auto f = SafeTensorsFile::open(path.string(), &error);
  if (!f) {
    p->message = error;
    return;
  }
  const ModelFamily ldm = detectLdmFamily(*f);
  if (ldm != ModelFamily::Unknown) {
    p->family = ldm;
    std::string why;
    if (ldm == ModelFamily::Sd2 && impliesVPrediction(path.string(), &why)) p->family = ModelFamily::Sd2V;
    p->message = ldm == ModelFamily::Sdxl ? "SDXL single-file checkpoint: SDXL is not supported yet"
                                          : std::string(familyName(p->family)) + " single-file checkpoint";
    return;
  }
  const auto isLora = [](const std::string& n) {
    return startsWith(n, "lora_unet_") || startsWith(n, "lora_te") || contains(n, ".lora_A.") ||
           contains(n, ".lora_B.") || contains(n, ".lora.down.") || contains(n, ".lora_down.");
  };
  const auto isControl = [](const std::string& n) {
    return startsWith(n, "control_model.") || startsWith(n, "controlnet_cond_embedding.") ||
           contains(n, "input_hint_block.");
  };
  if (anyName(*f, isLora)) p->family = ModelFamily::Lora;
  else if (anyName(*f, isControl)) p->family = ModelFamily::ControlNet;
  else if (contains(lower(path.filename().string()), "taesd") ||
           anyName(*f, [](const std::string& n) { return startsWith(n, "encoder.layers.") || startsWith(n, "decoder.layers."); }))
    p->family = ModelFamily::Taesd;
  else if (anyName(*f, [](const std::string& n) {
             return startsWith(n, "encoder.down") || startsWith(n, "first_stage_model.encoder.");
           }))
    p->family = ModelFamily::Vae;
  p->message = p->family == ModelFamily::Unknown
                   ? "unrecognised tensor names (e.g. '" + (f->names().empty() ? "" : f->names().front()) + "')"
                   : std::string(familyName(p->family)) + " single file";
  if (p->family == ModelFamily::ControlNet) {
    p->controlKind = controlKindFromName(path.string());
    p->message += p->controlKind.empty() ? " (kind not in the file name: depth, canny or openpose)"
                                         : " (" + p->controlKind + ")";
  }
}

}  // namespace

const char* layoutName(ModelLayout layout) {
  switch (layout) {
    case ModelLayout::DiffusersFolder: return "diffusers-folder";
    case ModelLayout::SingleFile: return "single-file";
    case ModelLayout::Unknown: break;
  }
  return "unknown";
}

ModelProbe probeModel(const std::string& path) {
  ModelProbe p;
  try {
    std::error_code ec;
    if (fs::is_directory(path, ec)) probeFolder(path, &p);
    else if (fs::is_regular_file(path, ec)) probeFile(path, &p);
    else p.message = "'" + path + "' does not exist";
  } catch (const std::exception& e) {
    p.message = path + ": " + e.what();
  }
  return p;
}

}  // namespace shotcraft::torch_engine::convert
