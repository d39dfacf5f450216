#include "plugins/torch_engine/nn/ParameterInit.h"

namespace shotcraft::torch_engine::nn {

namespace {

thread_local int t_skipDepth = 0;

}  // namespace

SkipParameterInit::SkipParameterInit() { ++t_skipDepth; }

SkipParameterInit::~SkipParameterInit() { --t_skipDepth; }

bool SkipParameterInit::active() { return t_skipDepth > 0; }

}  // namespace shotcraft::torch_engine::nn
