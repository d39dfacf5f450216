#pragma once
// The torch engine's factory. This header is torch-free so the Qt plugin class can include it.
#include "core/engine/Engine.h"

namespace shotcraft::torch_engine {

class TorchEngineFactory : public engine::IEngineFactory {
 public:
  std::string id() const override { return "torch"; }
  std::unique_ptr<engine::IEngine> create(const engine::EngineOptions& options, std::string* error) const override;
  std::vector<std::string> samplerNames() const override;
  engine::ModelProbeResult probeModel(const std::string& path) const override;  // ModelInspect.cpp
  bool runBenchmark(const engine::BenchmarkRequest& request, const std::function<void(const std::string&)>& print,
                    std::string* error) const override;
  bool runTraining(const engine::TrainingRequest& request, const std::function<void(const std::string&)>& print,
                   const engine::CancelToken& cancel, std::string* error) const override;
};

}  // namespace shotcraft::torch_engine
