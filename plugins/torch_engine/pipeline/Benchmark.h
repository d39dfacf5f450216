#pragma once
// `shotcraft-cli bench engine`: per-step timings of the UNet, ControlNet, preview and VAE decode at Stable
// Diffusion 1.5's shapes with random weights, in fp32 and in the fast low precision, with achieved GFLOP/s.
#include <functional>
#include <string>

#include "core/engine/Engine.h"

namespace shotcraft::torch_engine {

bool runEngineBenchmark(const engine::BenchmarkRequest& request, const std::function<void(const std::string&)>& print,
                        std::string* error);

}  // namespace shotcraft::torch_engine
