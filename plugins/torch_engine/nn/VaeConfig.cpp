#include "plugins/torch_engine/nn/VaeConfig.h"

#include "plugins/torch_engine/nn/JsonFields.h"

namespace shotcraft::torch_engine::nn {

bool VaeConfig::validate(std::string* error) const {
  auto fail = [&](const std::string& message) {
    if (error) *error = "vae config: " + message;
    return false;
  };
  if (blockOutChannels.empty() || blockOutChannels.size() > 8) return fail("block_out_channels needs 1..8 entries");
  for (int64_t c : blockOutChannels) {
    if (c <= 0 || normNumGroups <= 0 || c % normNumGroups != 0) {
      return fail("block_out_channels must be positive multiples of norm_num_groups");
    }
  }
  if (downBlockTypes.size() != blockOutChannels.size() || upBlockTypes.size() != blockOutChannels.size()) {
    return fail("down/up_block_types and block_out_channels differ in length");
  }
  for (const std::string& t : downBlockTypes) {
    if (t != "DownEncoderBlock2D") return fail("down block type \"" + t + "\" is not supported");
  }
  for (const std::string& t : upBlockTypes) {
    if (t != "UpDecoderBlock2D") return fail("up block type \"" + t + "\" is not supported");
  }
  if (layersPerBlock < 1 || layersPerBlock > 16) return fail("layers_per_block out of range");
  if (inChannels <= 0 || outChannels <= 0 || latentChannels <= 0) return fail("channel counts must be positive");
  if (!(scalingFactor > 0.0)) return fail("scaling_factor must be positive");
  return true;
}

bool VaeConfig::fromJson(const std::string& jsonText, VaeConfig* out, std::string* error) {
  QJsonObject obj;
  if (!JsonFields::parse(jsonText, &obj, error)) return false;
  JsonFields r(obj);
  VaeConfig c;
  r.readInt("in_channels", &c.inChannels);
  r.readInt("out_channels", &c.outChannels);
  r.readIntList("block_out_channels", &c.blockOutChannels);
  r.readInt("layers_per_block", &c.layersPerBlock);
  r.readInt("latent_channels", &c.latentChannels);
  r.readInt("norm_num_groups", &c.normNumGroups);
  r.readDouble("scaling_factor", &c.scalingFactor);
  r.readDouble("shift_factor", &c.shiftFactor);
  r.readInt("sample_size", &c.sampleSize);
  r.readBool("use_quant_conv", &c.useQuantConv);
  r.readBool("use_post_quant_conv", &c.usePostQuantConv);
  r.readBool("mid_block_add_attention", &c.midBlockAddAttention);
  r.readBool("force_upcast", &c.forceUpcast);
  c.downBlockTypes.assign(c.blockOutChannels.size(), "DownEncoderBlock2D");
  c.upBlockTypes.assign(c.blockOutChannels.size(), "UpDecoderBlock2D");
  r.readStringList("down_block_types", &c.downBlockTypes);
  r.readStringList("up_block_types", &c.upBlockTypes);
  std::string act = "silu";
  r.readString("act_fn", &act);
  if (!r.ok()) {
    if (error) *error = "vae config: " + r.error();
    return false;
  }
  auto reject = [&](const std::string& message) {
    if (error) *error = "vae config: " + message;
    return false;
  };
  if (act != "silu") return reject("\"act_fn\" = \"" + act + "\" is not supported");
  if (r.has("latents_mean") || r.has("latents_std")) return reject("\"latents_mean\"/\"latents_std\" are not supported");
  if (!c.validate(error)) return false;
  *out = c;
  return true;
}

bool VaeConfig::fromFile(const std::string& path, VaeConfig* out, std::string* error) {
  std::string text;
  if (!JsonFields::readFile(path, &text, error)) return false;
  if (!fromJson(text, out, error)) {
    if (error) *error = path + ": " + *error;
    return false;
  }
  return true;
}

}  // namespace shotcraft::torch_engine::nn
