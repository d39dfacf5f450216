#include "plugins/torch_engine/pipeline/DeviceSelect.h"

#include <dlfcn.h>

#include <fstream>
#include <sstream>
#include <thread>

namespace shotcraft::torch_engine {

CpuFeatures detectCpuFeatures() {
  CpuFeatures f;
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("flags", 0) != 0) continue;
    std::istringstream words(line.substr(line.find(':') + 1));
    std::string w;
    while (words >> w) {
      if (w == "avx512_bf16") f.avx512_bf16 = true;
      if (w == "amx_bf16") f.amx_bf16 = true;
      if (w == "avx512f") f.avx512f = true;
    }
    break;  // one core's flags are enough
  }
  return f;
}

std::string ComputeTarget::deviceName() const {
  return device.is_cuda() ? "cuda:" + std::to_string(device.has_index() ? device.index() : 0) : "cpu";
}

std::string ComputeTarget::dtypeName() const {
  switch (dtype) {
    case torch::kBFloat16: return "bf16";
    case torch::kHalf: return "fp16";
    default: return "fp32";
  }
}

std::string ComputeTarget::describe() const {
  std::string s = deviceName() + " " + dtypeName();
  if (channels_last) s += " channels-last";
  if (!device.is_cuda()) s += ", " + std::to_string(threads) + (threads == 1 ? " thread" : " threads");
  return s;
}

void applyThreads(int threads) {
  if (threads > 0 && torch::get_num_threads() != threads) torch::set_num_threads(threads);
}

bool setBlasThreads(int threads) {
  using SetThreads = void (*)(int);
  auto* fn = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"));
  if (!fn || threads <= 0) return false;
  fn(threads);
  return true;
}

bool selectComputeTarget(const engine::EngineOptions& options, ComputeTarget* out, std::string* error) {
  using engine::Device;
  using engine::Precision;
  ComputeTarget t;
  const bool cudaAvailable = torch::cuda::is_available();
  if (options.device == Device::Cuda && !cudaAvailable) {
    if (error) *error = "device 'cuda' requested but this libtorch build has no CUDA or no GPU is present";
    return false;
  }
  const bool useCuda = options.device == Device::Cuda || (options.device == Device::Auto && cudaAvailable);
  t.device = useCuda ? torch::Device(torch::kCUDA, 0) : torch::Device(torch::kCPU);
  const unsigned hw = std::thread::hardware_concurrency();
  t.threads = options.threads > 0 ? options.threads : int(hw == 0 ? 1 : hw);

  const CpuFeatures cpu = detectCpuFeatures();
  const bool cpuBf16 = cpu.amx_bf16 || cpu.avx512_bf16;
  switch (options.precision) {
    case Precision::Fp32:
      t.dtype = torch::kFloat32;
      break;
    case Precision::Fp16:
      if (!useCuda) {
        if (error) *error = "precision fp16 is only supported on CUDA; use bf16 or fp32 on the CPU";
        return false;
      }
      t.dtype = torch::kHalf;
      break;
    case Precision::Bf16:
      t.dtype = torch::kBFloat16;
      break;
    case Precision::Auto:
      t.dtype = useCuda ? torch::kHalf : (cpuBf16 ? torch::kBFloat16 : torch::kFloat32);
      break;
  }
  // oneDNN's fast bf16 convolutions want NHWC on the CPU; cuDNN prefers it for fp16 too.
  t.channels_last = t.dtype != torch::kFloat32;
  *out = t;
  return true;
}

}  // namespace shotcraft::torch_engine
