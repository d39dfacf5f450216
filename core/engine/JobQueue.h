#pragma once
// One job queue owns the engine on a worker thread (DESIGN.md, "Threads"). Jobs run one at a time,
// interactive jobs before batch ones, FIFO within a priority. Signals are emitted from the worker thread and
// reach receivers in other threads over queued connections; progress is sent only when it changes.
#include <QObject>
#include <QString>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

#include "core/engine/CancelToken.h"
#include "core/engine/Image.h"

namespace shotcraft::engine {

using JobId = quint64;

enum class JobStatus { Queued, Running, Completed, Failed, Cancelled };
enum class JobPriority { Interactive = 0, Batch = 1 };

const char* jobStatusName(JobStatus status);

// What a running job gets: its cancel token and reporters that forward to the queue's signals.
struct JobContext {
  CancelToken cancel;
  std::function<void(double fraction)> reportProgress;
  std::function<void(const Image& preview)> reportPreview;
};

struct JobOutcome {
  bool ok = false;
  std::string error;  // kept by the queue for a failed job
};

using JobFn = std::function<JobOutcome(JobContext&)>;

class JobQueue : public QObject {
  Q_OBJECT
 public:
  explicit JobQueue(QObject* parent = nullptr);
  ~JobQueue() override;  // cancels what is queued or running and joins the worker

  JobId submit(const QString& title, JobPriority priority, JobFn fn);
  // Cancels a queued job at once, or flags a running one (it stops at its next check). False if unknown/finished.
  bool cancel(JobId id);
  void cancelAll();

  JobStatus status(JobId id) const;
  QString title(JobId id) const;
  JobPriority priority(JobId id) const;  // Batch for an unknown id
  QString errorText(JobId id) const;  // the failed job's message
  double progress(JobId id) const;
  int pendingCount() const;           // queued + running
  // Blocks the calling thread (never the UI thread) until nothing is queued or running, or timeout.
  bool waitForIdle(int timeout_ms);

 Q_SIGNALS:
  void statusChanged(shotcraft::engine::JobId id, shotcraft::engine::JobStatus status);
  void progressChanged(shotcraft::engine::JobId id, double fraction);
  void previewReady(shotcraft::engine::JobId id, const shotcraft::Image& preview);
  void finished(shotcraft::engine::JobId id, shotcraft::engine::JobStatus status, const QString& error);

 private:
  struct Job {
    JobId id = 0;
    QString title;
    JobPriority priority = JobPriority::Batch;
    JobFn fn;
    JobStatus status = JobStatus::Queued;
    CancelToken cancel;
    double progress = 0.0;
    QString error;
  };
  void workerLoop();
  void setStatus(Job& job, JobStatus status, std::unique_lock<std::mutex>& lock);

  mutable std::mutex m_mutex;
  std::condition_variable m_wake;
  std::condition_variable m_idle;
  std::map<JobId, Job> m_jobs;
  std::deque<JobId> m_queue[2];  // by priority
  JobId m_nextId = 1;
  JobId m_running = 0;
  bool m_stopping = false;
  std::thread m_worker;
};

}  // namespace shotcraft::engine

Q_DECLARE_METATYPE(shotcraft::Image)
Q_DECLARE_METATYPE(shotcraft::engine::JobStatus)
