// A test-only engine plugin registered under the id "torch", drawing with the deterministic FakeEngine, so the
// render CLI can be exercised end to end without libtorch or a model (SHOTCRAFT_PLUGIN_PATH points at it).
#include <QFileInfo>
#include <QObject>
#include <QtPlugin>

#include "core/engine/EnginePlugin.h"
#include "tests/common/FakeEngine.h"

namespace {

using namespace shotcraft::engine;

class FakeFactory : public IEngineFactory {
 public:
  std::string id() const override { return "torch"; }
  std::unique_ptr<IEngine> create(const EngineOptions& options, std::string* error) const override {
    if (!QFileInfo(QString::fromStdString(options.model_dir)).isDir()) {
      *error = "model folder '" + options.model_dir + "' not found";
      return nullptr;
    }
    return std::make_unique<shotcraft::test::FakeEngine>();
  }
  std::vector<std::string> samplerNames() const override { return {"euler_a"}; }
};

}  // namespace

class FakeTorchPlugin : public QObject, public IEnginePlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID ShotcraftEnginePlugin_iid FILE FAKE_META)
  Q_INTERFACES(shotcraft::engine::IEnginePlugin)
 public:
  int apiVersion() const override { return kEnginePluginApiVersion; }
  std::shared_ptr<IEngineFactory> factory() const override { return std::make_shared<FakeFactory>(); }
};

#include "FakeTorchPlugin.moc"
