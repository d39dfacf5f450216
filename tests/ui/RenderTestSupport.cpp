#include "tests/ui/RenderTestSupport.h"

#include <QCoreApplication>
#include <QSettings>
#include <QThread>
#include <gtest/gtest.h>
#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <unistd.h>
#endif

#include "tests/common/FakeEngine.h"
#include "tests/ui/UiTestSupport.h"
#include "ui/ProjectDocument.h"
#include "ui/RenderController.h"

namespace shotcraft::test {

namespace {

class StudioFakeFactory : public engine::IEngineFactory {
 public:
  StudioFakeFactory(int step_ms, std::shared_ptr<FakeEngineStats> stats) : m_step_ms(step_ms), m_stats(std::move(stats)) {}
  std::string id() const override { return "torch"; }
  std::unique_ptr<engine::IEngine> create(const engine::EngineOptions& options, std::string*) const override {
    if (m_stats) {
      m_stats->createdThreads = options.threads;
      m_stats->createdDevice = int(options.device);
      m_stats->createdPrecision = int(options.precision);
      m_stats->createdOnGuiThread = QThread::currentThread() == QCoreApplication::instance()->thread() ? 1 : 0;
#ifdef Q_OS_LINUX
      m_stats->createdNice = getpriority(PRIO_PROCESS, static_cast<id_t>(gettid()));
#endif
    }
    auto engine = std::make_unique<FakeEngine>();
    engine->modelName = "fake-studio";
    engine->step_ms = m_step_ms;
    engine->img2imgStepsByStrength = true;
    if (m_stats) {
      std::shared_ptr<FakeEngineStats> stats = m_stats;
      engine->beforeCall = [stats](int) { ++stats->generateCalls; };
      engine->afterStep = [stats](int) { ++stats->steps; };
    }
    return engine;
  }
  std::vector<std::string> samplerNames() const override { return {"euler_a"}; }

 private:
  int m_step_ms;
  std::shared_ptr<FakeEngineStats> m_stats;
};

}  // namespace

std::unique_ptr<engine::EngineRegistry> makeFakeRegistry(int step_ms, std::shared_ptr<FakeEngineStats> stats) {
  auto registry = std::make_unique<engine::EngineRegistry>();
  registry->registerFactory(std::make_shared<StudioFakeFactory>(step_ms, std::move(stats)));
  return registry;
}

QString prepareRenderProject(ui::ProjectDocument& document, const QTemporaryDir& dir) {
  document.reset(sampleProject(), QString(), false);
  const QString id = document.project().shotIds().at(1);
  EXPECT_TRUE(document.setShotDuration(id, 0.5));
  EXPECT_TRUE(document.setShotFps(id, 4));
  QString error;
  EXPECT_TRUE(document.saveAs(dir.filePath(QStringLiteral("Render.shotcraft")), &error)) << error.toStdString();
  QSettings().setValue(QLatin1String(ui::RenderController::kModelDirKey), dir.path());
  return id;
}

}  // namespace shotcraft::test
