// A dummy engine plugin for the loader tests: it "generates" a flat image whose value is the seed, one
// step per request step, honouring the cancel token between steps.
#include <QObject>
#include <QtPlugin>

#include "core/engine/EnginePlugin.h"

namespace {

using namespace shotcraft::engine;

class DummyEngine : public IEngine {
 public:
  EngineInfo info() const override { return EngineInfo{"dummy", "cpu", "fp32"}; }
  GenerationResult generate(const GenerationRequest& r, const ProgressCallback& progress,
                            const CancelToken& cancel) override {
    GenerationResult result;
    for (int i = 1; i <= r.steps; ++i) {
      if (cancel.isCancelled()) {
        result.cancelled = true;
        result.error = "cancelled";
        return result;
      }
      if (progress) progress(Progress{i, r.steps, 0.0, {}});
    }
    result.image = shotcraft::Image(r.width, r.height);
    std::fill(result.image.data.begin(), result.image.data.end(), uint8_t(r.seed & 0xff));
    result.ok = true;
    return result;
  }
};

class DummyFactory : public IEngineFactory {
 public:
  std::string id() const override { return DUMMY_ID; }
  std::unique_ptr<IEngine> create(const EngineOptions&, std::string*) const override {
    return std::make_unique<DummyEngine>();
  }
  std::vector<std::string> samplerNames() const override { return {"dummy"}; }
};

}  // namespace

class DummyEnginePlugin : public QObject, public IEnginePlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID ShotcraftEnginePlugin_iid FILE DUMMY_META)
  Q_INTERFACES(shotcraft::engine::IEnginePlugin)
 public:
  int apiVersion() const override { return kEnginePluginApiVersion; }
  std::shared_ptr<IEngineFactory> factory() const override { return std::make_shared<DummyFactory>(); }
};

#include "DummyEnginePlugin.moc"
