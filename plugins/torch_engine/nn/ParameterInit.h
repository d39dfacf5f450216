#pragma once
// Whether our layers (Layers.h) draw their random initial weights when constructed.
//
// By default they do, exactly as libtorch's torch::nn::Conv2d / Linear / Embedding would (same distributions, same
// draws from the same generator, so seeded training runs and random test models are unchanged). A loader that
// overwrites every parameter right after construction builds the model inside a SkipParameterInit scope: the
// parameters are then allocated but not drawn (about 1 G uniform draws for SD 1.5, most of its load time).
//
// Rule: inside the scope, every parameter of what is built must be loaded before anything reads it (use a strict
// load: every parameter named, else fail and drop the module). Debug builds fill skipped parameters with NaN so a
// missed one shows in any output.
#include <utility>

namespace shotcraft::torch_engine::nn {

// RAII, per thread, nestable.
class SkipParameterInit {
 public:
  SkipParameterInit();
  ~SkipParameterInit();
  SkipParameterInit(const SkipParameterInit&) = delete;
  SkipParameterInit& operator=(const SkipParameterInit&) = delete;

  // True while a SkipParameterInit lives on this thread.
  static bool active();
};

// Module(args...) built inside a SkipParameterInit scope, for a strict load that follows at once.
template <typename Module, typename... Args>
Module buildForLoading(Args&&... args) {
  SkipParameterInit skip;
  return Module(std::forward<Args>(args)...);
}

}  // namespace shotcraft::torch_engine::nn
