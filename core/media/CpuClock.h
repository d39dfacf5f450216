#pragma once
// CPU seconds used so far by the calling thread, or by the whole process (0 where the platform lacks the clock).
// For benchmarks' per-stage figures, which stay meaningful when other work shares the machine.
#include <ctime>

namespace shotcraft::media {

inline double cpuClock_s([[maybe_unused]] int clockId) {
#if defined(CLOCK_THREAD_CPUTIME_ID)
  timespec t{};
  return clock_gettime(clockId, &t) == 0 ? double(t.tv_sec) + double(t.tv_nsec) * 1e-9 : 0.0;
#else
  return 0.0;
#endif
}

#if defined(CLOCK_THREAD_CPUTIME_ID)
inline double threadCpu_s() { return cpuClock_s(CLOCK_THREAD_CPUTIME_ID); }
inline double processCpu_s() { return cpuClock_s(CLOCK_PROCESS_CPUTIME_ID); }
#else
inline double threadCpu_s() { return 0.0; }
inline double processCpu_s() { return 0.0; }
#endif

}  // namespace shotcraft::media
