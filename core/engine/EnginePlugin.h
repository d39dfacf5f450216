#pragma once
// The versioned plugin interface an engine plugin implements. A plugin only registers its factory.
#include <QtPlugin>
#include <memory>

#include "core/engine/Engine.h"

namespace shotcraft::engine {

inline constexpr int kEnginePluginApiVersion = 1;

class IEnginePlugin {
 public:
  virtual ~IEnginePlugin() = default;
  virtual int apiVersion() const = 0;
  virtual std::shared_ptr<IEngineFactory> factory() const = 0;
};

}  // namespace shotcraft::engine

#define ShotcraftEnginePlugin_iid "org.shotcraft.EnginePlugin/1"
Q_DECLARE_INTERFACE(shotcraft::engine::IEnginePlugin, ShotcraftEnginePlugin_iid)
