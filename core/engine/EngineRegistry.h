#pragma once
// Finds engine plugins (Qt plugins implementing IEnginePlugin) and hands out their factories.
// Owned by whoever needs engines (the app, the CLI, a test); there is no process-global registry.
#include <QStringList>
#include <memory>
#include <string>
#include <vector>

#include "core/engine/Engine.h"

namespace shotcraft::engine {

class EngineRegistry {
 public:
  EngineRegistry() = default;

  // $SHOTCRAFT_PLUGIN_PATH (colon-separated), then <app dir>/../plugins, <app dir>/plugins,
  // <app dir>/../lib/shotcraft/plugins, and the install prefix's plugin dir.
  static QStringList defaultPluginDirs();

  // Loads every plugin file in dirs whose IID matches and whose metadata apiVersion equals ours.
  // Returns the number of factories registered; problems are collected in errors().
  int loadPlugins(const QStringList& dirs = defaultPluginDirs());
  // Registers a factory directly (statically linked engines, tests).
  void registerFactory(std::shared_ptr<IEngineFactory> factory);

  std::shared_ptr<IEngineFactory> factory(const std::string& id) const;
  std::vector<std::string> ids() const;
  const QStringList& errors() const { return m_errors; }

  // The factory for `id`, loading plugins on first use. Sets *error (naming where it looked) when absent.
  std::shared_ptr<IEngineFactory> require(const std::string& id, std::string* error);

 private:
  std::vector<std::shared_ptr<IEngineFactory>> m_factories;
  QStringList m_errors;
  QStringList m_searched;
  bool m_loaded = false;
};

}  // namespace shotcraft::engine
