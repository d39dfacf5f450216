#pragma once
// `shotcraft-cli bench load`: how long the engine takes to load a Stable Diffusion 1.5-sized single file. It
// writes a random SD-1.5-shaped checkpoint in the original key layout (float16 UNet, VAE and CLIP text encoder,
// about 2.1 GB) with a minimal byte-level tokenizer beside it into a temporary folder, times the engine's
// create() on it (`iterations` times: memory-mapped read, key conversion, copy into the compute dtype), and
// deletes the folder. --quick uses tiny modules of the same layout.
#include <functional>
#include <string>

#include "core/engine/Engine.h"

namespace shotcraft::torch_engine {

bool runLoadBenchmark(const engine::BenchmarkRequest& request, const std::function<void(const std::string&)>& print,
                      std::string* error);

}  // namespace shotcraft::torch_engine
