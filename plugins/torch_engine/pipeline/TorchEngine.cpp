#include "plugins/torch_engine/pipeline/TorchEngine.h"

#include <chrono>
#include <cmath>
#include <filesystem>

#include "plugins/torch_engine/pipeline/TextConditioning.h"
#include "plugins/torch_engine/sampling/SamplerFactory.h"

namespace shotcraft::torch_engine {

namespace F = torch::nn::functional;

namespace {
using Clock = std::chrono::steady_clock;
double msSince(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

const char* kindName(engine::ControlKind k) {
  switch (k) {
    case engine::ControlKind::Depth: return "depth";
    case engine::ControlKind::Canny: return "canny";
    case engine::ControlKind::Pose: return "pose";
  }
  return "?";
}

torch::Tensor resizeImage(const Image& image, int width, int height) {
  auto t = imageToTensor(image);  // [1,3,h,w] in [-1,1]
  if (t.size(2) != height || t.size(3) != width) {
    t = F::interpolate(t, F::InterpolateFuncOptions()
                              .size(std::vector<int64_t>{height, width})
                              .mode(torch::kBilinear)
                              .align_corners(false)
                              .antialias(true));
  }
  return t;
}

// OpenBLAS's pthread pool spins against libtorch's OpenMP threads (DeviceSelect.h). A small UNet's matmuls are
// short, so the fight dominates: shotcraft-tiny's 8-step 256x144 `generate` took 1.51-1.58 s with the pool and
// 0.57-0.61 s with one OpenBLAS thread (2-core EPYC, quiet, 3 runs each). SD-sized UNets keep the pool for their
// long attention matmuls (not measured against one thread), as many threads as libtorch's.
bool isSmallUNet(nn::UNetImpl& unet) {
  constexpr int64_t kSmallUNetParameters = 100'000'000;
  int64_t parameters = 0;
  for (const auto& p : unet.parameters()) parameters += p.numel();
  return parameters < kSmallUNetParameters;
}

}  // namespace

torch::Tensor rescaleGuidance(const torch::Tensor& guided, const torch::Tensor& promptPass, double fraction) {
  std::vector<int64_t> dims;
  for (int64_t d = 1; d < guided.dim(); ++d) dims.push_back(d);
  const torch::Tensor rescaled = guided * (promptPass.std(dims, true, true) / guided.std(dims, true, true));
  return fraction * rescaled + (1.0 - fraction) * guided;
}

torch::Tensor controlTensor(const Image& image, int width, int height, const torch::Device& device,
                            torch::ScalarType dtype) {
  return resizeImage(image, width, height).add(1.0).mul(0.5).clamp(0, 1).to(device, dtype);
}

TorchEngine::TorchEngine(ModelBundle bundle) : m_bundle(std::move(bundle)) {}

engine::EngineInfo TorchEngine::info() const {
  engine::EngineInfo i;
  i.model_name = m_bundle.name;
  i.device = m_bundle.target.deviceName();
  i.precision = m_bundle.target.dtypeName();
  i.latent_channels = m_bundle.latentChannels();
  i.vae_scale = m_bundle.vaeScale();
  return i;
}

std::string TorchEngine::validate(const engine::GenerationRequest& r) const {
  const int scale = m_bundle.vaeScale();
  if (r.width < scale * 2 || r.height < scale * 2 || r.width % scale != 0 || r.height % scale != 0) {
    return "size " + std::to_string(r.width) + "x" + std::to_string(r.height) + " must be a multiple of " +
           std::to_string(scale) + " and at least " + std::to_string(2 * scale) + " on each side";
  }
  if (r.steps < 1 || r.steps > 1000) return "steps must be 1..1000, got " + std::to_string(r.steps);
  if (!(r.cfg_scale >= 0 && r.cfg_scale <= 50)) return "cfg scale must be 0..50";
  if (!(r.guidance_rescale >= 0 && r.guidance_rescale <= 1)) return "guidance rescale must be 0..1";
  if (r.init_image && (!(r.strength > 0) || r.strength > 1)) return "img2img strength must be in (0, 1]";
  if (r.init_image && r.init_image->empty()) return "the init image is empty";
  for (const auto& c : r.controls) {
    if (c.image.empty()) return std::string(kindName(c.kind)) + " control: the control image is empty";
    if (!(c.weight >= 0 && c.weight <= 2)) return std::string(kindName(c.kind)) + " control: weight must be 0..2";
    if (!(c.start >= 0 && c.start <= c.end && c.end <= 1)) {
      return std::string(kindName(c.kind)) + " control: need 0 <= start <= end <= 1";
    }
    if (c.weight > 0 && !m_bundle.controlnets[size_t(c.kind)]) {
      return std::string("model '") + m_bundle.name + "' has no " + kindName(c.kind) + " ControlNet";
    }
  }
  for (const auto& l : r.loras) {
    if (!(l.weight >= -4 && l.weight <= 4)) return "LoRA '" + l.path + "': weight must be -4..4";
    if (!std::filesystem::is_regular_file(l.path)) return "LoRA '" + l.path + "' does not exist";
  }
  return {};
}

std::string TorchEngine::applyLoras(const std::vector<engine::LoraRef>& loras) {
  std::vector<std::pair<std::string, float>> wanted;
  for (const auto& l : loras) {
    if (l.weight != 0.0f) wanted.emplace_back(l.path, l.weight);
  }
  if (wanted == m_appliedLoras) return {};
  m_loras.restore();
  m_appliedLoras.clear();
  std::vector<lora::LoraWeights> files(wanted.size());
  std::vector<std::pair<const lora::LoraWeights*, float>> stack;
  std::string error;
  for (size_t i = 0; i < wanted.size(); ++i) {
    if (!lora::loadLora(wanted[i].first, m_bundle.unet, &m_bundle.text, &files[i], &error)) return error;
    stack.emplace_back(&files[i], wanted[i].second);
  }
  if (!m_loras.apply(m_bundle.unet, &m_bundle.text, stack, &error)) return error;
  m_appliedLoras = std::move(wanted);
  return {};
}

engine::GenerationResult TorchEngine::generate(const engine::GenerationRequest& request,
                                               const engine::ProgressCallback& progress,
                                               const engine::CancelToken& cancel) {
  engine::GenerationResult result;
  if (std::string problem = validate(request); !problem.empty()) {
    result.error = problem;
    return result;
  }
  try {
    return run(request, progress, cancel);
  } catch (const c10::Error& e) {
    result.error = std::string("engine error: ") + e.what_without_backtrace();
  } catch (const std::exception& e) {
    result.error = std::string("engine error: ") + e.what();
  }
  return result;
}

torch::Tensor TorchEngine::encodeImage(const Image& image, int width, int height) {
  torch::NoGradGuard ng;
  auto x = resizeImage(image, width, height).to(m_bundle.target.device, m_bundle.vaeDtype);
  if (m_bundle.target.channels_last) x = x.contiguous(torch::MemoryFormat::ChannelsLast);
  return m_bundle.vae->encodeToLatents(x).to(torch::kFloat32);
}

Image TorchEngine::decodeLatent(const torch::Tensor& latent) {
  torch::NoGradGuard ng;
  auto z = latent.to(m_bundle.target.device, m_bundle.vaeDtype);
  if (m_bundle.target.channels_last) z = z.contiguous(torch::MemoryFormat::ChannelsLast);
  return tensorToImage(m_bundle.vae->decodeLatents(z).to(torch::kFloat32));
}

Image TorchEngine::decodeLatentTiny(const torch::Tensor& latent, int width, int height) {
  torch::NoGradGuard ng;
  auto image = m_bundle.taesd->decode(latent.to(m_bundle.target.device, torch::kFloat32));
  if (image.size(2) != height || image.size(3) != width) {
    image = F::interpolate(image, F::InterpolateFuncOptions()
                                      .size(std::vector<int64_t>{height, width})
                                      .mode(torch::kBilinear)
                                      .align_corners(false)
                                      .antialias(image.size(2) > height));
  }
  return tensorToImage(image.cpu());
}

Image TorchEngine::previewLatent(const torch::Tensor& latent, int width, int height) {
  if (m_bundle.taesd) return decodeLatentTiny(latent, width, height);
  return m_bundle.preview.decode(latent, width, height);
}

bool TorchEngine::autoencode(const Image& image, Image* out, std::string* error) {
  const int scale = m_bundle.vaeScale();
  if (image.empty() || image.channels != 3 || image.width % scale != 0 || image.height % scale != 0) {
    *error = "autoencode: need an RGB image whose sides are multiples of " + std::to_string(scale) + ", got " +
             std::to_string(image.width) + "x" + std::to_string(image.height) + "x" + std::to_string(image.channels);
    return false;
  }
  try {
    torch::NoGradGuard ng;
    applyThreads(m_bundle.target.threads);
    *out = decodeLatent(encodeImage(image, image.width, image.height));
    return true;
  } catch (const c10::Error& e) {
    *error = std::string("autoencode: ") + e.what_without_backtrace();
  } catch (const std::exception& e) {
    *error = std::string("autoencode: ") + e.what();
  }
  return false;
}

engine::GenerationResult TorchEngine::run(const engine::GenerationRequest& r, const engine::ProgressCallback& progress,
                                          const engine::CancelToken& cancel) {
  torch::NoGradGuard ng;
  applyThreads(m_bundle.target.threads);
  if (!m_bundle.target.device.is_cuda()) setBlasThreads(isSmallUNet(*m_bundle.unet) ? 1 : m_bundle.target.threads);
  engine::GenerationResult result;
  const auto t0 = Clock::now();
  const auto& target = m_bundle.target;
  if (std::string loraError = applyLoras(r.loras); !loraError.empty()) {
    result.error = loraError;
    return result;
  }

  // 1. Text.
  const bool guided = r.cfg_scale > 1.0f;
  TextConditioningOptions textOptions;
  const auto& tok = *m_bundle.tokenizer;
  const int windows = std::max(promptWindows(r.prompt, tok), guided ? promptWindows(r.negative_prompt, tok) : 1);
  torch::Tensor context = encodePrompt(r.prompt, tok, m_bundle.text, textOptions, windows);
  if (guided) {
    context = torch::cat({encodePrompt(r.negative_prompt, tok, m_bundle.text, textOptions, windows), context}, 0);
  }
  context = context.to(target.device, target.dtype);
  result.timings.text_ms = msSince(t0);

  // 2. Schedule and the initial latent: the seed's noise is drawn on torch's CPU generator, as A1111/ComfyUI do.
  std::string error;
  auto sampler = createSampler(r.sampler, m_bundle.scheduler, &error);
  if (!sampler || !sampler->setSteps(r.steps, r.init_image ? r.strength : 1.0, &error)) {
    result.error = error;
    return result;
  }
  const int scale = m_bundle.vaeScale();
  const int64_t h = r.height / scale;
  const int64_t w = r.width / scale;
  torch::Generator gen = makeCpuGenerator(r.seed);
  const auto noise = torch::randn({1, m_bundle.latentChannels(), h, w}, gen, torch::TensorOptions(torch::kFloat32));
  torch::Tensor x;
  if (r.init_image) {
    x = sampler->noisedLatents(encodeImage(*r.init_image, r.width, r.height).cpu(), noise);
  } else {
    x = sampler->initialLatents(noise);
  }
  x = x.to(target.device);

  // 3. Controls, prepared once. Under guidance a ControlFirst control runs on the prompt's half of the batch
  // only (engine::ControlMode); the negative prompt's half gets no residual from it.
  struct ActiveControl {
    nn::ControlNet net;
    torch::Tensor image;
    float weight, start, end;
    bool promptPassOnly;
  };
  std::vector<ActiveControl> controls;
  for (const auto& c : r.controls) {
    if (c.weight <= 0) continue;  // weight 0 is exactly "no control"
    const nn::ControlNet& net = m_bundle.controlnets[size_t(c.kind)];
    const bool controlFirst = c.mode == engine::ControlMode::ControlFirst ||
                              (c.mode == engine::ControlMode::Auto && net->config().controlFirst);
    auto img = controlTensor(c.image, r.width, r.height, target.device, target.dtype);
    const bool promptPassOnly = guided && controlFirst;
    if (guided && !promptPassOnly) img = torch::cat({img, img}, 0);
    controls.push_back({net, img, c.weight, c.start, c.end, promptPassOnly});
  }

  // 4. Denoise.
  const int calls = sampler->callCount();
  int callIndex = 0;
  const auto denoiser = [&](const torch::Tensor& modelInput, double timestep) {
    auto in = modelInput.to(target.dtype);
    if (guided) in = torch::cat({in, in}, 0);
    if (target.channels_last) in = in.contiguous(torch::MemoryFormat::ChannelsLast);
    const auto t = torch::full({in.size(0)}, timestep, torch::TensorOptions(torch::kFloat32).device(target.device));
    nn::ControlResiduals residuals;
    const double fraction0 = double(callIndex) / calls;
    const double fraction1 = double(callIndex + 1) / calls;
    for (auto& c : controls) {
      if (fraction0 < c.start || fraction1 > c.end + 1e-9) continue;  // outside its part of the schedule
      if (!c.promptPassOnly) {
        residuals.add(c.net->forward(in, t, context, c.image, c.weight));
        continue;
      }
      const int64_t half = in.size(0) / 2;  // [negative prompt's pass, prompt's pass]
      nn::ControlResiduals promptPass = c.net->forward(in.narrow(0, half, half), t.narrow(0, half, half),
                                                       context.narrow(0, half, half), c.image, c.weight);
      for (auto& d : promptPass.down) d = torch::cat({torch::zeros_like(d), d}, 0);
      promptPass.mid = torch::cat({torch::zeros_like(promptPass.mid), promptPass.mid}, 0);
      residuals.add(promptPass);
    }
    auto out = m_bundle.unet->forward(in, t, context, residuals.empty() ? nullptr : &residuals).to(torch::kFloat32);
    if (guided) {
      auto chunks = out.chunk(2, 0);
      out = chunks[0] + r.cfg_scale * (chunks[1] - chunks[0]);
      if (r.guidance_rescale > 0) out = rescaleGuidance(out, chunks[1], r.guidance_rescale);
    }
    return out.contiguous();
  };
  auto stepStart = Clock::now();
  const auto onStep = [&](const SamplerProgress& p) {
    callIndex = p.index + 1;
    if (!progress) return;
    engine::Progress pr;
    pr.step = p.index + 1;
    pr.total = p.count;
    pr.step_ms = msSince(stepStart);
    if (r.preview_every_step) pr.preview = previewLatent(p.denoised, r.width, r.height);
    progress(pr);
    stepStart = Clock::now();
  };
  const auto ts = Clock::now();
  const auto sampled = sampler->sample(x, denoiser, generatorNoise(gen), onStep, &cancel);
  result.timings.sample_ms = msSince(ts);
  if (sampled.cancelled || cancel.isCancelled()) {
    result.cancelled = true;
    result.error = "cancelled";
    return result;
  }

  // 5. Decode.
  const auto td = Clock::now();
  result.image = m_bundle.taesd && m_bundle.draftDecode ? decodeLatentTiny(sampled.latents, r.width, r.height)
                                                        : decodeLatent(sampled.latents);
  result.timings.decode_ms = msSince(td);
  result.timings.total_ms = msSince(t0);
  result.ok = true;
  return result;
}

}  // namespace shotcraft::torch_engine
