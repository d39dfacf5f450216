#include "core/engine/EngineRegistry.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonObject>
#include <QLibrary>
#include <QPluginLoader>

#include "core/engine/EnginePlugin.h"

#ifndef SHOTCRAFT_INSTALL_PLUGIN_DIR
#define SHOTCRAFT_INSTALL_PLUGIN_DIR ""
#endif

namespace shotcraft::engine {

QStringList EngineRegistry::defaultPluginDirs() {
  QStringList dirs;
  const QByteArray env = qgetenv("SHOTCRAFT_PLUGIN_PATH");
  if (!env.isEmpty()) dirs += QString::fromLocal8Bit(env).split(QLatin1Char(':'), Qt::SkipEmptyParts);
  const QString appDir = QCoreApplication::instance() ? QCoreApplication::applicationDirPath() : QString();
  if (!appDir.isEmpty()) {
    dirs << appDir + QStringLiteral("/../plugins") << appDir + QStringLiteral("/plugins")
         << appDir + QStringLiteral("/../lib/shotcraft/plugins");
  }
  const QString installed = QString::fromUtf8(SHOTCRAFT_INSTALL_PLUGIN_DIR);
  if (!installed.isEmpty()) dirs << installed;
  return dirs;
}

int EngineRegistry::loadPlugins(const QStringList& dirs) {
  m_loaded = true;
  int added = 0;
  for (const QString& dirPath : dirs) {
    QDir dir(dirPath);
    if (!dir.exists()) continue;
    m_searched << dir.absolutePath();
    for (const QString& name : dir.entryList(QDir::Files)) {
      const QString path = dir.absoluteFilePath(name);
      if (!QLibrary::isLibrary(path)) continue;
      QPluginLoader loader(path);
      const QJsonObject meta = loader.metaData();
      if (meta.value(QStringLiteral("IID")).toString() != QLatin1String(ShotcraftEnginePlugin_iid)) continue;
      const int api = meta.value(QStringLiteral("MetaData")).toObject().value(QStringLiteral("apiVersion")).toInt(-1);
      if (api != kEnginePluginApiVersion) {
        m_errors << QStringLiteral("%1: plugin API version %2, this build needs %3")
                        .arg(path).arg(api).arg(kEnginePluginApiVersion);
        continue;
      }
      QObject* instance = loader.instance();
      auto* plugin = qobject_cast<IEnginePlugin*>(instance);
      if (plugin == nullptr) {
        m_errors << QStringLiteral("%1: cannot load: %2").arg(path, loader.errorString());
        continue;
      }
      auto f = plugin->factory();
      if (f && !factory(f->id())) {
        m_factories.push_back(std::move(f));
        ++added;
      }
    }
  }
  return added;
}

void EngineRegistry::registerFactory(std::shared_ptr<IEngineFactory> f) {
  if (f) m_factories.push_back(std::move(f));
}

std::shared_ptr<IEngineFactory> EngineRegistry::factory(const std::string& id) const {
  for (const auto& f : m_factories) {
    if (f->id() == id) return f;
  }
  return nullptr;
}

std::vector<std::string> EngineRegistry::ids() const {
  std::vector<std::string> out;
  for (const auto& f : m_factories) out.push_back(f->id());
  return out;
}

std::shared_ptr<IEngineFactory> EngineRegistry::require(const std::string& id, std::string* error) {
  if (auto f = factory(id)) return f;
  if (!m_loaded) loadPlugins();
  if (auto f = factory(id)) return f;
  if (error) {
    std::string where = m_searched.isEmpty() ? std::string("no plugin folder exists")
                                             : "looked in " + m_searched.join(QStringLiteral(", ")).toStdString();
    *error = "engine plugin '" + id + "' not found (" + where + "; set SHOTCRAFT_PLUGIN_PATH)";
    if (!m_errors.isEmpty()) *error += "; " + m_errors.join(QStringLiteral("; ")).toStdString();
  }
  return nullptr;
}

}  // namespace shotcraft::engine
