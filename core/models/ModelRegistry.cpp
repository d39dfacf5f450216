#include "core/models/ModelRegistry.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>
#include <tuple>

namespace shotcraft::models {

namespace fs = std::filesystem;

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return s;
}

std::string extensionOf(const fs::path& p) { return lower(p.extension().string()); }

bool isPickle(const fs::path& p) {
  const std::string ext = extensionOf(p);
  return ext == ".ckpt" || ext == ".pt" || ext == ".pth" || ext == ".bin";
}

// A stable key for "have we listed this already": the canonical path when it resolves, else the normal form.
std::string identity(const fs::path& p) {
  std::error_code ec;
  const fs::path c = fs::weakly_canonical(p, ec);
  return (ec ? p.lexically_normal() : c).string();
}

uint64_t weightBytesUnder(const fs::path& dir) {
  uint64_t total = 0;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::error_code fileEc;
    if (it->is_regular_file(fileEc) && ModelRegistry::isWeightFile(it->path().string())) {
      const uint64_t size = it->file_size(fileEc);
      if (!fileEc) total += size;
    }
  }
  return total;
}

// The children of a folder in name order (directory_iterator order is filesystem-dependent). False + *error
// when the folder cannot be listed.
bool listFolder(const fs::path& dir, std::vector<fs::path>* out, ScanError* error) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) out->push_back(it->path());
  if (ec) {
    *error = {ScanProblem::Unreadable, dir.string(),
              "cannot read models folder '" + dir.string() + "': " + ec.message()};
    return false;
  }
  std::sort(out->begin(), out->end());
  return true;
}

bool sortBefore(const ModelEntry& a, const ModelEntry& b) {
  if (a.embedded != b.embedded) return a.embedded;
  return std::make_tuple(int(a.kind), lower(a.name), a.path) < std::make_tuple(int(b.kind), lower(b.name), b.path);
}

}  // namespace

const char* kindName(ModelKind kind) {
  switch (kind) {
    case ModelKind::Checkpoint: return "checkpoint";
    case ModelKind::ControlNet: return "controlnet";
    case ModelKind::Lora: return "lora";
    case ModelKind::Vae: return "vae";
    case ModelKind::Taesd: return "taesd";
    case ModelKind::Unknown: break;
  }
  return "unknown";
}

ModelKind kindFromFamily(const std::string& family) {
  static const std::set<std::string> checkpoints{"sd1", "sd2", "sd2-v", "sd-turbo", "sdxl", "shotcraft-tiny"};
  if (checkpoints.count(family)) return ModelKind::Checkpoint;
  if (family == "controlnet") return ModelKind::ControlNet;
  if (family == "lora") return ModelKind::Lora;
  if (family == "vae") return ModelKind::Vae;
  if (family == "taesd") return ModelKind::Taesd;
  return ModelKind::Unknown;
}

ModelRegistry::ModelRegistry(std::shared_ptr<const engine::IEngineFactory> factory) : m_factory(std::move(factory)) {}

bool ModelRegistry::isWeightFile(const std::string& path) {
  const fs::path p(path);
  return extensionOf(p) == ".safetensors" || isPickle(p);
}

bool ModelRegistry::isModelFolder(const std::string& path) {
  const fs::path dir(path);
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return false;
  if (fs::is_regular_file(dir / "model_index.json", ec) || fs::is_regular_file(dir / "unet" / "config.json", ec) ||
      fs::is_regular_file(dir / "pytorch_lora_weights.safetensors", ec)) {
    return true;
  }
  if (!fs::is_regular_file(dir / "config.json", ec)) return false;
  fs::directory_iterator it(dir, ec);
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
    std::error_code fileEc;
    if (it->is_regular_file(fileEc) && isWeightFile(it->path().string())) return true;
  }
  return false;
}

bool ModelRegistry::kindForSubfolder(const std::string& folderName, ModelKind* kind) {
  const std::string n = lower(folderName);
  ModelKind k = ModelKind::Unknown;
  if (n == "stable-diffusion" || n == "checkpoints" || n == "checkpoint" || n == "diffusers") k = ModelKind::Checkpoint;
  else if (n == "controlnet") k = ModelKind::ControlNet;
  else if (n == "lora" || n == "loras") k = ModelKind::Lora;
  else if (n == "vae") k = ModelKind::Vae;
  else if (n == "taesd" || n == "vae_approx" || n == "vae-approx") k = ModelKind::Taesd;
  else return false;
  if (kind) *kind = k;
  return true;
}

ModelEntry ModelRegistry::inspect(const std::string& path, ModelKind hint) const {
  ModelEntry e;
  e.path = path;
  const fs::path p(path);
  std::error_code ec;
  const bool folder = fs::is_directory(p, ec);
  e.name = folder ? p.filename().string() : p.stem().string();
  if (e.name.empty()) e.name = p.parent_path().filename().string();  // "dir/" has an empty filename
  e.kind = hint;
  if (!folder && !fs::is_regular_file(p, ec)) {
    e.message = "'" + path + "' does not exist";
    e.status = ModelStatus::Missing;
    return e;
  }
  e.size_bytes = folder ? weightBytesUnder(p) : fs::file_size(p, ec);
  if (ec) e.size_bytes = 0;
  if (!folder && isPickle(p)) {
    e.layout = "single-file";
    if (e.kind == ModelKind::Unknown && extensionOf(p) == ".ckpt") e.kind = ModelKind::Checkpoint;
    e.message = "pickled " + extensionOf(p) + " file: not loaded (Shotcraft never unpickles; convert it to "
                ".safetensors)";
    e.status = ModelStatus::Pickled;
    return e;
  }
  if (!m_factory) {
    e.layout = folder ? "diffusers-folder" : "single-file";
    e.message = "no engine plugin to inspect it";
    e.status = ModelStatus::NoEngine;
    return e;
  }
  const engine::ModelProbeResult r = m_factory->probeModel(path);
  e.family = r.family.empty() ? "unknown" : r.family;
  e.layout = r.layout.empty() ? "unknown" : r.layout;
  e.message = r.message;
  const ModelKind probed = kindFromFamily(e.family);
  if (probed != ModelKind::Unknown) e.kind = probed;
  e.usable = e.kind == ModelKind::Checkpoint ? r.usable : probed != ModelKind::Unknown;
  if (e.usable) e.status = ModelStatus::Ready;
  else if (probed != ModelKind::Unknown) e.status = ModelStatus::Unsupported;  // else NotRecognised
  return e;
}

ScanResult ModelRegistry::scan(const std::vector<std::string>& folders, const std::string& embeddedModelDir,
                               bool withEmbedded) const {
  ScanResult result;
  std::set<std::string> seen;  // identities of entries and of folders already scanned
  if (withEmbedded) {
    ModelEntry e;
    if (!embeddedModelDir.empty() && isModelFolder(embeddedModelDir)) {
      e = inspect(embeddedModelDir, ModelKind::Checkpoint);
      seen.insert(identity(embeddedModelDir));
    } else {
      e.path = embeddedModelDir;
      e.kind = ModelKind::Checkpoint;
      e.family = "shotcraft-tiny";
      e.status = ModelStatus::NotInstalled;
      e.message = embeddedModelDir.empty() ? "the embedded model is not installed"
                                           : "the embedded model is not installed ('" + embeddedModelDir +
                                                 "' has no unet/config.json)";
    }
    e.embedded = true;
    e.name = "shotcraft-tiny";
    result.entries.push_back(std::move(e));
  }
  const auto add = [&](const fs::path& p, ModelKind hint) {
    if (seen.insert(identity(p)).second) result.entries.push_back(inspect(p.string(), hint));
  };
  // A child of a scanned folder: a weight file or a model folder (anything else is skipped).
  const auto consider = [&](const fs::path& p, ModelKind hint) {
    std::error_code ec;
    if (fs::is_regular_file(p, ec)) {
      if (isWeightFile(p.string())) add(p, hint);
    } else if (isModelFolder(p.string())) {
      add(p, hint);
    }
  };
  for (const std::string& folder : folders) {
    if (folder.empty()) continue;
    const fs::path dir(folder);
    std::error_code ec;
    if (!fs::exists(dir, ec)) {
      result.errors.push_back({ScanProblem::FolderMissing, folder, "models folder '" + folder + "' does not exist"});
      continue;
    }
    if (!fs::is_directory(dir, ec)) {
      if (fs::is_regular_file(dir, ec) && isWeightFile(folder)) {
        add(dir, ModelKind::Unknown);  // one checkpoint file chosen on its own
      } else {
        result.errors.push_back(
            {ScanProblem::NotAFolder, folder, "models folder '" + folder + "' is not a folder or a weight file"});
      }
      continue;
    }
    if (!seen.insert(identity(dir)).second) continue;
    if (isModelFolder(folder)) {  // the user added one model's folder
      result.entries.push_back(inspect(folder));
      continue;
    }
    std::vector<fs::path> children;
    ScanError error;
    if (!listFolder(dir, &children, &error)) {
      result.errors.push_back(error);
      continue;
    }
    for (const fs::path& child : children) {
      ModelKind hint = ModelKind::Unknown;
      std::error_code childEc;
      if (fs::is_directory(child, childEc) && !isModelFolder(child.string()) &&
          kindForSubfolder(child.filename().string(), &hint)) {
        std::vector<fs::path> inner;
        if (!seen.insert(identity(child)).second) continue;
        if (!listFolder(child, &inner, &error)) {
          result.errors.push_back(error);
          continue;
        }
        for (const fs::path& p : inner) consider(p, hint);
      } else {
        consider(child, ModelKind::Unknown);
      }
    }
  }
  std::stable_sort(result.entries.begin(), result.entries.end(), sortBefore);
  return result;
}

}  // namespace shotcraft::models
