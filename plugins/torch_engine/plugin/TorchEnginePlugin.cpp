#include "plugins/torch_engine/plugin/TorchEnginePlugin.h"

#include "plugins/torch_engine/pipeline/TorchEngineFactory.h"

namespace shotcraft::torch_engine {

std::shared_ptr<engine::IEngineFactory> TorchEnginePlugin::factory() const {
  return std::make_shared<TorchEngineFactory>();
}

}  // namespace shotcraft::torch_engine
