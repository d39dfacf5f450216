#pragma once
// `shotcraft-cli bench engine`: per-step timings of the UNet, ControlNet, preview and VAE decode at Stable
// Diffusion 1.5's shapes with random weights, in fp32 and in the fast low precision, with achieved GFLOP/s.
#include <functional>
#include <string>

#include "core/engine/Engine.h"
#include "plugins/torch_engine/nn/UNet.h"
#include "plugins/torch_engine/nn/Vae.h"

namespace shotcraft::torch_engine {

// The benchmarks' shapes: Stable Diffusion 1.5's UNet and VAE, or small ones of the same layout for --quick.
nn::UNetConfig benchUNetConfig(bool quick);
nn::VaeConfig benchVaeConfig(bool quick);

bool runEngineBenchmark(const engine::BenchmarkRequest& request, const std::function<void(const std::string&)>& print,
                        std::string* error);

}  // namespace shotcraft::torch_engine
