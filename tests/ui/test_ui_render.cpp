// The render workflow in the studio: a fake engine's steps reach the Live Preview, the queue shows failures
// and retries them, cancel stops a job, the take arrives as one undo step, and the UI thread stays free.
#include <QAction>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QElapsedTimer>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QToolButton>
#include <QUndoStack>
#include <atomic>
#include <chrono>
#include <iostream>
#include <thread>
#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <unistd.h>
#endif

#include "core/model/ProjectIo.h"
#include "tests/ui/RenderTestSupport.h"
#include "tests/ui/UiTestSupport.h"
#include "ui/MainWindow.h"
#include "ui/PreviewPanel.h"
#include "ui/ProjectDocument.h"
#include "ui/RenderController.h"
#include "ui/RenderQueuePanel.h"
#include "ui/ShotCard.h"
#include "ui/StoryboardView.h"

using shotcraft::engine::JobId;
using shotcraft::engine::JobStatus;
using shotcraft::render::RenderMode;
using shotcraft::ui::Freshness;
using shotcraft::ui::PreviewPanel;
using shotcraft::ui::ProjectDocument;
using shotcraft::ui::RenderController;
using shotcraft::ui::RenderQueuePanel;

namespace {

class RenderTest : public shotcraft::test::UiTest {
 protected:
  void SetUp() override {
    UiTest::SetUp();
    ASSERT_TRUE(m_dir.isValid());
    m_document = std::make_unique<ProjectDocument>();
    m_shot = shotcraft::test::prepareRenderProject(*m_document, m_dir);
  }
  void TearDown() override {
    m_queuePanel.reset();
    m_preview.reset();
    m_controller.reset();
    m_document.reset();
    UiTest::TearDown();
  }
  void start(int step_ms) {
    m_stats = std::make_shared<shotcraft::test::FakeEngineStats>();
    m_registry = shotcraft::test::makeFakeRegistry(step_ms, m_stats);
    m_controller = std::make_unique<RenderController>(m_document.get(), m_registry.get());
    m_preview = std::make_unique<PreviewPanel>(m_controller.get());
    m_queuePanel = std::make_unique<RenderQueuePanel>(m_controller.get());
  }
  // Runs the event loop until job `id` has finished; returns its status.
  JobStatus waitFinished(JobId id, int timeout_ms = 10000) {
    QElapsedTimer timer;
    timer.start();
    for (;;) {
      const JobStatus s = m_controller->queue()->status(id);
      const bool done = s == JobStatus::Completed || s == JobStatus::Failed || s == JobStatus::Cancelled;
      if ((done && m_finished.count(id)) || timer.elapsed() > timeout_ms) return s;
      QTest::qWait(5);
    }
  }
  void trackFinished() {
    QObject::connect(m_controller->queue(), &shotcraft::engine::JobQueue::finished, m_controller.get(),
                     [this](JobId id, JobStatus, const QString&) { m_finished.insert(id); });
  }

  QTemporaryDir m_dir;
  std::unique_ptr<ProjectDocument> m_document;
  QString m_shot;
  std::shared_ptr<shotcraft::test::FakeEngineStats> m_stats;
  std::unique_ptr<shotcraft::engine::EngineRegistry> m_registry;
  std::unique_ptr<RenderController> m_controller;
  std::unique_ptr<PreviewPanel> m_preview;
  std::unique_ptr<RenderQueuePanel> m_queuePanel;
  std::set<JobId> m_finished;
};

TEST_F(RenderTest, PreviewUpdatesEveryStepAndTakeIsOneUndoStep) {
  start(2);
  trackFinished();
  QSignalSpy steps(m_controller.get(), &RenderController::stepReported);
  QSignalSpy applied(m_controller.get(), &RenderController::takeApplied);
  const int undoBefore = m_document->undoStack()->count();
  JobId id = 0;
  QString error;
  ASSERT_TRUE(m_controller->regenerate(m_shot, RenderMode::Draft, &error, &id)) << error.toStdString();
  EXPECT_EQ(m_controller->freshness(m_shot), Freshness::Rendering);
  ASSERT_EQ(waitFinished(id), JobStatus::Completed) << m_controller->queue()->errorText(id).toStdString();
  QTest::qWait(20);  // queued step signals
  // 2 frames with cadence 4: keyframes 0 (6 draft steps) and 1 (img2img at strength 0.45: the fake runs 2).
  EXPECT_EQ(m_stats->steps.load(), 8);
  EXPECT_EQ(steps.count(), 8);
  EXPECT_EQ(m_preview->stepsShown(), 8);
  EXPECT_EQ(m_preview->plotPointCount(), 8);
  ASSERT_FALSE(m_preview->previewImage().isNull());
  EXPECT_EQ(m_preview->previewImage().width(), 128 / 8);  // draft keyframes are 128 x 72
  EXPECT_EQ(m_preview->previewImage().pixelColor(0, 0).red(), 2 * 20);  // the last step's preview
  EXPECT_TRUE(m_preview->stepText().contains(QStringLiteral("Keyframe 2/2 · step 2/2"))) << m_preview->stepText().toStdString();
  EXPECT_FALSE(m_preview->cancelButton()->isEnabled());
  EXPECT_EQ(m_queuePanel->progressPercent(id), 100);
  EXPECT_EQ(m_queuePanel->statusText(id), QStringLiteral("Done"));

  ASSERT_EQ(applied.count(), 1);
  const shotcraft::model::Shot* shot = m_document->project().findShot(m_shot);
  ASSERT_EQ(shot->takes.size(), 1u);
  EXPECT_EQ(shot->selected_take, shot->takes.front().id);
  EXPECT_EQ(m_document->undoStack()->count(), undoBefore + 1);
  m_document->undoStack()->undo();
  EXPECT_TRUE(m_document->project().findShot(m_shot)->takes.empty());
  m_document->undoStack()->redo();
  EXPECT_EQ(m_document->project().findShot(m_shot)->takes.size(), 1u);
}

TEST_F(RenderTest, FreshnessAndThumbnailFollowEdits) {
  start(1);
  trackFinished();
  EXPECT_EQ(m_controller->freshness(m_shot), Freshness::None);
  JobId id = 0;
  ASSERT_TRUE(m_controller->regenerate(m_shot, RenderMode::Draft, nullptr, &id));
  ASSERT_EQ(waitFinished(id), JobStatus::Completed);
  EXPECT_EQ(m_controller->freshness(m_shot), Freshness::Rendered);
  const QImage thumb = m_controller->thumbnail(m_shot, QSize(200, 100));
  ASSERT_FALSE(thumb.isNull());
  EXPECT_LE(thumb.width(), 200);

  shotcraft::ui::ShotCard card(m_shot);
  card.setShot(*m_document->project().findShot(m_shot), 2);
  card.setRenderState(m_controller->freshness(m_shot), thumb);
  EXPECT_TRUE(card.hasThumbnail());
  EXPECT_EQ(card.freshnessText(), QStringLiteral("Rendered"));

  ASSERT_TRUE(m_document->setShotPrompt(m_shot, QStringLiteral("a different (castle:1.2) at dusk")));
  EXPECT_EQ(m_controller->freshness(m_shot), Freshness::Stale);
  card.setRenderState(m_controller->freshness(m_shot), thumb);
  EXPECT_EQ(card.freshnessText(), QStringLiteral("Stale"));
  m_document->undoStack()->undo();  // back to the prompt the take was rendered from
  EXPECT_EQ(m_controller->freshness(m_shot), Freshness::Rendered);

  // A later session knows the model's name before it renders anything.
  auto registry = shotcraft::test::makeFakeRegistry(1);
  RenderController next(m_document.get(), registry.get());
  EXPECT_EQ(next.freshness(m_shot), Freshness::Rendered);
  ASSERT_TRUE(m_document->setShotSeed(m_shot, 777));
  EXPECT_EQ(next.freshness(m_shot), Freshness::Stale);
}

// Issue 8: the UI thread never waits on the engine or the disk. The engine (in the studio, the plugin's load and
// the model's) is created on the queue's worker, below the UI thread's priority, and the job decodes the take's first frame there, so cards and
// the camera background show the new take without reading it on the UI thread; scaled copies are cached.
TEST_F(RenderTest, EngineAndFirstFrameAreLoadedOffTheUiThread) {
  start(1);
  trackFinished();
  JobId id = 0;
  ASSERT_TRUE(m_controller->regenerate(m_shot, RenderMode::Draft, nullptr, &id));
  ASSERT_EQ(waitFinished(id), JobStatus::Completed) << m_controller->queue()->errorText(id).toStdString();
  EXPECT_EQ(m_stats->createdOnGuiThread.load(), 0) << "the engine factory ran on the UI thread";
#ifdef Q_OS_LINUX
  // ... on a thread below the UI thread's priority (the engine's own threads inherit it).
  const int uiNice = getpriority(PRIO_PROCESS, static_cast<id_t>(gettid()));
  if (uiNice < 19) {
    EXPECT_GT(m_stats->createdNice.load(), uiNice);
  }
#endif
  const QImage card = m_controller->thumbnail(m_shot, QSize(200, 100));
  const QImage background = m_controller->thumbnail(m_shot, QSize(960, 540));
  ASSERT_FALSE(card.isNull());
  ASSERT_FALSE(background.isNull());
  EXPECT_EQ(m_controller->framesDecodedHere(), 0) << "the new take's frame was read on the UI thread";
  EXPECT_EQ(m_controller->thumbnail(m_shot, QSize(960, 540)).cacheKey(), background.cacheKey()) << "scaled again";

  // A take that came with the project (not rendered in this session) is read once, then cached.
  auto registry = shotcraft::test::makeFakeRegistry(1);
  RenderController next(m_document.get(), registry.get());
  EXPECT_FALSE(next.thumbnail(m_shot, QSize(200, 100)).isNull());
  EXPECT_FALSE(next.thumbnail(m_shot, QSize(960, 540)).isNull());
  EXPECT_EQ(next.framesDecodedHere(), 1);
}

// Every edit recomputes the shot's freshness, which needs its control files' hashes: an unchanged file is read
// once, not on every slider step, and a rewritten one is read again.
TEST_F(RenderTest, FreshnessReadsAnUnchangedControlFileOnce) {
  start(1);
  trackFinished();
  const QString assets =
      QDir(shotcraft::model::ProjectIo::projectFolder(m_document->filePath())).filePath(QStringLiteral("assets"));
  ASSERT_TRUE(QDir().mkpath(assets));
  const QString depthPath = QDir(assets).filePath(QStringLiteral("depth.png"));
  QImage depthMap(32, 18, QImage::Format_RGB32);
  depthMap.fill(QColor(90, 90, 90));
  ASSERT_TRUE(depthMap.save(depthPath));
  shotcraft::model::ControlSettings controls = m_document->project().findShot(m_shot)->controls;
  shotcraft::model::ControlSlot depth;
  depth.enabled = true;
  depth.source = QStringLiteral("depth.png");
  depth.source_kind = shotcraft::model::ControlSource::Map;
  controls.setSlot(shotcraft::model::ControlKind::Depth, depth);
  QString error;
  ASSERT_TRUE(m_document->setShotControls(m_shot, controls, QString(), &error)) << error.toStdString();
  JobId id = 0;
  ASSERT_TRUE(m_controller->regenerate(m_shot, RenderMode::Draft, &error, &id)) << error.toStdString();
  ASSERT_EQ(waitFinished(id), JobStatus::Completed) << m_controller->queue()->errorText(id).toStdString();
  EXPECT_EQ(m_controller->freshness(m_shot), Freshness::Rendered);
  const int64_t reads = m_controller->fileHashes().stats().reads;
  EXPECT_EQ(reads, 1);

  // A weight slider dragged over twenty steps: stale on each, and the file is not read again.
  for (int step = 1; step <= 20; ++step) {
    depth.weight = 1.0 + step * 0.02;
    controls.setSlot(shotcraft::model::ControlKind::Depth, depth);
    ASSERT_TRUE(m_document->setShotControls(m_shot, controls, QStringLiteral("weight-drag")));
    EXPECT_EQ(m_controller->freshness(m_shot), Freshness::Stale);
  }
  EXPECT_EQ(m_controller->fileHashes().stats().reads, reads);
  m_document->undoStack()->undo();  // the whole drag
  EXPECT_EQ(m_controller->freshness(m_shot), Freshness::Rendered);
  EXPECT_EQ(m_controller->fileHashes().stats().reads, reads);

  // New pixels in the same file: read again, and the take is stale.
  const QDateTime before = QFileInfo(depthPath).lastModified();
  depthMap.fill(QColor(200, 200, 200));
  ASSERT_TRUE(depthMap.save(depthPath));
  {
    QFile f(depthPath);
    ASSERT_TRUE(f.open(QIODevice::ReadWrite));
    ASSERT_TRUE(f.setFileTime(before.addSecs(2), QFileDevice::FileModificationTime));  // even on a coarse clock
  }
  EXPECT_EQ(m_controller->freshness(m_shot), Freshness::Stale);
  EXPECT_EQ(m_controller->fileHashes().stats().reads, reads + 1);
}

TEST_F(RenderTest, MainWindowRenderActionQueuesAndMarksTheCard) {
  shotcraft::ui::MainWindow window;
  window.setErrorReporter([](const QString&, const QString&) {});
  const QString folder = m_dir.filePath(QStringLiteral("Window.shotcraft"));
  ASSERT_TRUE(window.document()->load(m_document->filePath()));
  ASSERT_TRUE(window.saveProjectAs(folder));
  QSettings().setValue(QLatin1String(RenderController::kModelDirKey), m_dir.filePath(QStringLiteral("missing")));
  window.storyboard()->selectShot(m_shot);
  QAction* render = window.findChild<QAction*>(QStringLiteral("actionRenderDraft"));
  ASSERT_NE(render, nullptr);
  render->trigger();
  RenderQueuePanel* queue = window.renderQueuePanel();
  ASSERT_EQ(queue->rowCount(), 1);
  EXPECT_EQ(window.storyboard()->card(m_shot)->freshness(), Freshness::Rendering);
  QTRY_COMPARE_WITH_TIMEOUT(queue->statusText(1), QStringLiteral("Failed"), 5000);
  EXPECT_TRUE(queue->errorText(1).startsWith(QStringLiteral("No model found")));
  EXPECT_EQ(window.storyboard()->card(m_shot)->freshness(), Freshness::Failed);
  EXPECT_EQ(window.storyboard()->card(m_shot)->freshnessText(), QStringLiteral("Failed"));
}

TEST_F(RenderTest, FailedJobShowsErrorAndRetryResubmits) {
  start(1);
  trackFinished();
  QSettings().setValue(QLatin1String(RenderController::kModelDirKey), m_dir.filePath(QStringLiteral("no-model")));
  QSignalSpy failed(m_controller.get(), &RenderController::renderFailed);
  JobId id = 0;
  ASSERT_TRUE(m_controller->regenerate(m_shot, RenderMode::Draft, nullptr, &id));
  ASSERT_EQ(waitFinished(id), JobStatus::Failed);
  EXPECT_EQ(m_queuePanel->statusText(id), QStringLiteral("Failed"));
  EXPECT_TRUE(m_queuePanel->errorText(id).startsWith(QStringLiteral("No model found"))) << m_queuePanel->errorText(id).toStdString();
  EXPECT_TRUE(m_queuePanel->errorText(id).contains(QStringLiteral("Settings")));
  EXPECT_TRUE(m_queuePanel->detailLabel()->text().contains(QStringLiteral("No model found")));
  EXPECT_EQ(failed.count(), 1);
  EXPECT_EQ(m_stats->generateCalls.load(), 0);  // never fake frames
  EXPECT_EQ(m_controller->freshness(m_shot), Freshness::Failed);
  EXPECT_TRUE(m_document->project().findShot(m_shot)->takes.empty());

  // The model folder is fixed; Retry in the queue submits the same render again.
  QSettings().setValue(QLatin1String(RenderController::kModelDirKey), m_dir.path());
  ASSERT_TRUE(m_queuePanel->retryButton(id)->isEnabled());
  EXPECT_FALSE(m_queuePanel->cancelButton(id)->isEnabled());
  QTest::mouseClick(m_queuePanel->retryButton(id), Qt::LeftButton);
  EXPECT_EQ(m_queuePanel->rowCount(), 2);
  const JobId again = id + 1;
  ASSERT_TRUE(m_queuePanel->hasRow(again));
  EXPECT_EQ(m_controller->shotOf(again), m_shot);
  ASSERT_EQ(waitFinished(again), JobStatus::Completed);
  EXPECT_EQ(m_document->project().findShot(m_shot)->takes.size(), 1u);
}

TEST_F(RenderTest, CancelInPreviewPanelCancelsTheJob) {
  start(40);
  trackFinished();
  QSignalSpy steps(m_controller.get(), &RenderController::stepReported);
  JobId id = 0;
  ASSERT_TRUE(m_controller->regenerate(m_shot, RenderMode::Draft, nullptr, &id));
  ASSERT_TRUE(steps.wait(5000));
  ASSERT_EQ(m_preview->currentJob(), id);
  ASSERT_TRUE(m_preview->cancelButton()->isEnabled());
  QTest::mouseClick(m_preview->cancelButton(), Qt::LeftButton);
  EXPECT_EQ(waitFinished(id), JobStatus::Cancelled);
  EXPECT_LT(m_stats->steps.load(), 8);
  EXPECT_EQ(m_queuePanel->statusText(id), QStringLiteral("Cancelled"));
  EXPECT_FALSE(m_preview->cancelButton()->isEnabled());
  EXPECT_TRUE(m_document->project().findShot(m_shot)->takes.empty());
  EXPECT_EQ(m_controller->freshness(m_shot), Freshness::None);
}

TEST_F(RenderTest, BatchRendersWaitForInteractiveOnes) {
  // "Draft All Stale Shots" queues Batch renders; a shot the creator renders meanwhile goes before the waiting ones.
  start(10);
  trackFinished();
  std::vector<JobId> order;
  QObject::connect(m_controller->queue(), &shotcraft::engine::JobQueue::finished, m_controller.get(),
                   [&](JobId id, JobStatus, const QString&) { order.push_back(id); });
  const QStringList shots = m_document->project().shotIds();
  for (const QString& id : {shots.at(0), shots.at(2), shots.at(3)}) {  // 2 s shots: a few dozen fake steps each
    ASSERT_TRUE(m_document->setShotFps(id, 4));
  }
  ASSERT_TRUE(m_document->save());
  QSignalSpy steps(m_controller.get(), &RenderController::stepReported);
  JobId first = 0, second = 0, urgent = 0;
  ASSERT_TRUE(m_controller->regenerate(shots.at(0), RenderMode::Draft, nullptr, &first, shotcraft::engine::JobPriority::Batch));
  ASSERT_TRUE(m_controller->regenerate(shots.at(2), RenderMode::Draft, nullptr, &second, shotcraft::engine::JobPriority::Batch));
  ASSERT_TRUE(steps.wait(5000));  // the first batch render is running
  ASSERT_TRUE(m_controller->regenerate(shots.at(3), RenderMode::Draft, nullptr, &urgent));
  ASSERT_EQ(waitFinished(second, 30000), JobStatus::Completed);
  EXPECT_EQ(order, (std::vector<JobId>{first, urgent, second}));
  // Retry keeps a render's priority.
  JobId again = 0;
  ASSERT_TRUE(m_controller->retry(second, nullptr, &again));
  EXPECT_EQ(m_controller->queue()->priority(again), shotcraft::engine::JobPriority::Batch);
  EXPECT_EQ(m_controller->queue()->priority(urgent), shotcraft::engine::JobPriority::Interactive);
  EXPECT_EQ(waitFinished(again, 30000), JobStatus::Completed);
}

TEST_F(RenderTest, UnsavedProjectAsksToSaveFirst) {
  start(1);
  m_document->reset(shotcraft::test::sampleProject(), QString(), false);
  QString error;
  EXPECT_FALSE(m_controller->regenerate(m_document->project().shotIds().at(0), RenderMode::Draft, &error));
  EXPECT_TRUE(error.contains(QStringLiteral("Save the project first"))) << error.toStdString();
  EXPECT_EQ(m_queuePanel->rowCount(), 0);
}

TEST_F(RenderTest, UiThreadIsNotBlockedWhileAJobRuns) {
  // The job can only finish after the UI thread has handled 5 timer ticks while it runs: a UI thread that waited
  // on the job would deadlock and time out. The longest gap between ticks is printed (a figure, not a gate: it
  // depends on the machine's load).
  start(1);
  trackFinished();
  std::atomic<bool> jobOnUiThread{false};
  const auto uiThread = QThread::currentThread();
  shotcraft::test::GapMeter meter(20);
  const JobId id = m_controller->queue()->submit(
      QStringLiteral("wait for the UI"), shotcraft::engine::JobPriority::Interactive,
      [&](shotcraft::engine::JobContext&) {
        jobOnUiThread = QThread::currentThread() == uiThread;
        QElapsedTimer waited;
        waited.start();
        while (meter.ticks() < 5 && waited.elapsed() < 20000) {
          std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        return shotcraft::engine::JobOutcome{meter.ticks() >= 5, "the UI thread stopped ticking"};
      });
  EXPECT_EQ(waitFinished(id), JobStatus::Completed);
  meter.stop();
  std::cout << "[ ui thread ] " << meter.ticks() << " timer ticks while the job ran, longest gap "
            << meter.longest_ms() << " ms\n";
  EXPECT_FALSE(jobOnUiThread.load());
  EXPECT_GE(meter.ticks(), 5);
}

}  // namespace
