#pragma once
// Picks the device and compute dtype for an engine: CUDA (fp16) when this libtorch build and a GPU have it,
// else CPU with all cores, in bf16 + channels-last where the CPU has AMX or AVX-512 BF16, fp32 otherwise.
#include <torch/torch.h>

#include <string>

#include "core/engine/Engine.h"

namespace shotcraft::torch_engine {

struct CpuFeatures {
  bool avx512_bf16 = false;
  bool amx_bf16 = false;
  bool avx512f = false;
};
CpuFeatures detectCpuFeatures();  // from /proc/cpuinfo flags

struct ComputeTarget {
  torch::Device device = torch::kCPU;
  torch::ScalarType dtype = torch::kFloat32;
  bool channels_last = false;
  int threads = 1;
  std::string describe() const;   // "cpu bf16 channels-last, 2 threads"
  std::string deviceName() const; // "cpu" / "cuda:0"
  std::string dtypeName() const;  // "fp32" / "bf16" / "fp16"
};

// Resolves the options' Auto values. Fails (false + *error) for an explicit request this machine cannot
// honour, e.g. Device::Cuda without a CUDA build or GPU, or Fp16 on CPU.
bool selectComputeTarget(const engine::EngineOptions& options, ComputeTarget* out, std::string* error);

// Applies the thread count to libtorch (intra-op). libtorch starts with one thread on some machines.
void applyThreads(int threads);

// Sets OpenBLAS's own thread pool (Debian's libtorch calls OpenBLAS for float32 matmuls outside OpenMP). Its
// pthreads spin against libtorch's OpenMP threads on a small CPU; training runs measured ~25% faster with 1.
// Returns false when the BLAS in use is not OpenBLAS (nothing to set).
bool setBlasThreads(int threads);

}  // namespace shotcraft::torch_engine
