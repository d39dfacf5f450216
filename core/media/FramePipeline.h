#pragma once
// Reads a timeline's frames one ahead on a worker thread, so drawing frame N+1 (reading a take's PNG, scaling,
// dissolves, captions) overlaps with encoding frame N. Frames come out in order; the worker stops at the first
// error and reports it at that frame. The destructor stops and joins the worker (safe mid-stream, e.g. on cancel).
#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

#include "core/engine/Image.h"

namespace shotcraft::media {

class Timeline;

class FramePipeline {
 public:
  // Starts reading frames 0..count-1 of `timeline`, which must outlive this object and not be used elsewhere
  // meanwhile. `depth` frames are read ahead at most.
  FramePipeline(Timeline& timeline, int count, int depth = 2);
  ~FramePipeline();
  FramePipeline(const FramePipeline&) = delete;
  FramePipeline& operator=(const FramePipeline&) = delete;

  // The next frame in order; false with *error when the timeline could not draw it.
  bool next(Image& out, std::string* error);

  // CPU seconds the worker thread has spent drawing frames (0 where the platform has no thread clock).
  double workerCpu_s() const;

 private:
  void work();

  Timeline& m_timeline;
  const int m_count;
  const size_t m_depth;
  mutable std::mutex m_mutex;
  std::condition_variable m_changed;
  std::deque<Image> m_ready;
  bool m_failed = false;  // the worker hit an error after the frames in m_ready
  bool m_stop = false;
  bool m_done = false;    // the worker has left its loop
  std::string m_error;
  double m_workerCpu_s = 0.0;
  std::thread m_worker;
};

}  // namespace shotcraft::media
