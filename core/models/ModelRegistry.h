#pragma once
// The models a creator has on disk (issue 4): scans user-configured folders and lists checkpoints, ControlNets,
// LoRAs, VAEs and TAESDs with family, layout and size. Reads only what IEngineFactory::probeModel reads
// (config.json files, safetensors headers), never weight data. Never throws; never unpickles.
//
// What a folder yields:
//  - the folder itself, when it is a model folder (diffusers: model_index.json or unet/config.json; a component
//    folder with config.json and weights; a diffusers LoRA folder): one entry, not recursed into;
//  - otherwise its weight files (.safetensors, .ckpt, .pt, .pth, .bin) and model folders at the top level, and
//    those one level down in the usual A1111/ComfyUI subfolders (Stable-diffusion/, checkpoints/, controlnet/,
//    loras/, Lora/, vae/, taesd/, vae_approx/, ... matched without case; see kindForSubfolder()).
//  - a weight file given in place of a folder: that file.
// Other files and folders are skipped. Pickled files (.ckpt, .pt, .pth, .bin) are listed as unsupported.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/engine/Engine.h"

namespace shotcraft::models {

enum class ModelKind { Checkpoint, ControlNet, Lora, Vae, Taesd, Unknown };

const char* kindName(ModelKind kind);  // "checkpoint", "controlnet", "lora", "vae", "taesd", "unknown"
// The kind a probe family names ("sd1", "sdxl", "shotcraft-tiny" -> Checkpoint, "lora" -> Lora, ...).
ModelKind kindFromFamily(const std::string& family);

// Why an entry can or cannot be used, for a UI to word in its own language (message gives the details).
enum class ModelStatus {
  Ready,          // usable
  NotInstalled,   // the embedded model is not there
  Missing,        // the path does not exist
  Pickled,        // .ckpt/.pt/.pth/.bin: never loaded
  NoEngine,       // no engine plugin to inspect it
  Unsupported,    // recognised, but not a model this engine renders with (e.g. SDXL)
  NotRecognised,  // the probe could not tell what it is
};

struct ModelEntry {
  std::string path;           // the file or model folder
  std::string name;           // display name: the file name without extension, or the folder name
  ModelKind kind = ModelKind::Unknown;
  std::string family = "unknown";  // as ModelProbeResult::family
  std::string layout = "unknown";  // "diffusers-folder", "single-file" or "unknown"
  uint64_t size_bytes = 0;    // the file, or the sum of a folder's weight files
  bool usable = false;        // checkpoints: the engine can render with it; others: recognised and readable
  bool embedded = false;      // the model shipped with Shotcraft
  std::string message;        // one line: what it is, or why it cannot be used
  ModelStatus status = ModelStatus::NotRecognised;
};

// A models folder that gave no entries, by category (for a UI to word) and as one line naming it.
enum class ScanProblem {
  FolderMissing,  // the folder does not exist
  NotAFolder,     // neither a folder nor a weight file
  Unreadable,     // it could not be listed
  NoEngine,       // no engine to inspect models (set by callers that look for one; folder is "")
};

struct ScanError {
  ScanProblem problem = ScanProblem::Unreadable;
  std::string folder;
  std::string message;  // e.g. "models folder '/x' does not exist"
};

struct ScanResult {
  std::vector<ModelEntry> entries;  // embedded model first, then by kind, name (without case), path
  std::vector<ScanError> errors;    // one per folder that is missing or cannot be read
};

class ModelRegistry {
 public:
  // factory may be null: entries are then listed by file type only (family "unknown").
  explicit ModelRegistry(std::shared_ptr<const engine::IEngineFactory> factory);

  // Scans the folders (duplicates and nested repeats are listed once). embeddedModelDir: the shipped model
  // folder, listed first as "shotcraft-tiny (embedded)"; "" or a missing folder gives an unusable entry saying
  // so. Pass withEmbedded = false to list only the folders.
  ScanResult scan(const std::vector<std::string>& folders, const std::string& embeddedModelDir = {},
                  bool withEmbedded = false) const;

  // One path (a weight file or a model folder), as scan() lists it. hint: the kind its parent folder suggests,
  // used when the probe cannot tell.
  ModelEntry inspect(const std::string& path, ModelKind hint = ModelKind::Unknown) const;

  // True for a folder that is one model (see above), not a folder of models.
  static bool isModelFolder(const std::string& path);
  // .safetensors, .ckpt, .pt, .pth, .bin (without case).
  static bool isWeightFile(const std::string& path);
  // The kind a conventional subfolder name holds ("loras" -> Lora, "Stable-diffusion" -> Checkpoint); false
  // when the name is not one scan() descends into.
  static bool kindForSubfolder(const std::string& folderName, ModelKind* kind);

 private:
  std::shared_ptr<const engine::IEngineFactory> m_factory;
};

}  // namespace shotcraft::models
