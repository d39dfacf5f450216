#include "plugins/torch_engine/pipeline/Benchmark.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "plugins/torch_engine/nn/Attention.h"
#include "plugins/torch_engine/nn/ControlNet.h"
#include "plugins/torch_engine/nn/UNet.h"
#include "plugins/torch_engine/nn/Vae.h"
#include "plugins/torch_engine/pipeline/DeviceSelect.h"
#include "plugins/torch_engine/pipeline/FlopCount.h"
#include "plugins/torch_engine/pipeline/ModelBundle.h"
#include "plugins/torch_engine/pipeline/PreviewDecoder.h"

namespace shotcraft::torch_engine {

namespace {

using Clock = std::chrono::steady_clock;

// Median wall time of `iterations` runs after one warm-up, in milliseconds.
template <typename Fn>
double timeMs(int iterations, const torch::Device& device, Fn&& fn) {
  auto sync = [&] {
    if (device.is_cuda()) torch::cuda::synchronize();
  };
  fn();
  sync();
  std::vector<double> ms;
  for (int i = 0; i < iterations; ++i) {
    const auto t = Clock::now();
    fn();
    sync();
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t).count());
  }
  std::sort(ms.begin(), ms.end());
  return ms[ms.size() / 2];
}

std::string fmt(const char* format, double a, double b = 0, double c = 0) {
  char buf[256];
  std::snprintf(buf, sizeof buf, format, a, b, c);
  return buf;
}


}  // namespace

nn::UNetConfig benchUNetConfig(bool quick) {
  nn::UNetConfig cfg;  // defaults are SD-1.5's
  if (quick) {
    cfg.blockOutChannels = {32, 64};
    cfg.downBlockTypes = {"CrossAttnDownBlock2D", "DownBlock2D"};
    cfg.upBlockTypes = {"UpBlock2D", "CrossAttnUpBlock2D"};
    cfg.crossAttentionDim = {32, 32};
    cfg.numAttentionHeads = {4, 4};
    cfg.transformerLayersPerBlock = {1, 1};
  }
  return cfg;
}

nn::VaeConfig benchVaeConfig(bool quick) {
  nn::VaeConfig cfg;  // SD's VAE
  if (quick) {
    cfg.blockOutChannels = {32, 64};
    cfg.downBlockTypes = {"DownEncoderBlock2D", "DownEncoderBlock2D"};
    cfg.upBlockTypes = {"UpDecoderBlock2D", "UpDecoderBlock2D"};
  }
  return cfg;
}

bool runEngineBenchmark(const engine::BenchmarkRequest& request, const std::function<void(const std::string&)>& print,
                        std::string* error) {
  try {
    torch::NoGradGuard ng;
    ComputeTarget fast;
    engine::EngineOptions fastOptions = request.options;
    if (!selectComputeTarget(fastOptions, &fast, error)) return false;
    applyThreads(fast.threads);
    std::vector<ComputeTarget> targets;
    ComputeTarget fp32 = fast;
    fp32.dtype = torch::kFloat32;
    fp32.channels_last = false;
    if (request.options.precision == engine::Precision::Auto || request.options.precision == engine::Precision::Fp32) {
      targets.push_back(fp32);
    }
    if (fast.dtype != torch::kFloat32) targets.push_back(fast);

    const nn::UNetConfig ucfg = benchUNetConfig(request.quick);
    nn::ControlNetConfig ccfg;
    ccfg.unet = ucfg;
    if (request.quick) ccfg.conditioningEmbeddingOutChannels = {8, 16};  // /2, like the quick VAE
    const nn::VaeConfig vcfg = benchVaeConfig(request.quick);
    const int scale = 1 << (int(vcfg.blockOutChannels.size()) - 1);
    const int64_t h = request.height / scale;
    const int64_t w = request.width / scale;
    const int64_t B = request.batch;
    const int64_t tokens = 77;
    torch::manual_seed(0);
    nn::UNet unet(ucfg);
    nn::ControlNet controlnet(ccfg);
    nn::Vae vae(vcfg);
    unet->eval();
    controlnet->eval();
    vae->eval();
    const FlopCount uf = unetFlops(ucfg, B, h, w, tokens);
    const FlopCount cf = unetFlops(ucfg, B, h, w, tokens, /*encoderOnly=*/true);
    print("bench engine: " + std::to_string(request.width) + "x" + std::to_string(request.height) + ", batch " +
          std::to_string(B) + (request.quick ? " (quick shape)" : " (Stable Diffusion 1.5 shape)") + ", random weights, " +
          fast.deviceName() + ", " + std::to_string(fast.threads) + " threads");
    print(fmt("UNet step: %.3f TFLOP (attention matmuls %.3f TFLOP)", uf.total / 1e12, uf.attention / 1e12));

    const auto c0 = ucfg.blockOutChannels[0];
    const int64_t heads0 = ucfg.numAttentionHeads[0];
    for (const ComputeTarget& t : targets) {
      const std::string tag = t.dtypeName() + (t.channels_last ? " channels-last" : "");
      placeModule(*unet, t.device, t.dtype, t.channels_last);
      placeModule(*controlnet, t.device, t.dtype, t.channels_last);
      placeModule(*vae, t.device, t.dtype, t.channels_last);
      auto opts = torch::TensorOptions().device(t.device).dtype(t.dtype);
      auto x = torch::randn({B, ucfg.inChannels, h, w}, opts);
      if (t.channels_last) x = x.contiguous(torch::MemoryFormat::ChannelsLast);
      const auto ts = torch::full({B}, 500.0, torch::TensorOptions().device(t.device));
      const auto ctx = torch::randn({B, tokens, ucfg.crossAttentionDim[0]}, opts);
      auto hint = torch::rand({B, 3, h * scale, w * scale}, opts);
      if (t.channels_last) hint = hint.contiguous(torch::MemoryFormat::ChannelsLast);

      const double unetMs = timeMs(request.iterations, t.device, [&] { unet->forward(x, ts, ctx); });
      print("  [" + tag + "] " + fmt("UNet step        %9.1f ms  %7.1f GFLOP/s", unetMs, uf.total / unetMs / 1e6));
      // Top-level self-attention alone (4096 tokens at 512x512).
      const int64_t n = h * w;
      auto q = torch::randn({B, n, c0}, opts);
      const double attnMs = timeMs(request.iterations, t.device, [&] { nn::attention(q, q, q, heads0); });
      print("  [" + tag + "] " + fmt("self-attention   %9.1f ms  %7.1f GFLOP/s  (%.0f tokens, top level)", attnMs,
                                     selfAttentionFlops(B, n, c0) / attnMs / 1e6, double(n)));
      const double cnMs =
          timeMs(request.iterations, t.device, [&] { controlnet->forward(x, ts, ctx, hint, 1.0); });
      print("  [" + tag + "] " + fmt("ControlNet       %9.1f ms  %7.1f GFLOP/s (encoder copy; hint encoder not counted)",
                                     cnMs, cf.total / cnMs / 1e6));
      LinearPreviewDecoder preview;
      const auto lat = torch::randn({1, ucfg.inChannels, h, w});
      const double prevMs = timeMs(request.iterations, t.device,
                                   [&] { preview.decode(lat, int(w * scale), int(h * scale)); });
      print("  [" + tag + "] " + fmt("preview          %9.1f ms", prevMs));
      auto z = torch::randn({1, vcfg.latentChannels, h, w}, opts);
      if (t.channels_last) z = z.contiguous(torch::MemoryFormat::ChannelsLast);
      const double decMs = timeMs(std::max(1, request.iterations - 1), t.device, [&] { vae->decode(z); });
      print("  [" + tag + "] " + fmt("VAE decode       %9.1f ms  (once per image)", decMs));
    }
    return true;
  } catch (const c10::Error& e) {
    if (error) *error = std::string("benchmark failed: ") + e.what_without_backtrace();
  } catch (const std::exception& e) {
    if (error) *error = std::string("benchmark failed: ") + e.what();
  }
  return false;
}

}  // namespace shotcraft::torch_engine
