#include <QCoreApplication>
#include <QElapsedTimer>
#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "core/engine/JobQueue.h"

using namespace shotcraft::engine;

namespace {
JobOutcome okJob(JobContext&) { return {true, {}}; }

// Spins the event loop until pred() or timeout.
template <typename Pred>
bool pumpUntil(Pred pred, int timeout_ms = 5000) {
  QElapsedTimer t;
  t.start();
  while (!pred() && t.elapsed() < timeout_ms) {
    QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
  }
  return pred();
}
}  // namespace

TEST(JobQueue, RunsJobsAndReportsStatus) {
  JobQueue queue;
  std::vector<JobStatus> seen;
  QObject::connect(&queue, &JobQueue::statusChanged, &queue,
                   [&](JobId, JobStatus s) { seen.push_back(s); });
  JobId id = queue.submit(QStringLiteral("a"), JobPriority::Batch, okJob);
  ASSERT_TRUE(queue.waitForIdle(5000));
  EXPECT_EQ(queue.status(id), JobStatus::Completed);
  EXPECT_DOUBLE_EQ(queue.progress(id), 1.0);
  ASSERT_TRUE(pumpUntil([&] { return seen.size() >= 3; }));
  EXPECT_EQ(seen[0], JobStatus::Queued);
  EXPECT_EQ(seen[1], JobStatus::Running);
  EXPECT_EQ(seen[2], JobStatus::Completed);
}

TEST(JobQueue, InteractiveJobsRunBeforeBatchJobs) {
  JobQueue queue;
  std::atomic<bool> release{false};
  std::vector<std::string> order;
  std::mutex orderMutex;
  auto record = [&](std::string name) {
    return [&, name](JobContext&) {
      std::lock_guard g(orderMutex);
      order.push_back(name);
      return JobOutcome{true, {}};
    };
  };
  // The first job blocks the worker so the others queue up behind it.
  queue.submit(QStringLiteral("blocker"), JobPriority::Batch, [&](JobContext&) {
    while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return JobOutcome{true, {}};
  });
  queue.submit(QStringLiteral("b1"), JobPriority::Batch, record("b1"));
  queue.submit(QStringLiteral("b2"), JobPriority::Batch, record("b2"));
  queue.submit(QStringLiteral("i1"), JobPriority::Interactive, record("i1"));
  release = true;
  ASSERT_TRUE(queue.waitForIdle(5000));
  ASSERT_EQ(order.size(), 3u);
  EXPECT_EQ(order[0], "i1");
  EXPECT_EQ(order[1], "b1");
  EXPECT_EQ(order[2], "b2");
}

TEST(JobQueue, FailedJobKeepsItsErrorAndWorkerSurvivesExceptions) {
  JobQueue queue;
  JobId failing = queue.submit(QStringLiteral("f"), JobPriority::Batch,
                               [](JobContext&) { return JobOutcome{false, "model folder missing: /x"}; });
  JobId throwing = queue.submit(QStringLiteral("t"), JobPriority::Batch,
                                [](JobContext&) -> JobOutcome { throw std::runtime_error("boom"); });
  JobId after = queue.submit(QStringLiteral("ok"), JobPriority::Batch, okJob);
  ASSERT_TRUE(queue.waitForIdle(5000));
  EXPECT_EQ(queue.status(failing), JobStatus::Failed);
  EXPECT_EQ(queue.errorText(failing), QStringLiteral("model folder missing: /x"));
  EXPECT_EQ(queue.status(throwing), JobStatus::Failed);
  EXPECT_TRUE(queue.errorText(throwing).contains(QStringLiteral("boom")));
  EXPECT_EQ(queue.status(after), JobStatus::Completed);
}

TEST(JobQueue, CancelQueuedAndRunningJobs) {
  JobQueue queue;
  std::atomic<int> stepsRun{0};
  JobId running = queue.submit(QStringLiteral("long"), JobPriority::Batch, [&](JobContext& ctx) {
    for (int i = 0; i < 100000; ++i) {
      if (ctx.cancel.isCancelled()) return JobOutcome{false, "cancelled"};
      ++stepsRun;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return JobOutcome{true, {}};
  });
  JobId queued = queue.submit(QStringLiteral("later"), JobPriority::Batch, okJob);
  while (queue.status(running) != JobStatus::Running) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  EXPECT_TRUE(queue.cancel(queued));
  EXPECT_EQ(queue.status(queued), JobStatus::Cancelled);
  EXPECT_TRUE(queue.cancel(running));
  ASSERT_TRUE(queue.waitForIdle(5000));
  EXPECT_EQ(queue.status(running), JobStatus::Cancelled);
  EXPECT_LT(stepsRun.load(), 100000);
  EXPECT_FALSE(queue.cancel(running));  // already finished
}

TEST(JobQueue, ProgressIsSentOnlyWhenItChanges) {
  JobQueue queue;
  int progressSignals = 0;
  QObject::connect(&queue, &JobQueue::progressChanged, &queue, [&](JobId, double) { ++progressSignals; });
  queue.submit(QStringLiteral("p"), JobPriority::Batch, [](JobContext& ctx) {
    for (int i = 0; i < 10; ++i) ctx.reportProgress(0.5);  // same value ten times
    ctx.reportProgress(0.75);
    return JobOutcome{true, {}};
  });
  ASSERT_TRUE(queue.waitForIdle(5000));
  pumpUntil([&] { return progressSignals >= 2; }, 1000);
  QCoreApplication::processEvents();
  EXPECT_EQ(progressSignals, 2);
}
