#include "core/media/FramePipeline.h"

#include <algorithm>

#include "core/media/CpuClock.h"
#include "core/media/Timeline.h"

namespace shotcraft::media {

FramePipeline::FramePipeline(Timeline& timeline, int count, int depth)
    : m_timeline(timeline), m_count(count), m_depth(size_t(std::max(1, depth))) {
  m_worker = std::thread([this] { work(); });
}

FramePipeline::~FramePipeline() {
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_stop = true;
  }
  m_changed.notify_all();
  if (m_worker.joinable()) m_worker.join();
}

void FramePipeline::work() {
  const double start = threadCpu_s();
  for (int i = 0; i < m_count; ++i) {
    {
      std::unique_lock<std::mutex> lock(m_mutex);
      m_changed.wait(lock, [&] { return m_stop || m_ready.size() < m_depth; });
      if (m_stop) break;
    }
    Image frame;
    std::string error;
    const bool ok = m_timeline.frame(i, frame, &error);
    std::lock_guard<std::mutex> lock(m_mutex);
    m_workerCpu_s = threadCpu_s() - start;
    if (!ok) {
      m_failed = true;
      m_done = true;
      m_error = error.empty() ? "timeline frame " + std::to_string(i) + " could not be drawn" : error;
      m_changed.notify_all();
      return;
    }
    m_ready.push_back(std::move(frame));
    m_changed.notify_all();
  }
  std::lock_guard<std::mutex> lock(m_mutex);
  m_done = true;
  m_changed.notify_all();
}

bool FramePipeline::next(Image& out, std::string* error) {
  std::unique_lock<std::mutex> lock(m_mutex);
  m_changed.wait(lock, [&] { return !m_ready.empty() || m_done; });
  if (m_ready.empty()) {
    if (error) *error = m_failed ? m_error : "no more frames";
    return false;
  }
  out = std::move(m_ready.front());
  m_ready.pop_front();
  m_changed.notify_all();
  return true;
}

double FramePipeline::workerCpu_s() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  return m_workerCpu_s;
}

}  // namespace shotcraft::media
