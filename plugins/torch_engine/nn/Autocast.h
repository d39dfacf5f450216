#pragma once
// Scopes for libtorch's CPU autocast to bfloat16 (the training stages' mixed precision, TrainLoop.h).
#include <ATen/autocast_mode.h>

namespace shotcraft::torch_engine::nn {

// While alive (and `enabled`), ops run under bf16 CPU autocast. Leaving the outermost scope drops autocast's
// cache of cast weights, which an optimizer step would otherwise leave stale.
class AutocastScope {
 public:
  explicit AutocastScope(bool enabled) : m_enabled(enabled) {
    if (!m_enabled) return;
    m_wasEnabled = at::autocast::is_cpu_enabled();
    m_previousType = at::autocast::get_autocast_cpu_dtype();
    at::autocast::set_autocast_cpu_dtype(at::kBFloat16);
    at::autocast::set_cpu_enabled(true);
    at::autocast::increment_nesting();
  }
  ~AutocastScope() {
    if (!m_enabled) return;
    if (at::autocast::decrement_nesting() == 0) at::autocast::clear_cache();
    at::autocast::set_cpu_enabled(m_wasEnabled);
    at::autocast::set_autocast_cpu_dtype(m_previousType);
  }
  AutocastScope(const AutocastScope&) = delete;
  AutocastScope& operator=(const AutocastScope&) = delete;

 private:
  bool m_enabled;
  bool m_wasEnabled = false;
  at::ScalarType m_previousType = at::kBFloat16;
};

// Suspends CPU autocast while alive: the ops inside run in their operands' own types.
class AutocastPause {
 public:
  AutocastPause() : m_wasEnabled(at::autocast::is_cpu_enabled()) { at::autocast::set_cpu_enabled(false); }
  ~AutocastPause() { at::autocast::set_cpu_enabled(m_wasEnabled); }
  AutocastPause(const AutocastPause&) = delete;
  AutocastPause& operator=(const AutocastPause&) = delete;

 private:
  bool m_wasEnabled;
};

}  // namespace shotcraft::torch_engine::nn
