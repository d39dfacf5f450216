#include "core/engine/JobQueue.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace shotcraft::engine {

const char* jobStatusName(JobStatus status) {
  switch (status) {
    case JobStatus::Queued: return "queued";
    case JobStatus::Running: return "running";
    case JobStatus::Completed: return "completed";
    case JobStatus::Failed: return "failed";
    case JobStatus::Cancelled: return "cancelled";
  }
  return "unknown";
}

JobQueue::JobQueue(QObject* parent) : QObject(parent) {
  qRegisterMetaType<shotcraft::Image>("shotcraft::Image");
  qRegisterMetaType<shotcraft::engine::JobStatus>("shotcraft::engine::JobStatus");
  qRegisterMetaType<shotcraft::engine::JobId>("shotcraft::engine::JobId");
  m_worker = std::thread([this] { workerLoop(); });
}

JobQueue::~JobQueue() {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
    for (auto& [id, job] : m_jobs) {
      job.cancel.cancel();
    }
  }
  m_wake.notify_all();
  if (m_worker.joinable()) m_worker.join();
}

JobId JobQueue::submit(const QString& title, JobPriority priority, JobFn fn) {
  JobId id = 0;
  {
    std::lock_guard lock(m_mutex);
    id = m_nextId++;
    Job job;
    job.id = id;
    job.title = title;
    job.priority = priority;
    job.fn = std::move(fn);
    m_jobs.emplace(id, std::move(job));
    m_queue[priority == JobPriority::Interactive ? 0 : 1].push_back(id);
  }
  Q_EMIT statusChanged(id, JobStatus::Queued);
  m_wake.notify_one();
  return id;
}

bool JobQueue::cancel(JobId id) {
  std::unique_lock lock(m_mutex);
  auto it = m_jobs.find(id);
  if (it == m_jobs.end()) return false;
  Job& job = it->second;
  if (job.status == JobStatus::Queued) {
    for (auto& q : m_queue) std::erase(q, id);
    setStatus(job, JobStatus::Cancelled, lock);  // unlocks before emitting
    Q_EMIT finished(id, JobStatus::Cancelled, QString());
    m_idle.notify_all();
    return true;
  }
  if (job.status == JobStatus::Running) {
    job.cancel.cancel();
    return true;
  }
  return false;
}

void JobQueue::cancelAll() {
  std::vector<JobId> ids;
  {
    std::lock_guard lock(m_mutex);
    for (const auto& [id, job] : m_jobs) {
      if (job.status == JobStatus::Queued || job.status == JobStatus::Running) ids.push_back(id);
    }
  }
  for (JobId id : ids) cancel(id);
}

JobStatus JobQueue::status(JobId id) const {
  std::lock_guard lock(m_mutex);
  auto it = m_jobs.find(id);
  return it == m_jobs.end() ? JobStatus::Failed : it->second.status;
}

QString JobQueue::title(JobId id) const {
  std::lock_guard lock(m_mutex);
  auto it = m_jobs.find(id);
  return it == m_jobs.end() ? QString() : it->second.title;
}

JobPriority JobQueue::priority(JobId id) const {
  std::lock_guard lock(m_mutex);
  auto it = m_jobs.find(id);
  return it == m_jobs.end() ? JobPriority::Batch : it->second.priority;
}

QString JobQueue::errorText(JobId id) const {
  std::lock_guard lock(m_mutex);
  auto it = m_jobs.find(id);
  return it == m_jobs.end() ? QStringLiteral("unknown job") : it->second.error;
}

double JobQueue::progress(JobId id) const {
  std::lock_guard lock(m_mutex);
  auto it = m_jobs.find(id);
  return it == m_jobs.end() ? 0.0 : it->second.progress;
}

int JobQueue::pendingCount() const {
  std::lock_guard lock(m_mutex);
  return int(m_queue[0].size() + m_queue[1].size()) + (m_running != 0 ? 1 : 0);
}

bool JobQueue::waitForIdle(int timeout_ms) {
  std::unique_lock lock(m_mutex);
  return m_idle.wait_for(lock, std::chrono::milliseconds(timeout_ms),
                         [this] { return m_running == 0 && m_queue[0].empty() && m_queue[1].empty(); });
}

void JobQueue::setStatus(Job& job, JobStatus status, std::unique_lock<std::mutex>& lock) {
  job.status = status;
  const JobId id = job.id;
  lock.unlock();
  Q_EMIT statusChanged(id, status);
}

void JobQueue::workerLoop() {
  std::unique_lock lock(m_mutex);
  for (;;) {
    m_wake.wait(lock, [this] { return m_stopping || !m_queue[0].empty() || !m_queue[1].empty(); });
    if (m_stopping) return;
    auto& q = !m_queue[0].empty() ? m_queue[0] : m_queue[1];
    const JobId id = q.front();
    q.pop_front();
    Job& job = m_jobs.at(id);  // std::map nodes are stable
    m_running = id;
    JobContext ctx;
    ctx.cancel = job.cancel;
    ctx.reportProgress = [this, id](double fraction) {
      fraction = std::clamp(fraction, 0.0, 1.0);
      {
        std::lock_guard guard(m_mutex);
        Job& j = m_jobs.at(id);
        if (std::abs(j.progress - fraction) < 1e-4) return;  // only on change
        j.progress = fraction;
      }
      Q_EMIT progressChanged(id, fraction);
    };
    ctx.reportPreview = [this, id](const Image& preview) { Q_EMIT previewReady(id, preview); };
    JobFn fn = std::move(job.fn);
    setStatus(job, JobStatus::Running, lock);

    JobOutcome outcome;
    try {
      outcome = fn(ctx);
    } catch (const std::exception& e) {  // jobs should not throw; never let it kill the worker
      outcome.ok = false;
      outcome.error = std::string("internal error: ") + e.what();
    } catch (...) {
      outcome.ok = false;
      outcome.error = "internal error";
    }

    lock.lock();
    Job& done = m_jobs.at(id);
    JobStatus final = JobStatus::Completed;
    if (done.cancel.isCancelled()) {
      final = JobStatus::Cancelled;
    } else if (!outcome.ok) {
      final = JobStatus::Failed;
      done.error = QString::fromStdString(outcome.error);
    } else {
      done.progress = 1.0;
    }
    const QString error = done.error;
    setStatus(done, final, lock);
    Q_EMIT finished(id, final, error);
    lock.lock();
    m_running = 0;
    m_idle.notify_all();
  }
}

}  // namespace shotcraft::engine
