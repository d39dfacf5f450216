#include "tests/ui/RenderTestSupport.h"

#include <QSettings>
#include <chrono>
#include <gtest/gtest.h>
#include <thread>

#include "tests/ui/UiTestSupport.h"
#include "ui/ProjectDocument.h"
#include "ui/RenderController.h"

namespace shotcraft::test {

namespace {

class SleepyEngine : public engine::IEngine {
 public:
  SleepyEngine(int step_ms, std::shared_ptr<FakeEngineStats> stats) : m_step_ms(step_ms), m_stats(std::move(stats)) {}
  engine::EngineInfo info() const override {
    engine::EngineInfo info;
    info.model_name = "fake-studio";
    info.device = "cpu";
    info.precision = "fp32";
    return info;
  }
  engine::GenerationResult generate(const engine::GenerationRequest& request, const engine::ProgressCallback& progress,
                                    const engine::CancelToken& cancel) override {
    if (m_stats) ++m_stats->generateCalls;
    engine::GenerationResult result;
    const int steps = request.init_image ? std::max(1, int(request.steps * request.strength)) : request.steps;
    const uint8_t shade = uint8_t(40 + (request.seed * 37 + request.prompt.size() * 11) % 180);
    for (int s = 1; s <= steps; ++s) {
      if (cancel.isCancelled()) {
        result.cancelled = true;
        result.error = "cancelled";
        return result;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(m_step_ms));
      if (m_stats) ++m_stats->steps;
      engine::Progress p;
      p.step = s;
      p.total = steps;
      p.step_ms = m_step_ms + s;  // distinct values per step
      if (request.preview_every_step) {
        p.preview = Image(request.width / 8, request.height / 8);
        std::fill(p.preview.data.begin(), p.preview.data.end(), uint8_t(s * 20));
      }
      if (progress) progress(p);
    }
    result.image = Image(request.width, request.height);
    std::fill(result.image.data.begin(), result.image.data.end(), shade);
    result.ok = true;
    return result;
  }

 private:
  int m_step_ms;
  std::shared_ptr<FakeEngineStats> m_stats;
};

class SleepyFactory : public engine::IEngineFactory {
 public:
  SleepyFactory(int step_ms, std::shared_ptr<FakeEngineStats> stats) : m_step_ms(step_ms), m_stats(std::move(stats)) {}
  std::string id() const override { return "torch"; }
  std::unique_ptr<engine::IEngine> create(const engine::EngineOptions& options, std::string*) const override {
    if (m_stats) {
      m_stats->createdThreads = options.threads;
      m_stats->createdDevice = int(options.device);
      m_stats->createdPrecision = int(options.precision);
    }
    return std::make_unique<SleepyEngine>(m_step_ms, m_stats);
  }
  std::vector<std::string> samplerNames() const override { return {"euler_a"}; }

 private:
  int m_step_ms;
  std::shared_ptr<FakeEngineStats> m_stats;
};

}  // namespace

std::unique_ptr<engine::EngineRegistry> makeFakeRegistry(int step_ms, std::shared_ptr<FakeEngineStats> stats) {
  auto registry = std::make_unique<engine::EngineRegistry>();
  registry->registerFactory(std::make_shared<SleepyFactory>(step_ms, std::move(stats)));
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
