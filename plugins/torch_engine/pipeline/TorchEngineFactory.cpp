#include "plugins/torch_engine/pipeline/TorchEngineFactory.h"

#include "plugins/torch_engine/pipeline/Benchmark.h"
#include "plugins/torch_engine/pipeline/LoadBenchmark.h"
#include "plugins/torch_engine/pipeline/TorchEngine.h"
#include "plugins/torch_engine/sampling/SamplerFactory.h"
#include "plugins/torch_engine/train/Trainer.h"

namespace shotcraft::torch_engine {

std::unique_ptr<engine::IEngine> TorchEngineFactory::create(const engine::EngineOptions& options,
                                                            std::string* error) const {
  std::string local;
  std::string& err = error ? *error : local;
  try {
    ComputeTarget target;
    if (!selectComputeTarget(options, &target, &err)) return nullptr;
    applyThreads(target.threads);
    ModelBundle bundle;
    if (!ModelBundle::load(options.model_dir, target, &bundle, &err, options.preview_vae)) return nullptr;
    bundle.draftDecode = options.draft_decode;
    return std::make_unique<TorchEngine>(std::move(bundle));
  } catch (const c10::Error& e) {
    err = std::string("engine error: ") + e.what_without_backtrace();
  } catch (const std::exception& e) {
    err = std::string("engine error: ") + e.what();
  }
  return nullptr;
}

std::vector<std::string> TorchEngineFactory::samplerNames() const { return torch_engine::samplerNames(); }

bool TorchEngineFactory::runBenchmark(const engine::BenchmarkRequest& request,
                                      const std::function<void(const std::string&)>& print,
                                      std::string* error) const {
  if (request.subject == "load") return runLoadBenchmark(request, print, error);
  return runEngineBenchmark(request, print, error);
}

bool TorchEngineFactory::runTraining(const engine::TrainingRequest& request,
                                     const std::function<void(const std::string&)>& print,
                                     const engine::CancelToken& cancel, std::string* error) const {
  return train::runTrainingStage(request, print, cancel, error);
}

}  // namespace shotcraft::torch_engine
