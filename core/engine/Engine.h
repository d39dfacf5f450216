#pragma once
// Engine interface implemented by plugins (plugins/torch_engine). No exception crosses this boundary:
// every failure is a GenerationResult / error string.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/engine/CancelToken.h"
#include "core/engine/GenerationRequest.h"

namespace shotcraft::engine {

enum class Device { Auto, Cpu, Cuda };
enum class Precision { Auto, Fp32, Bf16, Fp16 };

struct EngineOptions {
  std::string model_dir;              // a model folder (config.json + .safetensors per component)
  Device device = Device::Auto;
  Precision precision = Precision::Auto;
  int threads = 0;                    // 0 = all cores
  // A TAESD (tiny autoencoder: a diffusers AutoencoderTiny folder, or taesd_decoder.safetensors / its folder)
  // for the per-step previews. Empty: <model>/taesd/ or <model>/vae_tiny/ when present, else the linear preview.
  std::string preview_vae;
  bool draft_decode = false;          // decode the final image with the TAESD too (fast, lower quality)
};

struct EngineInfo {
  std::string model_name;
  std::string device;     // "cpu" or "cuda:0"
  std::string precision;  // "fp32", "bf16", "fp16"
  int latent_channels = 4;
  int vae_scale = 8;      // pixels per latent cell
  int text_window = 77;   // tokens per text-encoder window
};

class IEngine {
 public:
  virtual ~IEngine() = default;
  virtual EngineInfo info() const = 0;
  virtual GenerationResult generate(const GenerationRequest& request, const ProgressCallback& progress,
                                    const CancelToken& cancel) = 0;
  // The image encoded to the model's latent and decoded back: what the model's decoder can show of it. Sides
  // must be multiples of info().vae_scale. False + *error (one line) when it fails or the engine has no
  // autoencoder.
  virtual bool autoencode(const Image& image, Image* out, std::string* error) {
    (void)image, (void)out;
    *error = "this engine cannot round-trip an image through an autoencoder";
    return false;
  }
};

// What `shotcraft-cli bench engine` asks a factory to measure.
struct BenchmarkRequest {
  std::string subject = "engine";  // "engine": per-step timings; "load": loading an SD-1.5-sized single file
  EngineOptions options;   // device/threads; precision Auto measures fp32 and the fast low precision
  int width = 512;         // image size of the step measured (SD-1.5 shape by default)
  int height = 512;
  int batch = 2;           // 2 = classifier-free guidance
  int iterations = 3;      // timed runs per measurement (after one warm-up)
  bool quick = false;      // a small model shape, for tests of the benchmark itself
};

// What `shotcraft-cli train STAGE` asks a factory to do (stages: tokenizer, vae, unet, controlnet, preview).
struct TrainingRequest {
  std::string stage;
  std::string out_dir;     // the model folder being assembled (checkpoints under out_dir/training/STAGE/)
  int steps = 0;           // 0 = the stage's default
  int batch = 0;           // 0 = the stage's default
  double lr = 0.0;         // 0 = the stage's default
  bool resume = false;     // continue from the stage's checkpoint
  uint64_t data_seed = 0;  // base seed of the generated training scenes
  std::string kind;        // controlnet: depth, canny or pose
  int threads = 0;         // 0 = the engine default
  std::map<std::string, std::string> extra;  // stage-specific key=value settings (see docs/training.md)
};

// What a model path is, read without loading it (for a models list / panel).
struct ModelProbeResult {
  bool usable = false;         // a checkpoint this engine can generate with
  std::string family;          // "sd1", "sd2", "sd2-v", "sd-turbo", "sdxl", "shotcraft-tiny", "controlnet", "lora",
                               // "vae", "taesd" or "unknown"
  std::string layout;          // "diffusers-folder", "single-file" or "unknown"
  uint64_t size_bytes = 0;
  std::string message;         // one line: what it is, or why it cannot be used
  std::vector<std::string> controlnets;  // kinds found with the model: "depth", "canny", "pose"
  bool has_taesd = false;      // <model>/taesd or vae_tiny (live previews)
  std::vector<std::string> loras;        // *.safetensors in <model>/loras or lora/
};

class IEngineFactory {
 public:
  virtual ~IEngineFactory() = default;
  virtual std::string id() const = 0;  // e.g. "torch"
  // Returns nullptr and sets *error on failure (missing files, bad config, unsupported device).
  virtual std::unique_ptr<IEngine> create(const EngineOptions& options, std::string* error) const = 0;
  virtual std::vector<std::string> samplerNames() const = 0;
  // Reads a model path's family/layout and the optional pieces beside it. Never loads weights or throws.
  virtual ModelProbeResult probeModel(const std::string& path) const {
    ModelProbeResult r;
    r.family = "unknown";
    r.layout = "unknown";
    r.message = "this engine cannot inspect models (" + path + ")";
    return r;
  }
  // Runs the engine's micro-benchmarks, printing one line per figure. False + *error if unsupported.
  virtual bool runBenchmark(const BenchmarkRequest& request, const std::function<void(const std::string&)>& print,
                            std::string* error) const {
    (void)request;
    (void)print;
    if (error) *error = "this engine has no benchmark";
    return false;
  }
  // Runs one training stage, printing progress lines. False + *error if unsupported, failed or cancelled.
  virtual bool runTraining(const TrainingRequest& request, const std::function<void(const std::string&)>& print,
                           const CancelToken& cancel, std::string* error) const {
    (void)request;
    (void)print;
    (void)cancel;
    if (error) *error = "this engine cannot train";
    return false;
  }
};

}  // namespace shotcraft::engine
