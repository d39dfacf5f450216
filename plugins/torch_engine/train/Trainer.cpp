#include "plugins/torch_engine/train/Trainer.h"

#include <torch/torch.h>

#include <chrono>
#include <filesystem>

#include "core/engine/TrainingSettings.h"
#include "plugins/torch_engine/pipeline/DeviceSelect.h"
#include "plugins/torch_engine/train/BpeTrainer.h"
#include "plugins/torch_engine/train/ModelFolder.h"
#include "plugins/torch_engine/train/Stages.h"
#include "plugins/torch_engine/train/TrainingData.h"

namespace shotcraft::torch_engine::train {

namespace fs = std::filesystem;

bool trainTokenizer(const engine::TrainingRequest& request, const PrintFn& print, std::string* error) {
  const bool tiny = isTinyRun(request);
  const int scenes = int(extraNumber(request, "scenes", tiny ? 200 : 20000));
  const int vocabSize = int(extraNumber(request, "vocab", tiny ? 1024 : 4096));
  const auto start = std::chrono::steady_clock::now();
  const std::vector<std::string> corpus = promptCorpus(request.data_seed, scenes);
  BpeVocabulary vocab;
  if (!trainBpe(corpus, vocabSize, &vocab, error)) return false;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  print("tokenizer: " + std::to_string(vocab.tokens.size()) + " tokens, " + std::to_string(vocab.merges.size()) +
        " merges from " + std::to_string(corpus.size()) + " prompts in " + std::to_string(int(seconds)) + " s");
  return writeBpe(vocab, (fs::path(request.out_dir) / "tokenizer").string(), error);
}

bool runTrainingStage(const engine::TrainingRequest& request, const std::function<void(const std::string&)>& print,
                      const engine::CancelToken& cancel, std::string* error) {
  if (request.out_dir.empty()) {
    if (error) *error = "train: --out DIR is required";
    return false;
  }
  // The CLI checked them already; the engine's other callers may not have.
  if (!engine::checkTrainingSettings(request, error)) return false;
  std::error_code ec;
  fs::create_directories(request.out_dir, ec);
  if (ec) {
    if (error) *error = "train: cannot create " + request.out_dir + ": " + ec.message();
    return false;
  }
  const int threads = request.threads > 0 ? request.threads : 2;
  torch::set_num_threads(threads);
  setBlasThreads(1);  // see DeviceSelect.h: OpenBLAS's pool fights the OpenMP threads during training
  try {
    const std::string& s = request.stage;
    if (s == "tokenizer") return trainTokenizer(request, print, error);
    if (s == "text") return trainTextEncoder(request, print, cancel, error);
    if (s == "vae") return trainVae(request, print, cancel, error);
    if (s == "unet") return trainUNet(request, print, cancel, error);
    if (s == "controlnet") return trainControlNet(request, print, cancel, error);
    if (s == "preview") return fitPreview(request, print, error);
    if (s == "probe") return trainProbe(request, print, cancel, error);
    if (s == "package") return packageModel(request, print, error);
    if (error)
      *error = "train: unknown stage '" + s + "' (known: tokenizer, text, vae, unet, controlnet, preview, probe, package)";
    return false;
  } catch (const c10::Error& e) {
    if (error) *error = "train " + request.stage + ": torch error: " + e.what_without_backtrace();
  } catch (const std::exception& e) {
    if (error) *error = "train " + request.stage + ": " + e.what();
  }
  return false;
}

}  // namespace shotcraft::torch_engine::train
