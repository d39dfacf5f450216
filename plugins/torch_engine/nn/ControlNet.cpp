#include "plugins/torch_engine/nn/ControlNet.h"

#include "plugins/torch_engine/nn/Autocast.h"
#include "plugins/torch_engine/nn/ParameterInit.h"
#include "plugins/torch_engine/nn/StateDict.h"
#include "plugins/torch_engine/safetensors/SafeTensorsFile.h"

namespace shotcraft::torch_engine::nn {

ControlNetConditioningEmbeddingImpl::ControlNetConditioningEmbeddingImpl(int64_t conditioningChannels,
                                                                         const std::vector<int64_t>& channels,
                                                                         int64_t outChannels) {
  conv_in = register_module("conv_in", makeConv2d(conditioningChannels, channels.at(0), 3));
  blocks = register_module("blocks", torch::nn::ModuleList());
  for (size_t i = 0; i + 1 < channels.size(); ++i) {
    m_blocks.push_back(makeConv2d(channels[i], channels[i], 3));
    blocks->push_back(m_blocks.back());
    m_blocks.push_back(makeConv2d(channels[i], channels[i + 1], 3, 2));
    blocks->push_back(m_blocks.back());
  }
  conv_out = register_module("conv_out", makeConv2d(channels.back(), outChannels, 3));
}

torch::Tensor ControlNetConditioningEmbeddingImpl::forward(const torch::Tensor& cond) {
  // Under bf16 autocast (training), Debian 12's oneDNN 2.6 AMX kernels return non-finite weight gradients for
  // these full-resolution convolutions with 3-16 channels (TrainPrecision.Bf16AutocastControlNetMatchesFp32):
  // this small net runs in its weights' own type.
  const AutocastPause ownPrecision;
  return conv_out(features(cond));
}

torch::Tensor ControlNetConditioningEmbeddingImpl::features(const torch::Tensor& cond) {
  const AutocastPause ownPrecision;
  torch::Tensor h = torch::silu(conv_in(cond));
  for (auto& conv : m_blocks) h = torch::silu(conv(h));
  return h;
}

ControlNetImpl::ControlNetImpl(const ControlNetConfig& config) : m_config(config) {
  std::string error;
  TORCH_CHECK(config.validate(&error), error);
  const UNetConfig& u = config.unet;
  const int64_t c0 = u.blockOutChannels[0];
  conv_in = register_module("conv_in", makeConv2d(u.inChannels, c0, u.convInKernel));
  time_embedding = register_module("time_embedding", TimestepEmbedding(c0, u.timeEmbedDim()));
  controlnet_cond_embedding = register_module(
      "controlnet_cond_embedding",
      ControlNetConditioningEmbedding(config.conditioningChannels, config.conditioningEmbeddingOutChannels, c0));
  down_blocks = register_module("down_blocks", torch::nn::ModuleList());
  controlnet_down_blocks = register_module("controlnet_down_blocks", torch::nn::ModuleList());
  auto addZeroConv = [this](int64_t channels) {
    m_zeroConvs.push_back(makeConv2d(channels, channels, 1));
    controlnet_down_blocks->push_back(m_zeroConvs.back());
  };
  addZeroConv(c0);
  for (size_t i = 0; i < u.blockOutChannels.size(); ++i) {
    m_down.push_back(DownBlock(downBlockOptions(u, i)));
    down_blocks->push_back(m_down.back());
    for (int64_t k = 0; k < m_down.back()->skipCount(); ++k) addZeroConv(u.blockOutChannels[i]);
  }
  mid_block = register_module("mid_block", MidBlock(midBlockOptions(u), u.midBlockScaleFactor));
  controlnet_mid_block =
      register_module("controlnet_mid_block", makeConv2d(u.blockOutChannels.back(), u.blockOutChannels.back(), 1));
}

ControlResiduals ControlNetImpl::forward(const torch::Tensor& sample, const torch::Tensor& timesteps,
                                         const torch::Tensor& encoderHiddenStates, const torch::Tensor& cond,
                                         double scale, Intermediates* trace) {
  TORCH_CHECK(sample.dim() == 4 && cond.dim() == 4, "ControlNet expects [B, C, H, W] sample and control image");
  const UNetConfig& u = m_config.unet;
  const torch::Tensor t = broadcastTimesteps(timesteps, sample.size(0), conv_in->weight.device());
  const torch::Tensor emb = time_embedding(
      timestepEmbedding(t, u.blockOutChannels[0], u.flipSinToCos, u.freqShift).to(conv_in->weight.scalar_type()));
  torch::Tensor image = m_config.bgrConditioning ? cond.flip({1}) : cond;
  image = image.to(conv_in->weight.device(), conv_in->weight.scalar_type());
  torch::Tensor h = conv_in(u.centerInputSample ? 2.0 * sample - 1.0 : sample);
  const torch::Tensor condEmbedding = controlnet_cond_embedding(image);
  if (trace) {
    (*trace)["time_embedding"] = emb;
    (*trace)["conv_in"] = h;
    (*trace)["controlnet_cond_embedding"] = condEmbedding;
  }
  h = h + condEmbedding;

  std::vector<torch::Tensor> skips{h};
  for (auto& block : m_down) h = block(h, emb, encoderHiddenStates, &skips);
  h = mid_block(h, emb, encoderHiddenStates);

  ControlResiduals out;
  TORCH_CHECK(skips.size() == m_zeroConvs.size(), "ControlNet: skip count mismatch");
  for (size_t i = 0; i < skips.size(); ++i) out.down.push_back(m_zeroConvs[i](skips[i]));
  out.mid = controlnet_mid_block(h);
  if (m_config.globalPoolConditions) {
    for (auto& d : out.down) d = d.mean({2, 3}, /*keepdim=*/true);
    out.mid = out.mid.mean({2, 3}, true);
  }
  for (auto& d : out.down) d = d * scale;
  out.mid = out.mid * scale;
  return out;
}

bool loadControlNet(const std::string& configPath, const std::string& weightsPath, ControlNet* out,
                    std::string* error) {
  ControlNetConfig config;
  if (!ControlNetConfig::fromFile(configPath, &config, error)) return false;
  auto file = SafeTensorsFile::open(weightsPath, error);
  if (!file) return false;
  try {
    ControlNet net = buildForLoading<ControlNet>(config);
    net->eval();
    if (!loadStateDict(*net, *file, "", /*strict=*/true, error)) return false;
    *out = net;
  } catch (const c10::Error& e) {
    if (error) *error = configPath + ": cannot build the ControlNet: " + e.what_without_backtrace();
    return false;
  }
  return true;
}

bool loadControlNetFolder(const std::string& folder, ControlNet* out, std::string* error) {
  return loadControlNet(folder + "/config.json", folder + "/diffusion_pytorch_model.safetensors", out, error);
}

}  // namespace shotcraft::torch_engine::nn
