#include "plugins/torch_engine/nn/Taesd.h"

#include "plugins/torch_engine/nn/JsonFields.h"
#include "plugins/torch_engine/nn/Layers.h"

namespace shotcraft::torch_engine::nn {

namespace {

Conv2d conv3x3(int64_t in, int64_t out, int64_t stride = 1, bool bias = true) {
  return Conv2d(Conv2dSpec{in, out, 3, stride, 1, bias});
}

}  // namespace

bool TaesdConfig::validate(std::string* error) const {
  auto fail = [&](const std::string& message) {
    if (error) *error = "taesd config: " + message;
    return false;
  };
  if (imageChannels <= 0 || latentChannels <= 0 || channels <= 0) return fail("channel counts must be positive");
  if (encoderBlocks.empty() || encoderBlocks.size() > 6 || decoderBlocks.empty() || decoderBlocks.size() > 6) {
    return fail("num_encoder_blocks / num_decoder_blocks need 1..6 entries");
  }
  for (int64_t n : encoderBlocks) {
    if (n < 0 || n > 16) return fail("num_encoder_blocks entries must be 0..16");
  }
  for (int64_t n : decoderBlocks) {
    if (n < 0 || n > 16) return fail("num_decoder_blocks entries must be 0..16");
  }
  if (!(scalingFactor > 0.0)) return fail("scaling_factor must be positive");
  return true;
}

bool TaesdConfig::fromFile(const std::string& path, TaesdConfig* out, std::string* error) {
  std::string text;
  if (!JsonFields::readFile(path, &text, error)) return false;
  QJsonObject obj;
  if (!JsonFields::parse(text, &obj, error)) {
    if (error) *error = path + ": " + *error;
    return false;
  }
  JsonFields r(obj);
  TaesdConfig c;
  std::vector<int64_t> encoderChannels{64, 64, 64, 64}, decoderChannels{64, 64, 64, 64};
  int64_t inChannels = 3, upsampling = 2;
  std::string act = "relu", upsampleFn = "nearest";
  r.readInt("in_channels", &inChannels);
  r.readInt("out_channels", &c.imageChannels);
  r.readInt("latent_channels", &c.latentChannels);
  r.readIntList("encoder_block_out_channels", &encoderChannels);
  r.readIntList("decoder_block_out_channels", &decoderChannels);
  r.readIntList("num_encoder_blocks", &c.encoderBlocks);
  r.readIntList("num_decoder_blocks", &c.decoderBlocks);
  r.readInt("upsampling_scaling_factor", &upsampling);
  r.readString("act_fn", &act);
  r.readString("upsample_fn", &upsampleFn);
  r.readDouble("scaling_factor", &c.scalingFactor);
  auto fail = [&](const std::string& message) {
    if (error) *error = path + ": taesd config: " + message;
    return false;
  };
  if (!r.ok()) return fail(r.error());
  if (act != "relu") return fail("\"act_fn\" = \"" + act + "\" is not supported (relu only)");
  if (upsampleFn != "nearest") return fail("\"upsample_fn\" = \"" + upsampleFn + "\" is not supported");
  if (upsampling != 2) return fail("\"upsampling_scaling_factor\" must be 2");
  if (inChannels != c.imageChannels) return fail("\"in_channels\" and \"out_channels\" differ");
  if (encoderChannels.empty() || decoderChannels.empty()) return fail("block_out_channels are empty");
  for (int64_t ch : encoderChannels) {
    if (ch != encoderChannels[0]) return fail("\"encoder_block_out_channels\" must be all equal");
  }
  for (int64_t ch : decoderChannels) {
    if (ch != encoderChannels[0]) return fail("\"decoder_block_out_channels\" must equal the encoder's");
  }
  if (encoderChannels.size() != c.encoderBlocks.size() || decoderChannels.size() != c.decoderBlocks.size()) {
    return fail("block_out_channels and num_*_blocks differ in length");
  }
  c.channels = encoderChannels[0];
  std::string why;
  if (!c.validate(&why)) {
    if (error) *error = path + ": " + why;
    return false;
  }
  *out = c;
  return true;
}

TaesdBlockImpl::TaesdBlockImpl(int64_t channels) {
  m_conv = register_module("conv", torch::nn::Sequential(conv3x3(channels, channels), torch::nn::ReLU(),
                                                         conv3x3(channels, channels), torch::nn::ReLU(),
                                                         conv3x3(channels, channels)));
}

torch::Tensor TaesdBlockImpl::forward(const torch::Tensor& x) { return torch::relu(m_conv->forward(x) + x); }

TaesdImpl::TaesdImpl(const TaesdConfig& config) : m_config(config) {
  const int64_t c = config.channels;
  torch::nn::Sequential dec;
  dec->push_back(conv3x3(config.latentChannels, c));
  dec->push_back(torch::nn::ReLU());
  const size_t levels = config.decoderBlocks.size();
  for (size_t i = 0; i < levels; ++i) {
    const bool last = i + 1 == levels;
    for (int64_t b = 0; b < config.decoderBlocks[i]; ++b) dec->push_back(TaesdBlock(c));
    if (!last) {
      dec->push_back(torch::nn::Upsample(
          torch::nn::UpsampleOptions().scale_factor(std::vector<double>{2.0, 2.0}).mode(torch::kNearest)));
    }
    dec->push_back(conv3x3(c, last ? config.imageChannels : c, 1, last));
  }
  m_decoder = dec;
  m_decoderRoot = register_module("decoder", std::make_shared<torch::nn::Module>());
  m_decoderRoot->register_module("layers", m_decoder);
  if (config.withEncoder) {
    torch::nn::Sequential enc;
    for (size_t i = 0; i < config.encoderBlocks.size(); ++i) {
      enc->push_back(i == 0 ? conv3x3(config.imageChannels, c) : conv3x3(c, c, 2, false));
      for (int64_t b = 0; b < config.encoderBlocks[i]; ++b) enc->push_back(TaesdBlock(c));
    }
    enc->push_back(conv3x3(c, config.latentChannels));
    m_encoder = enc;
    m_encoderRoot = register_module("encoder", std::make_shared<torch::nn::Module>());
    m_encoderRoot->register_module("layers", m_encoder);
  }
}

torch::Tensor TaesdImpl::decode(const torch::Tensor& latents) {
  TORCH_CHECK(latents.dim() == 4 && latents.size(1) == m_config.latentChannels, "taesd: expected latents [N,",
              m_config.latentChannels, ",h,w], got ", latents.sizes());
  auto z = latents.div(m_config.scalingFactor);
  z = torch::tanh(z / 3.0) * 3.0;
  return m_decoder->forward(z).mul(2.0).sub(1.0);
}

torch::Tensor TaesdImpl::encode(const torch::Tensor& image) {
  TORCH_CHECK(hasEncoder(), "taesd: this tiny autoencoder has no encoder weights");
  TORCH_CHECK(image.dim() == 4 && image.size(1) == m_config.imageChannels, "taesd: expected an image [N,",
              m_config.imageChannels, ",H,W], got ", image.sizes());
  return m_encoder->forward(image.add(1.0).div(2.0)).mul(m_config.scalingFactor);
}

}  // namespace shotcraft::torch_engine::nn
