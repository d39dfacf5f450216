#include "plugins/torch_engine/nn/UNet.h"

#include "plugins/torch_engine/nn/Norms.h"
#include "plugins/torch_engine/nn/ParameterInit.h"
#include "plugins/torch_engine/nn/StateDict.h"
#include "plugins/torch_engine/safetensors/SafeTensorsFile.h"

namespace shotcraft::torch_engine::nn {

void ControlResiduals::add(const ControlResiduals& other) {
  if (other.empty()) return;
  if (empty()) {
    *this = other;
    return;
  }
  TORCH_CHECK(down.size() == other.down.size(), "ControlNet residual counts differ: ", down.size(), " vs ",
              other.down.size());
  for (size_t i = 0; i < down.size(); ++i) down[i] = down[i] + other.down[i];
  mid = mid.defined() ? (other.mid.defined() ? mid + other.mid : mid) : other.mid;
}

torch::Tensor broadcastTimesteps(const torch::Tensor& timesteps, int64_t batch, const torch::Device& device) {
  torch::Tensor t = timesteps.to(device, torch::kFloat32).reshape({-1});
  if (t.size(0) == 1 && batch != 1) t = t.expand({batch});
  TORCH_CHECK(t.size(0) == batch, "timesteps have ", t.size(0), " entries for a batch of ", batch);
  return t;
}

UNetImpl::UNetImpl(const UNetConfig& config) : m_config(config) {
  std::string error;
  TORCH_CHECK(config.validate(&error), error);
  const int64_t c0 = config.blockOutChannels[0];
  conv_in = register_module("conv_in", makeConv2d(config.inChannels, c0, config.convInKernel));
  time_embedding = register_module("time_embedding", TimestepEmbedding(c0, config.timeEmbedDim()));
  if (config.additionEmbedType == "text") {
    add_embedding = register_module(
        "add_embedding",
        TextTimeEmbedding(config.crossAttentionDim[0], config.timeEmbedDim(), config.additionEmbedTypeNumHeads));
  }
  down_blocks = register_module("down_blocks", torch::nn::ModuleList());
  for (size_t i = 0; i < config.blockOutChannels.size(); ++i) {
    m_down.push_back(DownBlock(downBlockOptions(config, i)));
    down_blocks->push_back(m_down.back());
  }
  mid_block = register_module("mid_block", MidBlock(midBlockOptions(config), config.midBlockScaleFactor));
  up_blocks = register_module("up_blocks", torch::nn::ModuleList());
  for (size_t i = 0; i < config.upBlockTypes.size(); ++i) {
    m_up.push_back(UpBlock(upBlockOptions(config, i)));
    up_blocks->push_back(m_up.back());
  }
  conv_norm_out = register_module("conv_norm_out", makeGroupNorm(config.normNumGroups, c0, config.normEps));
  conv_out = register_module("conv_out", makeConv2d(c0, config.outChannels, config.convOutKernel));
}

torch::Tensor UNetImpl::embedTimesteps(const torch::Tensor& timesteps, int64_t batch, Intermediates* trace) {
  const torch::Tensor t = broadcastTimesteps(timesteps, batch, conv_in->weight.device());
  torch::Tensor proj = timestepEmbedding(t, m_config.blockOutChannels[0], m_config.flipSinToCos, m_config.freqShift)
                           .to(conv_in->weight.scalar_type());
  torch::Tensor emb = time_embedding(proj);
  if (trace) {
    (*trace)["time_proj"] = proj;
    (*trace)["time_embedding"] = emb;
  }
  return emb;
}

torch::Tensor UNetImpl::embed(const torch::Tensor& timesteps, const torch::Tensor& encoderHiddenStates, int64_t batch,
                              Intermediates* trace) {
  torch::Tensor emb = embedTimesteps(timesteps, batch, trace);
  if (add_embedding) {
    TORCH_CHECK(encoderHiddenStates.defined() && encoderHiddenStates.dim() == 3,
                "a UNet with addition_embed_type \"text\" needs encoder hidden states [B, tokens, dim]");
    const torch::Tensor added = add_embedding(encoderHiddenStates);
    if (trace) (*trace)["add_embedding"] = added;
    emb = emb + added.to(emb.scalar_type());
  }
  return emb;
}

torch::Tensor UNetImpl::forward(const torch::Tensor& sample, const torch::Tensor& timesteps,
                                const torch::Tensor& encoderHiddenStates, const ControlResiduals* control,
                                Intermediates* trace) {
  TORCH_CHECK(sample.dim() == 4, "UNet sample must be [B, C, H, W], got ", sample.sizes());
  const torch::Tensor emb = embed(timesteps, encoderHiddenStates, sample.size(0), trace);
  torch::Tensor h = m_config.centerInputSample ? 2.0 * sample - 1.0 : sample;
  h = conv_in(h);
  if (trace) (*trace)["conv_in"] = h;

  std::vector<torch::Tensor> skips{h};
  for (size_t i = 0; i < m_down.size(); ++i) {
    h = m_down[i](h, emb, encoderHiddenStates, &skips);
    if (trace) (*trace)["down_blocks." + std::to_string(i)] = h;
  }
  if (control && !control->down.empty()) {
    TORCH_CHECK(control->down.size() == skips.size(), "ControlNet gives ", control->down.size(),
                " down residuals, the UNet has ", skips.size(), " skip connections");
    for (size_t i = 0; i < skips.size(); ++i) skips[i] = skips[i] + control->down[i];
  }
  h = mid_block(h, emb, encoderHiddenStates);
  if (control && control->mid.defined()) h = h + control->mid;
  if (trace) (*trace)["mid_block"] = h;

  for (size_t i = 0; i < m_up.size(); ++i) {
    std::optional<std::vector<int64_t>> upsampleSize;
    const size_t consumed = m_up[i]->resnets->size();
    if (skips.size() > consumed) {
      const torch::Tensor& next = skips[skips.size() - consumed - 1];
      upsampleSize = std::vector<int64_t>{next.size(2), next.size(3)};
    }
    h = m_up[i](h, emb, encoderHiddenStates, &skips, upsampleSize);
    if (trace) (*trace)["up_blocks." + std::to_string(i)] = h;
  }
  h = applyNorm(conv_norm_out, h);
  if (trace) (*trace)["conv_norm_out"] = h;
  return conv_out(torch::silu(h));
}

bool loadUNet(const std::string& configPath, const std::string& weightsPath, const std::string& prefix, UNet* out,
              std::string* error) {
  UNetConfig config;
  if (!UNetConfig::fromFile(configPath, &config, error)) return false;
  auto file = SafeTensorsFile::open(weightsPath, error);
  if (!file) return false;
  try {
    UNet unet = buildForLoading<UNet>(config);
    unet->eval();
    if (!loadStateDict(*unet, *file, prefix, /*strict=*/true, error)) return false;
    *out = unet;
  } catch (const c10::Error& e) {
    if (error) *error = configPath + ": cannot build the UNet: " + e.what_without_backtrace();
    return false;
  }
  return true;
}

bool loadUNetFolder(const std::string& folder, UNet* out, std::string* error) {
  return loadUNet(folder + "/config.json", folder + "/diffusion_pytorch_model.safetensors", "", out, error);
}

}  // namespace shotcraft::torch_engine::nn
