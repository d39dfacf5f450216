#pragma once
// The Qt plugin that registers the torch engine's factory. No libtorch header here (Qt's keyword macros).
#include <QObject>

#include "core/engine/EnginePlugin.h"

namespace shotcraft::torch_engine {

class TorchEnginePlugin : public QObject, public engine::IEnginePlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID ShotcraftEnginePlugin_iid FILE "torch_engine.json")
  Q_INTERFACES(shotcraft::engine::IEnginePlugin)
 public:
  int apiVersion() const override { return engine::kEnginePluginApiVersion; }
  std::shared_ptr<engine::IEngineFactory> factory() const override;
};

}  // namespace shotcraft::torch_engine
